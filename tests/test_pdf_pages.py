"""PDF pages drawn by pdfium from a bundle's on-demand decryption (reviewer_app/bundle/pdf_pages.py).

Real bundles are sealed here (bundle_fixtures) with PDFs made by reportlab (coloured squares at
known places, known words) or scanned-style ones (pdf_fixtures); pixels are read back from the
drawn pictures; memory is measured in a fresh process on a generated 256 MiB scan.
"""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import pytest
from bundle_fixtures import INSIDE_WINDOW, world, write_source
from pdf_fixtures import make_scanned_pdf

from reviewer_app.bundle import open_bundle
from reviewer_app.bundle.errors import BundleRefused
from reviewer_app.bundle.pdf_pages import BytesSource, DocumentClosed, PdfRefused, open_pdf
from reviewer_app.org import tomlwrite

CORPUS_PDFS = Path(__file__).parent / "corpus" / "pdfs"
RED, BLUE = (220, 20, 30), (20, 40, 200)


def squares_pdf() -> bytes:
    """Page 1: a red square; page 2 (landscape): a blue one and the word "Feasibility"; both on white."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setFillColorRGB(*(c / 255 for c in RED))
    pdf.rect(100, 842 - 300, 200, 200, stroke=0, fill=1)  # x 100-300, y 100-300 from the top
    pdf.showPage()
    pdf.setPageSize(landscape(A4))
    pdf.setFillColorRGB(*(c / 255 for c in BLUE))
    pdf.rect(400, 595 - 500, 300, 100, stroke=0, fill=1)  # x 400-700, y 400-500 from the top
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont("Helvetica", 20)
    pdf.drawString(100, 595 - 200, "Feasibility study")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def bgrx_pixel(picture: tuple[bytearray, int], x: int, y: int) -> tuple[int, int, int]:
    data, stride = picture
    b, g, r = data[y * stride + 4 * x : y * stride + 4 * x + 3]
    return (r, g, b)


def new_picture(width: int, height: int) -> tuple[tuple[bytearray, int], memoryview, int]:
    data = bytearray(width * height * 4)
    return (data, width * 4), memoryview(data), width * 4


def close_to(colour: tuple[int, int, int], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 12 for a, b in zip(colour, expected, strict=True))


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory):
    """A bundle holding the squares PDF (M09) and a 12 MiB scan (M10), opened for the expert."""
    w = world()
    root = tmp_path_factory.mktemp("pdf-pages")
    source = write_source(root / "source")
    (source / "materials" / "squares.pdf").write_bytes(squares_pdf())
    make_scanned_pdf(source / "materials" / "scan.pdf", 12 << 20, 12)
    review = tomllib.loads((source / "review.toml").read_text(encoding="utf-8"))
    review["materials"] += [
        {"id": "M09", "title": "色块", "file": "materials/squares.pdf"},
        {"id": "M10", "title": "扫描件", "file": "materials/scan.pdf"},
    ]
    (source / "review.toml").write_text(tomlwrite.dumps(review), encoding="utf-8")
    bundle = w.seal("pdf-pages.rvb", source=source).path
    return bundle, open_bundle(bundle, w.trusted, identity=w.recipient.unlocked, now=INSIDE_WINDOW)


class Counting:
    """A source that counts what pdfium reads and on which threads."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.read = 0
        self.threads: set[str] = set()
        self.closed = False

    @property
    def size(self) -> int:
        return self.inner.size

    def read_at(self, offset: int, length: int) -> bytes:
        self.threads.add(threading.current_thread().name)
        data = self.inner.read_at(offset, length)
        self.read += len(data)
        return data

    def close(self) -> None:
        self.closed = True
        self.inner.close()


