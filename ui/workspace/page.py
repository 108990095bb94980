"""What every workspace page shares: retranslating on a language change, and undo/redo keys
that act on the saved model instead of a text field's own typing history."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ui.workspace.score_input import is_history_key


class WorkspacePage(QWidget):
    """A page or panel of the workspace; subclasses set their texts in `retranslate`."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class _HistoryKeysToModel(QObject):
    """Every keystroke in these fields is already saved as an undoable step; the field's own
    undo would change the text behind the model's back, so Ctrl+Z/Ctrl+Y go to the window."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and is_history_key(event):
            event.ignore()
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and is_history_key(event):
            return True  # no window action took it: still never the field's own history
        return False


_FILTER: _HistoryKeysToModel | None = None


def route_history_keys(*editors: QPlainTextEdit) -> None:
    global _FILTER  # noqa: PLW0603 - one stateless filter object for every field
    if _FILTER is None:
        _FILTER = _HistoryKeysToModel()
    for editor in editors:
        editor.setUndoRedoEnabled(False)
        editor.installEventFilter(_FILTER)
