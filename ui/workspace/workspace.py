"""One application's review: header, declarations gate, then the tabs and the to-do panel."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
)

from reviewer_app.review.completeness import Missing, MissingKind
from reviewer_app.review.inspection_rules import InspectionMissingKind
from ui.times import review_zone, shown_time
from ui.context import AppContext
from ui.widgets import ERROR_STYLE, OK_STYLE, bold, wrapped
from ui.materials import DocumentRef, MaterialsViewer, format_page_reference
from ui.workspace.declarations import DeclarationsPage
from ui.workspace.inspection import InspectionFiles, InspectionPage
from ui.workspace.notes import NotesPage
from ui.workspace.opinion import OpinionPage
from ui.workspace.scoring import ScoringPage
from ui.workspace.page import WorkspacePage, application_filters_off
from ui.workspace.session import ChangeSet, Part, WorkspaceModel
from ui.workspace.signing import SigningPage
from ui.messages import translated


class MissingPanel(WorkspacePage):
    """Exactly what is still missing before the sheet can be signed; activate an entry to go there."""

    jump = Signal(object)  # Missing

    def __init__(self) -> None:
        super().__init__()
        self.heading = bold(QLabel())
        self.list = QListWidget(objectName="missingList")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda item: self.jump.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.list.itemClicked.connect(lambda item: self.jump.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        self.setMinimumWidth(240)
        self.items: list[Missing] = []
        self.locked = False
        self._shown: tuple | None = None  # what the list shows, in the current language

    def retranslate(self) -> None:
        self._shown = None
        self.show_missing(self.items, self.locked)

    def show_missing(self, items: list[Missing], locked: bool = False) -> None:
        """`locked`: the review is signed, so the panel says that (and how to amend) instead of "ready".
        The list is filled again only when what it shows changed (its wrapped rows are laid out anew)."""
        shown = (locked, tuple(items))
        if shown == self._shown:
            return
        self._shown = shown
        self.locked = locked
        self.items = [] if locked else items
        items = self.items
        self.list.clear()
        for missing in items:
            text = translated(missing)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, missing)
            self.list.addItem(item)
        if locked:
            self.heading.setText(self.tr("Signed: the score sheet is locked. To change it, choose "
                                         "“Amend…” on the Sign and export tab."))
        else:
            self.heading.setText(
                self.tr("Still to do: {count}").format(count=len(items)) if items
                else self.tr("✓ Complete: ready to sign"))
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("" if items or locked else OK_STYLE)


class Workspace(WorkspacePage):
    """Shown in the main window's page stack for one open bundle."""

    back_requested = Signal()
    status_message = Signal(str)

    def __init__(self, session: WorkspaceModel, context: AppContext, inspection: InspectionFiles, *,
                 in_steps: bool = False) -> None:
        """Built at once, or with `in_steps` one part per `build_step()` call, so the caller can
        build it a part per turn of the event loop and the window never stalls (issue 16)."""
        super().__init__()
        self.setObjectName("workspace")
        self.session = session
        self.inspection_files = inspection
        self.build_in_parts(self._construction(session, context, inspection), in_steps)

    def build_step(self) -> bool:
        """Build the next part; False once the workspace is complete."""
        with application_filters_off():
            return next(self.parts, False)

    def _construction(self, session: WorkspaceModel, context: AppContext, inspection: InspectionFiles) -> Iterator[bool]:
        """The parts, each at most ~10 ms of the GUI thread (a heavy page is several): `yield True` between them."""
        self.storage_banner = wrapped(name="storageBanner")
        self.storage_banner.setStyleSheet(ERROR_STYLE)
        self.storage_banner.hide()
        session.save_failed.connect(self.status_message)
        opened = session.opened
        self.title = bold(QLabel(objectName="workspaceTitle"), 1.3)
        self.subtitle = QLabel(objectName="workspaceSubtitle")
        self.back_button = QPushButton(objectName="backToLibrary")
        self.back_button.clicked.connect(self.leave)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)

        self.declarations = DeclarationsPage(session, in_steps=True)
        yield from self.declarations.parts
        self.declarations.cleared.connect(self._show_review)
        self.declarations.recused.connect(self._show_recused)
        yield True

        self.materials = MaterialsViewer(context.jobs)
        self.materials.set_documents(
            [DocumentRef(m.id, m.title, m.media_type, m.size) for m in opened.materials], opened.open_material)
        self.materials.page_reference_requested.connect(self._cite_page)
        yield True
        self.scoring = ScoringPage(session, in_steps=True)
        yield from self.scoring.parts
        yield True
        self.notes = NotesPage(session)
        self.opinion = OpinionPage(session)
        yield True
        self.inspection = InspectionPage(inspection, context.settings, in_steps=True)
        yield from self.inspection.parts
        self.inspection.status_message.connect(self.status_message)
        yield True
        self.signing = SigningPage(session, inspection, context, in_steps=True)
        yield from self.signing.parts
        self.signing.status_message.connect(self.status_message)
        self.signing.signed.connect(self._update_lock)
        session.refused_locked.connect(lambda: self.status_message.emit(
            self.tr("This review is signed and locked. To change it, choose “Amend…” on the Sign tab.")))
        yield True
        from ui.panel.panel_view import PanelView  # the panel's table (issue 17), shown after one's own signed package

        unlocked = context.unlocked
        self.panel = PanelView(opened, [unlocked.age_identity] if unlocked else [], unlocked.fingerprint if unlocked else "",
                               context.jobs, unlocked=unlocked, store=context.store, in_steps=True)
        yield from self.panel.parts
        yield True
        self.tabs = QTabWidget(objectName="workspaceTabs")
        for page in (self.materials, self.scoring, self.notes, self.inspection, self.opinion, self.signing, self.panel):
            self.tabs.addTab(page, "")
        self.missing = MissingPanel()
        self.missing.jump.connect(self.go_to)
        review = QSplitter()
        review.addWidget(self.tabs)
        review.addWidget(self.missing)
        review.setStretchFactor(0, 4)
        review.setStretchFactor(1, 1)

        yield True
        self.stack = QStackedWidget()
        for widget in (self.declarations, review):
            self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.storage_banner)
        layout.addWidget(self.panel.recheck_banner)  # re-check requests to this expert, until answered
        layout.addWidget(self.stack, 1)
        QShortcut(QKeySequence("F8"), self, self.jump_to_next_missing, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, self.signing.show_overview,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for number in range(self.tabs.count()):
            QShortcut(QKeySequence(f"Ctrl+{number + 1}"), self, lambda n=number: self.tabs.setCurrentIndex(n),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        session.changed.connect(self._model_changed)
        yield True
        self.retranslate()
        self._update_lock()
        self._show_current_stage()

    def retranslate(self) -> None:
        opened = self.session.opened
        self.title.setText(opened.application.title)
        deadline = opened.review.window.valid_until
        self.subtitle.setText(self.tr("{applicant} · {review} · open until {deadline}").format(
            applicant=opened.application.applicant, review=opened.review.title,
            deadline=shown_time(deadline, review_zone(deadline))))
        self.back_button.setText(self.tr("◀ Library"))
        for index, text in enumerate((self.tr("Materials"), self.tr("Scoring"), self.tr("Defense notes"),
                                      self.tr("On-site inspection"), self.tr("Opinion"), self.tr("Sign and export"),
                                      self.tr("Panel"))):
            self.tabs.setTabText(index, text)
        self.panel.retranslate()
        self._refresh_missing()

    def _model_changed(self, change: ChangeSet) -> None:
        if change.missing or change.touches(Part.DECLARATIONS | Part.LOCK):
            self._refresh_missing()
        if change.touches(Part.INPUT):
            failure = self.session.failure
            self.storage_banner.setVisible(failure is not None)
            if failure is not None:
                self.storage_banner.setText("⚠ " + translated(failure))

    def _update_lock(self) -> None:
        """A signed review is read-only until an amendment opens it; undo cannot cross a signature."""
        locked = self.signing.locked()
        if locked and not self.session.locked:
            self.session.undo_stack.clear()
        self.session.locked = locked
        for page in (self.scoring.detail, self.notes.editor, self.opinion, self.inspection):
            page.setEnabled(not locked)
        self._refresh_missing()

    def _show_current_stage(self) -> None:
        declarations = self.session.state.declarations
        if declarations.recused:
            self._show_recused()
        elif declarations.cleared:
            self._show_review()
        else:
            self.stack.setCurrentWidget(self.declarations)

    def _show_review(self) -> None:
        self.stack.setCurrentIndex(1)
        self._refresh_missing()

    def _show_recused(self) -> None:
        """After a declared conflict only the recusal can be signed; nothing else is shown."""
        self.stack.setCurrentIndex(1)
        self.tabs.setCurrentWidget(self.signing)
        for index in range(self.tabs.count()):
            self.tabs.setTabEnabled(index, self.tabs.widget(index) is self.signing)

    def _refresh_missing(self) -> None:
        self.missing.show_missing(self.session.missing(), locked=self.session.locked)

    def jump_to_next_missing(self) -> None:
        if self.missing.items:
            self.go_to(self.missing.items[0])

    def go_to(self, missing: Missing) -> None:
        if isinstance(missing.kind, InspectionMissingKind):
            self.tabs.setCurrentWidget(self.inspection)
            self.inspection.go_to(missing)
        elif missing.kind in (MissingKind.SCORE, MissingKind.COMMENT, MissingKind.REFUSED_SCORE):
            self.tabs.setCurrentWidget(self.scoring)
            self.scoring.select("criterion", missing.target)
            self.scoring.focus_current(on_comment=missing.kind is MissingKind.COMMENT)
        elif missing.kind is MissingKind.VETO_REASON:
            self.tabs.setCurrentWidget(self.scoring)
            self.scoring.select("veto", missing.target)
            self.scoring.focus_current()
        elif missing.kind in (MissingKind.OPINION, MissingKind.RECOMMENDATION):
            self.tabs.setCurrentWidget(self.opinion)
            self.opinion.opinion.setFocus()
        elif missing.kind is MissingKind.DECLARATIONS:
            self._show_current_stage()

    def leave(self) -> None:
        """Back to the library (the ◀ button)."""
        if self.may_close():
            self.back_requested.emit()

    def may_close(self) -> bool:
        """Typed values that were refused or not saved are never dropped silently: ask first."""
        pending = [m for m in self.session.missing() if m.kind in (MissingKind.REFUSED_SCORE, MissingKind.UNSAVED)]
        if not pending:
            return True
        answer = QMessageBox.question(
            self, self.tr("Values not saved"),
            self.tr("{count} value(s) you typed are not saved:\n\n{items}\n\nLeave anyway and lose them?").format(
                count=len(pending), items="\n".join(translated(m) for m in pending)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            return True
        self.go_to(pending[0])
        return False

    def _cite_page(self, document_id: str, page: int) -> None:
        """Attach a page reference to the comment of the criterion being scored."""
        panel = self.scoring.criterion_panel
        if panel.criterion is None:
            self.status_message.emit(self.tr("Select a criterion on the Scoring tab first."))
            return
        title = self.session.opened.material(document_id).title
        panel.append_to_comment(format_page_reference(title, page))
        self.status_message.emit(self.tr("Page reference added to “{criterion}”.").format(criterion=panel.criterion.title))

    def close_documents(self) -> None:
        """Also for a workspace dropped half built (another bundle was opened meanwhile)."""
        if hasattr(self, "materials"):
            self.materials.clear()
        self.inspection_files.close()
