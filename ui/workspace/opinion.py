"""Overall opinion (评审意见) and recommendation, with the bundle's length rule."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QPlainTextEdit, QRadioButton, QVBoxLayout

from ui.workspace.page import WorkspacePage, route_history_keys
from ui.workspace.session import ChangeSet, Part, WorkspaceModel
from ui.widgets import ERROR_STYLE


class OpinionPage(WorkspacePage):
    def __init__(self, session: WorkspaceModel) -> None:
        super().__init__()
        self.session = session
        self.opinion_label = QLabel()
        self.opinion = QPlainTextEdit(objectName="opinionEdit")
        self.opinion.setTabChangesFocus(True)
        route_history_keys(self.opinion)
        self.opinion.setPlainText(session.state.opinion)
        self.opinion.textChanged.connect(lambda: session.set_opinion(self.opinion.toPlainText()))
        self.count = QLabel(objectName="opinionCount")
        self.recommendation_box = QGroupBox()
        self.choices = QButtonGroup(self)
        box_layout = QVBoxLayout(self.recommendation_box)
        self.buttons: dict[str, QRadioButton] = {}
        for recommendation in session.spec.rubric.recommendations:
            button = QRadioButton(recommendation.title, objectName=f"recommendation_{recommendation.id}")
            button.toggled.connect(lambda on, rid=recommendation.id: on and session.set_recommendation(rid))
            self.choices.addButton(button)
            box_layout.addWidget(button)
            self.buttons[recommendation.id] = button
        self.recommendation_box.setVisible(bool(self.buttons))
        layout = QVBoxLayout(self)
        for widget in (self.opinion_label, self.opinion, self.count, self.recommendation_box):
            layout.addWidget(widget)
        session.changed.connect(self._model_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.opinion_label.setText(self.tr("Overall opinion on the application:"))
        self.recommendation_box.setTitle(self.tr("Recommendation"))
        self.refresh()

    def _model_changed(self, change: ChangeSet) -> None:
        if change.touches(Part.OPINION | Part.LOCK):
            self.refresh()

    def refresh(self) -> None:
        state = self.session.state
        if self.opinion.toPlainText() != state.opinion:
            self.opinion.blockSignals(True)
            self.opinion.setPlainText(state.opinion)
            self.opinion.blockSignals(False)
        length = len(state.opinion.strip())
        minimum = self.session.spec.rubric.opinion_min_length
        if minimum:
            self.count.setText(self.tr("{length} characters (at least {minimum})").format(length=length, minimum=minimum))
            self.count.setStyleSheet("" if length >= minimum else ERROR_STYLE)
        else:
            self.count.setText(self.tr("{length} characters").format(length=length))
        button = self.buttons.get(state.recommendation)
        if button is not None and not button.isChecked():
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)
