"""The member's side of a re-check (复核): each request the leader sent this expert about this
application, shown above the workspace's tabs (who asks what about which criteria) until it is
answered, with the button that answers it (ui/panel/recheck_dialogs.AnswerDialog)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reviewer_app.errors import UserFacingError
from ui.messages import translated

BANNER_STYLE = "QFrame#recheckBanner { background: #FFF4D6; border: 1px solid #E0B84F; border-radius: 4px; }"


class RecheckBanner(QFrame):
    def __init__(self, opened, store, unlocked, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("recheckBanner")
        self.setStyleSheet(BANNER_STYLE)
        self._opened, self._store, self._unlocked = opened, store, unlocked
        self.records: list = []  # services.rechecks.Recheck, outstanding
        self.rows: list[tuple[QLabel, QPushButton]] = []
        self._row_widgets: list[QWidget] = []
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9B1C1C")
        self.error.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.addWidget(self.error)
        self.dialog = None
        self.refresh()

    def refresh(self) -> None:
        """The outstanding requests, from the store."""
        from reviewer_app.services import rechecks

        try:
            self.records = rechecks.outstanding(self._store, self._opened) if self._store is not None and self._unlocked is not None else []
        except UserFacingError as exc:  # a kept file no longer checks (another bundle version): say so
            self.records = []
            self.error.setText(translated(exc))
            self.error.show()
        # One widget a row, owned by the banner and deleted whole: rows used to be bare layouts
        # whose widgets were deleted while the (parentless, then inserted) layouts stayed, and
        # deleting the banner then crashed now and then in shiboken (releaseWrapper) on them.
        for container in self._row_widgets:
            self._layout.removeWidget(container)
            container.deleteLater()
        self._row_widgets, self.rows = [], []
        for index, record in enumerate(self.records):
            container = QWidget(self)
            row = QHBoxLayout(container)
            row.setContentsMargins(0, 0, 0, 0)
            label, button = QLabel(container), QPushButton(container)
            label.setWordWrap(True)
            button.clicked.connect(lambda _checked=False, i=index: self.choose_folder_and_answer(i))
            row.addWidget(label, 1)
            row.addWidget(button)
            self._layout.insertWidget(self._layout.count() - 1, container)
            self._row_widgets.append(container)
            self.rows.append((label, button))
        self.retranslate()
        self.setVisible(bool(self.records) or not self.error.isHidden())

    def retranslate(self) -> None:
        from ui.panel.panel_view import asked_time

        titles = {c.id: c.title for c in self._opened.spec.rubric.criteria()}
        names = {m.fingerprint: m.name for m in self._opened.manifest.panel}
        for (label, button), record in zip(self.rows, self.records, strict=True):
            request = record.request
            label.setText(self.tr("⚑ Re-check requested by {leader} ({asked}) about {criteria}: “{question}”").format(
                leader=names.get(request.leader, "?"), asked=asked_time(request.asked_at, self._opened),
                criteria="、".join(f"{c} {titles.get(c, '')}".strip() for c in request.criteria), question=request.question))  # fmt: skip
            button.setText(self.tr("Answer…"))

    def choose_folder_and_answer(self, index: int) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the answer (for example the leader's USB stick)"))
        if folder:
            self.answer(index, Path(folder))

    def answer_first(self, folder: Path):  # noqa: ANN201 - the dialog of the newest outstanding request, or None
        return self.answer(len(self.records) - 1, folder) if self.records else None

    def answer(self, index: int, folder: Path):  # noqa: ANN201 - the dialog (tests drive it)
        from reviewer_app.services import rechecks
        from ui.panel.recheck_dialogs import AnswerDialog

        record = self.records[index]
        self.dialog = AnswerDialog(record.request, self._opened, self._unlocked, rechecks.amendments(self._store, self._opened.bundle_id), folder, self)
        self.dialog.accepted.connect(lambda: self._answered(record.request, self.dialog.data))
        self.dialog.open()
        return self.dialog

    def _answered(self, request, data: bytes) -> None:  # noqa: ANN001 - recheck.Request
        from reviewer_app.services import rechecks

        rechecks.record_answer(self._store, self._opened, request, data)
        self.refresh()
