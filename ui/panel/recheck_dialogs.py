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
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9B1C1C")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = self.buttons.addButton(self.tr("&Sign and save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)

    def _write(self, target: Path, make) -> None:  # noqa: ANN001 - a callable returning the file's bytes
        try:
            durable.write_bytes(target, make())
        except UserFacingError as exc:
            self.error.setText(translated(exc))
            return
        except OSError as exc:
            self.error.setText(self.tr("The file could not be written: {reason}").format(reason=exc.strerror or str(exc)))
            return
        self.written = target
        self.accept()


class RequestDialog(_SignedFileDialog):
    """The leader asks `member` to re-check some criteria; the file goes into `folder`."""

    def __init__(self, opened, unlocked, member: str, folder: Path, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._opened, self._unlocked, self._member, self._folder = opened, unlocked, member, Path(folder)
        name = next((m.name for m in opened.manifest.panel if m.fingerprint == member), "?")
        self.criteria = QListWidget()
        for criterion in opened.spec.rubric.criteria():
            item = QListWidgetItem(f"{criterion.id} {criterion.title}")
            item.setData(Qt.ItemDataRole.UserRole, criterion.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
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
        target = self._folder / f"{self._opened.application.id}-{keys.fingerprint_hex(self._member)[:16]}{recheck.REQUEST_SUFFIX}"
        self._write(target, lambda: recheck.make_request(
            bundle_id=self._opened.bundle_id, application_id=self._opened.application.id, panel=[m.fingerprint for m in self._opened.manifest.panel],
            criteria=self.checked(), member=self._member, question=self.question.toPlainText(),
            certificate=self._unlocked.certificate, private_key=self._unlocked.private_key, now=_now(),
        ))  # fmt: skip


class AnswerDialog(_SignedFileDialog):
    """The member answers a request. `amendments`: (revision, score.json SHA-256) of the member's
    signed revisions after the first, newest first (from the app's own record of exports)."""

    def __init__(self, request_path: Path, opened, unlocked, amendments: list[tuple[int, str]], parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._unlocked, self._path = unlocked, Path(request_path)
        self.request = recheck.read_request(
            self._path.read_bytes(), bundle_id=opened.bundle_id, application_id=opened.application.id, panel=[m.fingerprint for m in opened.manifest.panel], file=self._path.name
        )  # OpinionRefused: the caller shows it
        if self.request.member != unlocked.fingerprint:
            raise recheck.OpinionRefused(recheck.NOT_ADDRESSED_TO_YOU)
        leader = next((m.name for m in opened.manifest.panel if m.fingerprint == self.request.leader), "?")
        self.by_amendment = QRadioButton(self.tr("Answer with my &amended score sheet:"))
        self.revision = QComboBox()
        for number, sha in amendments:
            self.revision.addItem(self.tr("Revision {number}").format(number=number), (number, sha))
        self.by_justification = QRadioButton(self.tr("&Keep my scores, with this justification:"))
        self.justification = QPlainTextEdit()
        (self.by_amendment if amendments else self.by_justification).setChecked(True)
        self.by_amendment.setEnabled(bool(amendments))
        self.buttons.accepted.connect(self.sign)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("{leader} asks you to re-check {criteria}: {question}").format(leader=leader, criteria="、".join(self.request.criteria), question=self.request.question)))
        for widget in (self.by_amendment, self.revision, self.by_justification, self.justification, self.error, self.buttons):
            layout.addWidget(widget)
        self.setWindowTitle(self.tr("Answer the re-check"))

    def sign(self) -> None:
        target = self._path.with_suffix(recheck.ANSWER_SUFFIX)
        if self.by_amendment.isChecked():
            number, sha = self.revision.currentData()
            make = lambda: recheck.make_answer(self.request, answer=recheck.AMENDMENT, revision=number, score_sha256=sha,  # noqa: E731
                                               certificate=self._unlocked.certificate, private_key=self._unlocked.private_key, now=_now())  # fmt: skip
        else:
            make = lambda: recheck.make_answer(self.request, answer=recheck.JUSTIFICATION, justification=self.justification.toPlainText(),  # noqa: E731
                                               certificate=self._unlocked.certificate, private_key=self._unlocked.private_key, now=_now())  # fmt: skip
        self._write(target, make)
