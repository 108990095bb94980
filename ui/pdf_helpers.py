"""Building blocks of the materials viewer: futures of the pdfium thread brought to the GUI
thread, lazy page thumbnails, search through a whole document, and a zoomable image view.

None of them calls pdfium or writes anything anywhere: pages are drawn and searched by the one
pdfium thread (reviewer_app.bundle.pdf_pages), a few pages per job, so the GUI never waits.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from concurrent.futures import Future

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea

from reviewer_app.bundle.pdf_pages import SEARCH_PAGES_PER_JOB, THUMBNAIL, Hit, PdfPages

THUMBNAIL_WIDTH = 110
# A4 portrait proportions; landscape pages fit inside the same box.
THUMBNAIL_BOX = QSize(THUMBNAIL_WIDTH, int(THUMBNAIL_WIDTH * 1.42))
# Only the most recently asked-for pages are worth drawing: the list asks for what is visible.
MAX_QUEUED_THUMBNAILS = 24
KEPT_THUMBNAILS = 600  # about 40 MB of small pictures, whatever the document's length

MIN_ZOOM = 0.25
MAX_ZOOM = 8.0
ZOOM_STEP = 1.25

ModelIndex = QModelIndex | QPersistentModelIndex


def clamp_zoom(factor: float) -> float:
    return max(MIN_ZOOM, min(MAX_ZOOM, factor))


def new_image(width: int, height: int) -> tuple[QImage, memoryview, int]:
    """A picture for pdfium to draw into (called on the pdfium thread): no copy afterwards."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    return image, image.bits(), image.bytesPerLine()


class _PostOffice(QObject):
    """Lives on the GUI thread for the whole run. The pdfium thread posts here with only a weak
    reference to the receiver, so it never holds a widget's object and never drops the last
    reference to one (shiboken would free the wrapper on that thread, racing the GUI thread)."""

    posted = Signal(object, object, object)  # weak receiver, tag, future

    def __init__(self) -> None:
        super().__init__()
        self.posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @staticmethod
    def _deliver(receiver: weakref.ref, tag: object, future: Future) -> None:
        deliveries = receiver()
        if deliveries is None:
            return
        try:
            deliveries.arrived.emit(tag, future)
        except RuntimeError:  # deleted meanwhile: nobody waits for this any more
            pass


_post_office: _PostOffice | None = None


class Deliveries(QObject):
    """Brings finished futures of the pdfium thread to the GUI thread as `arrived(tag, future)`."""

    arrived = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        global _post_office
        if _post_office is None:  # made on the GUI thread, where every Deliveries is made
            _post_office = _PostOffice()
        self._post = _post_office.posted
        self._me = weakref.ref(self)

    def watch(self, future: Future, tag: object) -> None:
        post, me = self._post, self._me
        future.add_done_callback(lambda done: None if done.cancelled() else post.emit(me, tag, done))


