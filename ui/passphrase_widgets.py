"""Passphrase entry: choosing a new one (with a strength meter) and unlocking with one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app import passphrase as passphrase_rules
from ui.jobs import JobRunner
from ui.widgets import ERROR_STYLE

STRENGTH_COLOURS = ("#c0392b", "#c0392b", "#e67e22", "#27ae60", "#1e8449")


def strength_label(score: int) -> str:
    return (
        QCoreApplication.translate("Passphrase", "Very weak"),
        QCoreApplication.translate("Passphrase", "Weak"),
        QCoreApplication.translate("Passphrase", "Fair"),
        QCoreApplication.translate("Passphrase", "Good"),
        QCoreApplication.translate("Passphrase", "Strong"),
    )[score]


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(320)
    return edit


class PassphraseFields(QWidget):
    """New passphrase + confirmation, with a live strength meter and the reasons it is refused."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.personal_words: tuple[str, ...] = ()
        self.new_edit = password_edit("newPassphrase")
        self.confirm_edit = password_edit("confirmPassphrase")
        self.meter = QProgressBar()
        self.meter.setObjectName("strengthMeter")
        self.meter.setRange(0, 5)  # score 0-4 drawn as 1-5 so even 'very weak' shows red
        self.meter.setTextVisible(True)
        self.advice = QLabel()
        self.advice.setObjectName("passphraseAdvice")
        self.advice.setWordWrap(True)
        self.new_label, self.confirm_label, self.meter_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout(self)
        form.addRow(self.new_label, self.new_edit)
        form.addRow(self.confirm_label, self.confirm_edit)
        form.addRow(self.meter_label, self.meter)
        form.addRow("", self.advice)
        for edit in (self.new_edit, self.confirm_edit):
            edit.textChanged.connect(self._update)
        self.retranslate()

    def retranslate(self) -> None:
        self.new_label.setText(self.tr("Passphrase:"))
        self.confirm_label.setText(self.tr("Repeat it:"))
        self.meter_label.setText(self.tr("Strength:"))
        self._update()

    def passphrase(self) -> str:
        return self.new_edit.text()

    def is_acceptable(self) -> bool:
        return self._assessment().acceptable and self.new_edit.text() == self.confirm_edit.text()

    def _assessment(self) -> passphrase_rules.Assessment:
        return passphrase_rules.assess(self.new_edit.text(), personal_words=self.personal_words)

    def _update(self) -> None:
        assessment = self._assessment()
        self.meter.setValue(assessment.score + 1 if self.new_edit.text() else 0)
        self.meter.setFormat(strength_label(assessment.score))
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {STRENGTH_COLOURS[assessment.score]}; }}")
        reasons = [QCoreApplication.translate("Errors", p) for p in assessment.problems]
        if not reasons and self.confirm_edit.text() != self.new_edit.text():
            reasons.append(self.tr("The two entries are not the same."))
        if not self.new_edit.text():
            reasons = [self.tr("Choose a passphrase of at least 10 characters that others cannot guess. "
                               "It protects your signing key; nobody can recover it for you.")]
        self.advice.setText("\n".join(f"• {r}" for r in reasons) if reasons else self.tr("✓ Good passphrase."))
        self.changed.emit()


class UnlockDialog(QDialog):
    """Asks for the passphrase and runs `unlock(passphrase)` on a worker thread.

    A wrong passphrase (any UserFacingError) is shown in the dialog and the expert
    may try again; on success `result_value` holds what `unlock` returned. After
    FAILED_TRIES_BEFORE_HELP refusals it explains that nobody can recover a forgotten
    passphrase and, given `forgotten`, offers to make a new identity (closing the dialog).
    """

    FAILED_TRIES_BEFORE_HELP = 3

    def __init__(self, jobs: JobRunner, unlock: Callable[[str], Any], prompt: str, parent: QWidget | None = None,
                 forgotten: Callable[[], None] | None = None):
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self._jobs, self._unlock, self._forgotten = jobs, unlock, forgotten
        self.result_value: Any = None
        self.failures = 0
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.edit = password_edit("unlockPassphrase")
        self.error = QLabel()
        self.error.setObjectName("unlockError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.forgotten_help = QLabel()
        self.forgotten_help.setObjectName("forgottenHelp")
        self.forgotten_help.setWordWrap(True)
        self.forgotten_help.hide()
        self.new_identity_button = QPushButton()
        self.new_identity_button.setObjectName("newIdentityButton")
        self.new_identity_button.clicked.connect(self._make_new_identity)
        self.new_identity_button.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.prompt, self.edit, self.error, self.forgotten_help):
            layout.addWidget(widget)
        layout.addWidget(self.new_identity_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Enter your passphrase"))
        self.setMinimumWidth(460)

    def _try(self) -> None:
        self._set_busy(True)
        job = self._jobs.start(lambda _context, text: self._unlock(text), self.edit.text())
        job.succeeded.connect(self._unlocked)
        job.failed.connect(self._refused)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.edit.setEnabled(not busy)
        self.buttons.setEnabled(not busy)

    def _unlocked(self, value: Any) -> None:
        self.result_value = value
        self._set_busy(False)
        self.accept()

    def _refused(self, message: str) -> None:
        self._set_busy(False)
        self.failures += 1
        self.error.setText(message + " " + self.tr("Please try again."))
        if self.failures >= self.FAILED_TRIES_BEFORE_HELP:
            self._offer_help()
        self.edit.selectAll()
        self.edit.setFocus()

    def _offer_help(self) -> None:
        text = self.tr(
            "Forgotten your passphrase? Nobody can recover it: it is stored nowhere, neither by the review "
            "organization nor in this app.")
        if self._forgotten is not None:
            text += " " + self.tr(
                "You can make a new identity instead. Your current one is archived on this computer (kept, "
                "not deleted); you then send the organization your new enrolment card and receive new bundles, "
                "to which the work you have already entered can be carried over.")
            self.new_identity_button.setText(self.tr("Make a new identity…"))
            self.new_identity_button.show()
        self.forgotten_help.setText(text)
        self.forgotten_help.show()

    def _make_new_identity(self) -> None:
        self.reject()
        if self._forgotten is not None:
            QTimer.singleShot(0, self._forgotten)  # once this dialog's exec() has returned