def test_pages_of_a_bundle_material_are_drawn_with_the_right_pixels(sealed) -> None:
    _bundle, opened = sealed
    source = Counting(opened.open_material("M09"))
    pages = open_pdf(source).result(timeout=30)
    assert pages.page_sizes == [(pytest.approx(595.28, abs=0.01), pytest.approx(841.89, abs=0.01)), (pytest.approx(841.89, abs=0.01), pytest.approx(595.28, abs=0.01))]
    whole = pages.render(0, (595, 842), (0, 0, 595, 842), new_picture).result(timeout=30)
    assert close_to(bgrx_pixel(whole, 200, 200), RED) and close_to(bgrx_pixel(whole, 50, 50), (255, 255, 255))
    assert close_to(bgrx_pixel(whole, 320, 200), (255, 255, 255))
    # Twice the size, only a tile: the blue square of page 2 starts at (800, 800) in that picture.
    tile = pages.render(1, (1684, 1191), (700, 700, 256, 256), new_picture).result(timeout=30)
    assert close_to(bgrx_pixel(tile, 150, 150), BLUE) and close_to(bgrx_pixel(tile, 50, 50), (255, 255, 255))
    assert source.threads == {"pdfium"}  # every pdfium call, reads included, on the one thread
    pages.close().result(timeout=30)
    assert source.closed


def test_opening_and_measuring_a_scan_reads_almost_nothing(sealed) -> None:
    _bundle, opened = sealed
    source = Counting(opened.open_material("M10"))
    pages = open_pdf(source).result(timeout=30)
    assert pages.page_count == 12 and all(size == (595, 842) for size in pages.page_sizes)
    assert source.read < 256 * 1024, f"{source.read} bytes read to open and measure a {source.size}-byte scan"
    pages.render(11, (300, 424), (0, 0, 300, 424), new_picture).result(timeout=30)
    assert source.read < 3 * 1024 * 1024  # the last page's own image, not the eleven before it
    pages.close()


def test_search_finds_words_with_their_place_on_the_shown_page(sealed) -> None:
    _bundle, opened = sealed
    pages = open_pdf(opened.open_material("M09")).result(timeout=30)
    hits = pages.search("FEASIBILITY", 0).result(timeout=30)
    assert [hit.page for hit in hits] == [1]
    x, y, width, height = hits[0].rects[0]
    assert 95 < x < 105 and 175 < y < 200 and width > 50 and 10 < height < 25  # points from the top-left
    assert pages.search("nowhere to be found", 0).result(timeout=30) == []
    pages.close()


def test_jobs_for_a_closed_document_fail_quietly_and_the_bytes_are_overwritten() -> None:
    data = bytearray(squares_pdf())
    original = bytes(data)
    source = BytesSource(data)
    assert data == bytearray(len(data))  # the caller's mutable copy is wiped at once
    pages = open_pdf(source).result(timeout=30)
    closing = pages.close()
    late = pages.render(0, (100, 141), (0, 0, 100, 141), new_picture)
    closing.result(timeout=30)
    with pytest.raises(DocumentClosed):
        late.result(timeout=30)
    assert source._data == bytearray(len(original))


@pytest.mark.parametrize(("name", "kind"), [("saslprep-r6.pdf", "password"), ("issue6010_1.pdf", "password"), ("bug1020226.pdf", "damaged"), ("poppler-742-0-fuzzed.pdf", "damaged")])
def test_what_pdfium_cannot_open_is_refused_with_its_kind(name: str, kind: str) -> None:
    source = Counting(BytesSource((CORPUS_PDFS / name).read_bytes()))
    with pytest.raises(PdfRefused) as refused:
        open_pdf(source).result(timeout=30)
    assert refused.value.kind == kind and refused.value.problem is None
    assert source.closed


def test_a_bundle_changed_while_reading_is_named_not_called_damaged(sealed, tmp_path: Path) -> None:
    import shutil

    bundle, _opened = sealed
    copy = tmp_path / "copy.rvb"
    shutil.copy(bundle, copy)
    w = world()
    opened = open_bundle(copy, w.trusted, identity=w.recipient.unlocked, now=INSIDE_WINDOW)
    member = opened.verified.member(opened.material("M09").member)
    stream = opened.open_material("M09")
    with open(copy, "r+b") as handle:  # the xref table near the end is what pdfium reads first
        handle.seek(member.data_offset + member.size - 700)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 1]))
    stream._reader.forget()  # as if the chunk had not been read yet
    with pytest.raises(PdfRefused) as refused:
        open_pdf(stream).result(timeout=30)
    assert isinstance(refused.value.problem, BundleRefused)
    assert "was changed after the bundle was checked" in refused.value.problem.message()


