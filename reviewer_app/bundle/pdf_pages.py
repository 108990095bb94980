"""PDF pages for the expert's viewer, drawn by pdfium (pypdfium2) from a random-access source.

pdfium reads the document through a file-access callback over the source (for a material of a
bundle, reviewer_app.bundle.reader.MaterialStream, which decrypts only the 64 KiB chunks asked
for): opening a 1 GiB scan reads a few KiB, page sizes come from the page tree without loading
a page, and a page's image is read, decoded and let go when that page is drawn. Memory therefore
stays bounded whatever the document's size, and no plaintext is written anywhere.

pdfium is not thread-safe: every pdfium call of this process runs on ONE thread (PdfiumThread),
one short job at a time, in order of priority. Callers get concurrent.futures.Future objects and
never wait for pdfium themselves (closing a document included), so a window stays responsive
while a big page is drawn. Other code that calls pypdfium2 directly holds PDFIUM_LOCK.
"""

from __future__ import annotations

import atexit
import ctypes
import heapq
import io
import itertools
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from reviewer_app.errors import UserFacingError

# Every pypdfium2 call of the process happens under this lock (the pdfium thread holds it per job).
PDFIUM_LOCK = threading.RLock()
ENCRYPT_SCAN = 1 << 20  # a PDF's trailer (or a linearized file's first xref stream) is in its first or last MiB
RENDER, THUMBNAIL, SEARCH = 1, 2, 3  # job priorities: what the expert looks at first
CLOSE = 0  # closing first frees a document's memory at once; later jobs for it see it closed
SEARCH_PAGES_PER_JOB = 8  # a search job stays short, so a page render waits at most a few ms for it
# pdfium keeps every object it has parsed until the document is closed, an image's stream data
# included: once pages have read this much, the document is closed and opened again between two
# jobs (a few KiB read, a millisecond), so memory stays bounded however many pages are viewed.
# A PDF whose cross-reference table is broken is opened by scanning the whole file: then the
# document is reopened only after pages have read as much as opening did, up to MAX_BYTES.
REOPEN_AFTER_BYTES = 32 * 1024 * 1024
REOPEN_AFTER_MAX_BYTES = 128 * 1024 * 1024

_T = TypeVar("_T")


class RandomAccessSource(Protocol):
    """What a bundle gives for one document (reviewer_app.bundle.reader.MaterialStream)."""

    @property
    def size(self) -> int: ...

    def read_at(self, offset: int, length: int) -> bytes: ...

    def close(self) -> None: ...


class BytesSource:
    """A document handed over whole (a plain bundle's material, an evidence PDF): wiped on close."""

    def __init__(self, data: bytes | bytearray) -> None:
        self._data = bytearray(data)
        if isinstance(data, bytearray):
            data[:] = bytes(len(data))  # a caller that hands over a mutable buffer gets it wiped

    @property
    def size(self) -> int:
        return len(self._data)

    def read_at(self, offset: int, length: int) -> bytes:
        return bytes(self._data[offset : offset + length])

    def close(self) -> None:
        self._data[:] = bytes(len(self._data))  # overwrite the plaintext before it is freed


class DocumentClosed(Exception):
    """A job for a document closed meanwhile (the expert moved on): nothing to show."""


class PdfRefused(Exception):
    """pdfium cannot open the document. `kind` is "damaged" or "password"; `problem` is the
    refusal of the source itself (the bundle file changed while reading), if that was the cause."""

    def __init__(self, kind: str, problem: UserFacingError | None = None) -> None:
        super().__init__(kind)
        self.kind = kind
        self.problem = problem


# -- the one pdfium thread -----------------------------------------------------------------------


class PdfiumThread:
    """Runs submitted jobs one at a time on a single daemon thread, lowest priority number first,
    in submission order within a priority. A job whose future was cancelled before it started
    is skipped, so a view can withdraw the pages it scrolled past."""

    def __init__(self) -> None:
        self._queue: list[tuple[int, int, Future, Callable[[], Any]]] = []
        self._order = itertools.count()
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, priority: int, work: Callable[[], _T]) -> Future[_T]:
        future: Future[_T] = Future()
        with self._ready:
            heapq.heappush(self._queue, (priority, next(self._order), future, work))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="pdfium", daemon=True)
                self._thread.start()
            self._ready.notify()
        return future

    def _run(self) -> None:
        import pypdfium2  # noqa: F401 - loaded first, so its exit handler runs after ours (atexit is LIFO)

        atexit.register(self._finish)
        while True:
            with self._ready:
                while not self._queue:
                    self._ready.wait()
                _priority, _order, future, work = heapq.heappop(self._queue)
            if not future.set_running_or_notify_cancel():
                continue
            try:
                with PDFIUM_LOCK:
                    result = work()
            except BaseException as error:  # noqa: BLE001 - handed to whoever waits for the job
                future.set_exception(error)
            else:
                future.set_result(result)


    def _finish(self, timeout: float = 5.0) -> None:
        """At exit: drop what is still to be drawn or searched, let the queued closes run, and
        wait for the job in progress, so pypdfium2 never frees the library under a running call."""
        with self._ready:
            kept = [job for job in self._queue if job[0] == CLOSE]
            for job in self._queue:
                if job[0] != CLOSE:
                    job[2].cancel()
            self._queue[:] = kept
            heapq.heapify(self._queue)
        try:
            self.submit(CLOSE, lambda: None).result(timeout)
        except TimeoutError:  # a read that never returns: nothing more can be done safely
            pass


