"""A plain-text material on screen: read-only, wrapped to the width, zoomed by font size, searched."""

from __future__ import annotations

import bisect
import re

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit

MIN_ZOOM, MAX_ZOOM = 0.5, 4.0
MAX_HITS = 10_000  # a search for one common character stays quick; nobody steps through more
_OUTSIDE_BMP = re.compile("[\U00010000-\U0010FFFF]")  # two positions each in Qt's text (UTF-16)


class TextView(QPlainTextEdit):
    """Lines wrap at the view's width, so the text always fits it; zooming changes the font size."""

    zoom_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("materialsText")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # Chinese has no spaces
        self._base_size = self.font().pointSizeF()
        self._zoom = 1.0
        self._text = ""
        self._wide: list[int] = []  # where the characters outside the BMP are
        self._needle = ""
        self._hits: list[int] = []

    def set_text(self, text: str) -> None:
        """Show `text`; its line ends become Qt's (one position each) so search positions agree."""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        self._text = text
        self._wide = [match.start() for match in _OUTSIDE_BMP.finditer(text)]
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.set_search("")
        self.set_zoom(1.0)

    def clear_text(self) -> None:
        self._text = ""
        self._wide = []
        self.clear()
        self.set_search("")

    # -- zoom -------------------------------------------------------------------------
    def zoom_factor(self) -> float:
        return self._zoom

    def zoom_by(self, step: float) -> None:
        self.set_zoom(self._zoom * step)

    def set_zoom(self, zoom: float) -> None:
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        font = self.font()
        font.setPointSizeF(self._base_size * self._zoom)
        self.setFont(font)
        self.zoom_changed.emit()

    # -- search -----------------------------------------------------------------------
    def set_search(self, needle: str) -> None:
        """Find every place of `needle`, ignoring case; nothing is selected until go_to_hit()."""
        self._needle = needle
        haystack, wanted = self._text.casefold(), needle.casefold()
        if len(haystack) != len(self._text) or len(wanted) != len(needle):  # a letter folds to two (ß): as written
            haystack, wanted = self._text, needle
        self._hits = _positions(haystack, wanted) if needle else []

    def search_string(self) -> str:
        return self._needle

    def hit_count(self) -> int:
        return len(self._hits)

    def first_hit_from_cursor(self) -> int:
        """The first hit at or after the top of what is on screen."""
        top = self.cursorForPosition(self.viewport().rect().topLeft()).position()
        return next((index for index, position in enumerate(self._hits) if self._in_qt(position) >= top), 0)

    def go_to_hit(self, index: int) -> None:
        start = self._hits[index]
        cursor = self.textCursor()
        cursor.setPosition(self._in_qt(start))
        cursor.setPosition(self._in_qt(start + len(self._needle)), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def _in_qt(self, index: int) -> int:
        """A position in the Python string as a position in Qt's document."""
        return index + bisect.bisect_left(self._wide, index)


def _positions(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start >= 0 and len(found) < MAX_HITS:
        found.append(start)
        start = text.find(needle, start + len(needle))
    return found
