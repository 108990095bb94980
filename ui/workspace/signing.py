"""Sign and export (签署与导出): preview, handwritten signature, passphrase, target folder;
the list of signed revisions; amendments. The signing itself runs on a worker thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEvent, QIODevice, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app import identity
from reviewer_app.errors import UserFacingError
from reviewer_app.export import recusal, revisions
from reviewer_app.review.evidence import EvidenceStore
from ui.context import AppContext
from ui.jobs import JobContext
from ui.passphrase_widgets import password_edit
from ui.signature_pad import SignaturePad
from ui.workspace.inspection import InspectionFiles
from ui.workspace.session import ChangeSet, Part, WorkspaceModel
from ui.widgets import ERROR_STYLE, OK_STYLE

MAX_SIGNATURE_IMAGE = 5 * 1024 * 1024


class PdfPreviewDialog(QDialog):
    """Shows a PDF held in memory (the preview or a signed sheet); nothing is written to disk."""

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        self.resize(900, 1000)
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
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)


class SigningPage(QWidget):
    signed = Signal()  # a revision was signed (the workspace locks)
    status_message = Signal(str)

    def __init__(self, session: WorkspaceModel, inspection: InspectionFiles, context: AppContext) -> None:
        super().__init__()
        self.session, self.inspection, self.context = session, inspection, context
        self._locked, self._amendment = False, None  # from the store, read again only when the lock can change
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
        self.preview_button = QPushButton(objectName="previewSheet")
        self.sign_button = QPushButton(objectName="signAndExport")
        self.sign_button.setMinimumHeight(36)
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
        self.revisions.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.revisions.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.revisions.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.view_revision_button = QPushButton(objectName="viewRevision")
        self.export_revision_button = QPushButton(objectName="exportRevision")
        self.view_revision_button.clicked.connect(self.view_revision)
        self.export_revision_button.clicked.connect(self.export_revision)
        self._build_layout()
        session.changed.connect(self._model_changed)
        self.retranslate()

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
        actions = QHBoxLayout()
        actions.addWidget(self.preview_button)
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
        revision_buttons.addWidget(self.export_revision_button)
        revision_buttons.addStretch(1)
        revisions_layout.addLayout(revision_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(self.sign_box)
        layout.addWidget(self.message)
        layout.addWidget(self.revisions_box, 1)

    def retranslate(self) -> None:
        self.sign_box.setTitle(self.tr("Handwritten signature"))
        self.clear_button.setText(self.tr("Clear"))
        self.undo_button.setText(self.tr("Undo stroke"))
        self.load_button.setText(self.tr("Load signature image…"))
        self.passphrase_label.setText(self.tr("Your passphrase:"))
        self.preview_button.setText(self.tr("Preview score sheet"))
        self.amend_button.setText(self.tr("Amend…"))
        self.revisions_box.setTitle(self.tr("Signed revisions"))
        self.revisions.setHorizontalHeaderLabels(
            [self.tr("Revision"), self.tr("Signed at"), self.tr("Reason"), self.tr("Exported to")])
        self.view_revision_button.setText(self.tr("View signed sheet"))
        self.export_revision_button.setText(self.tr("Export again…"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
            text = self.tr("Signed. The review is locked; to change anything, choose “Amend…” and give the reason.")
        elif missing:
            text = self.tr("Not complete yet: {count} item(s) left (see “Still to do”). Signing is possible once the list is empty.").format(count=len(missing))
        elif amendment:
            text = self.tr("Amendment in progress ({reason}). Sign to create the next revision.").format(reason=amendment)
        else:
            text = self.tr("Complete. Preview the score sheet, sign it and export the package.")
        self.state_label.setText(text)
        self.sign_button.setText(self.tr("Sign recusal and export…") if recused else self.tr("Sign and export…"))
        self.sign_button.setEnabled(not locked and (recused or not missing))
        self.preview_button.setEnabled(not recused and not missing)
        self.amend_button.setVisible(locked and not recused)

    def _show_revisions(self) -> None:
        rows = revisions.revisions(self._store(), self.session.bundle_id)
        self.revisions.setRowCount(len(rows))
        for row, revision in enumerate(rows):
            exported = revision.exported_to
            cells = (str(revision.revision), str(revision.signed_at)[:19].replace("T", " "), revision.reason or "—",
                     "\n".join(str(e) for e in exported))
            for column, text in enumerate(cells):
                self.revisions.setItem(row, column, QTableWidgetItem(text))
        has_rows = bool(rows)
        self.view_revision_button.setEnabled(has_rows)
        self.export_revision_button.setEnabled(has_rows)
        if has_rows and self.revisions.currentRow() < 0:
            self.revisions.selectRow(len(rows) - 1)

    # -- signature image ------------------------------------------------------------
    def load_signature_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Signature image"), str(Path.home()),
                                              self.tr("Images (*.png *.jpg *.jpeg)"))
        if not path:
            return
        file = Path(path)
        if file.stat().st_size > MAX_SIGNATURE_IMAGE or not self.pad.load_image(file.read_bytes()):
            self._say(self.tr("“{name}” cannot be used as a signature image: it is not a PNG or JPEG picture "
                              "of reasonable size.").format(name=file.name), error=True)

    # -- preview ----------------------------------------------------------------------
    def preview(self) -> None:
        expert = self.context.unlocked
        assert expert is not None
        png = None if self.pad.is_empty() else self.pad.png_bytes()
        self._run(_preview_job, self._store(), self.session.opened, expert, png,
                  self.inspection.evidence_store, on_done=self._show_preview)

    def _show_preview(self, pdf: bytes) -> None:
        PdfPreviewDialog(pdf, self.tr("Score sheet preview (not signed)"), self).open()

    # -- signing ------------------------------------------------------------------------
    def sign(self) -> None:
        if self.pad.is_empty():
            self._say(self.tr("Sign in the box first (or load an image of your signature)."), error=True)
            self.pad.setFocus()
            return
        if not self.passphrase.text():
            self._say(self.tr("Enter your passphrase to sign."), error=True)
            self.passphrase.setFocus()
            return
        folder = self._choose_folder()
        if folder is None:
            return
        self._run(_sign_job, self.context, self.session.opened, self.passphrase.text(), self.pad.png_bytes(),
                  folder, self.session.state.declarations.recused, self.inspection.evidence_store,
                  on_done=self._signed)

    def _choose_folder(self) -> Path | None:
        start = self.context.settings.get("last_export_dir") or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the score package (e.g. a USB stick)"), start)
        if not folder:
            return None
        self.context.settings.set("last_export_dir", folder)
        return Path(folder)

    def _signed(self, path: Path) -> None:
        self.passphrase.clear()
        self._say(self.tr("Signed and exported:\n{path}\n\nGive this file to the review organization.").format(path=path))
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
            self._say(error.message(QCoreApplication.translate), error=True)
            return
        self._say(self.tr("The review is open for the amendment. Make the changes, then sign again."))
        self.session.reload()
        self.signed.emit()

    # -- earlier revisions ------------------------------------------------------------------
    def _selected_revision(self) -> int | None:
        row = self.revisions.currentRow()
        item = self.revisions.item(row, 0) if row >= 0 else None
        return int(item.text()) if item else None

    def view_revision(self) -> None:
        number = self._selected_revision()
        if number is not None and self.context.unlocked is not None:
            self._run(lambda _c: revisions.revision_pdf(self._store(), self.context.data_dir, self.context.unlocked,
                                                        self.session.bundle_id, number),
                      on_done=lambda pdf: PdfPreviewDialog(pdf, self.tr("Signed revision {n}").format(n=number), self).open())

    def export_revision(self) -> None:
        number = self._selected_revision()
        folder = self._choose_folder() if number is not None else None
        if folder is not None and self.context.unlocked is not None:
            self._run(lambda _c: revisions.export_revision(self._store(), self.context.data_dir, self.context.unlocked,
                                                           self.session.bundle_id, number, folder),
                      on_done=self._signed_again)

    def _signed_again(self, path: Path) -> None:
        self._say(self.tr("Exported again:\n{path}").format(path=path))
        self.refresh()

    # -- plumbing ------------------------------------------------------------------------------
    def _run(self, work: Any, *args: Any, on_done: Any) -> None:
        self.busy.show()
        for button in (self.sign_button, self.preview_button, self.export_revision_button):
            button.setEnabled(False)
        job = self.context.jobs.start(work, *args)
        job.succeeded.connect(on_done)
        job.failed.connect(lambda message: self._say(message, error=True))
        job.finished.connect(self._idle)

    def _idle(self) -> None:
        self.busy.hide()
        self.refresh()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)


def inspection_inputs(store: Any, bundle_id: str, evidence: EvidenceStore) -> tuple[Any, list]:
    """The inspection to print and its files to carry, or nothing when no inspection was begun."""
    state = store.inspections.load(bundle_id)
    if not state.begun:
        return None, []
    return state, [(e, evidence.read_original(bundle_id, e)) for e in state.evidence if e.item_id]


def _preview_job(_context: JobContext, store: Any, opened: Any, expert: identity.UnlockedIdentity,
                 png: bytes | None, evidence: EvidenceStore) -> bytes:
    inspection, photos = inspection_inputs(store, opened.bundle_id, evidence)
    return revisions.preview_pdf(store, opened, expert, handwritten_png=png, inspection=inspection, photos=photos)


def _sign_job(_context: JobContext, app: AppContext, opened: Any, passphrase: str, png: bytes, folder: Path,
              recused: bool, evidence: EvidenceStore) -> Path:
    """Signing always asks for the passphrase: the key is unlocked here, used, and dropped."""
    expert = identity.unlock(app.data_dir.identity, passphrase)
    store = app.store
    if recused:
        signed = recusal.sign_recusal(store, app.data_dir, opened, expert, png)
    else:
        inspection, photos = inspection_inputs(store, opened.bundle_id, evidence)
        signed = revisions.sign_revision(store, app.data_dir, opened, expert, png,
                                         revisions.open_amendment(store, opened.bundle_id),
                                         inspection=inspection, photos=photos)
    return revisions.export_package(signed, folder, store=store)
