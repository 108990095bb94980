"""Re-check (复核) on both sides: the leader asks one member about some criteria (a signed
request file); the member answers with an amendment (a newer signed revision) or with a signed
justification that keeps the score (a signed answer file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QRadioButton, QVBoxLayout, QWidget
from PySide6.QtCore import Qt

from reviewer_app import durable, keys
from reviewer_app.errors import UserFacingError
from reviewer_app.panel import recheck
from ui.messages import translated


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


class _SignedFileDialog(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.written: Path | None = None
        self.data = b""  # the signed file's bytes once written
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9B1C1C")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = self.buttons.addButton(self.tr("&Sign and save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)

    def _write(self, target: Path, make) -> None:  # noqa: ANN001 - a callable returning the file's bytes
        try:
            data = make()
            durable.write_bytes(target, data)
        except UserFacingError as exc:
            self.error.setText(translated(exc))
            return
        except OSError as exc:
            self.error.setText(self.tr("The file could not be written: {reason}").format(reason=exc.strerror or str(exc)))
            return
        self.written, self.data = target, data
        self.accept()


class RequestDialog(_SignedFileDialog):
    """The leader asks `member` to re-check some criteria; the file goes into `folder`."""

    def __init__(self, opened, unlocked, member: str, folder: Path, parent: QWidget | None = None, *, preselected: list[str] | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._opened, self._unlocked, self.member, self._folder = opened, unlocked, member, Path(folder)
        name = next((m.name for m in opened.manifest.panel if m.fingerprint == member), "?")
        self.criteria = QListWidget()
        for criterion in opened.spec.rubric.criteria():
            item = QListWidgetItem(f"{criterion.id} {criterion.title}")
            item.setData(Qt.ItemDataRole.UserRole, criterion.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if criterion.id in (preselected or []) else Qt.CheckState.Unchecked)
            self.criteria.addItem(item)
        self.question = QPlainTextEdit()
        self.question.setPlaceholderText(self.tr("Your question to the member (required)"))
        self.buttons.accepted.connect(self.sign)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Ask {name} to re-check these criteria:").format(name=name)))
        layout.addWidget(self.criteria)
        layout.addWidget(self.question)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Re-check request"))

    def checked(self) -> list[str]:
        return [self.criteria.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.criteria.count()) if self.criteria.item(i).checkState() == Qt.CheckState.Checked]

    def sign(self) -> None:
        target = self._folder / f"{self._opened.application.id}-{keys.fingerprint_hex(self.member)[:16]}{recheck.REQUEST_SUFFIX}"
        self._write(target, lambda: recheck.make_request(
            bundle_id=self._opened.bundle_id, application_id=self._opened.application.id, panel=[m.fingerprint for m in self._opened.manifest.panel],
            criteria=self.checked(), member=self.member, question=self.question.toPlainText(),
            certificate=self._unlocked.certificate, private_key=self._unlocked.private_key, now=_now(),
        ))  # fmt: skip


class AnswerDialog(_SignedFileDialog):
    """The member answers a kept request with one of their amended revisions (from the store,
    newest first) or with a justification that keeps the score; the answer file goes to `folder`."""

    def __init__(self, request: recheck.Request, opened, unlocked, amendments: list, folder: Path, parent: QWidget | None = None) -> None:  # noqa: ANN001 - services.rechecks.Amendment
        super().__init__(parent)
        self._unlocked, self.request, self._folder = unlocked, request, Path(folder)
        if self.request.member != unlocked.fingerprint:
            raise recheck.OpinionRefused(recheck.NOT_ADDRESSED_TO_YOU)
        leader = next((m.name for m in opened.manifest.panel if m.fingerprint == self.request.leader), "?")
        titles = {c.id: c.title for c in opened.spec.rubric.criteria()}
        self.by_amendment = QRadioButton(self.tr("Answer with my &amended score sheet:"))
        self.revision = QComboBox()
        for amendment in amendments:
            self.revision.addItem(self.tr("Revision {number} — {reason}").format(number=amendment.revision, reason=amendment.reason), (amendment.revision, amendment.score_sha256))
        self.by_justification = QRadioButton(self.tr("&Keep my scores, with this justification:"))
        self.justification = QPlainTextEdit()
        self.justification.setPlaceholderText(self.tr("Why the score stands (required; signed with your key)"))
        (self.by_amendment if amendments else self.by_justification).setChecked(True)
        self.by_amendment.setEnabled(bool(amendments))
        self.revision.setEnabled(bool(amendments))
        hint = QLabel(self.tr("To change a score: on the “Sign and export” tab choose “Amend…”, change it, sign again and export the package; then answer here with that revision.")
                      if not amendments else self.tr("Give the leader the amended package too (exported from the “Sign and export” tab)."))  # fmt: skip
        hint.setWordWrap(True)
        self.buttons.accepted.connect(self.sign)
        asked = QLabel(self.tr("{leader} asks you to re-check {criteria}: {question}").format(
            leader=leader, criteria="、".join(f"{c} {titles.get(c, '')}".strip() for c in self.request.criteria), question=self.request.question))  # fmt: skip
        asked.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(asked)
        for widget in (self.by_amendment, self.revision, hint, self.by_justification, self.justification, self.error, self.buttons):
            layout.addWidget(widget)
        self.setWindowTitle(self.tr("Answer the re-check"))

    def target(self) -> Path:
        return self._folder / f"{self.request.application_id}-{keys.fingerprint_hex(self.request.member)[:16]}{recheck.ANSWER_SUFFIX}"

    def sign(self) -> None:
        if self.by_amendment.isChecked():
            number, sha = self.revision.currentData()
            make = lambda: recheck.make_answer(self.request, answer=recheck.AMENDMENT, revision=number, score_sha256=sha,  # noqa: E731
                                               certificate=self._unlocked.certificate, private_key=self._unlocked.private_key, now=_now())  # fmt: skip
        else:
            make = lambda: recheck.make_answer(self.request, answer=recheck.JUSTIFICATION, justification=self.justification.toPlainText(),  # noqa: E731
                                               certificate=self._unlocked.certificate, private_key=self._unlocked.private_key, now=_now())  # fmt: skip
        self._write(self.target(), make)
