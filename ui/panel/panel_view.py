"""The leader's panel view for one application: import the panel's packages, see the table.

Packages come by file dialog, a folder, or drag and drop; each is checked in a background job
against the bundle's signed panel list (reviewer_app.panel.packages) before anything shows, and
a refused file gets its one sentence. The table (every member's score per criterion, mean,
trimmed mean, spread, outliers highlighted by the rule of docs/verify.md §5) stays hidden until
the viewer's own signed package for this application is among the imported ones: nobody sees
the others' scores before signing their own sheet.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from reviewer_app import rubric
from reviewer_app.org import aggregate
from reviewer_app.panel.opinion import OpinionRefused
from reviewer_app.panel.packages import import_package
from ui.messages import translated

OUTLIER = QColor("#F9D6A5")


def _import_all(context, paths: list[Path], opened, identities) -> list:  # noqa: ANN001 - JobContext, OpenedBundle
    results = []
    for done, path in enumerate(paths):
        if context.cancelled():
            break
        try:
            results.append((path, import_package(path, opened, identities)))
        except OpinionRefused as exc:
            results.append((path, exc))
        context.progress(done + 1, len(paths))
    return results


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the *.rvs files in it."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.glob("*.rvs")) if path.is_dir() else [path])
    return found


class PanelView(QWidget):
    def __init__(self, opened, identities, own_fingerprint: str, runner, parent: QWidget | None = None, *, settings: aggregate.Settings | None = None, unlocked=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._unlocked = unlocked  # identity.UnlockedIdentity: signs requests, answers and opinions
        self._settings = settings or aggregate.Settings()
        self._opened, self._identities, self._own, self._runner = opened, list(identities), own_fingerprint, runner
        self._verified: dict[str, object] = {}  # score.json SHA-256 -> VerifiedPackage
        self.job = None
        self.setAcceptDrops(True)
        self.title = QLabel()
        self.import_button = QPushButton()
        self.import_button.setShortcut(QKeySequence("Ctrl+I"))
        self.import_button.clicked.connect(self._choose_files)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.refused = QListWidget()
        self.refused.setMaximumHeight(90)
        self.table = QTableWidget()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.vetoes = QLabel()
        self.vetoes.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.import_button)
        self.draft_button = QPushButton()
        self.draft_button.clicked.connect(self.open_draft)
        top.addWidget(self.draft_button)
        self.more_buttons = []
        for handler in (self._choose_recheck_member, self._choose_opinion_to_sign, self._choose_request_to_answer, self._choose_files_to_assemble):
            button = QPushButton()
            button.clicked.connect(handler)
            button.setEnabled(unlocked is not None)
            top.addWidget(button)
            self.more_buttons.append(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.refused)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.waiting)
        layout.addWidget(self.vetoes)
        self.retranslate()
        self._refresh()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Panel of {title}: {count} members").format(title=self._opened.application.title, count=len(self._opened.manifest.panel)))
        named = self._opened.manifest.leader_member()
        if named is not None:
            self.title.setText(self.title.text() + "\n" + self.tr("Leader: {name} (named by the organization at sealing)").format(name=named.name))
        self.import_button.setText(self.tr("&Import packages…"))
        self.draft_button.setText(self.tr("&Draft the group opinion…"))
        for button, text in zip(self.more_buttons, (self.tr("Ask for a &re-check…"), self.tr("&Sign a group opinion…"), self.tr("&Answer a re-check…"), self.tr("Asse&mble…")), strict=True):
            button.setText(text)
        self.waiting.setText(self.tr("Import your own signed score package for this application first: the panel's scores are shown only after you signed your own sheet."))

    # --- importing ---------------------------------------------------------------------------

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Panel members' score packages"), "", self.tr("Score packages (*.rvs)"))
        if files:
            self.import_files([Path(f) for f in files])

    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        self.import_files([Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()])

    def import_files(self, paths: list[Path]) -> None:
        paths = expand(paths)
        if not paths or self.job is not None:
            return
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Checking {count} package(s) against the bundle's panel list…").format(count=len(paths)))
        self.job = self._runner.start(_import_all, paths, self._opened, self._identities)
        self.job.succeeded.connect(self._imported)
        self.job.failed.connect(self.status.setText)
        self.job.finished.connect(self._job_done)

    def _job_done(self) -> None:
        self.job = None
        self.import_button.setEnabled(True)

    def _imported(self, results: list) -> None:
        accepted = 0
        for path, outcome in results:
            if isinstance(outcome, OpinionRefused):
                self.refused.addItem(f"{path.name}: {translated(outcome)}")
            else:
                self._verified[outcome.score_sha256] = outcome
                accepted += 1
        self.status.setText(self.tr("{accepted} package(s) accepted, {refused} refused.").format(accepted=accepted, refused=len(results) - accepted))
        self._refresh()

    # --- the table ---------------------------------------------------------------------------

    def own_package_imported(self) -> bool:
        return any(v.document.expert.fingerprint == self._own for v in self._verified.values())

    def _refresh(self) -> None:
        visible = self.own_package_imported()
        self.draft_button.setEnabled(visible)
        self.table.setVisible(visible)
        self.waiting.setVisible(not visible)
        self.vetoes.setVisible(visible)
        if not visible or not self._verified:
            return
        entries = [aggregate.Entry(v.source, v.document, v.score_sha256, self._opened.spec) for v in self._verified.values()]
        (result,) = aggregate.aggregate(entries, self._settings)
        self._fill(result)

    def _fill(self, result: aggregate.ApplicationResult) -> None:
        members = [e for e in result.experts]
        self.table.clear()
        self.table.setColumnCount(len(members) + 4)
        self.table.setRowCount(len(result.criteria))
        headers = [e.name for e in members] + [self.tr("Mean"), self.tr("Trimmed mean"), self.tr("Spread"), self.tr("Used")]
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setVerticalHeaderLabels([f"{c.id} {c.title}" for c in result.criteria])
        column = {e.fingerprint: i for i, e in enumerate(members)}
        for row, c in enumerate(result.criteria):
            for score in c.scores:
                item = QTableWidgetItem(rubric.format_score(score.value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if score.outlier:
                    item.setBackground(OUTLIER)
                    item.setToolTip(self.tr("Outlier: further from the median than {share} % of the maximum").format(share=round(self._settings.outlier_share * 100)))
                self.table.setItem(row, column[score.fingerprint], item)
            spread = None if c.stats.n == 0 else c.stats.max - c.stats.min
            for offset, value in enumerate((c.stats.mean, c.stats.trimmed_mean, spread, c.stats.used)):
                item = QTableWidgetItem(aggregate.fmt(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, len(members) + offset, item)
        returned = {e.fingerprint for e in members} | {r.expert for r in result.recused}
        names = [m.name for m in self._opened.manifest.panel if m.fingerprint not in returned and m.name not in {r.expert for r in result.recused}]
        raised = [f"{v.id} {v.title}: " + "; ".join(f"{who} — {why}" for who, why in v.raised_by) for v in result.vetoes if v.raised_by]
        lines = []
        if names:
            lines.append(self.tr("Not yet returned: {names}").format(names="、".join(names)))
        if raised:
            lines.append(self.tr("Veto items raised (the panel rules on each): {items}").format(items="; ".join(raised)))
        self.vetoes.setText("\n".join(lines))

    def latest_packages(self) -> list:
        """Each member's latest revision among the imported packages."""
        latest: dict[str, object] = {}
        for v in self._verified.values():
            known = latest.get(v.document.expert.fingerprint)
            if known is None or v.document.revision.number > known.document.revision.number:
                latest[v.document.expert.fingerprint] = v
        return list(latest.values())

    def someone_else_leads(self) -> bool:
        """True (and says why) when the organization named another member leader at sealing."""
        named = self._opened.manifest.leader_member()
        if named is None or named.fingerprint == self._own:
            return False
        self.status.setText(self.tr("The organization named {name} leader of this application when it sealed the bundle; only {name} can draft the group opinion or ask for a re-check.").format(name=named.name))
        return True

    def open_draft(self):  # noqa: ANN201 - the dialog (tests drive it), or None when another member leads
        from ui.panel.draft_dialog import DraftDialog

        if self.someone_else_leads():
            return None
        dialog = DraftDialog(self._opened, list(self._verified.values()), self._own, self)
        dialog.open()
        return dialog

    # --- re-checks and signatures (files on the leader's stick) -------------------------------

    def _selected_member(self) -> str | None:
        column = self.table.currentColumn()
        names = {m.name: m.fingerprint for m in self._opened.manifest.panel}
        header = self.table.horizontalHeaderItem(column) if column >= 0 else None
        return names.get(header.text()) if header else None

    def _choose_recheck_member(self) -> None:
        if self.someone_else_leads():
            return
        member = self._selected_member()
        if member is None:
            self.status.setText(self.tr("Select a score of the member you want to ask, then choose “Ask for a re-check…”."))
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the re-check request"))
        if folder:
            self.ask_recheck(member, Path(folder))

    def ask_recheck(self, member: str, folder: Path):  # noqa: ANN201 - the dialog, or None when another member leads
        from ui.panel.recheck_dialogs import RequestDialog

        if self.someone_else_leads():
            return None
        dialog = RequestDialog(self._opened, self._unlocked, member, folder, self)
        dialog.open()
        return dialog

    def _choose_opinion_to_sign(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Frozen group opinion"), "", self.tr("Group opinion drafts (*.opinion.json)"))
        if path:
            self.sign_opinion(Path(path))

    def sign_opinion(self, path: Path):  # noqa: ANN201 - the dialog, or None when the draft is refused
        from ui.panel.cosign import CosignDialog

        try:
            dialog = CosignDialog(path, self._unlocked, self)
        except (OpinionRefused, OSError) as exc:
            self.status.setText(translated(exc) if isinstance(exc, OpinionRefused) else str(exc))
            return None
        dialog.open()
        return dialog

    def _choose_request_to_answer(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Re-check request"), "", self.tr("Re-check requests (*.recheck)"))
        if path:
            self.answer_recheck(Path(path), [])

    def answer_recheck(self, path: Path, amendments: list[tuple[int, str]]):  # noqa: ANN201 - the dialog, or None when refused
        from ui.panel.recheck_dialogs import AnswerDialog

        try:
            dialog = AnswerDialog(path, self._opened, self._unlocked, amendments, self)
        except (OpinionRefused, OSError) as exc:
            self.status.setText(translated(exc) if isinstance(exc, OpinionRefused) else str(exc))
            return None
        dialog.open()
        return dialog

    def _choose_files_to_assemble(self) -> None:
        draft, _ = QFileDialog.getOpenFileName(self, self.tr("Frozen group opinion"), "", self.tr("Group opinion drafts (*.opinion.json)"))
        if not draft:
            return
        signatures, _ = QFileDialog.getOpenFileNames(self, self.tr("The members' signature files"), str(Path(draft).parent), self.tr("Signature files (*.opinion-sig)"))
        if signatures:
            self.assemble(Path(draft), [Path(s) for s in signatures], Path(draft).parent)

    def assemble(self, draft: Path, signatures: list[Path], folder: Path) -> Path | None:
        from ui.panel.draft_dialog import assemble_files

        try:
            target = assemble_files(draft, signatures, folder)
        except OpinionRefused as exc:
            self.status.setText(translated(exc))
            return None
        except OSError as exc:
            self.status.setText(str(exc))
            return None
        self.status.setText(self.tr("The group opinion is complete: {file}").format(file=target.name))
        return target
