"""Small widget helpers shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

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

