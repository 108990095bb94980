"""A member signs the frozen group opinion on their own laptop: agreement, or dissent with a
written reason (no third option). The signature file goes next to the draft (the leader's stick).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QRadioButton, QScrollArea, QVBoxLayout, QWidget

from reviewer_app import durable, rubric
from reviewer_app.errors import UserFacingError
from reviewer_app.panel import opinion as opinions
from ui.messages import translated


def _score(value: float | None) -> str:
    """As the opinion's PDF prints it (two decimals at most)."""
    return "—" if value is None else rubric.format_score(round(value, 2))


class CosignDialog(QDialog):
    def __init__(self, draft_path: Path, unlocked, parent: QWidget | None = None) -> None:  # noqa: ANN001 - identity.UnlockedIdentity
        super().__init__(parent)
        self._path, self._unlocked = Path(draft_path), unlocked
        self._draft = self._path.read_bytes()
        self.opinion = opinions.read_draft(self._draft, self._path.name)  # OpinionRefused: the caller shows it
        self.written: Path | None = None
        o = self.opinion
        self.summary = QLabel("\n".join([
            self.tr("{application}\nConclusion: {conclusion}\nPanel score: {score}\nStrengths: {strengths}\nWeaknesses: {weaknesses}\nConditions: {conditions}").format(
                application=f"{o['application']['title']}（{o['application']['id']}）", conclusion=o["conclusion"]["title"], score=_score(o["scores"]["score"]),
                strengths=o["strengths"], weaknesses=o["weaknesses"], conditions=o["conditions"] or "—"),
            self.tr("Veto rulings: {rulings}").format(rulings="；".join(self._ruling(v) for v in o["vetoes"]) or self.tr("no member raised a veto item")),
            self.tr("Re-checks: {record}").format(record="；".join(self._recheck(r) for r in o["rechecks"]) or "—"),
            self.tr("Draft's SHA-256 (the same on every member's laptop): {sha256}").format(sha256=opinions.sha256(self._draft)),
        ]))  # fmt: skip
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shown = QScrollArea()  # long texts scroll instead of pushing the buttons off a laptop screen
        shown.setWidgetResizable(True)
        shown.setWidget(self.summary)
        shown.setMaximumHeight(280)
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
        layout.addWidget(shown)
        layout.addWidget(self.agree)
        layout.addWidget(self.dissent)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("Sign the group opinion"))

    def _name(self, fingerprint: str) -> str:
        return opinions.panel_name(self.opinion, fingerprint)

    def _ruling(self, veto: dict) -> str:
        ruling = self.tr("confirmed") if veto["ruling"] == "confirmed" else self.tr("dismissed")
        raised = "、".join(self._name(r["fingerprint"]) for r in veto["raised_by"])
        return self.tr("{veto} (raised by {raised}): {ruling} — {reason}").format(veto=f"{veto['id']} {veto['title']}", raised=raised, ruling=ruling, reason=veto["reason"])

    def _recheck(self, record: dict) -> str:
        if record["answer"] == "amendment":
            answer = self.tr("amended, revision {number}").format(number=record["revision"])
        else:
            answer = self.tr("score kept, in writing")
        return self.tr("{name} on {criteria}: {answer}").format(name=self._name(record["member"]), criteria="、".join(record["criteria"]), answer=answer)

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