_pdfium_thread = PdfiumThread()  # starts its thread on the first job, not at import


# -- reading the source --------------------------------------------------------------------------


class _SourceFile(io.RawIOBase):
    """The file object pypdfium2 hands to pdfium's FPDF_LoadCustomDocument. A refusal of the
    source ends the read (pdfium then gives up on that object) and is kept in `problem`: an
    exception must not cross pdfium's C frames."""

    def __init__(self, source: RandomAccessSource) -> None:
        super().__init__()
        self._source = source
        self._position = 0
        self.bytes_read = 0  # handed to pdfium
        self.problem: UserFacingError | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._source.size}[whence]
        self._position = base + offset
        return self._position

    def tell(self) -> int:
        return self._position

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        try:
            data = self._source.read_at(self._position, len(view))
        except UserFacingError as refusal:
            self.problem = refusal
            return 0
        view[: len(data)] = data
        self._position += len(data)
        self.bytes_read += len(data)
        return len(data)


def declares_encryption(head: bytes, tail: bytes) -> bool:
    """pdfium leaves its last error unchanged on some failures (a stale "password" after a locked
    file): a PDF is called locked only when its first or last MiB names an /Encrypt dictionary."""
    return b"/Encrypt" in head or b"/Encrypt" in tail


def _source_declares_encryption(source: RandomAccessSource) -> bool:
    try:
        head = source.read_at(0, ENCRYPT_SCAN)
        tail = source.read_at(max(0, source.size - ENCRYPT_SCAN), ENCRYPT_SCAN)
    except UserFacingError:
        return False
    return declares_encryption(head, tail)


# -- a document ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One match of a search: its page (0-based) and the rectangles of its text, in points from
    the page's top-left corner as shown (x, y, width, height)."""

    page: int
    rects: tuple[tuple[float, float, float, float], ...]


# make_target(width, height) -> (what render returns, a writable buffer of `stride * height` bytes, stride)
TargetMaker = Callable[[int, int], "tuple[_T, memoryview, int]"]


