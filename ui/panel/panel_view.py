"""The panel view for one application (the workspace's 专家组 tab), for the leader and members.

Packages come by file dialog, a folder, the File menu or drag and drop; each is checked in a
background job against the bundle's signed panel list (reviewer_app.panel.packages) before
anything shows, and a refused file gets its one sentence. Re-check requests and answers come the
same ways (small signed files, checked on the spot).

No peeking (DESIGN §3): nothing of another member's scores — the table, vetoes, discrepancies,
re-checks, the draft — shows until the viewer has signed their own score sheet for this
application (a signed revision in their store, or their own signed package among the imported).

The table: every member's score per criterion, each section's subtotals and the totals, mean,
trimmed mean, spread and the value used (the method of docs/verify.md §5), outliers highlighted
(the rule in the legend and the tooltips). Below: the raised veto items, each ruled here
(confirmed or dismissed, with the panel's reason; the draft takes the rulings), the inspection
discrepancies (claimed vs observed) and each re-check request's state.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer_app import rubric
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError
from reviewer_app.org import aggregate
from reviewer_app.org import opinion_draft as drafts
from reviewer_app.panel import opinion as opinions
from reviewer_app.panel import recheck
from reviewer_app.panel.opinion import OpinionRefused
from reviewer_app.review.inspection_rules import claimed_facts
from ui.messages import translated
from ui.workspace.page import Steps, build_at_once

OUTLIER = QColor("#F9D6A5")
SUBTOTAL = QColor("#EEF2F7")
PACKAGE_SUFFIX = ".rvs"
PANEL_SUFFIXES = (PACKAGE_SUFFIX, recheck.REQUEST_SUFFIX, recheck.ANSWER_SUFFIX)
OPINION_SUFFIXES = (opinions.DRAFT_SUFFIX, opinions.SIGNATURE_SUFFIX, opinions.FINAL_SUFFIX)  # given one by one, not found in folders


def _import_all(context, paths: list[Path], opened, identities, store, own_recipient: str) -> list:  # noqa: ANN001 - JobContext, OpenedBundle, Store
    """(file name, VerifiedPackage or OpinionRefused) per file; accepted ones kept in the store."""
    from reviewer_app.services import panel as kept

    results = []
    for done, path in enumerate(paths):
        if context.cancelled():
            break
        try:
            results.append((path.name, kept.import_and_keep(store, path, opened, identities, own_recipient)))
        except OpinionRefused as exc:
            results.append((path.name, exc))
        context.progress(done + 1, len(paths))
    return results


def _load_kept(_context, store, opened, identities) -> list:  # noqa: ANN001
    from reviewer_app.services import panel as kept

    return kept.load_kept(store, opened, identities)


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the panel files in it (packages, re-check files)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(PANEL_SUFFIXES)))
        else:
            found.append(path)
    return found


def _cell(text: str, *, bold: bool = False, background: QColor | None = None, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    if bold:
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
    if background is not None:
        item.setBackground(background)
    if tooltip:
        item.setToolTip(tooltip)
    return item


def asked_time(asked_at: str, opened) -> str:  # noqa: ANN001 - OpenedBundle
    """A request's signed time, shown in the review's zone like every other time (ui/times.py)."""
    from datetime import datetime

    from ui.times import review_zone, shown_time

    try:
        moment = datetime.fromisoformat(asked_at)
    except ValueError:
        return asked_at
    return shown_time(moment, review_zone(opened.review.window.valid_until))


def _text_cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


class PanelView(QWidget):
    def __init__(self, opened, identities, own_fingerprint: str, runner, parent: QWidget | None = None, *, settings: aggregate.Settings | None = None, unlocked=None, store=None, in_steps: bool = False) -> None:  # noqa: ANN001
        """Built at once, or with `in_steps` a part per step of `self.parts` (Workspace.build_step)."""
        super().__init__(parent)
        self._unlocked = unlocked  # identity.UnlockedIdentity: signs requests, answers and opinions
        self._store = store  # the expert's store: own signed revisions, re-check files
        self._settings = settings or aggregate.Settings()
        self._opened, self._identities, self._own, self._runner = opened, list(identities), own_fingerprint, runner
        self._verified: dict[str, object] = {}  # score.json SHA-256 -> VerifiedPackage
        self._result: aggregate.ApplicationResult | None = None
        self._members: list[str] = []  # the table's member columns (fingerprints)
        self._ruled: dict[str, tuple[str, str]] = {}  # veto id -> (ruling, reason), kept across refreshes and in the store
        self.job = None
        self._pending: list[Path] = []  # files given while a check was running: checked next
        self.setAcceptDrops(True)
        self.parts = self._build()
        if not in_steps:
            build_at_once(self.parts)

    def _build(self) -> Steps:
        opened, store, unlocked, own_fingerprint, runner = self._opened, self._store, self._unlocked, self._own, self._runner
        from ui.workspace.recheck_banner import RecheckBanner

        # The member's side: requests addressed to this expert, shown above the workspace's tabs.
        self.recheck_banner = RecheckBanner(opened, store, unlocked, self)  # the workspace moves it above its tabs
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.import_button = QPushButton()
        self.import_button.setShortcut(QKeySequence("Ctrl+I"))
        self.import_button.clicked.connect(self.choose_files)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.refused = QListWidget()
        self.refused.setMaximumHeight(70)
        self.refused.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        self.draft_button = QPushButton()
        self.draft_button.clicked.connect(self.open_draft)
        buttons.addWidget(self.draft_button)
        self.more_buttons = []
        for handler in (self._choose_recheck_member, self._choose_opinion_to_sign, self._choose_request_to_answer, self._choose_files_to_assemble):
            button = QPushButton()
            button.clicked.connect(handler)
            button.setEnabled(unlocked is not None)
            buttons.addWidget(button)
            self.more_buttons.append(button)
        from ui.panel.demo_signers import DemoSigners  # built-in demo only: the stand-in for the other laptops

        self.demo_signers = DemoSigners.create(opened, own_fingerprint, runner, self.status)
        if self.demo_signers is not None:
            buttons.addWidget(self.demo_signers)
        buttons.addStretch(1)
        yield True

        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.table = QTableWidget()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setMaximumSectionSize(360)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.vetoes = QTableWidget(0, 4)
        self.vetoes.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.vetoes.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.vetoes.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rulings: dict[str, tuple[QComboBox, QLineEdit]] = {}
        self.discrepancies = QTableWidget(0, 5)
        self.discrepancies.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.discrepancies.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.rechecks = QTableWidget(0, 5)
        self.rechecks.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rechecks.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.details = QTabWidget()
        for widget in (self.vetoes, self.discrepancies, self.rechecks):
            self.details.addTab(widget, "")
        scores = QWidget()
        scores_layout = QVBoxLayout(scores)
        scores_layout.setContentsMargins(0, 0, 0, 0)
        scores_layout.addWidget(self.table, 1)
        scores_layout.addWidget(self.legend)
        scores_layout.addWidget(self.missing)
        self.body = QSplitter(Qt.Orientation.Vertical)
        self.body.addWidget(scores)
        self.body.addWidget(self.details)
        self.body.setStretchFactor(0, 3)
        self.body.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.recheck_banner)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.refused)
        layout.addWidget(self.waiting)
        layout.addWidget(self.body, 1)
        yield True
        self.retranslate()
        self._refresh()
        self._load_kept()

    def _load_kept(self) -> None:
        """The packages and rulings of earlier sessions, checked again (services/panel.py)."""
        if self._store is None:
            return
        from reviewer_app.services import panel as kept

        self._ruled = kept.rulings(self._store, self._opened.bundle_id)
        if kept.has_kept(self._store, self._opened.bundle_id):
            self._start(self.tr("Checking the packages imported earlier…"), _load_kept, self._store, self._opened, self._identities)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Panel of {title}: {count} members").format(title=self._opened.application.title, count=len(self._opened.manifest.panel)))
        named = self._opened.manifest.leader_member()
        if named is not None:
            self.title.setText(self.title.text() + "\n" + self.tr("Leader: {name} (named by the organization at sealing)").format(name=named.name))
        self.import_button.setText(self.tr("&Import panel files…"))
        self.import_button.setToolTip(self.tr("Score packages (.rvs), re-check requests (.recheck) and answers (.recheck-answer); a folder or files dropped here work too (Ctrl+I)"))
        self.draft_button.setText(self.tr("&Draft the group opinion…"))
        for button, text in zip(self.more_buttons, (self.tr("Ask for a &re-check…"), self.tr("&Sign a group opinion…"), self.tr("&Answer a re-check…"), self.tr("Asse&mble…")), strict=True):
            button.setText(text)
        self.waiting.setText(self.tr("Nothing of the other members' scores is shown before you have signed your own score sheet for this application (sign it on the “Sign and export” tab, or import your own signed package)."))
        for index, text in enumerate((self.tr("Veto items raised"), self.tr("Inspection discrepancies"), self.tr("Re-checks"))):
            self.details.setTabText(index, text)
        self.vetoes.setHorizontalHeaderLabels([self.tr("Veto item"), self.tr("Raised by — reason"), self.tr("Panel's ruling"), self.tr("Panel's reason")])
        self.discrepancies.setHorizontalHeaderLabels([self.tr("Member"), self.tr("Checklist item"), self.tr("Claimed in the application"), self.tr("Observed on site"), self.tr("Result")])
        self.rechecks.setHorizontalHeaderLabels([self.tr("Member"), self.tr("Criteria"), self.tr("Question"), self.tr("Asked"), self.tr("State")])
        s = self._settings
        self.legend.setText(self.tr(
            "Method: the value used is the trimmed mean when at least {trim_min} members scored a criterion (the {trim} highest and {trim} lowest "
            "scores dropped), else the mean; the panel's score is the sum of the values used. Spread: highest − lowest. "
            "Orange: an outlier, further from the criterion's median than {share} % of its maximum (totals: of the rubric's total)."
        ).format(trim_min=s.trim_min, trim=s.trim, share=round(s.outlier_share * 100)))
        self.recheck_banner.retranslate()
        if self._result is not None:
            self._fill(self._result)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        """Shown again (the tab chosen): the expert may have signed their own sheet meanwhile."""
        super().showEvent(event)
        self._refresh()

    # --- importing ---------------------------------------------------------------------------

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Panel files"), "", self.tr("Panel files (*.rvs *.recheck *.recheck-answer)"))
        if files:
            self.import_files([Path(f) for f in files])

    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        self.import_files([Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()])

    def import_files(self, paths: list[Path]) -> None:
        """Packages are checked in a job; re-check requests and answers at once."""
        paths = expand(paths)
        self.refused.clear()
        self.refused.hide()
        opinion_files = [p for p in paths if p.name.lower().endswith(OPINION_SUFFIXES)]
        paths = [p for p in paths if p not in opinion_files]
        self._opinion_files(opinion_files)
        packages = [p for p in paths if not p.name.lower().endswith((recheck.REQUEST_SUFFIX, recheck.ANSWER_SUFFIX))]
        for path in paths:
            if path.name.lower().endswith(recheck.REQUEST_SUFFIX):
                self.receive_request(path)
            elif path.name.lower().endswith(recheck.ANSWER_SUFFIX):
                self.import_answer(path)
        if not packages:
            return
        if self.job is not None:
            self._pending += packages
            return
        own_recipient = self._unlocked.age_recipient if self._unlocked is not None else ""
        self._start(self.tr("Checking {count} package(s) against the bundle's panel list…").format(count=len(packages)),
                    _import_all, packages, self._opened, self._identities, self._store, own_recipient)

    def _opinion_files(self, paths: list[Path]) -> None:
        """A frozen draft given here opens its signing dialog; a signature file or a final file
        gets the sentence that says where it goes (they are not packages)."""
        for path in paths:
            name = path.name.lower()
            if name.endswith(opinions.DRAFT_SUFFIX):
                self.sign_opinion(path)
            elif name.endswith(opinions.SIGNATURE_SUFFIX):
                self._refuse(path, self.tr("This is a member's signature of the group opinion: the leader makes the final file from the draft and every signature with “Assemble…”."))
            else:
                self._refuse(path, self.tr("This is a finished group opinion: the organization checks it with reviewer-org verify; there is nothing to import."))

    def _start(self, message: str, function, *args) -> None:  # noqa: ANN001
        self.import_button.setEnabled(False)
        self.status.setText(message)
        self.job = self._runner.start(function, *args)
        self.job.succeeded.connect(self._imported)
        self.job.failed.connect(self.status.setText)
        self.job.finished.connect(self._job_done)

    def _refuse(self, path: Path, message: str) -> None:
        self.refused.addItem(f"{path.name}: {message}")
        self.refused.show()
        self.status.setText(message)

    def _job_done(self) -> None:
        self.job = None
        self.import_button.setEnabled(True)
        pending, self._pending = self._pending, []
        if pending:
            self.import_files(pending)

    def _imported(self, results: list) -> None:
        accepted = 0
        for name, outcome in results:
            if isinstance(outcome, OpinionRefused):
                self._refuse(Path(name), translated(outcome))
            else:
                self._verified[outcome.score_sha256] = outcome
                accepted += 1
        self.status.setText(self.tr("{accepted} package(s) accepted, {refused} refused.").format(accepted=accepted, refused=len(results) - accepted))
        self._refresh()

    def _read(self, path: Path) -> bytes | None:
        try:
            return path.read_bytes()
        except OSError as exc:
            self._refuse(path, self.tr("The file cannot be read: {reason}").format(reason=exc.strerror or str(exc)))
            return None

    def receive_request(self, path: Path) -> bool:
        """A re-check request for this expert: kept and shown on the application until answered."""
        from reviewer_app.services import rechecks

        data = self._read(path)
        if data is None:
            return False
        if self._store is None or self._unlocked is None:
            self._refuse(path, self.tr("Open the application from your library to receive a re-check request."))
            return False
        try:
            mine = next((r.request for r in self.recheck_records() if r.request.sha256 == rechecks.read_request(self._opened, data, path.name).sha256), None)
            if mine is not None:  # the leader's own request, still on the stick beside the answer: nothing to do
                self.status.setText(self.tr("{file} is the re-check request you sent to {name}; import the answer file when it comes back.").format(file=path.name, name=self._name(mine.member)))
                return False
            request = rechecks.receive(self._store, self._opened, data, path.name, self._unlocked.fingerprint)
        except OpinionRefused as exc:
            self._refuse(path, translated(exc))
            return False
        self.recheck_banner.refresh()
        self.status.setText(self.tr("The re-check request from {name} is shown at the top of this application until you answer it.").format(name=self._name(request.leader)))
        return True

    def import_answer(self, path: Path) -> bool:
        """A member's signed answer to a request sent from here: kept with its request."""
        from reviewer_app.services import rechecks

        data = self._read(path)
        if data is None:
            return False
        if self._store is None:
            self._refuse(path, self.tr("Open the application from your library to import a re-check answer."))
            return False
        try:
            answer = rechecks.import_answer(self._store, self._opened, data, path.name)
        except OpinionRefused as exc:
            self._refuse(path, translated(exc))
            return False
        self.status.setText(self.tr("{name} answered the re-check.").format(name=self._name(answer.request.member)))
        self._refresh()
        return True

    # --- who may see what --------------------------------------------------------------------

    def own_package_imported(self) -> bool:
        return any(v.document.expert.fingerprint == self._own and not v.document.is_recusal for v in self._verified.values())

    def may_see_scores(self) -> bool:
        """Only after the viewer signed their own score sheet for this application."""
        if self.own_package_imported():
            return True
        if self._store is None or not self._own:
            return False
        from reviewer_app.services import rechecks

        return rechecks.own_sheet_signed(self._store, self._opened.bundle_id, self._own)

    def _name(self, fingerprint: str) -> str:
        return next((m.name for m in self._opened.manifest.panel if m.fingerprint == fingerprint), "?")

    def _refresh(self) -> None:
        visible = self.may_see_scores()
        self.draft_button.setEnabled(visible)
        self.body.setVisible(visible)
        self.waiting.setVisible(not visible)
        if not visible:
            return
        if self._verified:
            entries = [aggregate.Entry(v.source, v.document, v.score_sha256, self._opened.spec) for v in self._verified.values()]
            (self._result,) = aggregate.aggregate(entries, self._settings)
            self._fill(self._result)
        self._fill_rechecks()

    # --- the tables --------------------------------------------------------------------------

    def _fill(self, result: aggregate.ApplicationResult) -> None:
        self._fill_scores(result)
        self._fill_missing(result)
        self._fill_vetoes(result)
        self._fill_discrepancies()

    def _fill_scores(self, result: aggregate.ApplicationResult) -> None:
        members = list(result.experts)
        self._members = [e.fingerprint for e in members]
        column = {fp: i for i, fp in enumerate(self._members)}
        stats_at = len(members)
        rows: list[tuple[str, list[tuple[int, QTableWidgetItem]]]] = []
        outlier_tip = self.tr("Outlier: further from the criterion's median ({median}) than {share} % of its maximum")
        sections: dict[str, list[aggregate.CriterionResult]] = {}
        for c in result.criteria:
            sections.setdefault(c.section_id, []).append(c)
        documents = {v.document.expert.fingerprint: v.document for v in self._latest().values()}
        for section_id, criteria in sections.items():
            for c in criteria:
                cells = []
                for score in c.scores:
                    tip = outlier_tip.format(median=aggregate.fmt(c.stats.median), share=round(self._settings.outlier_share * 100)) if score.outlier else ""
                    cells.append((column[score.fingerprint], _cell(rubric.format_score(score.value), background=OUTLIER if score.outlier else None, tooltip=tip)))
                cells += self._stats_cells(stats_at, c.stats, c.stats.used)
                rows.append((f"{c.id} {c.title}（{rubric.format_score(c.maximum)}）", cells))
            subtotals = {}
            for fp, doc in documents.items():
                section = next((s for s in doc.sections if s.id == section_id), None)
                if section is not None and section.criteria and fp in column:
                    subtotals[fp] = section.subtotal
            used = sum(c.stats.used for c in criteria if c.stats.used is not None)
            cells = [(column[fp], _cell(rubric.format_score(v), bold=True, background=SUBTOTAL)) for fp, v in subtotals.items()]
            cells += self._stats_cells(stats_at, aggregate.stats(list(subtotals.values()), self._settings), used, bold=True)
            maximum = sum(c.maximum for c in criteria)
            rows.append((self.tr("Subtotal: {section} ({maximum})").format(section=criteria[0].section_title, maximum=rubric.format_score(maximum)), cells))
        raw = [(column[e.fingerprint], _cell(f"{rubric.format_score(e.total)} / {rubric.format_score(e.maximum)}", bold=True)) for e in members]
        rows.append((self.tr("Total (of the criteria each member scored)"), raw))
        total_tip = self.tr("Outlier: further from the median of the totals ({median}) than {share} % of the rubric's total")
        scaled = [
            (column[e.fingerprint], _cell(aggregate.fmt(e.scaled_total), bold=True, background=OUTLIER if e.outlier else None,
                                          tooltip=total_tip.format(median=aggregate.fmt(result.totals.median), share=round(self._settings.outlier_share * 100)) if e.outlier else ""))
            for e in members
        ]  # fmt: skip
        scaled += self._stats_cells(stats_at, result.totals, result.scaled_score, bold=True)
        rows.append((self.tr("Total on the rubric's scale ({total})").format(total=rubric.format_score(result.rubric_total)), scaled))
        self.table.clear()
        self.table.setColumnCount(stats_at + 4)
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([e.name for e in members] + [self.tr("Mean"), self.tr("Trimmed mean"), self.tr("Spread"), self.tr("Used")])
        self.table.setVerticalHeaderLabels([label for label, _ in rows])
        for row, (_, cells) in enumerate(rows):
            for col, item in cells:
                self.table.setItem(row, col, item)

    def _stats_cells(self, at: int, st: aggregate.Stats, used: float | None, *, bold: bool = False) -> list[tuple[int, QTableWidgetItem]]:
        spread = None if st.n == 0 else st.max - st.min
        return [(at + i, _cell(aggregate.fmt(value), bold=bold)) for i, value in enumerate((st.mean, st.trimmed_mean, spread, used))]

    def _fill_missing(self, result: aggregate.ApplicationResult) -> None:
        recused = {r.expert for r in result.recused}
        returned = {e.fingerprint for e in result.experts}
        names = [m.name for m in self._opened.manifest.panel if m.fingerprint not in returned and m.name not in recused]
        lines = [self.tr("Not yet returned: {names}").format(names="、".join(names)) if names else self.tr("Every member's package is in.")]
        if recused:
            lines.append(self.tr("Recused: {names}").format(names="、".join(sorted(recused))))
        self.missing.setText("\n".join(lines))

    def _fill_vetoes(self, result: aggregate.ApplicationResult) -> None:
        self._remember_rulings()
        raised = [v for v in result.vetoes if v.raised_by]
        self.vetoes.setRowCount(len(raised))
        self.rulings = {}
        for row, veto in enumerate(raised):
            self.vetoes.setItem(row, 0, _text_cell(f"{veto.id} {veto.title}"))
            self.vetoes.setItem(row, 1, _text_cell("；".join(f"{who}：{why}" for who, why in veto.raised_by)))
            ruling, reason = QComboBox(), QLineEdit()
            ruling.addItem(self.tr("Not ruled yet"), "")
            ruling.addItem(self.tr("Confirmed"), drafts.CONFIRMED)
            ruling.addItem(self.tr("Dismissed"), drafts.DISMISSED)
            reason.setPlaceholderText(self.tr("The panel's reason (required)"))
            kept = self._ruled.get(veto.id, ("", ""))
            ruling.setCurrentIndex(max(0, ruling.findData(kept[0])))
            reason.setText(kept[1])
            self.vetoes.setCellWidget(row, 2, ruling)
            self.vetoes.setCellWidget(row, 3, reason)
            self.rulings[veto.id] = (ruling, reason)
            ruling.currentIndexChanged.connect(lambda _index, v=veto.id: self._keep_ruling(v))
            reason.textChanged.connect(lambda _text, v=veto.id: self._keep_ruling(v))
        if not raised:
            self.vetoes.setRowCount(1)
            self.vetoes.setItem(0, 0, _text_cell(self.tr("No member raised a veto item.")))
        self.vetoes.resizeRowsToContents()

    def _keep_ruling(self, veto_id: str) -> None:
        """Every change is saved at once (nothing typed here is lost to a closed app)."""
        ruling, reason = self.rulings[veto_id]
        self._ruled[veto_id] = (ruling.currentData(), reason.text())
        if self._store is not None:
            from reviewer_app.services import panel as kept

            kept.keep_ruling(self._store, self._opened.bundle_id, veto_id, *self._ruled[veto_id])

    def _remember_rulings(self) -> None:
        for veto_id, (ruling, reason) in self.rulings.items():
            self._ruled[veto_id] = (ruling.currentData(), reason.text())

    def veto_rulings(self) -> list[drafts.VetoRuling]:
        """The rulings made in the view (what the draft starts from)."""
        self._remember_rulings()
        return [drafts.VetoRuling(veto_id, ruling, reason) for veto_id, (ruling, reason) in self._ruled.items() if veto_id in self.rulings]

    def _fill_discrepancies(self) -> None:
        found = []
        for v in self._latest().values():
            inspection = v.document.inspection
            if inspection is None:
                continue
            for item in inspection.items:
                if item.discrepancy:
                    spec_item = next((i for i in self._opened.spec.checklist.items if i.id == item.id), None)
                    claims = "；".join(f"{f.label}：{f.value}" for f in claimed_facts(self._opened.spec, spec_item)) if spec_item else ""
                    found.append((v.document.expert.name, f"{item.id} {item.title}", claims or "—", item.observed or "—", item.result or "—"))
        self.discrepancies.setRowCount(max(1, len(found)))
        if not found:
            self.discrepancies.setItem(0, 0, _text_cell(self.tr("No member noted a discrepancy on site.")))
        for row, cells in enumerate(found):
            for col, text in enumerate(cells):
                self.discrepancies.setItem(row, col, _text_cell(text))
        self.details.setTabText(1, self.tr("Inspection discrepancies ({count})").format(count=len(found)))

    def recheck_records(self) -> list:
        """The re-checks sent from here for this application (services.rechecks.Recheck)."""
        if self._store is None:
            return []
        from reviewer_app.services import rechecks

        return rechecks.sent(self._store, self._opened)

    def recheck_state(self, record) -> str:  # noqa: ANN001 - services.rechecks.Recheck
        answer = record.answer
        if answer is None:
            return self.tr("Asked, not answered yet (outstanding)")
        if answer.answer == recheck.AMENDMENT:
            imported = any(v.score_sha256 == answer.score_sha256 for v in self._verified.values())
            where = self.tr("its package is imported") if imported else self.tr("import its package")
            return self.tr("Answered by amendment: revision {number} ({where})").format(number=answer.revision, where=where)
        return self.tr("Answered by justification: {text}").format(text=answer.justification)

    def _received_records(self) -> list:
        """The re-checks asked of this expert (answered ones too: the member's own record)."""
        if self._store is None or self._unlocked is None:
            return []
        from reviewer_app.services import rechecks

        return rechecks.received(self._store, self._opened)

    def _fill_rechecks(self) -> None:
        records = self.recheck_records() + self._received_records()
        self.rechecks.setRowCount(max(1, len(records)))
        if not records:
            self.rechecks.setItem(0, 0, _text_cell(self.tr("No re-check asked yet: select a member's score, then “Ask for a re-check…”.")))
        for row, r in enumerate(records):
            cells = (self._name(r.request.member), "、".join(r.request.criteria), r.request.question, asked_time(r.request.asked_at, self._opened), self.recheck_state(r))
            for col, text in enumerate(cells):
                self.rechecks.setItem(row, col, _text_cell(text))
        outstanding = sum(1 for r in records if r.answer is None)
        self.details.setTabText(2, self.tr("Re-checks ({count} outstanding)").format(count=outstanding) if outstanding else self.tr("Re-checks"))

    def _latest(self) -> dict[str, object]:
        """Each member's latest revision among the imported packages, by fingerprint."""
        latest: dict[str, object] = {}
        for v in self._verified.values():
            known = latest.get(v.document.expert.fingerprint)
            if known is None or v.document.revision.number > known.document.revision.number:
                latest[v.document.expert.fingerprint] = v
        return latest

    def latest_packages(self) -> list:
        return list(self._latest().values())

    def drafted_rechecks(self) -> list[drafts.Recheck]:
        """The answered re-checks, as the group opinion records them."""
        found = []
        for r in self.recheck_records():
            if r.answer is None:
                continue
            reason = next((v.document.revision.reason for v in self._verified.values() if v.score_sha256 == r.answer.score_sha256), "") if r.answer.answer == recheck.AMENDMENT else ""
            record = r.answer.record(reason)
            found.append(drafts.Recheck(record["member"], tuple(record["criteria"]), record["question"], record["answer"], record["detail"], record["revision"]))
        return found

    def someone_else_leads(self) -> bool:
        """True (and says why) when the organization named another member leader at sealing."""
        named = self._opened.manifest.leader_member()
        if named is None or named.fingerprint == self._own:
            return False
        self.status.setText(self.tr("The organization named {name} leader of this application when it sealed the bundle; only {name} can draft the group opinion or ask for a re-check.").format(name=named.name))
        return True

    def open_draft(self):  # noqa: ANN201 - the dialog (tests drive it), or None before one's own sheet is signed or when another member leads
        from ui.panel.draft_dialog import DraftDialog

        if self.someone_else_leads():
            return None
        if not self.may_see_scores():
            self.status.setText(self.waiting.text())
            return None
        outstanding = [self._name(r.request.member) for r in self.recheck_records() if r.answer is None]
        dialog = DraftDialog(self._opened, list(self._verified.values()), self._own, self, rulings=self.veto_rulings(), rechecks=self.drafted_rechecks(), outstanding=outstanding)
        dialog.open()
        return dialog

    # --- re-checks and signatures (files on the leader's stick) -------------------------------

    def _selected_member(self) -> str | None:
        column = self.table.currentColumn()
        return self._members[column] if 0 <= column < len(self._members) else None

    def _choose_recheck_member(self) -> None:
        if self.someone_else_leads():
            return
        member = self._selected_member() if self.may_see_scores() else None
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
        header = self.table.verticalHeaderItem(self.table.currentRow()) if self.table.currentRow() >= 0 else None
        criteria = [c.id for c in self._result.criteria if header and header.text().startswith(f"{c.id} ")] if self._result else []
        dialog = RequestDialog(self._opened, self._unlocked, member, folder, self, preselected=criteria)
        dialog.accepted.connect(lambda: self._sent(dialog))
        dialog.open()
        return dialog

    def _sent(self, dialog) -> None:  # noqa: ANN001 - RequestDialog
        if self._store is not None and dialog.data:
            from reviewer_app.services import rechecks

            rechecks.record_sent(self._store, self._opened, dialog.data)
        self.status.setText(self.tr("Re-check request saved: {file}. Give it to {name}; import the answer file here when it comes back.").format(file=dialog.written.name, name=self._name(dialog.member)))
        self._fill_rechecks()

    def _choose_opinion_to_sign(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Frozen group opinion"), "", self.tr("Group opinion drafts (*.opinion.json)"))
        if path:
            self.sign_opinion(Path(path))

    def sign_opinion(self, path: Path):  # noqa: ANN201 - the dialog, or None when the draft is refused
        from ui.panel.cosign import CosignDialog

        try:
            self._check_draft(Path(path))  # about this application, before anything of it shows
            if not self.may_see_scores():  # the draft carries every member's scores
                self.status.setText(self.tr("Sign your own score sheet for this application first: the group opinion shows the other members' scores."))
                return None
            self._check_draft(Path(path), self._own_latest())
            dialog = CosignDialog(path, self._unlocked, self)
        except (OpinionRefused, OSError) as exc:
            self.status.setText(translated(exc) if isinstance(exc, OpinionRefused) else self.tr("The file cannot be read: {reason}").format(reason=exc.strerror or str(exc)))
            return None
        dialog.open()
        return dialog

    def _check_draft(self, path: Path, latest: dict[str, tuple[int, str]] | None = None) -> None:
        """OpinionRefused unless the frozen draft in `path` is about this application and its
        signed panel, and counts the latest signed score sheets known here (`latest`)."""
        from reviewer_app.org import verify_opinions

        opinion = opinions.read_draft(path.read_bytes(), path.name)
        if opinion["bundle_id"] != self._opened.bundle_id:
            raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The group opinion {file} is about another application ({application}); open that application to sign or assemble it."),
                                 file=path.name, application=opinion["application"]["id"])  # fmt: skip
        verify_opinions.check_fits(opinion, drafts.panel_of_opened(self._opened), path.name)
        if latest:
            verify_opinions.check_current(opinion, latest, path.name)

    def _own_latest(self) -> dict[str, tuple[int, str]]:
        """This expert's latest signed revision, from their store or among the imported packages."""
        from reviewer_app.services import rechecks

        found = [(v.document.revision.number, v.score_sha256) for fp, v in self._latest().items() if fp == self._own]
        kept = rechecks.own_latest(self._store, self._opened.bundle_id, self._own) if self._store is not None and self._own else None
        found += [kept] if kept else []
        return {self._own: max(found)} if found else {}

    def _choose_request_to_answer(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Re-check request"), "", self.tr("Re-check requests (*.recheck)"))
        if path and self.receive_request(Path(path)):
            self.recheck_banner.answer_first(Path(path).parent)

    def answer_recheck(self, path: Path, folder: Path | None = None):  # noqa: ANN201 - the dialog, or None when refused
        """Receive the request in `path` and open its answer dialog (the answer goes to `folder`,
        by default next to the request)."""
        if not self.receive_request(Path(path)):
            return None
        return self.recheck_banner.answer_first(folder or Path(path).parent)

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
            latest = {fp: (v.document.revision.number, v.score_sha256) for fp, v in self._latest().items()}
            latest.update(self._own_latest())  # his own amendment, signed here since, counts even if not imported
            self._check_draft(Path(draft), latest)  # a newer revision imported or signed since the draft was frozen
            target = assemble_files(draft, signatures, folder)
        except (OpinionRefused, UserFacingError) as exc:
            self.status.setText(translated(exc))
            return None
        except OSError as exc:
            self.status.setText(str(exc))
            return None
        self.status.setText(self.tr("The group opinion is complete: {file}").format(file=target.name))
        return target
