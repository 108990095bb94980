"""One view of all my scores, as a paper sheet gives it: criterion, maximum, score, band and
comment per criterion, subtotals per section and the total. It shows the saved values (those
that count), so what it shows is what the sheet will print."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app import rubric
from ui.workspace.session import WorkspaceModel

SECTION_SHADE = QColor("#eef1f5")
TOTAL_SHADE = QColor("#dde3ea")
COLUMNS = 5  # criterion, maximum, score, band, comment


class ScoreOverviewDialog(QDialog):
    def __init__(self, session: WorkspaceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreOverview")
        self.session = session
        self.setWindowTitle(self.tr("All my scores"))
        self.summary = QLabel(objectName="overviewSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS, objectName="overviewTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Criterion"), self.tr("Maximum"), self.tr("Score"), self.tr("Band"), self.tr("Comment")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._fill()
        self.resize(1100, 760)  # ui/screen_fit.py shrinks it to a smaller screen as it is shown
        self.table.setColumnWidth(0, 320)
        self.table.resizeRowsToContents()

    def _fill(self) -> None:
        state, mine = self.session.state, self.session.my_criterion_ids
        rows: list[tuple[list[str], QColor | None]] = []
        total = maximum = 0.0
        unscored = 0
        for section in self.session.spec.rubric.sections:
            criteria = [c for c in section.criteria if c.id in mine]
            if not criteria:
                continue
            subtotal = sum(state.score(c.id).value or 0 for c in criteria)
            section_max = sum(c.maximum for c in criteria)
            rows.append(([section.title, _n(section_max), _n(subtotal), "", self.tr("Subtotal")], SECTION_SHADE))
            for criterion in criteria:
                entry = state.score(criterion.id)
                if entry.value is None:
                    unscored += 1
                    score, band = self.tr("not scored"), ""
                else:
                    found = rubric.band_for(criterion, entry.value)
                    score, band = _n(entry.value), found.label if found else "—"
                rows.append(([f"{criterion.id}  {criterion.title}", _n(criterion.maximum), score, band,
                              entry.comment.strip() or "—"], None))
            total += subtotal
            maximum += section_max
        rows.append(([self.tr("Total"), _n(maximum), _n(total), "", ""], TOTAL_SHADE))
        self.table.setRowCount(len(rows))
        for row, (cells, shade) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if shade is not None:
                    item.setBackground(QBrush(shade))
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        if unscored:
            self.summary.setText(self.tr("Total {total} of {maximum}; {count} criterion/criteria not scored yet.").format(
                total=_n(total), maximum=_n(maximum), count=unscored))
        else:
            self.summary.setText(self.tr("Total {total} of {maximum}; every criterion is scored.").format(
                total=_n(total), maximum=_n(maximum)))


def _n(value: float) -> str:
    return rubric.format_score(round(value, 2))
