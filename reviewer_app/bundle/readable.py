"""Will the expert be able to read each material? Checked before sealing, with the viewer's engine.

The expert's viewer shows PDFs with pdfium through pypdfium2 (reviewer_app/bundle/pdf_pages.py);
the check uses the same engine (wheels for Windows, Linux and macOS). A PDF is
*unreadable* when pdfium cannot open it (damaged), asks for a password or uses a security
handler it does not know (locked), has no pages, cannot load one of its pages, or when its
first pages (up to BLANK_PAGES) all render pure white (blank: what the expert would see).
Pictures are decoded completely by reviewer_app/pictures.py, which is stricter than Qt's reader.

The file is opened by pdfium from its path and read on demand. Every page is checked the way
pdfium decides whether a page loads (its page dictionary is found), without parsing the page's
contents: loading a page reads its images, and pdfium keeps what a document has read until it
is closed, so loading all 308 pages of a 1 GiB scan cost 1 GiB of memory and a second read of
the file. Only the first BLANK_PAGES pages are loaded and rendered.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.rubric import Problem

BLANK_PAGES = 3  # a document whose first three pages are white is not what the organization meant to send
RENDER_SIDE = 200  # pixels on a page's long side when looking for ink
WHITE = 250  # a grey level below this is ink
MAX_PICTURE_BYTES = 256 * 1024 * 1024


def check_pdf(path: Path, shown_as: str) -> Problem | None:
    """The reason the PDF at `path` would not be readable in the expert's viewer, or None."""
    try:
        with open(path, "rb"):  # a plain sentence for a file that cannot be opened at all
            pass
    except OSError as error:
        return Problem(QT_TRANSLATE_NOOP("Errors", "The material file {file} cannot be read: {reason}."), file=shown_as, reason=error.strerror or str(error))
    fault = pdf_fault(path, blank_pages=BLANK_PAGES)
    if fault is None:
        return None
    kind, page, pages = fault
    if kind == LOCKED:
        return Problem(QT_TRANSLATE_NOOP(
            "Errors", "The material file {file} is locked with a password: the expert's viewer cannot open it. Save it without a password."), file=shown_as)
    if kind == NO_PAGES:
        return Problem(QT_TRANSLATE_NOOP("Errors", "The material file {file} has no pages."), file=shown_as)
    if kind == PAGE_MISSING:
        return Problem(QT_TRANSLATE_NOOP(
            "Errors", "The material file {file} is damaged: page {page} of {pages} cannot be shown. Export or scan it again."),
            file=shown_as, page=page, pages=pages)
    if kind == BLANK:
        return Problem(QT_TRANSLATE_NOOP(
            "Errors", "The material file {file} shows only white pages in the expert's viewer (first {pages} page(s)); check that it is the right file."),
            file=shown_as, pages=pages)
    return Problem(QT_TRANSLATE_NOOP(
        "Errors", "The material file {file} is damaged: the expert's viewer cannot open it. Export or scan it again."), file=shown_as)


LOCKED, DAMAGED, NO_PAGES, PAGE_MISSING, BLANK = "locked", "damaged", "no pages", "page missing", "blank"


def pdf_fault(source: Path | bytes, *, blank_pages: int = 0) -> tuple[str, int, int] | None:
    """What keeps pdfium (the expert's viewer) from showing a PDF, given as a file or its bytes:
    (kind, page, pages) — LOCKED, DAMAGED, NO_PAGES, PAGE_MISSING (that page of `pages`), or
    BLANK (its first `blank_pages` pages, if asked, are white) — or None."""
    from reviewer_app.bundle.pdf_pages import PDFIUM_LOCK

    with PDFIUM_LOCK:  # pdfium is not thread-safe (see pdf_pages)
        return _pdf_fault(source, blank_pages)


def _pdf_fault(source: Path | bytes, blank_pages: int) -> tuple[str, int, int] | None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        # From a path, pdfium's own file reading: no Python call per read.
        document = pdfium.PdfDocument(str(source) if isinstance(source, Path) else source)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY) and _declares_encryption(source):
            return LOCKED, 0, 0
        return DAMAGED, 0, 0
    try:
        return _page_fault(document, blank_pages)
    finally:
        document.close()