class PdfPages:
    """An open PDF: page count and sizes at once, page pictures and searches as futures.

    Made by open_pdf() on the pdfium thread; every method may be called from any thread and
    returns at once. close() also closes the source (a MaterialStream drops its decrypted
    chunks, a BytesSource overwrites its bytes)."""

    def __init__(self, document: Any, file: _SourceFile, source: RandomAccessSource, sizes: list[tuple[float, float]]) -> None:
        self._open = [document]  # the pypdfium2 document; replaced when reopened
        self._file = file
        self._source = source
        self.page_sizes = sizes  # points (width, height), as shown (the page's /Rotate applied)
        self._closed = False
        self.reopened = 0
        self._reopen_after = _reopen_threshold(file)
        # A document dropped without close() is closed on the pdfium thread all the same.
        self._finalizer = weakref.finalize(self, _close_later, self._open, source)

    @property
    def page_count(self) -> int:
        return len(self.page_sizes)

    @property
    def problem(self) -> UserFacingError | None:
        """The source's refusal while reading (the bundle file changed meanwhile), if any."""
        return self._file.problem

    def render(self, page: int, page_pixels: tuple[int, int], clip: tuple[int, int, int, int], make_target: TargetMaker, priority: int = RENDER) -> Future:
        """The part `clip` (x, y, width, height in pixels) of page `page` drawn at `page_pixels`
        (the whole page's size in pixels), white background, into a BGRx buffer from make_target."""
        return _pdfium_thread.submit(priority, lambda: self._render(page, page_pixels, clip, make_target))

    def search(self, text: str, first_page: int, pages: int = SEARCH_PAGES_PER_JOB) -> Future[list[Hit]]:
        """Matches of `text` (any case) on pages first_page .. first_page + pages - 1, in order."""
        return _pdfium_thread.submit(SEARCH, lambda: self._search(text, first_page, pages))

    def close(self) -> Future[None]:
        """Close on the pdfium thread, before any job still queued for this document."""
        self._finalizer.detach()
        return _pdfium_thread.submit(CLOSE, self._close)

    # -- on the pdfium thread --------------------------------------------------------------------
    def _page(self, index: int) -> Any:
        if self._closed:
            raise DocumentClosed
        if self._file.bytes_read > self._reopen_after:
            self._reopen()
        return self._open[0][index]

    def _reopen(self) -> None:
        import pypdfium2 as pdfium

        self._open[0].close()
        self._file = _SourceFile(self._source)
        try:
            self._open[0] = pdfium.PdfDocument(self._file)
        except pdfium.PdfiumError:  # it opened before: the source refused (the bundle file changed)
            self._closed = True
            self._source.close()
            raise DocumentClosed from None
        self.reopened += 1
        self._reopen_after = _reopen_threshold(self._file)

    def _render(self, index: int, page_pixels: tuple[int, int], clip: tuple[int, int, int, int], make_target: TargetMaker) -> Any:
        import pypdfium2.raw as pdfium_c

        x, y, width, height = clip
        if width <= 0 or height <= 0 or min(page_pixels) <= 0:
            raise ValueError(f"nothing to draw: {clip} of {page_pixels}")  # pdfium would get no bitmap
        page = self._page(index)
        try:
            target, buffer, stride = make_target(width, height)
            address = ctypes.addressof(ctypes.c_char.from_buffer(buffer))
            bitmap = pdfium_c.FPDFBitmap_CreateEx(width, height, pdfium_c.FPDFBitmap_BGRx, address, stride)
            try:
                pdfium_c.FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xFFFFFFFF)
                pdfium_c.FPDF_RenderPageBitmap(bitmap, page.raw, -x, -y, page_pixels[0], page_pixels[1], 0, pdfium_c.FPDF_ANNOT)
            finally:
                pdfium_c.FPDFBitmap_Destroy(bitmap)
            return target
        finally:
            page.close()

    def _search(self, text: str, first_page: int, pages: int) -> list[Hit]:
        hits: list[Hit] = []
        for index in range(first_page, min(first_page + pages, self.page_count)):
            page = self._page(index)
            try:
                text_page = page.get_textpage()
                try:
                    hits += self._hits_on(page, text_page, text, index)
                finally:
                    text_page.close()
            finally:
                page.close()
        return hits

    def _hits_on(self, page: Any, text_page: Any, text: str, index: int) -> list[Hit]:
        searcher = text_page.search(text)
        hits = []
        try:
            while (found := searcher.get_next()) is not None:
                start, count = found
                rects = [text_page.get_rect(i) for i in range(text_page.count_rects(start, count))]
                hits.append(Hit(index, tuple(self._shown_rect(page, index, rect) for rect in rects)))
        finally:
            searcher.close()
        return hits

    def _shown_rect(self, page: Any, index: int, rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A rectangle in PDF space → points from the shown page's top-left (rotation applied)."""
        import pypdfium2.raw as pdfium_c

        scale = 100  # FPDF_PageToDevice gives whole device units: hundredths of a point
        width, height = self.page_sizes[index]
        corners = []
        for px, py in ((rect[0], rect[1]), (rect[2], rect[3])):
            dx, dy = ctypes.c_int(), ctypes.c_int()
            pdfium_c.FPDF_PageToDevice(page.raw, 0, 0, round(width * scale), round(height * scale), 0, px, py, dx, dy)
            corners.append((dx.value / scale, dy.value / scale))
        (x1, y1), (x2, y2) = corners
        return (min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))

    def _close(self) -> None:
        if not self._closed:
            self._closed = True
            self._open[0].close()
            self._source.close()


def _reopen_threshold(file: _SourceFile) -> int:
    """Bytes pages may read before a reopen; the count restarts after what opening read."""
    opening, file.bytes_read = file.bytes_read, 0
    return max(REOPEN_AFTER_BYTES, min(opening, REOPEN_AFTER_MAX_BYTES))


def _close_later(holder: list[Any], source: RandomAccessSource) -> None:
    def close() -> None:
        holder[0].close()
        source.close()

    _pdfium_thread.submit(CLOSE, close)


def warm_up() -> None:
    """Start the pdfium thread now (it loads pdfium first, ~0.2 s), so the first document a
    viewer opens does not wait for that."""
    _pdfium_thread.submit(SEARCH, lambda: None)


def open_pdf(source: RandomAccessSource | bytes | bytearray) -> Future[PdfPages]:
    """Open a PDF on the pdfium thread. The future fails with PdfRefused if pdfium cannot open
    it (damaged, locked with a password, no pages); the source is closed then."""
    if isinstance(source, (bytes, bytearray)):
        source = BytesSource(source)
    return _pdfium_thread.submit(RENDER, lambda: _open(source))


def _open(source: RandomAccessSource) -> PdfPages:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    file = _SourceFile(source)
    try:
        document = pdfium.PdfDocument(file)
    except pdfium.PdfiumError as error:
        locked = getattr(error, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)
        kind = "password" if locked and file.problem is None and _source_declares_encryption(source) else "damaged"
        source.close()
        raise PdfRefused(kind, file.problem) from None
    sizes = []
    size = pdfium_c.FS_SIZEF()
    for index in range(len(document)):
        # The page tree only: no page is loaded, no content or image read.
        if not pdfium_c.FPDF_GetPageSizeByIndexF(document.raw, index, size):
            document.close()
            source.close()
            raise PdfRefused("damaged", file.problem)
        sizes.append((size.width, size.height))
    return PdfPages(document, file, source, sizes)
