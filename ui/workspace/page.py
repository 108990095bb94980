"""What every workspace page shares: retranslating on a language change, and undo/redo keys
that act on the saved model instead of a text field's own typing history."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ui.enter_key import EnterClicksFocusedButton
from ui.screen_fit import ScreenFit
from ui.workspace.score_input import is_history_key

Steps = Iterator[bool]  # a page built in parts: `yield True` between two parts (Workspace.build_step)


class WorkspacePage(QWidget):
    """A page or panel of the workspace; subclasses set their texts in `retranslate`."""

    complete = True  # False while it is built in parts: its last part sets the texts

    def build_in_parts(self, parts: Steps, in_steps: bool) -> None:
        """Build `parts` now, or with `in_steps` leave them in `self.parts` for the caller to
        build one per turn of the event loop (Workspace.build_step, issue 16)."""
        self.complete = False
        self.parts = self._completing(parts)
        if not in_steps:
            build_at_once(self.parts)

    def _completing(self, parts: Steps) -> Steps:
        yield from parts
        self.complete = True

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange and self.complete:
            self.retranslate()
        super().changeEvent(event)


def build_at_once(steps: Steps) -> None:
    """Build every part of a page built in parts, now."""
    for _ in steps:
        pass


@contextmanager
def application_filters_off() -> Iterator[None]:
    """Building widgets without the application-wide event filters (ui/screen_fit.py,
    ui/enter_key.py). Being Python, they make every event of every object cross into Python,
    and building a page sends a few per widget (ChildAdded, Polish, LayoutRequest…): measured,
    they doubled what building the workspace costs. Hidden widgets being built need neither:
    no window is shown and no key is read until the event loop runs again."""
    app = QCoreApplication.instance()
    direct = Qt.FindChildOption.FindDirectChildrenOnly  # found by Qt: the app's other children are not wrapped
    filters = [*app.findChildren(ScreenFit, options=direct), *app.findChildren(EnterClicksFocusedButton, options=direct)] if app else []
    for event_filter in filters:
        app.removeEventFilter(event_filter)
    try:
        yield
    finally:
        for event_filter in filters:  # their order does not matter: they act on different events
            app.installEventFilter(event_filter)


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
