"""Defense notes (现场答辩): a timed log of questions and answers, each linkable to criteria."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.review.state import DefenseNote
from ui.times import shown_time
from ui.workspace.page import WorkspacePage, route_history_keys
from ui.workspace.session import ChangeSet, Field, Part, WorkspaceModel


def note_summary(note: DefenseNote, zone: tzinfo | None = None) -> str:
    question = note.question.strip().splitlines()[0] if note.question.strip() else "…"
    return f"{shown_time(note.asked_at, zone, '%H:%M')}  {question}"


class NotesPage(WorkspacePage):
    def __init__(self, session: WorkspaceModel) -> None:
        super().__init__()
        self.session = session
        self.note_id: int | None = None
        self.list = QListWidget(objectName="notesList")
        self.add_button = QPushButton(objectName="addNote")
        self.delete_button = QPushButton(objectName="deleteNote")
        self.add_button.clicked.connect(self.add_note)
        self.delete_button.clicked.connect(self.delete_note)
        self.question = QPlainTextEdit(objectName="noteQuestion")
        self.answer = QPlainTextEdit(objectName="noteAnswer")
        for edit in (self.question, self.answer):
            edit.setTabChangesFocus(True)
        route_history_keys(self.question, self.answer)
        self.question_label, self.answer_label, self.criteria_label = QLabel(), QLabel(), QLabel()
        self.criteria = QListWidget(objectName="noteCriteria")
        for section in session.spec.rubric.sections:
            for criterion in section.criteria:
                item = QListWidgetItem(criterion.title)
                item.setData(Qt.ItemDataRole.UserRole, criterion.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.criteria.addItem(item)
        self.question.textChanged.connect(lambda: self._save(Field.NOTE_QUESTION, self.question.toPlainText()))
        self.answer.textChanged.connect(lambda: self._save(Field.NOTE_ANSWER, self.answer.toPlainText()))
        self.criteria.itemChanged.connect(self._criteria_changed)
        self.list.currentItemChanged.connect(self._select)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.list)
        self.editor = QWidget()
        editor_layout = QVBoxLayout(self.editor)
        for widget in (self.question_label, self.question, self.answer_label, self.answer,
                       self.criteria_label, self.criteria):
            editor_layout.addWidget(widget)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        QShortcut(QKeySequence("Ctrl+N"), self, self.add_note, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        session.changed.connect(self._model_changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("New question (Ctrl+N)"))
        self.delete_button.setText(self.tr("Delete"))
        self.question_label.setText(self.tr("Question asked:"))
        self.answer_label.setText(self.tr("Answer given:"))
        self.criteria_label.setText(self.tr("Concerns these criteria (shown beside them while scoring):"))

    def _model_changed(self, change: ChangeSet) -> None:
        if change.touches(Part.NOTES | Part.LOCK):
            self.refresh()

    def refresh(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for note in self.session.state.notes:
            item = QListWidgetItem(note_summary(note, self.session.zone))
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.list.addItem(item)
            if note.id == self.note_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.note_id not in {n.id for n in self.session.state.notes}:
            self.note_id = None
            if self.list.count():
                self.list.setCurrentRow(self.list.count() - 1)
        self._show_note()

    def add_note(self) -> None:
        self.note_id = self.session.add_note()
        self.refresh()
        self.question.setFocus()

    def delete_note(self) -> None:
        if self.note_id is not None:
            self.session.delete_note(self.note_id)

    def _select(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.note_id = current.data(Qt.ItemDataRole.UserRole) if current else None
        self._show_note()

    def _show_note(self) -> None:
        note = next((n for n in self.session.state.notes if n.id == self.note_id), None)
        self.editor.setEnabled(note is not None)
        self.delete_button.setEnabled(note is not None)
        for edit, text in ((self.question, note.question if note else ""), (self.answer, note.answer if note else "")):
            if edit.toPlainText() != text:
                edit.blockSignals(True)
                edit.setPlainText(text)
                edit.blockSignals(False)
        linked = set(note.criteria) if note else set()
        self.criteria.blockSignals(True)
        for row in range(self.criteria.count()):
            item = self.criteria.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in linked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.criteria.blockSignals(False)

    def _save(self, field: Field, value: object) -> None:
        if self.note_id is not None:
            self.session.update_note(self.note_id, field, value)

    def _criteria_changed(self, _item: QListWidgetItem) -> None:
        linked = tuple(self.criteria.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.criteria.count())
                       if self.criteria.item(r).checkState() == Qt.CheckState.Checked)
        self._save(Field.NOTE_CRITERIA, linked)