MEMORY_SCRIPT = r"""
import sys
from pathlib import Path
from reviewer_app.bundle.pdf_pages import open_pdf

def peak_mib():
    if sys.platform == "win32":
        import ctypes, ctypes.wintypes as w
        class Counters(ctypes.Structure):
            _fields_ = [("cb", w.DWORD), ("faults", w.DWORD), ("peak", ctypes.c_size_t)] + [(f"f{i}", ctypes.c_size_t) for i in range(7)]
        counters = Counters(cb=ctypes.sizeof(Counters))
        ctypes.windll.psapi.GetProcessMemoryInfo(ctypes.windll.kernel32.GetCurrentProcess(), ctypes.byref(counters), counters.cb)
        return counters.peak >> 20
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak >> 20 if sys.platform == "darwin" else peak >> 10  # bytes on macOS, KiB elsewhere

class FileSource:
    def __init__(self, path):
        self._file = open(path, "rb"); self.size = Path(path).stat().st_size
    def read_at(self, offset, length):
        self._file.seek(offset); return self._file.read(length)
    def close(self):
        self._file.close()

def picture(width, height):
    data = bytearray(width * height * 4); return data, memoryview(data), width * 4

before = peak_mib()
pages = open_pdf(FileSource(sys.argv[1])).result()
for page in range(pages.page_count):
    pages.render(page, (1000, 1415), (0, 0, 1000, 1415), picture).result()
pages.close().result()
print(pages.page_count, pages.reopened, peak_mib() - before)
"""


def test_drawing_every_page_of_a_256_mib_scan_keeps_memory_bounded(tmp_path: Path) -> None:
    """pdfium keeps every object it parsed, an image's stream data included, until the document
    is closed (QtPdf held 1.2 GiB for the 1 GiB scan): drawing 64 pages one after the other grew
    the process by 313 MiB before PdfPages reopened the document after every 32 MiB read. With
    it: about 70 MiB (the engine, the pictures, one page's decoded image)."""
    scan = make_scanned_pdf(tmp_path / "scan.pdf", 256 << 20, 64)
    result = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(scan)], capture_output=True, text=True, check=True, timeout=600)
    count, reopened, grown_mib = map(int, result.stdout.split())
    assert count == 64 and reopened >= 6  # every page drawn, across reopenings
    assert grown_mib < 150, f"drawing 64 pages of a 256 MiB scan grew the process by {grown_mib} MiB"


def test_an_empty_picture_is_refused_before_pdfium_sees_it() -> None:
    pages = open_pdf(squares_pdf()).result(timeout=30)
    with pytest.raises(ValueError, match="nothing to draw"):
        pages.render(0, (0, 0), (0, 0, 0, 0), new_picture).result(timeout=30)
    assert pages.render(0, (6, 8), (0, 0, 6, 8), new_picture).result(timeout=30)  # still draws after that
    pages.close()


class FileSource:
    def __init__(self, path: Path) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - closed by close()
        self.size = path.stat().st_size

    def read_at(self, offset: int, length: int) -> bytes:
        self._file.seek(offset)
        return self._file.read(length)

    def close(self) -> None:
        self._file.close()


def test_a_pdf_with_a_broken_xref_is_not_rescanned_for_every_page(tmp_path: Path) -> None:
    """pdfium opens such a file by scanning all of it: reopening after every 32 MiB of pages
    would scan it again for nearly every page drawn."""
    scan = make_scanned_pdf(tmp_path / "scan.pdf", 48 << 20, 16)
    data = bytearray(scan.read_bytes())
    at = data.rfind(b"startxref") + len(b"startxref\n")
    data[at : at + 8] = b"99999999"  # a wrong offset: the table must be rebuilt
    scan.write_bytes(data)
    source = Counting(FileSource(scan))
    pages = open_pdf(source).result(timeout=60)
    assert pages.page_count == 16 and source.read >= len(data) // 2  # opened by scanning
    for page in range(16):
        pages.render(page, (200, 283), (0, 0, 200, 283), new_picture).result(timeout=60)
    assert pages.reopened == 0 and source.read < 3 * len(data)
    pages.close().result(timeout=30)
