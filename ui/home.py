"""Home screen: the bundle library, or an empty state that says what to do."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.library import LibraryEntry
from ui.library_model import LibraryModel
from ui.widgets import bold


class EmptyLibrary(QWidget):
    open_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("emptyLibrary")
        self.title = bold(QLabel(objectName="emptyTitle"), 1.6)
        self.explanation = QLabel()
        self.explanation.setObjectName("emptyExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setFixedWidth(520)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button = QPushButton()
        self.open_button.setObjectName("emptyOpenButton")
        self.open_button.setMinimumSize(220, 44)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_requested)
        icon = QLabel()
        icon.setPixmap(QApplication.windowIcon().pixmap(72, 72))
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (icon, self.title, self.explanation, self.open_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.setSpacing(18)
        layout.addStretch(3)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("No application bundles yet"))
        self.explanation.setText(
            self.tr(
                "The review organization gives you a sealed application bundle (a file ending in .rvb), "
                "usually on a USB stick. Click “Open bundle…” below, or drag the file into this window. "
                "The app checks the organization's seal before anything is shown."
            )
        )
        self.open_button.setText(self.tr("Open bundle…"))
        # An aligned label in a box layout gets its one-line size hint; give it room to wrap.
        self.explanation.setFixedHeight(self.explanation.heightForWidth(self.explanation.width()))


class PreparingDemo(QWidget):
    """First start of the demo: the demo world is being built (about half a minute)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("preparingDemo")
        self.title = bold(QLabel(objectName="preparingTitle"), 1.6)
        self.explanation = QLabel(objectName="preparingExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setFixedWidth(520)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar = QProgressBar(objectName="preparingProgress")
        self.bar.setFixedWidth(420)
        self.bar.setRange(0, 0)  # busy until the first step is reported
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (self.title, self.explanation, self.bar):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.setSpacing(18)
        layout.addStretch(3)
        self.retranslate()

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Preparing the demo…"))
        self.explanation.setText(self.tr(
            "The first start builds the demo review: an organization, five experts and two sealed applications, "
            "all signed with real keys. This takes about half a minute; the library appears by itself."))
        self.explanation.setFixedHeight(self.explanation.heightForWidth(self.explanation.width()))


class HomePage(QWidget):
    """Shows the library table, or the empty state when nothing is imported."""

    open_requested = Signal()
    bundle_activated = Signal(str)  # bundle id
    purge_requested = Signal(str)  # bundle id: delete it and its data from this computer

    def __init__(self) -> None:
        super().__init__()
        self.model = LibraryModel()
        self.heading = bold(QLabel(), 1.3)
        self.table = QTableView()
        self.table.setObjectName("libraryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda index: self.bundle_activated.emit(self.model.entry(index.row()).bundle_id))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.installEventFilter(self)  # Delete on a selected row asks to purge it
        self.hint = QLabel(objectName="libraryHint")
        self.hint.setWordWrap(True)
        self.purge_button = QPushButton(objectName="purgeButton")
        self.purge_button.clicked.connect(self._request_purge)
        self.library = QWidget()
        library_layout = QVBoxLayout(self.library)
        library_layout.addWidget(self.heading)
        library_layout.addWidget(self.hint)
        library_layout.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.purge_button)
        library_layout.addLayout(buttons)
        self.empty = EmptyLibrary()
        self.empty.open_requested.connect(self.open_requested)
        self.preparing = PreparingDemo()
        self._stack = QStackedLayout(self)
        for page in (self.empty, self.library, self.preparing):
            self._stack.addWidget(page)
        self.retranslate()

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.model.set_entries(entries)
        self._stack.setCurrentWidget(self.library if entries else self.empty)
        if entries:
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0))  # Enter opens the first at once
            self.table.setFocus()

    def selected_bundle(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()).bundle_id if index.isValid() else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete:
            self._request_purge()
            return True
        return super().eventFilter(watched, event)

    def _request_purge(self) -> None:
        bundle_id = self.selected_bundle()
        if bundle_id is not None:
            self.purge_requested.emit(bundle_id)

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = QMenu(self.table)
        menu.addAction(self.tr("Open"), lambda: self.bundle_activated.emit(self.model.entry(index.row()).bundle_id))
        menu.addAction(self.tr("Delete from this computer…"), self._request_purge)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def show_preparing(self, done: int, total: int) -> None:
        self.preparing.set_progress(done, total)
        self._stack.setCurrentWidget(self.preparing)

    def showing_empty_state(self) -> bool:
        return self._stack.currentWidget() is self.empty

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Application bundles"))
        self.hint.setText(self.tr(
            "To open an application, double-click it, or select it with the arrow keys and press Enter. "
            "Help › Guide to a review shows the steps."))
        self.purge_button.setText(self.tr("&Delete from this computer…"))
        self.purge_button.setToolTip(self.tr(
            "After the review: delete the bundle, your scores, notes, photos and the stored copies of your signed "
            "sheets from this computer (the confidentiality pledge's 删除或交回). Score packages you exported stay where they are."))
        self.empty.retranslate()
        self.preparing.retranslate()
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