def _declares_encryption(source: Path | bytes) -> bool:
    from reviewer_app.bundle.pdf_pages import ENCRYPT_SCAN, declares_encryption

    if isinstance(source, bytes):
        return declares_encryption(source[:ENCRYPT_SCAN], source[-ENCRYPT_SCAN:])
    try:
        with open(source, "rb") as handle:
            head = handle.read(ENCRYPT_SCAN)
            handle.seek(max(0, handle.seek(0, 2) - ENCRYPT_SCAN))
            return declares_encryption(head, handle.read(ENCRYPT_SCAN))
    except OSError:
        return False


def _page_fault(document, blank_pages: int) -> tuple[str, int, int] | None:  # noqa: ANN001 - pypdfium2.PdfDocument
    count = len(document)
    if count == 0:
        return NO_PAGES, 0, 0
    for index in range(count):
        if not _page_loads(document, index):
            return PAGE_MISSING, index + 1, count
    if not blank_pages or any(_has_ink(document[index]) for index in range(min(count, blank_pages))):
        return None
    return BLANK, 0, min(count, blank_pages)


def _page_loads(document, index: int) -> bool:  # noqa: ANN001 - pypdfium2.PdfDocument
    """Whether pdfium would load page `index`: FPDF_LoadPage and FPDF_GetPageSizeByIndexF fail on
    exactly the same condition (no page dictionary), but the latter does not parse the contents."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    size = pdfium_c.FS_SIZEF()
    return bool(pdfium_c.FPDF_GetPageSizeByIndexF(document.raw, index, ctypes.byref(size)))


def _has_ink(page) -> bool:  # noqa: ANN001 - pypdfium2.PdfPage
    try:
        width, height = page.get_size()
        scale = RENDER_SIDE / max(width, height, 1.0)
        image = page.render(scale=scale, grayscale=True, may_draw_forms=True).to_pil()
        return image.convert("L").getextrema()[0] < WHITE
    finally:
        page.close()


def check_picture(path: Path, shown_as: str) -> Problem | None:
    """The reason the picture at `path` would not show completely, or None."""
    from reviewer_app import pictures

    try:
        if path.stat().st_size > MAX_PICTURE_BYTES:
            return Problem(QT_TRANSLATE_NOOP("Errors", "The material picture {file} is too large to be shown; save it smaller or as a PDF."), file=shown_as)
        data = path.read_bytes()
    except OSError as error:
        return Problem(QT_TRANSLATE_NOOP("Errors", "The material file {file} cannot be read: {reason}."), file=shown_as, reason=error.strerror or str(error))
    try:
        pictures.decode(data, RENDER_SIDE)
    except pictures.PictureRefused as refused:
        if refused.kind in (pictures.PictureRefused.TOO_LARGE, pictures.PictureRefused.BOMB):
            return Problem(QT_TRANSLATE_NOOP("Errors", "The material picture {file} is too large to be shown; save it smaller or as a PDF."), file=shown_as)
        return Problem(QT_TRANSLATE_NOOP("Errors", "The material picture {file} is damaged or incomplete: it cannot be shown completely."), file=shown_as)
    return None


def check_text(path: Path, shown_as: str) -> Problem | None:
    """The reason the text file at `path` would not be shown, or None (any bytes decode: textfiles)."""
    from reviewer_app import textfiles

    try:
        size = path.stat().st_size
    except OSError as error:
        return Problem(QT_TRANSLATE_NOOP("Errors", "The material file {file} cannot be read: {reason}."), file=shown_as, reason=error.strerror or str(error))
    if size > textfiles.MAX_SHOWN_BYTES:
        return Problem(QT_TRANSLATE_NOOP("Errors", "The material text file {file} is longer than the app shows ({limit} MB); save it as a PDF."), file=shown_as, limit=textfiles.MAX_SHOWN_BYTES >> 20)
    return None


def unreadable(folder: Path, materials: Sequence) -> list[Problem]:  # noqa: ANN001 - SourceMaterial
    """One problem per material of a source folder the expert would not be able to read."""
    problems = []
    for material in materials:
        path = folder / material.file
        if material.media_type == "application/pdf":
            problem = check_pdf(path, material.file)
        elif material.media_type.startswith("image/"):
            problem = check_picture(path, material.file)
        elif material.media_type == "text/plain":
            problem = check_text(path, material.file)
        else:
            problem = None
        if problem is not None:
            problems.append(problem)
    return problems
