"""The application shell: menus, home screen, status bar, drag-and-drop of bundles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QStackedWidget

from reviewer_app.settings import LANGUAGES
from ui.about import AboutDialog
from ui.context import AppContext
from ui.folders import remember_folder, start_folder
from ui.home import HomePage
from ui.preload import Preloader, next_turn

if TYPE_CHECKING:
    from reviewer_app.bundle import OpenedBundle
    from reviewer_app.store.store import Store
    from ui.bundle_opening import BundleOpener
    from ui.workspace.session import SavedReview
    from ui.workspace.workspace import Workspace
    from ui.app import StartupState

BUNDLE_SUFFIX = ".rvb"
# the 专家组 tab's files (ui/panel/panel_view.py PANEL_SUFFIXES and OPINION_SUFFIXES)
PANEL_SUFFIXES = (".rvs", ".recheck", ".recheck-answer", ".opinion.json", ".opinion-sig", ".rvo")
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}


def bundle_paths_from_urls(urls: list[QUrl]) -> list[Path]:
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]


class MainWindow(QMainWindow):
    bundle_chosen = Signal(Path)
    store_ready = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.setMinimumSize(900, 600)
        self.home = HomePage()
        self.home.open_requested.connect(self.choose_bundle)
        self.home.bundle_activated.connect(lambda bundle_id: self.with_store(lambda: self.opener.open_from_library(bundle_id)))
        self.home.purge_requested.connect(lambda bundle_id: self.with_store(lambda: self.confirm_purge(bundle_id)))
        self.bundle_chosen.connect(lambda path: self.with_store(lambda: self.opener.open_file(path)))
        self._waiting_for_store: list[Callable[[], object]] = []
        self.workspace: Workspace | None = None
        self._opener: BundleOpener | None = None
        self.closed = False  # closed (Quit, Ctrl+C) while the store was still opening
        self.preloader = Preloader(context.jobs, self)
        self._building: str | None = None  # the bundle whose workspace is being built
        self.undo_group = QUndoGroup(self)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.home)
        self.setCentralWidget(self.pages)
        self.status_text = QLabel()
        self.status_text.setObjectName("statusText")
        self.statusBar().addWidget(self.status_text, 1)
        self.saved_indicator = QLabel()
        self.saved_indicator.setObjectName("savedIndicator")
        self.statusBar().addPermanentWidget(self.saved_indicator)
        self._create_actions()
        self._create_menus()
        self.retranslate()

    # -- construction -------------------------------------------------------
    def _create_actions(self) -> None:
        self.open_action = QAction(self)
        self.open_action.setObjectName("openBundleAction")
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_bundle)
        self.panel_files_action = QAction(self)
        self.panel_files_action.setObjectName("panelFilesAction")
        self.panel_files_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.panel_files_action.triggered.connect(self.choose_panel_files)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.triggered.connect(self.show_about)
        self.undo_action = self.undo_group.createUndoAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self)
        # Both spellings on every platform, each once (a key listed twice is an ambiguous shortcut: it does nothing).
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.guide_action = QAction(self)
        self.guide_action.setObjectName("guideAction")
        self.guide_action.triggered.connect(self.show_guide)
        self.shortcuts_action = QAction(self)
        self.shortcuts_action.setObjectName("shortcutsAction")
        self.shortcuts_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.identity_action = QAction(self)
        self.identity_action.setObjectName("identityAction")
        self.identity_action.triggered.connect(self.show_identity)
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[code], self, checkable=True)
            action.setObjectName(f"language_{code}")
            action.setChecked(code == self.context.translations.language)
            action.triggered.connect(lambda _checked, code=code: self.set_language(code))
            self.language_group.addAction(action)
            self.language_actions[code] = action

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.open_action)
        self.file_menu.addAction(self.panel_files_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.settings_menu = bar.addMenu("")
        self.settings_menu.addAction(self.identity_action)
        self.language_menu = self.settings_menu.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Expert Review"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        # Not Alt+S: the Score field and the inspection's Site notes use it.
        self.settings_menu.setTitle(self.tr("Se&ttings"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.open_action.setText(self.tr("&Open bundle…"))
        self.panel_files_action.setText(self.tr("Open &panel files (packages, re-check requests, answers)…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.about_action.setText(self.tr("&About"))
        self.identity_action.setText(self.tr("&Identity and trust…"))
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts"))
        self.guide_action.setText(self.tr("&Guide to a review"))
        self.show_status(self.tr("Ready. Your data is kept in {folder}").format(folder=self.context.data_dir.root))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- behaviour ----------------------------------------------------------
    def show_status(self, text: str) -> None:
        self.status_text.setText(text)

    def show_preparing(self, done: int = 0, total: int = 0) -> None:
        """Building the demo world takes a while on first start: say so in the middle of the window."""
        self.home.show_preparing(done, total)

    def bring_to_front(self) -> None:
        """Another start on the same data folder handed over to this window."""
        self.setWindowState((self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
        self.show()
        self.raise_()
        self.activateWindow()
        self.show_status(self.tr("Expert Review was started again; this window is the one to use."))

    def with_store(self, action: Callable[[], object]) -> None:
        """Run `action` now, or as soon as the store is open: the library is listed before the
        store has opened (ui/app.py), and a bundle opened in that moment must not be ignored.
        (It does not also wait for the imports ahead of need: with that wait, the app crashed in
        2-4 of 8 first opens, SIGSEGV in the GUI thread's garbage collection; docs/decisions.md.)"""
        if self.context.store is None:
            self._waiting_for_store.append(action)
            self.show_status(self.tr("Opening your data…"))
        else:
            action()

    def start_up(self, state: StartupState) -> None:
        """The store is open: show the library, and on first run set up the expert's identity."""
        if self.closed:  # the expert quit while it opened: keep the store only to close it on exit
            self.context.store = state.store
            return
        if state.demo is not None:
            self.context.unlocked = state.demo.expert  # before a waiting Open runs
        self.attach_store(state.store)
        if state.demo is not None:
            self.setWindowTitle(self.tr("Expert Review — demo"))
            self.show_status(self.tr(
                "Demo: you are {name} ({field}); your passphrase is {passphrase}. "
                "The demo organization's files are in {folder}.").format(
                name=state.demo.expert.profile.name, field=state.demo.expert.profile.field,
                passphrase=state.demo.passphrase, folder=state.demo.world))
        elif not state.has_identity:
            self.show_enrolment()
        waiting, self._waiting_for_store = self._waiting_for_store, []
        for action in waiting:
            action()

    def attach_store(self, store: Store) -> None:
        self.context.store = store
        self.refresh_library()
        self.store_ready.emit()
        self.preloader.start()  # opening a bundle will not wait for its imports

    # -- workspace --------------------------------------------------------------
    # Bundle, crypto and workspace modules are heavy, so they are imported when first needed.
    @property
    def opener(self) -> BundleOpener:
        if self._opener is None:
            from ui.bundle_opening import BundleOpener

            self._opener = BundleOpener(self.context, self)
            self._opener.opened.connect(self.show_workspace)
            self._opener.needs_enrolment.connect(self.show_enrolment)
        return self._opener

    def show_workspace(self, opened: OpenedBundle) -> None:
        """Read the saved review on a worker, then build the workspace a part per turn of the
        event loop (each a few tens of milliseconds at most): the window never stalls on it.
        `self.workspace` is set once it is complete and shown."""
        self.close_workspace()
        self._building = opened.bundle_id
        self.show_status(self.tr("Opening “{title}”…").format(title=opened.application.title))
        self.preloader.then(lambda: self._read_saved_review(opened))

    def _read_saved_review(self, opened: OpenedBundle) -> None:
        from ui.workspace.session import load_saved_review

        store = self.context.store
        assert store is not None
        job = self.context.jobs.start(lambda _context: load_saved_review(store.reviews, store.inspections, opened.bundle_id))
        job.succeeded.connect(lambda saved: self._build_workspace(opened, saved))
        job.failed.connect(self._refuse)

    def _build_workspace(self, opened: OpenedBundle, saved: SavedReview) -> None:
        from reviewer_app.services.evidence import EvidenceStore
        from ui.workspace.inspection import InspectionFiles
        from ui.workspace.session import WorkspaceModel
        from ui.workspace.workspace import Workspace

        store, expert = self.context.store, self.context.unlocked
        assert store is not None and expert is not None
        if self._building != opened.bundle_id or self.closed:
            return  # another bundle was opened meanwhile, or the window closed
        session = WorkspaceModel(opened, store.reviews, expert.profile.field, store.inspections, saved)
        inspection = InspectionFiles(session, EvidenceStore.for_expert(self.context.data_dir, expert), self.context.jobs)
        workspace = Workspace(session, self.context, inspection, in_steps=True)
        next_turn(lambda: self._continue_building(workspace))  # its first part on a turn of its own

    def _continue_building(self, workspace: Workspace) -> None:
        if self._building != workspace.session.bundle_id or self.closed:
            workspace.close_documents()
            workspace.deleteLater()
            return
        if workspace.build_step():
            next_turn(lambda: self._continue_building(workspace))
            return
        self._building = None
        self._install_workspace(workspace)

    def _install_workspace(self, workspace: Workspace) -> None:
        session = workspace.session
        session.saved.connect(lambda when: self.saved_indicator.setText(
            self.tr("✓ Saved {time}").format(time=when.strftime("%H:%M:%S"))))
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        self.workspace = workspace
        workspace.back_requested.connect(self.close_workspace)
        workspace.status_message.connect(self.show_status)
        self.pages.addWidget(workspace)
        self.pages.setCurrentWidget(workspace)
        self.show_status(self.tr("Opened “{title}”. Every change is saved as you type.").format(
            title=session.opened.application.title))

    def close_workspace(self) -> None:
        if self.workspace is None:
            return
        workspace, self.workspace = self.workspace, None
        self.undo_group.removeStack(workspace.session.undo_stack)
        workspace.close_documents()
        self.pages.removeWidget(workspace)
        workspace.deleteLater()
        self.pages.setCurrentWidget(self.home)
        self.refresh_library()

    # Identity dialogs import the crypto libraries, so they are imported when first needed.
    def show_enrolment(self) -> None:
        from ui.enrolment import EnrolmentWizard

        wizard = EnrolmentWizard(self.context, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()

    def show_identity(self) -> None:
        from reviewer_app import identity
        from ui.identity_dialog import IdentityDialog

        if not identity.exists(self.context.data_dir.identity):
            self.show_enrolment()
            return
        dialog = IdentityDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def store_failed(self, message: str) -> None:
        if self.closed:
            return
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Cannot open your data"), message, parent=self)
        box.setObjectName("storeFailedBox")
        box.finished.connect(self.close)
        box.open()

    def confirm_purge(self, bundle_id: str) -> None:
        """Delete a bundle and everything derived from it, after the expert confirms (issue 14)."""
        if self.context.store is None or self.workspace is not None:
            return
        record = self.context.store.bundle(bundle_id)
        if record is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete from this computer"), self.tr(
            "Delete “{name}” from this computer?\n\nThe bundle, your scores, comments, notes, inspection results, "
            "photos and the stored copies of your signed sheets are deleted and cannot be brought back. "
            "Score packages you exported (for example to a USB stick) stay where they are.").format(name=record.application_name), parent=self)
        box.setObjectName("purgeConfirm")
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter must not delete
        box.finished.connect(lambda _result: self._purge(bundle_id) if box.clickedButton() is delete else None)
        self.purge_box = box
        box.open()

    def _purge(self, bundle_id: str) -> None:
        from reviewer_app.services.bundles import purge_bundle

        store, data_dir = self.context.store, self.context.data_dir
        job = self.context.jobs.start(lambda _context: purge_bundle(store, data_dir, bundle_id))
        job.succeeded.connect(self._purged)
        job.failed.connect(lambda message: QMessageBox.warning(self, self.tr("Delete from this computer"), message))

    def _purged(self, purged) -> None:  # noqa: ANN001 - services.bundles.Purged
        self.refresh_library()
        self.show_status(self.tr("“{name}” and its data were deleted from this computer.").format(name=purged.application_name))

    def refresh_library(self) -> None:
        if self.context.store is not None:
            self.home.set_entries(self.context.store.library_entries())

    def set_language(self, code: str) -> None:
        if not self.context.translations.switch(code):
            QMessageBox.warning(
                self,
                self.tr("Language"),
                self.tr("The translation for {language} is missing from this installation.").format(
                    language=LANGUAGE_NAMES[code]
                ),
            )
        self.context.settings.set("language", code)
        self.language_actions[self.context.translations.language].setChecked(True)

    def show_shortcuts(self) -> None:
        from ui.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_guide(self) -> None:
        from ui.guide import GuideDialog

        dialog = GuideDialog(self.context.translations.language, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_about(self) -> None:
        dialog = AboutDialog(self)
        dialog.open()

    def choose_bundle(self) -> None:
        start_dir = start_folder(self.context.settings, "bundle")
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open bundle"), start_dir, self.tr("Application bundles (*.rvb)")
        )
        if path:
            remember_folder(self.context.settings, "bundle", path)
            self.open_bundle(Path(path))

    def open_bundle(self, path: Path) -> None:
        """Refuse what is plainly not a bundle; hand the rest to whoever imports bundles."""
        if path.suffix.lower() != BUNDLE_SUFFIX:
            self._refuse(self.tr("“{name}” is not an application bundle. Bundles end in .rvb.").format(name=path.name))
        elif not path.is_file():
            self._refuse(self.tr("The file “{name}” cannot be found.").format(name=path.name))
        else:
            self.bundle_chosen.emit(path)

    def _refuse(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Cannot open"), message, parent=self)
        box.setObjectName("refusalBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if any(p.suffix.lower() == BUNDLE_SUFFIX or p.name.lower().endswith(PANEL_SUFFIXES) for p in bundle_paths_from_urls(event.mimeData().urls())):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        paths = bundle_paths_from_urls(event.mimeData().urls())
        event.acceptProposedAction()
        panel_files = [p for p in paths if p.name.lower().endswith(PANEL_SUFFIXES)]
        if panel_files:
            self.open_panel_files(panel_files)
        for path in paths:
            if path not in panel_files:
                self.open_bundle(path)

    def choose_panel_files(self) -> None:
        if self.workspace is None:
            self.open_panel_files([])
            return
        self.workspace.tabs.setCurrentWidget(self.workspace.panel)
        self.workspace.panel.choose_files()

    def open_panel_files(self, paths: list[Path]) -> None:
        """Score packages and re-check files belong to the open application's 专家组 tab."""
        if self.workspace is None:
            self._refuse(self.tr("Open the application first: score packages and re-check files belong to one application's panel."))
            return
        self.workspace.tabs.setCurrentWidget(self.workspace.panel)
        self.workspace.panel.import_files(paths)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.workspace is not None and not self.workspace.may_close():
            event.ignore()  # a refused or unsaved value is on screen and the expert chose to stay
            return
        self.close_workspace()
        self.context.settings.set("window_geometry", bytes(self.saveGeometry().toBase64()).decode("ascii"))
        self._building = None  # a workspace still being built is dropped
        self.context.jobs.wait_for_all()
        self.closed = True
        super().closeEvent(event)
