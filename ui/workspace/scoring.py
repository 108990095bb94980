"""Rubric scoring: the section/criterion tree with live subtotals, and the detail of one criterion."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app import rubric
from reviewer_app.review import completeness
from ui.times import shown_time
from ui.messages import translated
from ui.widgets import ERROR_STYLE, bold, wrapped
from ui.workspace.page import Steps, WorkspacePage, route_history_keys
from ui.workspace.score_input import ScoreEdit, allowed_scores_text
from ui.workspace.session import ChangeSet, Part, WorkspaceModel

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1



def field_titles(session: WorkspaceModel, field_ids: tuple[str, ...]) -> str:
    titles = {f.id: f.title for f in session.spec.fields}
    return "、".join(titles.get(i, i) for i in field_ids)


class CommentEdit(QPlainTextEdit):
    """Plain text; each change is saved as it is typed."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(90)
        route_history_keys(self)

    def set_text_quietly(self, text: str) -> None:
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)


class CriterionPanel(WorkspacePage):
    """Guidance, bands, score, comment and linked defense notes of one criterion."""

    def __init__(self, session: WorkspaceModel) -> None:
        super().__init__()
        self.session = session
        self.criterion: rubric.Criterion | None = None
        self.title = bold(wrapped(name="criterionTitle"), 1.25)
        self.facts = wrapped(name="criterionFacts")
        self.guidance = wrapped(name="criterionGuidance")
        self.bands = QTableWidget(0, 2)
        self.bands.setObjectName("bandsTable")
        self.bands.verticalHeader().hide()
        self.bands.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.bands.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.bands.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.bands.setMaximumHeight(150)
        self.score = ScoreEdit()
        self.score.submitted.connect(self._score_submitted)
        self.score.discard_requested.connect(self._discard_typed)
        self.band = QLabel(objectName="currentBand")
        self.score_message = wrapped(name="scoreMessage")
        self.score_message.setStyleSheet(ERROR_STYLE)
        self.comment = CommentEdit("commentEdit")
        self.comment.textChanged.connect(self._comment_changed)
        self.comment_rule = wrapped(name="commentRule")
        self.notes = wrapped(name="linkedNotes")
        score_row = QHBoxLayout()
        score_row.addWidget(self.score)
        score_row.addWidget(self.band)
        score_row.addStretch(1)
        self.form = QFormLayout()
        self.score_label, self.comment_label, self.notes_label = QLabel(), QLabel(), QLabel()
        self.score_label.setBuddy(self.score)
        self.comment_label.setBuddy(self.comment)
        self.form.addRow(self.score_label, score_row)
        self.form.addRow("", self.score_message)
        self.form.addRow(self.comment_label, self.comment)
        self.form.addRow("", self.comment_rule)
        self.form.addRow(self.notes_label, self.notes)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.facts, self.guidance, self.bands):
            layout.addWidget(widget)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.score_label.setText(self.tr("&Score:"))
        self.comment_label.setText(self.tr("&Comment:"))
        self.notes_label.setText(self.tr("Defense notes:"))
        self.bands.setHorizontalHeaderLabels([self.tr("Grade"), self.tr("Score range")])
        if self.criterion is not None:
            self.show_criterion(self.criterion.id)

    def show_criterion(self, criterion_id: str) -> None:
        if self.criterion is not None and self.criterion.id != criterion_id:
            self.score.submit()  # moving on never drops what was typed for the previous criterion
        criterion = self.session.criterion(criterion_id)
        self.criterion = criterion
        self.title.setText(criterion.title)
        mine = criterion_id in self.session.my_criterion_ids
        self.facts.setText(self.tr("Maximum {maximum} · {allowed} · scored by: {fields}{mine}").format(
            maximum=rubric.format_score(criterion.maximum), allowed=allowed_scores_text(criterion),
            fields=self.tr("every member") if criterion.all_members else field_titles(self.session, criterion.fields),
            mine=self.tr(" (your field)") if mine else ""))
        self.guidance.setText(criterion.guidance)
        self.bands.setRowCount(len(criterion.bands))
        for row, band in enumerate(criterion.bands):
            self.bands.setItem(row, 0, QTableWidgetItem(band.label))
            self.bands.setItem(row, 1, QTableWidgetItem(f"{rubric.format_score(band.min)} – {rubric.format_score(band.max)}"))
        self.bands.setVisible(bool(criterion.bands))
        self.score.set_criterion(criterion, self.session.score_text(criterion_id),
                                 criterion_id in self.session.refused_inputs)
        self.refresh(from_history=True)

    def refresh(self, from_history: bool = False) -> None:
        """Show the saved values; a score being typed is left alone unless undo/redo changed it."""
        if self.criterion is None:
            return
        criterion_id = self.criterion.id
        entry = self.session.state.score(criterion_id)
        if from_history or not self.score.edited:
            self.score.show_text(self.session.score_text(criterion_id), criterion_id in self.session.refused_inputs)
        self.comment.set_text_quietly(entry.comment)
        band = rubric.band_for(self.criterion, entry.value) if entry.value is not None else None
        self.band.setText(self.tr("Grade: {band}").format(band=band.label) if band else "")
        self._show_score_message(entry.value)
        self._show_comment_rule(entry)
        notes = self.session.state.notes_for(criterion_id)
        self.notes.setText("\n".join(f"[{shown_time(n.asked_at, self.session.zone, '%H:%M')}] {n.question} — {n.answer}"
                                     for n in notes)
                           or self.tr("None linked."))

    def _show_score_message(self, saved: float | None) -> None:
        """The precise reason a typed score is refused, and which value counts meanwhile."""
        assert self.criterion is not None
        reading = self.session.refused_inputs.get(self.criterion.id)
        if reading is None or reading.refusal is None:
            self.score_message.clear()
            return
        reason = translated(reading.refusal)
        counts = (self.tr("Not saved: {saved} still counts.").format(saved=rubric.format_score(saved))
                  if saved is not None else self.tr("Not saved: no score counts yet."))
        self.score_message.setText(f"⚠ {reason} {counts}")

    def _show_comment_rule(self, entry) -> None:  # noqa: ANN001 - ScoreEntry
        assert self.criterion is not None
        rule = self.criterion.comment
        if rule.kind == "none":
            self.comment_rule.setText(self.tr("A comment is optional."))
            self.comment_rule.setStyleSheet("")
            return
        needed = rubric.comment_required(self.criterion, entry.value)
        message = QCoreApplication.translate("Errors", completeness.comment_rule_message(self.criterion)).format(
            title=self.criterion.title, threshold=rubric.format_score(rule.threshold) if rule.threshold is not None else "")
        missing = needed and not entry.comment.strip()
        self.comment_rule.setText(("⚠ " if missing else "") + message)
        self.comment_rule.setStyleSheet(ERROR_STYLE if missing else "")

    def _score_submitted(self, text: str) -> None:
        if self.criterion is not None:
            self.session.enter_score(self.criterion.id, text)
            self.refresh(from_history=True)

    def _discard_typed(self) -> None:
        if self.criterion is not None:
            self.session.discard_refused(self.criterion.id)
            self.refresh(from_history=True)

    def _comment_changed(self) -> None:
        if self.criterion is not None:
            self.session.set_comment(self.criterion.id, self.comment.toPlainText())

    def append_to_comment(self, text: str) -> None:
        current = self.comment.toPlainText()
        separator = "" if not current or current.endswith(("\n", " ")) else " "
        self.comment.setPlainText(current + separator + text)
        self.comment.moveCursor(self.comment.textCursor().MoveOperation.End)


