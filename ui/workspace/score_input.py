"""Score entry that only accepts what the rubric allows, and says why when it refuses."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import QLineEdit

from reviewer_app import rubric

NUMBER_PREFIX = re.compile(r"\d{0,3}(\.\d{0,2})?")


def allowed_scores_text(criterion: rubric.Criterion) -> str:
    return QCoreApplication.translate("Scoring", "Scores go from 0 to {maximum} in steps of {step}.").format(
        maximum=rubric.format_score(criterion.maximum), step=rubric.format_score(criterion.step))


def parse_score(text: str) -> float | None:
    text = text.strip()
    return float(text) if text else None


class ScoreValidator(QValidator):
    """Keystrokes that cannot lead to an allowed score are rejected outright (Invalid);
    a number off the step is Intermediate and refused when the expert leaves the field."""

    def __init__(self, criterion: rubric.Criterion) -> None:
        super().__init__()
        self.criterion = criterion

    def validate(self, text: str, pos: int) -> object:
        stripped = text.strip()
        if not stripped:
            return QValidator.State.Intermediate
        if not NUMBER_PREFIX.fullmatch(stripped):
            return QValidator.State.Invalid
        if stripped == ".":
            return QValidator.State.Intermediate
        value = float(stripped)
        if value > self.criterion.maximum:
            return QValidator.State.Invalid
        return QValidator.State.Acceptable if rubric.score_is_valid(self.criterion, value) else QValidator.State.Intermediate


class ScoreEdit(QLineEdit):
    """Emits `committed(value or None)` for an allowed score, `refused(reason)` otherwise."""

    committed = Signal(object)
    refused = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("scoreEdit")
        self.setMaximumWidth(110)
        self.criterion: rubric.Criterion | None = None
        # editingFinished/returnPressed fire only for Acceptable input; we must also
        # refuse the Intermediate kind (7.3 on a 0.5 step), so watch the keys and focus.
        self.inputRejected.connect(self._rejected_keystroke)

    def set_criterion(self, criterion: rubric.Criterion, value: float | None) -> None:
        self.criterion = criterion
        self.setValidator(ScoreValidator(criterion))
        self.setPlaceholderText(f"0 – {rubric.format_score(criterion.maximum)}")
        self.setText("" if value is None else rubric.format_score(value))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._finish()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        super().focusOutEvent(event)
        self._finish()

    def _rejected_keystroke(self) -> None:
        if self.criterion is not None:
            self.refused.emit(self.tr("Only numbers are allowed here. {allowed}").format(
                allowed=allowed_scores_text(self.criterion)))

    def _finish(self) -> None:
        if self.criterion is None:
            return
        text = self.text().strip()
        if text in ("", "."):
            self.committed.emit(None)
            return
        value = float(text)
        if rubric.score_is_valid(self.criterion, value):
            self.committed.emit(value)
        else:
            self.refused.emit(self.tr("{value} is not allowed. {allowed}").format(
                value=text, allowed=allowed_scores_text(self.criterion)))
