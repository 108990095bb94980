"""Table model over the bundle library for the home screen."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from reviewer_app.library import LibraryEntry, ReviewStatus
from ui.times import review_zone, shown_time

Index = QModelIndex | QPersistentModelIndex


def status_label(status: ReviewStatus) -> str:
    labels = {
        ReviewStatus.NOT_STARTED: QCoreApplication.translate("Status", "Not started"),
        ReviewStatus.IN_REVIEW: QCoreApplication.translate("Status", "In review"),
        ReviewStatus.SIGNED: QCoreApplication.translate("Status", "Signed"),
        ReviewStatus.EXPORTED: QCoreApplication.translate("Status", "Exported"),
        ReviewStatus.RECUSED: QCoreApplication.translate("Status", "Recused"),
    }
    return labels[status]


class LibraryModel(QAbstractTableModel):
    COLUMNS = ("application", "applicant", "stage", "deadline", "status", "progress")

    def __init__(self) -> None:
        super().__init__()
        self._entries: list[LibraryEntry] = []

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        if list(entries) == self._entries:
            return  # the store's first listing after the start-up one: keep the selection
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> LibraryEntry:
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            QCoreApplication.translate("Library", "Application"),
            QCoreApplication.translate("Library", "Applicant"),
            QCoreApplication.translate("Library", "Stage"),
            QCoreApplication.translate("Library", "Deadline"),
            QCoreApplication.translate("Library", "Status"),
            QCoreApplication.translate("Library", "Progress"),
        )
        return titles[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self._entries[index.row()]
        column = self.COLUMNS[index.column()]
        if column == "application":
            return entry.application_name
        if column == "applicant":
            return entry.applicant
        if column == "stage":
            return entry.stage
        if column == "deadline":
            return shown_time(entry.deadline, review_zone(entry.deadline))
        if column == "status":
            return status_label(entry.status)
        return f"{entry.criteria_scored}/{entry.criteria_total}"

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._entries) - 1, len(self.COLUMNS) - 1))
