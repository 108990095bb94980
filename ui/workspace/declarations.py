"""The gate before any material is shown: conflict of interest (回避声明) and confidentiality (保密承诺).

When the bundle lists the applicant's related units (member units, shareholders, partners), the
expert answers for each one — no relation, or a relation described — before declaring no
conflict; the answers are stored with the declaration and signed in score.json."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.review.state import ConflictAnswer, RelatedAnswer
from reviewer_app.rubric import RelatedUnit
from ui.widgets import ERROR_STYLE, bold, wrapped
from ui.workspace.page import Steps, WorkspacePage
from ui.workspace.session import WorkspaceModel



class UnitQuestion:
    """One listed unit: "no relation" or "a relation: …" (its description), nothing by default."""

    def __init__(self, unit: RelatedUnit, index: int, parent: QWidget) -> None:
        self.unit = unit
        self.label = wrapped(f"{unit.unit}（{unit.relation}）")
        self.label.setObjectName(f"relatedUnit{index}")
        self.none = QRadioButton(objectName=f"noRelation{index}")
        self.relation = QRadioButton(objectName=f"hasRelation{index}")
        self.group = QButtonGroup(parent)
        self.group.addButton(self.none)
        self.group.addButton(self.relation)
        self.description = QLineEdit(objectName=f"relationDescription{index}")

    @property
    def answered(self) -> bool:
        return self.none.isChecked() or (self.relation.isChecked() and bool(self.description.text().strip()))

    def answer(self) -> RelatedAnswer | None:
        if not self.answered:
            return None
        return RelatedAnswer(self.unit.unit, self.unit.relation, self.relation.isChecked(), self.description.text().strip() if self.relation.isChecked() else "")


class DeclarationsPage(WorkspacePage):
    cleared = Signal()
    recused = Signal()

    UNITS_PER_PART = 8  # an application may list many related units: a few per part (Workspace.build_step)

    def __init__(self, session: WorkspaceModel, *, in_steps: bool = False) -> None:
        """Built at once, or with `in_steps` a part per step of `self.parts` (Workspace.build_step)."""
        super().__init__()
        self.session = session
        self.build_in_parts(self._build(), in_steps)

    def _build(self) -> Steps:
        session = self.session
        texts = session.spec.declarations
        self.heading = bold(wrapped(), 1.3)
        self.intro = wrapped()
        self.conflict_box = QGroupBox()
        self.conflict_text = wrapped(texts.conflict_of_interest)
        self.conflict_text.setObjectName("conflictText")
        self.no_conflict = QRadioButton(objectName="noConflict")
        self.has_conflict = QRadioButton(objectName="hasConflict")
        self.answers = QButtonGroup(self)
        self.answers.addButton(self.no_conflict)
        self.answers.addButton(self.has_conflict)
        self.reason = QPlainTextEdit(objectName="conflictReason")
        self.reason.setMaximumHeight(90)
        self.reason.setTabChangesFocus(True)
        conflict_layout = QVBoxLayout(self.conflict_box)
        conflict_layout.addWidget(self.conflict_text)
        self.units_intro = wrapped()
        conflict_layout.addWidget(self.units_intro)
        self.units: list[UnitQuestion] = []
        grid = QGridLayout()
        for row, unit in enumerate(session.spec.related_units):
            if row and row % self.UNITS_PER_PART == 0:
                yield True
            question = UnitQuestion(unit, row + 1, self)
            self.units.append(question)
            grid.addWidget(question.label, row, 0)
            grid.addWidget(question.none, row, 1)
            grid.addWidget(question.relation, row, 2)
            grid.addWidget(question.description, row, 3)
            for signal in (question.none.toggled, question.relation.toggled, question.description.textChanged):
                signal.connect(self._update)
        self.units_intro.setVisible(bool(self.units))  # bundles without listed units: the screen as before
        if self.units:
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(3, 2)
            conflict_layout.addLayout(grid)
        for widget in (self.no_conflict, self.has_conflict, self.reason):
            conflict_layout.addWidget(widget)
        self.pledge_box = QGroupBox()
        self.pledge_text = wrapped(texts.confidentiality)
        self.pledge_text.setObjectName("pledgeText")
        self.pledge = QCheckBox(objectName="acceptPledge")
        pledge_layout = QVBoxLayout(self.pledge_box)
        pledge_layout.addWidget(self.pledge_text)
        pledge_layout.addWidget(self.pledge)
        self.message = wrapped()
        self.message.setObjectName("declarationMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        self.confirm = QPushButton(objectName="confirmDeclarations")
        self.confirm.setMinimumHeight(36)
        self.confirm.clicked.connect(self.submit)
        for signal in (self.no_conflict.toggled, self.has_conflict.toggled, self.pledge.toggled, self.reason.textChanged):
            signal.connect(self._update)
        content = QWidget()
        layout = QVBoxLayout(content)
        for widget in (self.heading, self.intro, self.conflict_box, self.pledge_box, self.message):
            layout.addWidget(widget)
        layout.addWidget(self.confirm, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        content.setMaximumWidth(820)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.addWidget(self.area)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Declarations"))
        self.intro.setText(self.tr(
            "Before any material of this application is shown, answer the conflict-of-interest declaration "
            "and accept the confidentiality pledge. Your answers are recorded with the time and printed on "
            "your score sheet."))
        self.conflict_box.setTitle(self.tr("Conflict of interest (回避声明)"))
        self.units_intro.setText(self.tr(
            "The application lists these units (member units, shareholders, partners). Answer for each one "
            "whether you have a relation to it (employment, shares, cooperation, family, …) before you declare."))
        for question in self.units:
            question.none.setText(self.tr("No relation"))
            question.relation.setText(self.tr("A relation:"))
            question.description.setPlaceholderText(self.tr("which relation (required)"))
        self.no_conflict.setText(self.tr("I have no conflict of interest with this application"))
        self.has_conflict.setText(self.tr("I have a conflict of interest and withdraw from this review"))
        self.reason.setPlaceholderText(self.tr("Describe the conflict (required)"))
        self.pledge_box.setTitle(self.tr("Confidentiality pledge (保密承诺)"))
        self.pledge.setText(self.tr("I accept the confidentiality pledge"))
        self._update()

    def unanswered(self) -> list[UnitQuestion]:
        return [q for q in self.units if not q.answered]

    def _update(self) -> None:
        recusing = self.has_conflict.isChecked()
        self.reason.setVisible(recusing)
        for question in self.units:
            question.description.setEnabled(question.relation.isChecked())
        self.no_conflict.setEnabled(not self.unanswered())
        self.confirm.setText(self.tr("Withdraw from this review") if recusing else self.tr("Confirm and start the review"))
        self.message.clear()

    def submit(self) -> None:
        if self.has_conflict.isChecked():
            reason = self.reason.toPlainText().strip()
            if not reason:
                self.message.setText(self.tr("Describe the conflict of interest before withdrawing."))
                return
            self.session.declare(ConflictAnswer.DECLARED, reason, self.pledge.isChecked(), self._answers())
            self.recused.emit()
            return
        unanswered = self.unanswered()
        if unanswered:
            self._ask(unanswered[0])
            return
        if not self.no_conflict.isChecked():
            self.message.setText(self.tr("Answer the conflict-of-interest declaration first."))
            return
        if not self.pledge.isChecked():
            self.message.setText(self.tr("Accept the confidentiality pledge to see the materials."))
            return
        self.session.declare(ConflictAnswer.NONE, "", True, self._answers())
        self.cleared.emit()

    def _ask(self, question: UnitQuestion) -> None:
        """Point at the first unit without a complete answer."""
        if question.relation.isChecked():
            target = question.description
            self.message.setText(self.tr("Say which relation you have to {unit}.").format(unit=question.unit.unit))
        else:
            target = question.none
            self.message.setText(self.tr("Answer for each unit the application lists: {unit} has no answer yet.").format(unit=question.unit.unit))
        self.area.ensureWidgetVisible(target)
        target.setFocus()

    def _answers(self) -> tuple[RelatedAnswer, ...]:
        return tuple(answer for answer in (q.answer() for q in self.units) if answer is not None)
