"""Built-in demo only: a button in the 专家组 tab that lets the other panel members sign the frozen
draft, so the leader's walk (draft → every member signs → assemble) can be tried alone.

Shown only for a bundle of the demo's own organization in the demo's data folder
(`demo_setup.demo_world_for`); in real use each member signs on their own laptop (cosign.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from reviewer_app import demo_setup
from reviewer_app.panel import opinion as opinions


def _sign(context, world: Path, draft: Path, own: str) -> list:  # noqa: ANN001 - JobContext
    return demo_setup.sign_as_other_members(world, draft, own, context.progress)


class DemoSigners(QPushButton):
    @staticmethod
    def create(opened, own_fingerprint: str, runner, status: QLabel, parent: QWidget | None = None) -> DemoSigners | None:  # noqa: ANN001
        """The button, or None when `opened` is not a bundle of the built-in demo."""
        world = demo_setup.demo_world_for(opened)
        return None if world is None else DemoSigners(world, own_fingerprint, runner, status, parent)

    def __init__(self, world: Path, own_fingerprint: str, runner, status: QLabel, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.world, self._own, self._runner, self._status = world, own_fingerprint, runner, status
        self.job = None
        self.setObjectName("demoSigners")
        self.clicked.connect(self._choose_draft)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setText(self.tr("Demo: the &others sign…"))
        self.setToolTip(self.tr("Demo only: the other panel members sign the frozen draft with their keys from the demo world, "
                                "as they would on their own laptops. Their signature files go next to the draft."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _choose_draft(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Frozen group opinion"), str(self.world / demo_setup.STICK_DIR),
                                              self.tr("Group opinion drafts (*{suffix})").format(suffix=opinions.DRAFT_SUFFIX))
        if path:
            self.sign(Path(path))

    def sign(self, draft: Path) -> None:
        if self.job is not None:
            return
        self.setEnabled(False)
        self._status.setText(self.tr("The other members are signing {file}…").format(file=draft.name))
        self.job = self._runner.start(_sign, self.world, draft, self._own)
        self.job.succeeded.connect(self._signed)
        self.job.failed.connect(self._status.setText)
        self.job.finished.connect(self._done)

    def _done(self) -> None:
        self.job = None
        self.setEnabled(True)

    def _signed(self, signatures: list) -> None:
        dissents = [s for s in signatures if s.dissent]
        text = self.tr("{count} member(s) signed; their signature files are next to the draft. Now sign it yourself and assemble.").format(count=len(signatures))
        for signature in dissents:
            text += "\n" + self.tr("{name} dissents: {reason}").format(name=signature.name, reason=signature.dissent)
        self._status.setText(text)
