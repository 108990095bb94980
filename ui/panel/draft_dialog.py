"""The leader drafts the group opinion and freezes it into the draft file the members sign;
later assembles the members' signature files into the final group opinion."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from reviewer_app import durable
from reviewer_app.errors import UserFacingError
from reviewer_app.org import aggregate
from reviewer_app.org import opinion_draft as drafts
from reviewer_app.panel import opinion as opinions
from ui.messages import translated


class DraftDialog(QDialog):
    def __init__(self, opened, verified: list, leader: str, parent: QWidget | None = None, *, rulings: list | None = None, rechecks: list | None = None, outstanding: list[str] | None = None) -> None:  # noqa: ANN001
        """`rulings`: the panel view's veto rulings (drafts.VetoRuling), the starting point here;
        `rechecks`: the answered re-checks (drafts.Recheck) the opinion records; `outstanding`:
        names of members whose re-check is not answered yet (said, not recorded)."""
        super().__init__(parent)
        self._opened, self._verified, self._leader = opened, verified, leader
        self._rechecks = list(rechecks or [])
        ruled = {r.veto_id: r for r in rulings or []}
        self.written: Path | None = None
        entries = [aggregate.Entry(v.source, v.document, v.score_sha256, opened.spec) for v in verified]
        self._entries = entries
        (result,) = aggregate.aggregate(entries)
        self.conclusion = QComboBox()
        for option in opened.spec.rubric.recommendations:
            self.conclusion.addItem(option.title, option.id)
        self.strengths, self.weaknesses, self.conditions = QPlainTextEdit(), QPlainTextEdit(), QPlainTextEdit()
        form = QFormLayout()
        form.addRow(self.tr("&Conclusion:"), self.conclusion)
        form.addRow(self.tr("Main &strengths:"), self.strengths)
        form.addRow(self.tr("Main &weaknesses:"), self.weaknesses)
        form.addRow(self.tr("Conditions (for a conditional recommendation):"), self.conditions)
        self.conclusion.currentIndexChanged.connect(self._say_whether_conditions_are_required)
        self._say_whether_conditions_are_required()
        self.rulings: dict[str, tuple[QComboBox, QLineEdit]] = {}
        for veto in (v for v in result.vetoes if v.raised_by):
            ruling, reason = QComboBox(), QLineEdit()
            ruling.addItem(self.tr("Not ruled yet"), "")
            ruling.addItem(self.tr("Confirmed"), drafts.CONFIRMED)
            ruling.addItem(self.tr("Dismissed"), drafts.DISMISSED)
            reason.setPlaceholderText(self.tr("The panel's reason (required)"))
            if veto.id in ruled:
                ruling.setCurrentIndex(max(0, ruling.findData(ruled[veto.id].ruling)))
                reason.setText(ruled[veto.id].reason)
            form.addRow(f"{veto.id} {veto.title}", ruling)
            form.addRow(self.tr("Reason:"), reason)
            self.rulings[veto.id] = (ruling, reason)
        names = {m.fingerprint: m.name for m in opened.manifest.panel}
        record = "；".join(f"{names.get(r.member, '?')} {'、'.join(r.criteria)}" for r in self._rechecks)
        self.recheck_note = QLabel(self.tr("Re-checks recorded: {record}").format(record=record) if record else self.tr("No answered re-check to record."))
        if outstanding:
            self.recheck_note.setText(self.recheck_note.text() + "\n" + self.tr("Not answered yet (not recorded): {names}").format(names="、".join(outstanding)))
        self.recheck_note.setWordWrap(True)
        form.addRow(self.tr("Re-checks:"), self.recheck_note)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9B1C1C")
        for edited in (self.conclusion.currentIndexChanged, self.conditions.textChanged):
            edited.connect(self.error.clear)  # the refusal concerned what was just changed
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.freeze_button = buttons.addButton(self.tr("&Freeze the draft…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._choose_folder)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("Draft the group opinion"))

    def _say_whether_conditions_are_required(self) -> None:
        chosen = next((r for r in self._opened.spec.rubric.recommendations if r.id == self.conclusion.currentData()), None)
        required = chosen is not None and chosen.conditional
        self.conditions.setPlaceholderText(self.tr("Required for this conclusion: what the applicant must change or complete.") if required else "")

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the frozen draft (for example the USB stick)"))
        if folder:
            self.freeze(Path(folder))

    def freeze(self, folder: Path) -> None:
        rulings = [drafts.VetoRuling(veto_id, ruling.currentData(), reason.text()) for veto_id, (ruling, reason) in self.rulings.items()]
        try:
            opinion = drafts.build(
                drafts.panel_of_opened(self._opened), self._entries, leader=self._leader,
                conclusion_id=self.conclusion.currentData(), strengths=self.strengths.toPlainText(), weaknesses=self.weaknesses.toPlainText(),
                conditions=self.conditions.toPlainText(), veto_rulings=rulings, rechecks=self._rechecks, drafted_at=dt.datetime.now().astimezone().replace(microsecond=0),
            )  # fmt: skip
            target = folder / f"{self._opened.application.id}{opinions.DRAFT_SUFFIX}"
            durable.write_bytes(target, opinions.freeze(opinion))
        except UserFacingError as exc:
            self.error.setText(translated(exc))
            return
        except OSError as exc:
            self.error.setText(self.tr("The draft could not be written: {reason}").format(reason=exc.strerror or str(exc)))
            return
        self.written = target
        self.accept()


def assemble_files(draft_path: Path, signature_paths: list[Path], target_folder: Path) -> Path:
    """The final group opinion from the frozen draft and the members' signature files
    (OpinionRefused, one sentence, until every member agreed or dissented)."""
    draft = Path(draft_path).read_bytes()
    opinion = opinions.read_draft(draft, Path(draft_path).name)
    files = [(p.name, p.read_bytes()) for p in signature_paths]
    final = opinions.assemble(draft, files, opinions.certificates_carried(files, opinion))
    target = Path(target_folder) / f"{opinion['application']['id']}-专家组意见{opinions.FINAL_SUFFIX}"
    durable.write_bytes(target, final)
    return target