class VetoPanel(WorkspacePage):
    """Raise a veto item (否决项) with a mandatory reason."""

    def __init__(self, session: WorkspaceModel) -> None:
        super().__init__()
        self.session = session
        self.veto: rubric.VetoItem | None = None
        self.title = bold(wrapped(name="vetoTitle"))
        self.guidance = wrapped(name="vetoGuidance")
        self.raised = QCheckBox(objectName="vetoRaised")
        self.reason = CommentEdit("vetoReason")
        self.reason_message = wrapped(name="vetoMessage")
        self.raised.toggled.connect(self._save)
        self.reason.textChanged.connect(self._save)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.guidance, self.raised, self.reason, self.reason_message):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.raised.setText(self.tr("Raise this veto item"))
        self.reason.setPlaceholderText(self.tr("Reason (required when the veto is raised)"))

    def show_veto(self, veto_id: str) -> None:
        self.veto = next(v for v in self.session.spec.rubric.vetoes if v.id == veto_id)
        entry = self.session.state.veto(veto_id)
        self.title.setText(self.veto.title)
        self.guidance.setText(self.veto.guidance)
        self.raised.blockSignals(True)
        self.raised.setChecked(entry.raised)
        self.raised.blockSignals(False)
        self.reason.set_text_quietly(entry.reason)
        self.refresh()

    def refresh(self) -> None:
        if self.veto is None:
            return
        entry = self.session.state.veto(self.veto.id)
        self.raised.blockSignals(True)
        self.raised.setChecked(entry.raised)
        self.raised.blockSignals(False)
        self.reason.set_text_quietly(entry.reason)
        self.reason.setEnabled(entry.raised)
        missing = entry.raised and not entry.reason.strip()
        self.reason_message.setText(self.tr("⚠ Give the reason for raising this veto.") if missing else "")
        self.reason_message.setStyleSheet(ERROR_STYLE)

    def _save(self) -> None:
        if self.veto is not None:
            self.session.set_veto(self.veto.id, self.raised.isChecked(), self.reason.toPlainText())


