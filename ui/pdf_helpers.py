"""Building blocks of the materials viewer: lazy page thumbnails and a zoomable image view.

Neither writes anything anywhere; the thumbnails render on a thread of their own.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QSize, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPixmap, QResizeEvent
from PySide6.QtPdf import QPdfDocument, QPdfPageRenderer, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QScrollArea

THUMBNAIL_WIDTH = 110
# A4 portrait proportions; landscape pages fit inside the same box.
THUMBNAIL_BOX = QSize(THUMBNAIL_WIDTH, int(THUMBNAIL_WIDTH * 1.42))
# Only the most recently asked-for pages are worth rendering: the view asks for what is visible.
MAX_QUEUED_THUMBNAILS = 24
RETIRED_RENDERER_MS = 3000

# Text extraction costs about a millisecond a page; a few pages per event-loop turn keep typing fluid.
SEARCH_PAGES_PER_TURN = 8

MIN_ZOOM = 0.25
MAX_ZOOM = 8.0
ZOOM_STEP = 1.25

ModelIndex = QModelIndex | QPersistentModelIndex


def clamp_zoom(factor: float) -> float:
    return max(MIN_ZOOM, min(MAX_ZOOM, factor))


class ThumbnailModel(QAbstractListModel):
    """One row per page of the document shown. A page is rendered the first time a view asks
    to paint it, by a QPdfPageRenderer on its own thread, one page at a time (most recently
    asked first), so a 300-page scan costs nothing up front and the GUI never waits for it.

    Page sizes come from the list measured when the document was loaded (on a worker): asking
    pdfium here would wait for its lock while a big page renders elsewhere."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sizes: list[QSizeF] = []
        self._images: dict[int, QImage] = {}
        self._queue: list[int] = []
        self._in_flight: int | None = None
        self._placeholder = QImage(THUMBNAIL_BOX, QImage.Format.Format_RGB32)
        self._placeholder.fill(QColor("white"))
        self._renderer = self._new_renderer()

    def set_document(self, document: QPdfDocument | None, sizes: list[QSizeF]) -> None:
        self.beginResetModel()
        if self._renderer.document() is not None:
            # Changing a renderer's document waits for the page it is rendering: a new renderer
            # takes over, the old one is deleted once that render is surely over.
            old = self._renderer
            old.pageRendered.disconnect()
            QTimer.singleShot(RETIRED_RENDERER_MS, old.deleteLater)
            self._renderer = self._new_renderer()
        self._renderer.setDocument(document)
        self._sizes = list(sizes)
        self._images.clear()
        self._queue.clear()
        self._in_flight = None
        self.endResetModel()

    def _new_renderer(self) -> QPdfPageRenderer:
        renderer = QPdfPageRenderer(self)
        renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        renderer.pageRendered.connect(self._on_rendered)
        return renderer

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
            return image
        if page != self._in_flight:
            if page in self._queue:
                self._queue.remove(page)
            self._queue.append(page)
            del self._queue[:-MAX_QUEUED_THUMBNAILS]
            self._request_next()
        return self._placeholder

    def _request_next(self) -> None:
        if self._in_flight is not None or not self._queue:
            return
        page = self._queue.pop()
        if page >= len(self._sizes):
            return
        self._in_flight = page
        self._renderer.requestPage(page, self._size_for(page))

    def _on_rendered(self, page: int, _size: QSize, image: QImage, *_rest: object) -> None:
        if page != self._in_flight:
            return  # a render for a document no longer shown
        self._in_flight = None
        if page < len(self._sizes):
            self._images[page] = image
            index = self.index(page)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
        self._request_next()

    def _size_for(self, page: int) -> QSize:
        points = self._sizes[page]
        if points.isEmpty():
            return THUMBNAIL_BOX
        return points.scaled(THUMBNAIL_BOX.toSizeF(), Qt.AspectRatioMode.KeepAspectRatio).toSize()


# QPdfView calls the page crossing this height of the view (a fraction from the top) "current".
CURRENT_PAGE_LINE = 0.4


def pixels_per_point() -> float:
    return QGuiApplication.primaryScreen().logicalDotsPerInch() / 72


def page_pixel_size(view: QPdfView, sizes: list[QSizeF], page: int) -> QSize:
    """The size QPdfView gives a page on screen. QPdfView keeps its layout private and only
    scrolls to the tops of pages; this repeats its rule (qpdfview.cpp, calculateDocumentLayout)
    so a point inside a page, such as a search hit, can be scrolled into view. `sizes` are the
    pages' sizes in points, measured once at loading."""
    points = sizes[page] if 0 <= page < len(sizes) else QSizeF()
    if view.zoomMode() == QPdfView.ZoomMode.Custom:
        return (points * pixels_per_point() * view.zoomFactor()).toSize()
    size = (points * pixels_per_point()).toSize()
    margins = view.documentMargins()
    room = view.viewport().width() - margins.left() - margins.right()
    return size * (room / size.width()) if size.width() > 0 else size


def page_top(view: QPdfView, sizes: list[QSizeF], page: int) -> int:
    """Where a page starts in the view's scroll range (multi-page mode)."""
    top = view.documentMargins().top()
    for earlier in range(page):
        top += page_pixel_size(view, sizes, earlier).height() + view.pageSpacing()
    return top


def effective_zoom(view: QPdfView, sizes: list[QSizeF], page: int) -> float:
    """The scale on screen, 1.0 = 100 %, also while QPdfView fits the width (it reports 1.0 then)."""
    points = sizes[page] if 0 <= page < len(sizes) else QSizeF()
    if view.zoomMode() == QPdfView.ZoomMode.Custom or points.width() <= 0:
        return view.zoomFactor()
    return page_pixel_size(view, sizes, page).width() / (points.width() * pixels_per_point())


class EagerSearchModel(QPdfSearchModel):
    """QPdfSearchModel on its own searches one page every 100 ms, so a 300-page report takes
    half a minute to search. This one searches a few pages per event-loop turn and says when
    the whole document has been searched (`finished`)."""

    finished = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._next_page = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._search_more)
        self.searchStringChanged.connect(self._restart)

    def is_searching(self) -> bool:
        return self._timer.isActive()

    def _restart(self) -> None:
        self._next_page = 0
        if self.searchString():
            self._timer.start()
        else:
            self._timer.stop()

    def _search_more(self) -> None:
        document = self.document()
        pages = document.pageCount() if document is not None else 0
        stop = min(self._next_page + SEARCH_PAGES_PER_TURN, pages)
        for page in range(self._next_page, stop):
            self.updatePage(page)  # the model's own search of one page; it skips pages already done
        self._next_page = stop
        if stop >= pages:
            self._timer.stop()
            self.finished.emit()


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
