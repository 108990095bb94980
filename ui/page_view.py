"""A scrollable view of a PDF's pages, drawn by the pdfium thread (reviewer_app.bundle.pdf_pages).

The pages are laid out from their sizes alone (known at opening, no page loaded); only the
pages on screen are drawn, at the current zoom and the screen's pixel ratio, and kept in a cache
bounded in bytes. A page larger than WHOLE_PAGE_PIXELS (high zoom) is drawn in tiles, only those
on screen. Until its picture arrives a page is a white sheet with its number, so scrolling
through a 1 GiB scan never waits for pdfium: the GUI thread only lays out and paints.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QKeyEvent, QPainter, QPaintEvent, QPalette, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from reviewer_app.bundle.pdf_pages import RENDER, DocumentClosed, Hit, PdfPages
from ui.pdf_helpers import ZOOM_STEP, Deliveries, clamp_zoom, new_image

MARGIN = 6  # around the pages, and between two pages, in pixels
CACHE_BYTES = 160 * 1024 * 1024  # pictures of pages kept for scrolling back; the screen's own always stay
WHOLE_PAGE_PIXELS = 8_000_000  # a page drawn bigger than this (device pixels) is drawn in tiles
TILE = 1024  # device pixels
PREFETCH_PAGES = 1  # the page after the last one on screen is drawn ahead
# The page crossing this height of the view (a fraction from the top) is the "current" page.
CURRENT_PAGE_LINE = 0.4
HIGHLIGHT = QColor(255, 190, 0, 110)


def pixels_per_point() -> float:
    return QGuiApplication.primaryScreen().logicalDotsPerInch() / 72


@dataclass(frozen=True)
class _Piece:
    """A picture to draw: a page at a width in device pixels, whole (tile -1, -1) or one tile."""

    page: int
    width: int
    column: int = -1
    row: int = -1


class PageView(QAbstractScrollArea):
    """Continuous pages, fit-to-width or zoomed, with a highlighted search hit."""

    current_page_changed = Signal(int)  # 0-based
    zoom_changed = Signal()
    source_failed = Signal()  # the source refused a read (the bundle file changed): see document().problem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("materialsPdfView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # fitting the width cannot flip it on and off
        self.viewport().setAutoFillBackground(True)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Dark)
        self._document: PdfPages | None = None
        self._sizes: list[tuple[float, float]] = []
        self._generation = 0
        self._fit_width = True
        self._zoom = 1.0
        self._scale = 1.0  # logical pixels per point
        self._tops: list[int] = []
        self._content = QSize()
        self._current = 0
        self._highlight: Hit | None = None
        self._cache: OrderedDict[_Piece, QImage] = OrderedDict()
        self._cached_bytes = 0
        self._pending: dict[_Piece, Future] = {}
        self._failed: set[int] = set()
        self._deliveries = Deliveries(self)
        self._deliveries.arrived.connect(self._on_arrived)
        self._request_timer = QTimer(self)
        self._request_timer.setSingleShot(True)
        self._request_timer.setInterval(0)
        self._request_timer.timeout.connect(self._request_visible)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _value: self._schedule_requests())

    # -- document ------------------------------------------------------------------------------
    def set_document(self, document: PdfPages | None) -> None:
        """Show this document's pages (None: nothing). The view does not close documents."""
        self._generation += 1
        for future in self._pending.values():
            future.cancel()
        self._pending.clear()
        self._cache.clear()
        self._cached_bytes = 0
        self._failed.clear()
        self._highlight = None
        self._document = document
        self._sizes = list(document.page_sizes) if document is not None else []
        self._current = 0
        self._relayout()
        self.verticalScrollBar().setValue(0)
        self.horizontalScrollBar().setValue(0)
        self.viewport().update()
        self._schedule_requests()

    def document(self) -> PdfPages | None:
        return self._document

    def page_count(self) -> int:
        return len(self._sizes)

    def rendered_pages(self) -> set[int]:
        return {piece.page for piece in self._cache}

    def cached_bytes(self) -> int:
        return self._cached_bytes

    def scale(self) -> float:
        """Logical pixels per point on screen."""
        return self._scale

    # -- zoom ----------------------------------------------------------------------------------
    def zoom_factor(self) -> float:
        """The scale on screen, 1.0 = 100 % (a point is 1/72 inch of the screen)."""
        return self._scale / pixels_per_point()

    def fits_width(self) -> bool:
        return self._fit_width

    def set_fit_width(self) -> None:
        self._change_zoom(True, self._zoom)

    def set_zoom(self, factor: float) -> None:
        self._change_zoom(False, clamp_zoom(factor))

    def _change_zoom(self, fit_width: bool, zoom: float) -> None:
        anchor = self._anchor()
        self._fit_width, self._zoom = fit_width, zoom
        self._relayout()
        self._restore(anchor)
        self.zoom_changed.emit()

    # -- navigation ----------------------------------------------------------------------------
    def current_page(self) -> int:
        return self._current

    def go_to_page(self, index: int) -> None:
        """Show a page from its top (a small page, zoomed far out, where the view reads "current")."""
        if not self._sizes:
            return
        index = max(0, min(index, len(self._sizes) - 1))
        if self._page_height(index) > CURRENT_PAGE_LINE * self.viewport().height():
            self.scroll_to_point(index, 0.0, 0.0)
        else:
            self.scroll_to_point(index, self._sizes[index][1] / 2, CURRENT_PAGE_LINE)

    def scroll_to_point(self, index: int, y_points: float, view_fraction: float) -> None:
        """Put a point of a page (points from its top) at a fraction of the view's height. The
        page becomes current even where the ends of the document cannot scroll that far."""
        y = self._tops[index] + round(y_points * self._scale)
        self.verticalScrollBar().setValue(round(y - view_fraction * self.viewport().height()))
        self._set_current(index)

    def highlight(self) -> Hit | None:
        return self._highlight

    def set_highlight(self, hit: Hit | None) -> None:
        self._highlight = hit
        self.viewport().update()

    # -- layout --------------------------------------------------------------------------------
    def _relayout(self) -> None:
        widest = max((w for w, _h in self._sizes), default=0.0)
        if self._fit_width and widest > 0:
            room = max(50, self.viewport().width() - 2 * MARGIN)
            self._scale = room / widest
        else:
            self._scale = self._zoom * pixels_per_point()
        self._tops = []
        y = MARGIN
        for _w, h in self._sizes:
            self._tops.append(y)
            y += round(h * self._scale) + MARGIN
        self._content = QSize(round(widest * self._scale) + 2 * MARGIN, y)
        self._update_scroll_bars()
        self.viewport().update()
        self._schedule_requests()

    def _update_scroll_bars(self) -> None:
        viewport = self.viewport().size()
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        vertical.setRange(0, max(0, self._content.height() - viewport.height()))
        vertical.setPageStep(viewport.height())
        vertical.setSingleStep(max(20, viewport.height() // 20))
        horizontal.setRange(0, max(0, self._content.width() - viewport.width()))
        horizontal.setPageStep(viewport.width())
        horizontal.setSingleStep(20)

    def _page_width(self, index: int) -> int:
        return round(self._sizes[index][0] * self._scale)

    def _page_height(self, index: int) -> int:
        return round(self._sizes[index][1] * self._scale)

    def page_rect(self, index: int) -> QRect:
        """Where a page is, in the viewport's coordinates (scrolling applied)."""
        room = max(self._content.width(), self.viewport().width())
        x = (room - self._page_width(index)) // 2 - self.horizontalScrollBar().value()
        y = self._tops[index] - self.verticalScrollBar().value()
        return QRect(x, y, self._page_width(index), self._page_height(index))

    def _visible_pages(self) -> range:
        if not self._sizes:
            return range(0)
        top = self.verticalScrollBar().value()
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        last = max(first, bisect.bisect_right(self._tops, top + self.viewport().height()) - 1)
        return range(first, last + 1)

    def _anchor(self) -> tuple[int, float]:
        """The page at the top of the view and how far into it (in points) the view starts."""
        pages = self._visible_pages()
        if not pages:
            return (0, 0.0)
        top = self.verticalScrollBar().value()
        page = pages[0]
        return (page, (top - self._tops[page]) / self._scale)

    def _restore(self, anchor: tuple[int, float]) -> None:
        page, y_points = anchor
        current = self._current
        if page < len(self._tops):
            self.verticalScrollBar().setValue(self._tops[page] + round(y_points * self._scale))
        if current < len(self._tops):
            self._set_current(current)  # zooming does not move the reader to another page

    def _on_scrolled(self, _value: int) -> None:
        self._update_current()
        self._schedule_requests()

    def _update_current(self) -> None:
        if not self._tops:
            return
        line = self.verticalScrollBar().value() + CURRENT_PAGE_LINE * self.viewport().height()
        index = max(0, bisect.bisect_right(self._tops, line) - 1)
        if line > self._tops[index] + self._page_height(index) and index + 1 < len(self._tops):
            index += 1  # the line falls between two pages: the next one is being read
        self._set_current(index)

    def _set_current(self, index: int) -> None:
        if index != self._current:
            self._current = index
            self.current_page_changed.emit(index)

    # -- pictures ------------------------------------------------------------------------------
    def _device_ratio(self) -> float:
        return self.devicePixelRatioF()

    def _pieces(self, index: int, visible: QRect) -> list[_Piece]:
        """The pictures page `index` needs on screen; `visible` is its part in view (view coordinates)."""
        ratio = self._device_ratio()
        width, height = round(self._page_width(index) * ratio), round(self._page_height(index) * ratio)
        if width * height <= WHOLE_PAGE_PIXELS:
            return [_Piece(index, width)]
        page = self.page_rect(index)
        left, top = (visible.left() - page.left()) * ratio, (visible.top() - page.top()) * ratio
        right, bottom = (visible.right() - page.left()) * ratio, (visible.bottom() - page.top()) * ratio
        columns = range(max(0, int(left) // TILE), min((width - 1) // TILE, int(right) // TILE) + 1)
        rows = range(max(0, int(top) // TILE), min((height - 1) // TILE, int(bottom) // TILE) + 1)
        return [_Piece(index, width, column, row) for row in rows for column in columns]

    def _device_page_size(self, piece: _Piece) -> tuple[int, int]:
        width, height = self._sizes[piece.page]
        return piece.width, max(1, round(piece.width * height / width)) if width else 1

    def _clip(self, piece: _Piece) -> tuple[int, int, int, int]:
        width, height = self._device_page_size(piece)
        if piece.column < 0:
            return (0, 0, width, height)
        x, y = piece.column * TILE, piece.row * TILE
        return (x, y, min(TILE, width - x), min(TILE, height - y))

    def _needed(self) -> list[_Piece]:
        view = self.viewport().rect()
        needed = []
        pages = self._visible_pages()
        for index in pages:
            needed += self._pieces(index, self.page_rect(index).intersected(view))
        ahead = range(pages.stop, min(pages.stop + PREFETCH_PAGES, len(self._sizes))) if pages else range(0)
        for index in ahead:
            rect = self.page_rect(index)
            needed += [p for p in self._pieces(index, QRect(rect.topLeft(), QSize(rect.width(), 1))) if p.column < 1]
        return needed

    def _schedule_requests(self) -> None:
        self._request_timer.start()

    def _request_visible(self) -> None:
        """Ask for the pictures on screen not drawn yet; withdraw the requests scrolled past."""
        if self._document is None:
            return
        needed = [piece for piece in self._needed() if piece.page not in self._failed]
        wanted = set(needed)
        for piece in [p for p in self._pending if p not in wanted]:
            if self._pending[piece].cancel():
                del self._pending[piece]
        for piece in needed:
            if piece in self._cache:
                self._cache.move_to_end(piece)
            elif piece not in self._pending:
                future = self._document.render(piece.page, self._device_page_size(piece), self._clip(piece), new_image, RENDER)
                self._pending[piece] = future
                self._deliveries.watch(future, (self._generation, piece))

    def _on_arrived(self, tag: tuple[int, _Piece], future: Future) -> None:
        generation, piece = tag
        if generation != self._generation:
            return
        self._pending.pop(piece, None)
        error = future.exception()
        if self._document is not None and self._document.problem is not None:
            self.source_failed.emit()  # what pdfium drew from a refused read is not the document
            return
        if isinstance(error, DocumentClosed):
            return
        if error is not None:
            self._failed.add(piece.page)  # drawn as a grey sheet; the rest of the document still shows
        else:
            image: QImage = future.result()
            image.setDevicePixelRatio(self._device_ratio())
            self._cache[piece] = image
            self._cached_bytes += image.sizeInBytes()
            self._trim_cache()
        self.viewport().update()
        self._schedule_requests()  # a piece arriving after a scroll may be one of several needed

    def _trim_cache(self) -> None:
        keep = set(self._needed())
        for piece in list(self._cache):
            if self._cached_bytes <= CACHE_BYTES:
                break
            if piece not in keep:
                self._cached_bytes -= self._cache.pop(piece).sizeInBytes()

    # -- events --------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self.viewport())
        view = self.viewport().rect()
        for index in self._visible_pages():
            page = self.page_rect(index)
            painter.fillRect(page, QColor("white") if index not in self._failed else QColor(210, 210, 210))
            if not self._draw_pieces(painter, index, page, page.intersected(view)):
                painter.setPen(QColor(150, 150, 150))
                painter.drawText(page, Qt.AlignmentFlag.AlignCenter, str(index + 1))
            if self._highlight is not None and self._highlight.page == index:
                for x, y, w, h in self._highlight.rects:
                    painter.fillRect(QRectF(page.left() + x * self._scale, page.top() + y * self._scale, w * self._scale, h * self._scale), HIGHLIGHT)
        painter.end()

    def _draw_pieces(self, painter: QPainter, index: int, page: QRect, visible: QRect) -> bool:
        """Draw what is drawn of a page; False when nothing of it is yet."""
        pieces = self._pieces(index, visible)
        ratio = self._device_ratio()
        drawn = False
        for piece in pieces:
            image = self._cache.get(piece)
            if image is None:
                continue
            x, y, _w, _h = self._clip(piece)
            painter.drawImage(QPointF(page.left() + x / ratio, page.top() + y / ratio), image)
            drawn = True
        if not drawn:  # while zooming, the page at its former size, stretched (coarsely: it is soon replaced), beats a blank sheet
            stand_in = next((image for piece, image in reversed(self._cache.items()) if piece.page == index and piece.column < 0), None)
            if stand_in is not None:
                painter.drawImage(QRectF(page), stand_in)
                drawn = True
        return drawn

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        anchor, current = self._anchor(), self._current
        self._relayout()
        self._restore(anchor)
        self._current = current
        if self._fit_width:
            self.zoom_changed.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt API
        """Ctrl + wheel zooms, one step a notch, as in other viewers; the wheel alone scrolls."""
        notches = event.angleDelta().y() / 120
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and notches and self._sizes:
            self.set_zoom(self.zoom_factor() * ZOOM_STEP**notches)
            event.accept()
        else:
            super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        bar = self.verticalScrollBar()
        if event.key() == Qt.Key.Key_Home:
            bar.setValue(bar.minimum())
        elif event.key() == Qt.Key.Key_End:
            bar.setValue(bar.maximum())
        else:
            super().keyPressEvent(event)
