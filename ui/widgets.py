"""Small widget helpers shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

ERROR_STYLE = "color: #c0392b;"  # refusals and what is missing
OK_STYLE = "color: #1e8449;"  # done, saved, complete


def wrapped(text: str = "", name: str = "") -> QLabel:
    """A word-wrapping, selectable label (experts copy texts from the screen)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def fit_to_screen(window: QWidget, width: int, height: int, fraction: float = 0.92) -> None:
    """Resize `window` to width × height, but never beyond `fraction` of the screen's free area
    (a 1366×768 laptop, or 1920×1080 at 150 %, leaves about 1280×690 device-independent pixels)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    window.resize(min(width, int(area.width() * fraction)), min(height, int(area.height() * fraction)))
