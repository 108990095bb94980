"""The gate before any material is shown: conflict of interest (回避声明) and confidentiality (保密承诺)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.review.state import ConflictAnswer
from ui.widgets import ERROR_STYLE, bold, wrapped
from ui.workspace.page import WorkspacePage
from ui.workspace.session import WorkspaceModel



class DeclarationsPage(WorkspacePage):
    cleared = Signal()
    recused = Signal()

    def __init__(self, session: WorkspaceModel) -> None:
        super().__init__()
        self.session = session
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
        for widget in (self.conflict_text, self.no_conflict, self.has_conflict, self.reason):
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
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.addWidget(area)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Declarations"))
        self.intro.setText(self.tr(
            "Before any material of this application is shown, answer the conflict-of-interest declaration "
            "and accept the confidentiality pledge. Your answers are recorded with the time and printed on "
            "your score sheet."))
        self.conflict_box.setTitle(self.tr("Conflict of interest (回避声明)"))
        self.no_conflict.setText(self.tr("I have no conflict of interest with this application"))
        self.has_conflict.setText(self.tr("I have a conflict of interest and withdraw from this review"))
        self.reason.setPlaceholderText(self.tr("Describe the conflict (required)"))
        self.pledge_box.setTitle(self.tr("Confidentiality pledge (保密承诺)"))
        self.pledge.setText(self.tr("I accept the confidentiality pledge"))
        self._update()

    def _update(self) -> None:
        recusing = self.has_conflict.isChecked()
        self.reason.setVisible(recusing)
        self.confirm.setText(self.tr("Withdraw from this review") if recusing else self.tr("Confirm and start the review"))
        self.message.clear()

    def submit(self) -> None:
        if self.has_conflict.isChecked():
            reason = self.reason.toPlainText().strip()
            if not reason:
                self.message.setText(self.tr("Describe the conflict of interest before withdrawing."))
                return
            self.session.declare(ConflictAnswer.DECLARED, reason, self.pledge.isChecked())
            self.recused.emit()
            return
        if not self.no_conflict.isChecked():
            self.message.setText(self.tr("Answer the conflict-of-interest declaration first."))
            return
        if not self.pledge.isChecked():
            self.message.setText(self.tr("Accept the confidentiality pledge to see the materials."))
            return
        self.session.declare(ConflictAnswer.NONE, "", True)
        self.cleared.emit()
