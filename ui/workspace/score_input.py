"""The score field: it takes any text; what the text means is decided once, on Enter or when the
expert moves away (reviewer_app.review.score_entry), never by cutting keystrokes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

from reviewer_app import rubric

REFUSED_STYLE = "QLineEdit { border: 2px solid #c0392b; background: #fdecea; }"


def allowed_scores_text(criterion: rubric.Criterion) -> str:
    return QCoreApplication.translate("Scoring", "Scores go from 0 to {maximum} in steps of {step}.").format(
        maximum=rubric.format_score(criterion.maximum), step=rubric.format_score(criterion.step))


def is_history_key(event: QKeyEvent) -> bool:
    """Undo or redo, in every spelling the app offers (Ctrl+Z; Ctrl+Y and Ctrl+Shift+Z)."""
    combination = event.keyCombination().toCombined()
    keys = [QKeySequence(QKeySequence.StandardKey.Undo), QKeySequence(QKeySequence.StandardKey.Redo),
            QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]
    return any(sequence.count() == 1 and sequence[0].toCombined() == combination for sequence in keys)


class ScoreEdit(QLineEdit):
    """Emits `submitted(text)` on Enter and when focus leaves with the text changed; the page
    decides and shows the verdict with `show_refused`/`show_saved`. Undo and redo keys go to the
    review's undo stack (the saved model), not to the field's own typing history."""

    submitted = Signal(str)
    discard_requested = Signal()  # Ctrl+Z on a refused text: back to the saved value

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("scoreEdit")
        self.setMaximumWidth(110)
        self.shown_text = ""  # what the model says this field shows; anything else is being typed
        self.refused = False

    def set_criterion(self, criterion: rubric.Criterion, text: str, refused: bool) -> None:
        self.setPlaceholderText(f"0 – {rubric.format_score(criterion.maximum)}")
        self.show_text(text, refused)

    def show_text(self, text: str, refused: bool) -> None:
        self.shown_text = text
        self.refused = refused
        if self.text() != text:
            self.setText(text)
        self.setStyleSheet(REFUSED_STYLE if refused else "")

    @property
    def edited(self) -> bool:
        return self.text() != self.shown_text

    def submit(self) -> None:
        if self.edited:
            self.submitted.emit(self.text())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and is_history_key(event):
            if event.matches(QKeySequence.StandardKey.Undo) and (self.refused or self.edited):
                event.accept()  # handled below: the typed text goes, the saved value comes back
                return True
            self.submit()
            event.ignore()  # let the window's Undo/Redo act on the saved model
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.matches(QKeySequence.StandardKey.Undo):
            self.discard_requested.emit()
            return
        if is_history_key(event):
            return  # never the field's own redo
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit(self.text())

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        super().focusOutEvent(event)
        self.submit()