class ScoringPage(WorkspacePage):
    """Tree of sections, criteria and veto items on the left; the selected one on the right."""

    criterion_selected = Signal(str)

    def __init__(self, session: WorkspaceModel, *, in_steps: bool = False) -> None:
        """Built at once, or with `in_steps` a part per step of `self.parts` (Workspace.build_step)."""
        super().__init__()
        self.session = session
        self.build_in_parts(self._build(), in_steps)

    def _build(self) -> Steps:
        session = self.session
        self.criterion_panel = CriterionPanel(session)
        criterion_area = self._scrollable(self.criterion_panel)
        yield True
        self.veto_panel = VetoPanel(session)
        self.detail = QStackedWidget()
        self.detail.addWidget(criterion_area)
        self.detail.addWidget(self._scrollable(self.veto_panel))
        self.tree = QTreeWidget()
        self.tree.setObjectName("rubricTree")
        self.tree.setColumnCount(2)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.only_mine = QCheckBox(objectName="onlyMyField")
        self.only_mine.setChecked(True)
        self.only_mine.toggled.connect(self._apply_filter)
        self.total = bold(QLabel(objectName="totalLabel"))
        self.grades = wrapped()  # a periodic evaluation's grade bands, read-only
        self.grades.setObjectName("evaluationGrades")
        self.grades.setVisible(session.spec.evaluation is not None)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.only_mine)
        left_layout.addWidget(self.tree)
        left_layout.addWidget(self.total)
        left_layout.addWidget(self.grades)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        yield True
        self._build_tree()
        self.tree.currentItemChanged.connect(self._current_changed)
        session.changed.connect(self._model_changed)
        for keys, step in ((QKeySequence("Alt+Down"), 1), (QKeySequence("Alt+Up"), -1)):
            QShortcut(keys, self, lambda step=step: self.move(step), context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retranslate()
        self._apply_filter()
        QTimer.singleShot(0, self.select_first)

    @staticmethod
    def _scrollable(widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(widget)
        return area

    def _build_tree(self) -> None:
        self.items: dict[str, QTreeWidgetItem] = {}
        for section in self.session.spec.rubric.sections:
            section_item = QTreeWidgetItem([section.title, ""])
            section_item.setData(0, KIND_ROLE, "section")
            section_item.setData(0, ID_ROLE, section.id)
            section_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            section_font = QFont(section_item.font(0))
            section_font.setBold(True)
            section_item.setFont(0, section_font)
            self.tree.addTopLevelItem(section_item)
            self.items[f"section:{section.id}"] = section_item
            for criterion in section.criteria:
                item = QTreeWidgetItem([criterion.title, ""])
                item.setToolTip(0, criterion.title)
                item.setData(0, KIND_ROLE, "criterion")
                item.setData(0, ID_ROLE, criterion.id)
                section_item.addChild(item)
                self.items[f"criterion:{criterion.id}"] = item
        if self.session.spec.rubric.vetoes:
            self.veto_root = QTreeWidgetItem(["", ""])
            self.veto_root.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(self.veto_root)
            for veto in self.session.spec.rubric.vetoes:
                item = QTreeWidgetItem([veto.title, ""])
                item.setToolTip(0, veto.title)
                item.setData(0, KIND_ROLE, "veto")
                item.setData(0, ID_ROLE, veto.id)
                self.veto_root.addChild(item)
                self.items[f"veto:{veto.id}"] = item
        self.tree.expandAll()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Criterion"), self.tr("Score")])
        self.only_mine.setText(self.tr("Only criteria of my field ({field})").format(field=self.session.expert_field))
        if self.session.spec.rubric.vetoes:
            self.veto_root.setText(0, self.tr("Veto items"))
        evaluation = self.session.spec.evaluation
        if evaluation is not None:
            self.grades.setText(self.tr("{kind} {period}: the panel's score gives the grade — {bands}.").format(
                kind=evaluation.kind, period=evaluation.period, bands=evaluation.describe("，")))
        self.refresh()

    # -- state -> view --------------------------------------------------------
    def _model_changed(self, change: ChangeSet) -> None:
        """Only what the change touched: its criteria, their sections, the total; all colours
        only when the to-do list moved."""
        if not change.touches(Part.SCORES | Part.VETOES | Part.NOTES | Part.INPUT | Part.LOCK | Part.DECLARATIONS):
            return
        if change.missing or change.touches(Part.LOCK | Part.DECLARATIONS):
            self.refresh(change.from_history)
            return
        missing_targets = {m.target for m in self.session.missing()}
        for section in self.session.spec.rubric.sections:
            touched = [c for c in section.criteria if c.id in change.targets]
            if touched:
                self._show_section(section)
                for criterion in touched:
                    self._show_criterion_item(criterion, missing_targets)
        self._show_vetoes()
        self._show_total()
        self.criterion_panel.refresh(change.from_history)
        self.veto_panel.refresh()

    def refresh(self, from_history: bool = True) -> None:
        missing_targets = {m.target for m in self.session.missing()}
        for section in self.session.spec.rubric.sections:
            self._show_section(section)
            for criterion in section.criteria:
                self._show_criterion_item(criterion, missing_targets)
        self._show_vetoes()
        self._show_total()
        self.criterion_panel.refresh(from_history)
        self.veto_panel.refresh()

    def _show_section(self, section: rubric.Section) -> None:
        subtotal = completeness.section_subtotal(section, self.session.state)
        self.items[f"section:{section.id}"].setText(
            1, f"{rubric.format_score(subtotal)} / {rubric.format_score(section.maximum)}")

    def _show_vetoes(self) -> None:
        for veto in self.session.spec.rubric.vetoes:
            entry = self.session.state.veto(veto.id)
            self.items[f"veto:{veto.id}"].setText(1, self.tr("raised") if entry.raised else "")

    def _show_total(self) -> None:
        self.total.setText(self.tr("Total: {total} / {maximum}").format(
            total=rubric.format_score(self.session.total()),
            maximum=rubric.format_score(self.session.spec.rubric.total)))

    def _show_criterion_item(self, criterion: rubric.Criterion, missing_targets: set[str]) -> None:
        item = self.items[f"criterion:{criterion.id}"]
        entry = self.session.state.score(criterion.id)
        mine = criterion.id in self.session.my_criterion_ids
        value = "—" if entry.value is None else rubric.format_score(entry.value)
        refused = "⚠ " if criterion.id in self.session.refused_inputs else ""
        item.setText(1, f"{refused}{value} / {rubric.format_score(criterion.maximum)}")
        item.setText(0, ("★ " if mine else "") + criterion.title)
        flagged = criterion.id in missing_targets and (mine or criterion.id in self.session.refused_inputs)
        colour = QColor("#c0392b") if flagged else QColor(Qt.GlobalColor.black)
        item.setForeground(1, QBrush(colour))

    def _apply_filter(self) -> None:
        only_mine = self.only_mine.isChecked()
        for key, item in self.items.items():
            if key.startswith("criterion:"):
                item.setHidden(only_mine and key.split(":", 1)[1] not in self.session.my_criterion_ids)

    # -- navigation ------------------------------------------------------------
    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        kind, item_id = current.data(0, KIND_ROLE), current.data(0, ID_ROLE)
        if kind == "criterion":
            self.criterion_panel.show_criterion(item_id)
            self.detail.setCurrentIndex(0)
            self.criterion_selected.emit(item_id)
        elif kind == "veto":
            self.veto_panel.show_veto(item_id)
            self.detail.setCurrentIndex(1)

    def selectable_items(self) -> list[QTreeWidgetItem]:
        return [item for key, item in self.items.items()
                if not key.startswith("section:") and not item.isHidden()]

    def select_first(self) -> None:
        items = self.selectable_items()
        if items and self.tree.currentItem() is None:
            self.tree.setCurrentItem(items[0])

    def move(self, step: int) -> None:
        """Next/previous criterion or veto item (Alt+Down / Alt+Up), focus on its score."""
        items = self.selectable_items()
        if not items:
            return
        current = self.tree.currentItem()
        index = items.index(current) if current in items else -1
        target = items[max(0, min(len(items) - 1, index + step))]
        self.tree.setCurrentItem(target)
        self.focus_current()

    def select(self, kind: str, item_id: str) -> None:
        item = self.items.get(f"{kind}:{item_id}")
        if item is None:
            return
        if item.isHidden():
            self.only_mine.setChecked(False)
        self.tree.setCurrentItem(item)

    def focus_current(self, on_comment: bool = False) -> None:
        if self.detail.currentIndex() == 0:
            widget = self.criterion_panel.comment if on_comment else self.criterion_panel.score
        else:
            widget = self.veto_panel.reason if self.veto_panel.raised.isChecked() else self.veto_panel.raised
        widget.setFocus()
        if widget is self.criterion_panel.score:
            self.criterion_panel.score.selectAll()
