"""A pad for the handwritten signature: draw with mouse or pen, undo a stroke, clear, or load an image.

What the pad shows is what is saved: a press without movement (a stray click) leaves no mark,
and a disabled pad (the review is signed) shows its content greyed and takes no ink."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QTabletEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor("#10204a")
PEN_WIDTH = 3.0
EXPORT_MARGIN = 12
PREFERRED_HEIGHT, MIN_HEIGHT = 160, 120  # a small screen gets the smaller pad, never a cut window
MIN_MOVE = 2.0  # pixels a press must travel before it counts as a stroke (a click is not one)


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("signaturePad")
        self.setMinimumSize(420, MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.strokes: list[QPainterPath] = []
        self.loaded: QImage | None = None
        self._drawing: QPainterPath | None = None
        self._pressed_at: QPointF | None = None  # a press that has not moved far enough yet

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(520, PREFERRED_HEIGHT)

    # -- content ------------------------------------------------------------
    def is_empty(self) -> bool:
        return not self.strokes and self.loaded is None

    def clear(self) -> None:
        self.strokes.clear()
        self.loaded = None
        self.update()
        self.changed.emit()

    def undo_stroke(self) -> None:
        if self.strokes:
            self.strokes.pop()
            self.update()
            self.changed.emit()

    def load_image(self, data: bytes) -> bool:
        image = QImage.fromData(data)
        if image.isNull():
            return False
        self.strokes.clear()
        self.loaded = image
        self.update()
        self.changed.emit()
        return True

    def png_bytes(self) -> bytes:
        """The signature, trimmed to its ink, on a transparent background."""
        if self.loaded is not None:
            image = self.loaded
        else:
            image = QImage(self.size(), QImage.Format.Format_ARGB32)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            self._paint_strokes(painter)
            painter.end()
            image = image.copy(self._ink_bounds())
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(QByteArray(buffer.data()))

    def _ink_bounds(self) -> QRect:
        bounds = QRect()
        for stroke in self.strokes:
            bounds = bounds.united(stroke.boundingRect().toAlignedRect())
        return bounds.adjusted(-EXPORT_MARGIN, -EXPORT_MARGIN, EXPORT_MARGIN, EXPORT_MARGIN).intersected(self.rect())

    # -- drawing --------------------------------------------------------------
    def _begin(self, point: QPointF) -> None:
        self._pressed_at = point
        self._drawing = None

    def _extend(self, point: QPointF) -> None:
        if self._drawing is None:
            start = self._pressed_at
            if start is None or (point - start).manhattanLength() < MIN_MOVE:
                return
            self.loaded = None  # drawing replaces a loaded image, as the pad then shows
            self._drawing = QPainterPath(start)
            self.strokes.append(self._drawing)
        self._drawing.lineTo(point)
        self.update()

    def _end(self) -> None:
        self._pressed_at = None
        if self._drawing is not None:
            self._drawing = None
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.buttons() & Qt.MouseButton.LeftButton and self._pressed_at is not None:
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton:
            self._end()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.EnabledChange:
            self._pressed_at = self._drawing = None
            self.setCursor(Qt.CursorShape.CrossCursor if self.isEnabled() else Qt.CursorShape.ForbiddenCursor)
        super().changeEvent(event)

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt API
        kind = event.type()
        if not self.isEnabled():
            event.ignore()
            return
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove and event.pressure() > 0 and self._pressed_at is not None:
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff") if self.isEnabled() else QColor("#eef0f3"))
        painter.setPen(QPen(QColor("#b0b7c3"), 1, Qt.PenStyle.DashLine))
        baseline = int(self.height() * 0.75)
        painter.drawLine(16, baseline, self.width() - 16, baseline)
        if self.loaded is not None:
            scaled = self.loaded.scaled(self.size() * 0.9, Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.SmoothTransformation)
            painter.drawImage((self.width() - scaled.width()) // 2, (self.height() - scaled.height()) // 2, scaled)
        if not self.isEnabled():
            painter.setOpacity(0.45)
        self._paint_strokes(painter)
        painter.setOpacity(1.0)
        if self.is_empty() and self.isEnabled():
            painter.setPen(QColor("#8a94a6"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Sign here with the mouse or a pen"))

    def _paint_strokes(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(INK, PEN_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self.strokes:
            painter.drawPath(stroke)
