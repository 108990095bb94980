"""Help › Keyboard shortcuts: every shortcut of the app in one table."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = [
            ("Ctrl+O", self.tr("Open a bundle")),
            ("Ctrl+Z / Ctrl+Y, Ctrl+Shift+Z", self.tr("Undo / redo the last change in the review")),
            ("Ctrl+1 … Ctrl+7", self.tr("Materials, Scoring, Defense notes, On-site inspection, Opinion, Sign and export, Panel")),
            ("F8", self.tr("Go to the next thing still to do")),
            ("Alt+↓ / Alt+↑", self.tr("Next / previous criterion (Scoring)")),
            ("Enter", self.tr("Accept the score typed (Scoring)")),
            ("Ctrl+N", self.tr("New defense question (Defense notes)")),
            ("Ctrl+F, F3, Shift+F3", self.tr("Search in the document, next / previous match (Materials)")),
            ("Ctrl+PgDn / Ctrl+PgUp", self.tr("Next / previous page (Materials)")),
            ("Ctrl++ / Ctrl+- / Ctrl+0", self.tr("Zoom in / out / fit width (Materials)")),
            ("Ctrl+Shift+R", self.tr("Cite this page in the comment of the current criterion (Materials)")),
            ("Alt+1 … Alt+4", self.tr("Choose the result of a checklist item (On-site inspection)")),
            ("Ctrl+Shift+I, Ctrl+I", self.tr("Open panel files: score packages, re-check requests and answers (Panel)")),
            ("Ctrl+Shift+A", self.tr("All my scores, with bands and comments, in one table")),
            ("Enter", self.tr("Sign, in the passphrase box (Sign and export)")),
            ("F1", self.tr("This list")),
            ("Ctrl+Q", self.tr("Quit (everything is already saved)")),
        ]
        table = QTableWidget(len(rows), 2, objectName="shortcutsTable")
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, action) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(action))
        table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(680, 480)
