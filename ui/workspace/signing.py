"""Sign and export (签署与导出): draft preview, overview of my scores, handwritten signature,
passphrase, target folder; the list of signed revisions (view, print, export again); amendments.

Signing checks the passphrase first (on a worker thread) and only then asks for the folder,
so a mistyped passphrase never costs a trip through the file dialog. A signed review looks
locked here too: the pad, its buttons and the passphrase are disabled until "Amend…"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app import identity
from reviewer_app.datadir import DataDir
from reviewer_app.errors import UserFacingError
from reviewer_app.timestamps import now
from reviewer_app.services import signing as revisions
from ui.context import AppContext
from ui.folders import remember_folder, start_folder
from ui.jobs import Job, JobContext
from ui.passphrase_widgets import password_edit
from ui.sheet_printing import print_pdf
from ui.times import shown_time
from ui.signature_pad import SignaturePad
from ui.workspace.inspection import InspectionFiles
from ui.workspace.overview import ScoreOverviewDialog
from ui.workspace.page import Steps, WorkspacePage
from ui.workspace.session import ChangeSet, Part, WorkspaceModel
from ui.widgets import ERROR_STYLE, OK_STYLE
from ui.messages import translated

WARNING_STYLE = "color: #9a6700;"  # a warning that does not block

MAX_SIGNATURE_IMAGE = 5 * 1024 * 1024


class PdfPreviewDialog(QDialog):
    """Shows a PDF held in memory (the preview or a signed sheet); nothing is written to disk."""

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None, *, on_print: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        self.resize(900, 1000)  # ui/screen_fit.py shrinks it to a smaller screen as it is shown
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        view = QPdfView(self)
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.print_button: QPushButton | None = None
        if on_print is not None:  # only a signed sheet is printed: a draft is not a document
            self.print_button = buttons.addButton(self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
            self.print_button.setObjectName("printSheet")
            self.print_button.clicked.connect(lambda: on_print(pdf))
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)


class SigningPage(WorkspacePage):
    signed = Signal()  # a revision was signed (the workspace locks)
    status_message = Signal(str)

    def __init__(self, session: WorkspaceModel, inspection: InspectionFiles, context: AppContext, *,
                 in_steps: bool = False) -> None:
        """Built at once, or with `in_steps` a part per step of `self.parts` (Workspace.build_step)."""
        super().__init__()
        self.session, self.inspection, self.context = session, inspection, context
        self._locked, self._amendment = False, None  # from the store, read again only when the lock can change
        self.build_in_parts(self._build(), in_steps)

    def _build(self) -> Steps:
        self.state_label = QLabel(objectName="signingState")
        self.state_label.setWordWrap(True)
        self.pad = SignaturePad()
        self.clear_button = QPushButton(objectName="clearSignature")
        self.undo_button = QPushButton(objectName="undoStroke")
        self.load_button = QPushButton(objectName="loadSignature")
        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button.clicked.connect(self.pad.undo_stroke)
        self.load_button.clicked.connect(self.load_signature_image)
        self.passphrase = password_edit("signPassphrase")
        self.passphrase.returnPressed.connect(self.sign)  # Enter signs, as the default button would
        self.preview_button = QPushButton(objectName="previewSheet")
        self.overview_button = QPushButton(objectName="scoreOverview")
        self.overview_button.clicked.connect(self.show_overview)
        self.date_warning = QLabel(objectName="sessionDateWarning")
        self.date_warning.setWordWrap(True)
        self.date_warning.setStyleSheet(WARNING_STYLE)
        self.sign_button = QPushButton(objectName="signAndExport")
        self.sign_button.setMinimumHeight(36)
        self.sign_button.setDefault(True)
        self.amend_button = QPushButton(objectName="amendReview")
        self.preview_button.clicked.connect(self.preview)
        self.sign_button.clicked.connect(self.sign)
        self.amend_button.clicked.connect(self.amend)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.message = QLabel(objectName="signingMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.revisions = QTableWidget(0, 4, objectName="revisionsTable")
        self.revisions.verticalHeader().hide()
        header = self.revisions.horizontalHeader()
        for column in (0, 1):  # the revision number and the time are never cut
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.revisions.setWordWrap(True)
        self.revisions.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.revisions.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.view_revision_button = QPushButton(objectName="viewRevision")
        self.export_revision_button = QPushButton(objectName="exportRevision")
        self.print_revision_button = QPushButton(objectName="printRevision")
        self.print_revision_button.clicked.connect(self.print_revision)
        self.view_revision_button.clicked.connect(self.view_revision)
        self.export_revision_button.clicked.connect(self.export_revision)
        yield True
        self._build_layout()
        yield True
        self.session.changed.connect(self._model_changed)
        self.retranslate()  # reads the signed revisions from the store

    def _build_layout(self) -> None:
        pad_buttons = QHBoxLayout()
        for button in (self.clear_button, self.undo_button, self.load_button):
            pad_buttons.addWidget(button)
        pad_buttons.addStretch(1)
        self.sign_box = QGroupBox()
        sign_layout = QVBoxLayout(self.sign_box)
        sign_layout.addWidget(self.pad)
        sign_layout.addLayout(pad_buttons)
        form = QFormLayout()
        self.passphrase_label = QLabel()
        form.addRow(self.passphrase_label, self.passphrase)
        sign_layout.addLayout(form)
        sign_layout.addWidget(self.date_warning)
        actions = QHBoxLayout()
        actions.addWidget(self.preview_button)
        actions.addWidget(self.overview_button)
        actions.addStretch(1)
        actions.addWidget(self.amend_button)
        actions.addWidget(self.sign_button)
        sign_layout.addLayout(actions)
        sign_layout.addWidget(self.busy)
        self.revisions_box = QGroupBox()
        revisions_layout = QVBoxLayout(self.revisions_box)
        revisions_layout.addWidget(self.revisions)
        revision_buttons = QHBoxLayout()
        revision_buttons.addWidget(self.view_revision_button)
        revision_buttons.addWidget(self.print_revision_button)
        revision_buttons.addWidget(self.export_revision_button)
        revision_buttons.addStretch(1)
        revisions_layout.addLayout(revision_buttons)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self.state_label)
        inner.addWidget(self.sign_box)
        inner.addWidget(self.message)
        inner.addWidget(self.revisions_box, 1)
        self.revisions.setMinimumHeight(90)  # two rows and the header stay visible
        # Scrolls rather than making the window taller than a 768-pixel (or 150 %) screen.
        area = QScrollArea(objectName="signingScroll")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(area)

    def retranslate(self) -> None:
        self.sign_box.setTitle(self.tr("Handwritten signature"))
        self.clear_button.setText(self.tr("Clear"))
        self.undo_button.setText(self.tr("Undo stroke"))
        self.load_button.setText(self.tr("Load signature image…"))
        self.passphrase_label.setText(self.tr("Your passphrase:"))
        self.preview_button.setText(self.tr("Draft preview"))
        self.preview_button.setToolTip(self.tr("The score sheet as it stands, marked 草稿 (draft): "
                                               "possible at any time, never signed."))
        self.overview_button.setText(self.tr("All my scores…"))
        self.overview_button.setToolTip(self.tr("Criterion, maximum, score, band and comment of every criterion (Ctrl+Shift+A)"))
        self.amend_button.setText(self.tr("Amend…"))
        self.revisions_box.setTitle(self.tr("Signed revisions"))
        self.revisions.setHorizontalHeaderLabels(
            [self.tr("Revision"), self.tr("Signed at"), self.tr("Reason"), self.tr("Exported to")])
        self.view_revision_button.setText(self.tr("View signed sheet"))
        self.print_revision_button.setText(self.tr("Print signed sheet…"))
        self.export_revision_button.setText(self.tr("Export again…"))
        self.refresh()

    # -- state ------------------------------------------------------------------
    def _model_changed(self, change: ChangeSet) -> None:
        """Only what decides signing: the to-do list, the declarations, the lock."""
        if change.touches(Part.LOCK):
            self.refresh()
        elif change.missing or change.touches(Part.DECLARATIONS):
            self._show_state()

    def _store(self) -> Any:
        assert self.context.store is not None
        return self.context.store

    def locked(self) -> bool:
        return revisions.is_locked(self._store(), self.session.bundle_id)

    def refresh(self) -> None:
        """Everything, from the store: after signing, an amendment, an export."""
        store, bundle_id = self._store(), self.session.bundle_id
        self._locked = self.locked()
        self._amendment = revisions.open_amendment(store, bundle_id)
        self._show_state()
        self._show_revisions()

    def _show_state(self) -> None:
        """What decides signing, from the model alone (no store read: this follows every keystroke)."""
        recused = self.session.state.declarations.recused
        locked, amendment = self._locked, self._amendment
        missing = self.session.missing()
        if recused:
            text = self.tr("You declared a conflict of interest and withdrew from this review:\n{reason}\n\n"
                           "Sign the recusal and give the package to the review organization.").format(
                reason=self.session.state.declarations.conflict_reason)
        elif locked:
            text = self.tr("Signed (revision {revision}). The review is locked; to change anything, choose "
                           "“Amend…” and give the reason.").format(revision=self._latest_revision())
        elif missing:
            text = self.tr("Not complete yet: {count} item(s) left (see “Still to do”). Signing is possible once the list is empty.").format(count=len(missing))
        elif amendment:
            text = self.tr("Amendment in progress ({reason}). Sign to create the next revision.").format(reason=amendment)
        else:
            text = self.tr("Complete. Preview the score sheet, sign it and export the package.")
        self.state_label.setText(text)
        self.sign_button.setText(self.tr("Sign recusal and export…") if recused else self.tr("Sign and export…"))
        self.sign_button.setEnabled(not locked and (recused or not missing))
        self.preview_button.setEnabled(not recused)  # a draft at any time, complete or not
        self.overview_button.setEnabled(not recused)
        for widget in (self.pad, self.clear_button, self.undo_button, self.load_button, self.passphrase,
                       self.passphrase_label):
            widget.setEnabled(not locked)
        self.amend_button.setVisible(locked and not recused)
        self._show_date_warning(locked)

    def _latest_revision(self) -> int:
        rows = revisions.revisions(self._store(), self.session.bundle_id)
        return rows[-1].revision if rows else 0

    def _show_date_warning(self, locked: bool) -> None:
        """A warning, not a block: signing on another day than the session is sometimes right."""
        session_date = self.session.opened.review.session_date
        today = now().date().isoformat()
        differs = bool(session_date) and session_date != today and not locked
        self.date_warning.setVisible(differs)
        if differs:
            self.date_warning.setText(self.tr(
                "⚠ Today ({today}) is not the session date of this review ({session}). You can still sign; "
                "the sheet will state both dates.").format(today=today, session=session_date))

    def _show_revisions(self) -> None:
        rows = revisions.revisions(self._store(), self.session.bundle_id)
        self.revisions.setRowCount(len(rows))
        for row, revision in enumerate(rows):
            exported = revision.exported_to
            cells = (str(revision.revision), shown_time(revision.signed_at, self.session.zone, "%Y-%m-%d %H:%M:%S"), revision.reason or "—",
                     "\n".join(str(e) for e in exported))
            for column, text in enumerate(cells):
                self.revisions.setItem(row, column, QTableWidgetItem(text))
        self.revisions.resizeRowsToContents()
        has_rows = bool(rows)
        for button in (self.view_revision_button, self.print_revision_button, self.export_revision_button):
            button.setEnabled(has_rows)
        if has_rows and self.revisions.currentRow() < 0:
            self.revisions.selectRow(len(rows) - 1)

    # -- signature image ------------------------------------------------------------
    def load_signature_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Signature image"),
                                              start_folder(self.context.settings, "signature image"),
                                              self.tr("Images (*.png *.jpg *.jpeg)"))
        if not path:
            return
        remember_folder(self.context.settings, "signature image", path)
        file = Path(path)
        if file.stat().st_size > MAX_SIGNATURE_IMAGE or not self.pad.load_image(file.read_bytes()):
            self._say(self.tr("“{name}” cannot be used as a signature image: it is not a PNG or JPEG picture "
                              "of reasonable size.").format(name=file.name), error=True)

    # -- preview ----------------------------------------------------------------------
    def preview(self) -> None:
        """The draft sheet as it stands; what is still missing is listed on its first page."""
        expert = self.context.unlocked
        assert expert is not None
        png = None if self.pad.is_empty() else self.pad.png_bytes()
        missing = [translated(m) for m in self.session.missing()]
        self._run(_preview_job, self._store(), self.context.data_dir, self.session.opened, expert, png, missing,
                  on_done=self._show_preview)

    def _show_preview(self, pdf: bytes) -> None:
        self.preview_dialog = PdfPreviewDialog(pdf, self.tr("Draft score sheet (草稿, not signed)"), self)
        self.preview_dialog.open()

    def show_overview(self) -> None:
        self.overview_dialog = ScoreOverviewDialog(self.session, self)
        self.overview_dialog.open()

    # -- signing ------------------------------------------------------------------------
    def sign(self) -> None:
        if not self.sign_button.isEnabled():
            return  # Enter in the passphrase box while signing is not possible (busy, locked, incomplete)
        if self.pad.is_empty():
            self._say(self.tr("Sign in the box first (or load an image of your signature)."), error=True)
            self.pad.setFocus()
            return
        if not self.passphrase.text():
            self._say(self.tr("Enter your passphrase to sign."), error=True)
            self.passphrase.setFocus()
            return
        job = self._run(_unlock_job, self.context.data_dir.identity, self.passphrase.text(), on_done=self._unlocked)
        job.failed.connect(self._retype_passphrase)

    def _retype_passphrase(self) -> None:
        """A wrong passphrase: the box is ready to type it again and press Enter."""
        self.passphrase.setFocus()
        self.passphrase.selectAll()

    def _unlocked(self, expert: identity.UnlockedIdentity) -> None:
        """The passphrase is right: now the folder, then the signing itself."""
        folder = self._choose_folder()
        if folder is None:
            self._say(self.tr("Not signed: no folder was chosen."))
            return
        self._run(_sign_job, self._store(), self.context.data_dir, self.session.opened, expert, self.pad.png_bytes(),
                  folder, on_done=self._signed)

    def _choose_folder(self) -> Path | None:
        start = start_folder(self.context.settings, "score package")
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the score package (e.g. a USB stick)"), start)
        if not folder:
            return None
        remember_folder(self.context.settings, "score package", folder)
        return Path(folder)

    def _signed(self, path: Path) -> None:
        self.passphrase.clear()
        self._say(self.tr("Signed and exported:\n{path}\n\nGive this file to the review organization.").format(path=path))
        self.pad.clear()  # the next revision is signed afresh
        self.status_message.emit(self.tr("Score package written to {path}").format(path=path))
        self.session.reload()
        self.signed.emit()

    def amend(self) -> None:
        reason, ok = QInputDialog.getMultiLineText(
            self, self.tr("Amend the signed review"),
            self.tr("Why does the signed review need to change? The reason is printed on the next revision."))
        if not ok:
            return
        try:
            revisions.start_amendment(self._store(), self.session.bundle_id, reason)
        except UserFacingError as error:
            self._say(translated(error), error=True)
            return
        self._say(self.tr("The review is open for the amendment. Make the changes, then sign again."))
        self.session.reload()
        self.signed.emit()

    # -- earlier revisions ------------------------------------------------------------------
    def _selected_revision(self) -> int | None:
        row = self.revisions.currentRow()
        item = self.revisions.item(row, 0) if row >= 0 else None
        return int(item.text()) if item else None

    def _revision_pdf_job(self, number: int) -> Any:
        store, data_dir, expert, bundle_id = self._store(), self.context.data_dir, self.context.unlocked, self.session.bundle_id
        return lambda _c: revisions.revision_pdf(store, data_dir, expert, bundle_id, number)

    def view_revision(self) -> None:
        number = self._selected_revision()
        if number is not None and self.context.unlocked is not None:
            self._run(self._revision_pdf_job(number), on_done=lambda pdf: self._show_signed(pdf, number))

    def _show_signed(self, pdf: bytes, number: int) -> None:
        self.preview_dialog = PdfPreviewDialog(pdf, self.tr("Signed revision {n}").format(n=number), self,
                                               on_print=lambda data: self._print(data, number))
        self.preview_dialog.open()

    def print_revision(self) -> None:
        number = self._selected_revision()
        if number is not None and self.context.unlocked is not None:
            self._run(self._revision_pdf_job(number), on_done=lambda pdf: self._print(pdf, number))

    def _print(self, pdf: bytes, number: int) -> None:
        title = self.tr("Score sheet, revision {n}").format(n=number)
        job = print_pdf(self, pdf, self.context.jobs, title, self._printed)
        if job is not None:
            self.busy.show()
            job.failed.connect(lambda message: self._say(message, error=True))
            job.finished.connect(self.busy.hide)

    def _printed(self, ok: bool) -> None:
        if ok:
            self._say(self.tr("The signed score sheet was sent to the printer."))
        else:
            self._say(self.tr("The printer could not be used; check that it is switched on and try again."), error=True)

    def export_revision(self) -> None:
        number = self._selected_revision()
        folder = self._choose_folder() if number is not None else None
        if folder is not None and self.context.unlocked is not None:
            self._run(lambda _c: revisions.export_revision(self._store(), self.context.data_dir, self.context.unlocked,
                                                           self.session.bundle_id, number, folder, opened=self.session.opened),
                      on_done=self._signed_again)

    def _signed_again(self, path: Path) -> None:
        self._say(self.tr("Exported again:\n{path}").format(path=path))
        self.refresh()

    # -- plumbing ------------------------------------------------------------------------------
    def _run(self, work: Any, *args: Any, on_done: Any) -> Job:
        self.busy.show()
        for button in (self.sign_button, self.preview_button, self.export_revision_button, self.print_revision_button):
            button.setEnabled(False)
        job = self.context.jobs.start(work, *args)
        job.succeeded.connect(on_done)
        job.failed.connect(lambda message: self._say(message, error=True))
        job.finished.connect(self._idle)
        return job

    def _idle(self) -> None:
        self.busy.hide()
        self.refresh()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)


def _preview_job(_context: JobContext, store: Any, data_dir: DataDir, opened: Any, expert: identity.UnlockedIdentity,
                 png: bytes | None, missing: list[str]) -> bytes:
    return revisions.preview_draft(store, data_dir, opened, expert, png, missing)


def _unlock_job(_context: JobContext, identity_dir: Path, passphrase: str) -> identity.UnlockedIdentity:
    """Signing always asks for the passphrase: the key is unlocked here, used once, and dropped."""
    return identity.unlock(identity_dir, passphrase)


def _sign_job(_context: JobContext, store: Any, data_dir: DataDir, opened: Any, expert: identity.UnlockedIdentity,
              png: bytes, folder: Path) -> Path:
    return revisions.sign_and_export(store, data_dir, opened, expert, png, folder)
