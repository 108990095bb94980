"""A member signs the frozen group opinion on their own laptop: agreement, or dissent with a
written reason (no third option). The signature file goes next to the draft (the leader's stick).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QButtonGroup, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QRadioButton, QVBoxLayout, QWidget

from reviewer_app import durable
from reviewer_app.errors import UserFacingError
from reviewer_app.panel import opinion as opinions
from ui.messages import translated


class CosignDialog(QDialog):
    def __init__(self, draft_path: Path, unlocked, parent: QWidget | None = None) -> None:  # noqa: ANN001 - identity.UnlockedIdentity
        super().__init__(parent)
        self._path, self._unlocked = Path(draft_path), unlocked
        self._draft = self._path.read_bytes()
        self.opinion = opinions.read_draft(self._draft, self._path.name)  # OpinionRefused: the caller shows it
        self.written: Path | None = None
        o = self.opinion
        self.summary = QLabel(self.tr("{application}\nConclusion: {conclusion}\nPanel score: {score}\nStrengths: {strengths}\nWeaknesses: {weaknesses}\nConditions: {conditions}").format(
            application=f"{o['application']['title']}（{o['application']['id']}）", conclusion=o["conclusion"]["title"], score=o["scores"]["score"],
            strengths=o["strengths"], weaknesses=o["weaknesses"], conditions=o["conditions"] or "—"))  # fmt: skip
        self.summary.setWordWrap(True)
        self.agree = QRadioButton(self.tr("I &agree with this group opinion"))
        self.dissent = QRadioButton(self.tr("I &dissent (the reason is signed with it)"))
        group = QButtonGroup(self)
        group.addButton(self.agree)
        group.addButton(self.dissent)
        self.agree.setChecked(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Reason for the dissent (required)"))
        self.reason.setEnabled(False)
        self.dissent.toggled.connect(self.reason.setEnabled)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9B1C1C")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = buttons.addButton(self.tr("&Sign with my key"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.sign)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Group opinion to sign (frozen draft {file}):").format(file=self._path.name)))
        layout.addWidget(self.summary)
        layout.addWidget(self.agree)
        layout.addWidget(self.dissent)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("Sign the group opinion"))

    def sign(self) -> None:
        decision = opinions.DISSENT if self.dissent.isChecked() else opinions.AGREE
        try:
            data = opinions.sign(
                self._draft, decision=decision, reason=self.reason.toPlainText() if decision == opinions.DISSENT else "",
                certificate=self._unlocked.certificate, private_key=self._unlocked.private_key, name=self._unlocked.profile.name,
                now=dt.datetime.now().astimezone().replace(microsecond=0),
            )  # fmt: skip
            target = self._path.with_name(f"{self.opinion['application']['id']}-{opinions.member_key(self._unlocked.fingerprint)}{opinions.SIGNATURE_SUFFIX}")
            durable.write_bytes(target, data)
        except UserFacingError as exc:
            self.error.setText(translated(exc))
            return
        except OSError as exc:
            self.error.setText(self.tr("The signature file could not be written: {reason}").format(reason=exc.strerror or str(exc)))
            return
        self.written = target
        self.accept()