class ThumbnailModel(QAbstractListModel):
    """One row per page of the document shown. A page is drawn the first time a view asks to
    paint it (most recently asked first, after the pages of the main view), so a 300-page scan
    costs nothing up front and the GUI never waits for it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document: PdfPages | None = None
        self._sizes: list[tuple[float, float]] = []
        self._images: OrderedDict[int, QImage] = OrderedDict()
        self._pending: OrderedDict[int, Future] = OrderedDict()
        self._generation = 0
        self._ratio = 1.0
        self._placeholder = QImage(THUMBNAIL_BOX, QImage.Format.Format_RGB32)
        self._placeholder.fill(QColor("white"))
        self._deliveries = Deliveries(self)
        self._deliveries.arrived.connect(self._on_rendered)

    def set_document(self, document: PdfPages | None) -> None:
        self.beginResetModel()
        self._generation += 1
        for future in self._pending.values():
            future.cancel()
        self._pending.clear()
        self._document = document
        self._sizes = list(document.page_sizes) if document is not None else []
        self._ratio = QGuiApplication.primaryScreen().devicePixelRatio()
        self._images.clear()
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._sizes)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        page = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return str(page + 1)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(page)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def rendered_pages(self) -> set[int]:
        return set(self._images)

    def _thumbnail(self, page: int) -> QImage:
        image = self._images.get(page)
        if image is not None:
            self._images.move_to_end(page)
            return image
        self._request(page)
        return self._placeholder

    def _request(self, page: int) -> None:
        if self._document is None or page >= len(self._sizes):
            return
        if page in self._pending:
            self._pending.move_to_end(page)
            return
        size = self._size_for(page) * self._ratio  # drawn for the screen's pixels, sharp at 150 %
        clip = (0, 0, size.width(), size.height())
        future = self._document.render(page, (size.width(), size.height()), clip, new_image, THUMBNAIL)
        self._pending[page] = future
        self._deliveries.watch(future, (self._generation, page))
        while len(self._pending) > MAX_QUEUED_THUMBNAILS:  # scrolled past: asked again if shown again
            _page, oldest = self._pending.popitem(last=False)
            oldest.cancel()

    def _on_rendered(self, tag: tuple[int, int], future: Future) -> None:
        generation, page = tag
        if generation != self._generation:
            return  # a picture of a document no longer shown
        self._pending.pop(page, None)
        if future.exception() is not None:
            return  # the page cannot be drawn: its placeholder stays
        image: QImage = future.result()
        image.setDevicePixelRatio(self._ratio)
        self._images[page] = image
        while len(self._images) > KEPT_THUMBNAILS:
            self._images.popitem(last=False)
        index = self.index(page)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def _size_for(self, page: int) -> QSize:
        width, height = self._sizes[page]
        if width <= 0 or height <= 0:
            return THUMBNAIL_BOX
        scale = min(THUMBNAIL_BOX.width() / width, THUMBNAIL_BOX.height() / height)
        return QSize(max(1, round(width * scale)), max(1, round(height * scale)))


class PdfSearch(QObject):
    """Every match of a text in the document shown, found a few pages per job on the pdfium
    thread and collected in page order; `finished` once the whole document has been searched."""

    count_changed = Signal()
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document: PdfPages | None = None
        self._text = ""
        self._hits: list[Hit] = []
        self._next_page = 0
        self._job: Future | None = None
        self._generation = 0
        self._deliveries = Deliveries(self)
        self._deliveries.arrived.connect(self._on_found)

    def set_document(self, document: PdfPages | None) -> None:
        self._document = document
        self.set_search_string(self._text, force=True)

    def search_string(self) -> str:
        return self._text

    def set_search_string(self, text: str, force: bool = False) -> None:
        if text == self._text and not force:
            return
        self._generation += 1
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._text, self._hits, self._next_page = text, [], 0
        self.count_changed.emit()
        if text and self._document is not None:
            self._search_more()

    def is_searching(self) -> bool:
        return self._job is not None

    def count(self) -> int:
        return len(self._hits)

    def hit(self, index: int) -> Hit:
        return self._hits[index]

    def _search_more(self) -> None:
        assert self._document is not None
        self._job = self._document.search(self._text, self._next_page)
        self._deliveries.watch(self._job, self._generation)

    def _on_found(self, generation: int, future: Future) -> None:
        if generation != self._generation or self._document is None:
            return
        self._job = None
        error = future.exception()
        if error is None:
            self._hits += future.result()
            self._next_page += SEARCH_PAGES_PER_JOB
        if error is None and self._next_page < self._document.page_count:
            self._search_more()
        else:
            self.finished.emit()
        self.count_changed.emit()


class ImageView(QScrollArea):
    """A decoded image, zoomable, or fitted to the width of the view."""

    zoom_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("materialsImageView")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._label = QLabel()
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidget(self._label)
        self.setWidgetResizable(False)
        self._image = QImage()
        self._zoom = 1.0
        self._fit_width = True

    def set_image(self, image: QImage) -> None:
        self._image = image
        self._fit_width = True
        self._redraw()

    def clear(self) -> None:
        self._image = QImage()
        self._label.clear()

    def image(self) -> QImage:
        """The picture shown, at its own size (before zooming)."""
        return self._image

    def zoom_factor(self) -> float:
        return self._zoom

    def fits_width(self) -> bool:
        return self._fit_width

    def zoom_by(self, step: float) -> None:
        self._fit_width = False
        self._zoom = clamp_zoom(self._zoom * step)
        self._redraw()

    def fit_width(self) -> None:
        self._fit_width = True
        self._redraw()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self._fit_width:
            self._redraw()

    def _redraw(self) -> None:
        if self._image.isNull():
            return
        if self._fit_width:
            # Leave room for the vertical scroll bar, so it appearing cannot shrink the image in a loop.
            room = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
            self._zoom = clamp_zoom(room / max(1, self._image.width()))
        size = (self._image.size().toSizeF() * self._zoom).toSize()
        scaled = self._image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self._label.setPixmap(QPixmap.fromImage(scaled))
        self._label.resize(scaled.size())
        self.zoom_changed.emit()
