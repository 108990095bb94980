"""Opening a bundle: verify (progress, cancel) → unlock → import into the library → workspace.

All slow steps run on worker threads; every refusal is one plain sentence in a message box.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QProgressDialog, QWidget

from reviewer_app import identity, trust
from reviewer_app.bundle import OpenedBundle, VerifiedBundle, unlock_bundle, verify_outer
from reviewer_app.services.bundles import import_bundle, reopen_bundle
from ui.context import AppContext
from ui.jobs import Job, JobContext
from ui.passphrase_widgets import UnlockDialog
from ui.preload import preload_workspace_modules

PROGRESS_STEPS = 1000


class BundleOpener(QObject):
    opened = Signal(object)  # OpenedBundle, already in the library
    needs_enrolment = Signal()

    def __init__(self, context: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.progress: QProgressDialog | None = None
        self.declined_carry_over: set[str] = set()  # bundle ids: asked once per run

    # -- entry points ---------------------------------------------------------
    def open_file(self, path: Path) -> None:
        if not self._ready():
            return
        self._run_with_progress(
            self.tr("Checking the organization's seal on “{name}”…").format(name=path.name),
            _verify_job, path, self._trusted(), on_done=self._verified)

    def open_from_library(self, bundle_id: str) -> None:
        if not self._ready():
            return
        self._with_identity(lambda expert: self._run_with_progress(
            self.tr("Checking the stored bundle…"),
            _reopen_job, self.context, bundle_id, self._trusted(), expert, on_done=self._imported))

    # -- steps ----------------------------------------------------------------
    def _ready(self) -> bool:
        if self.context.store is None:
            return False
        if not identity.exists(self.context.data_dir.identity):
            self._refuse(self.tr("Before you open a bundle, set up your expert identity."))
            self.needs_enrolment.emit()
            return False
        if not trust.list_pinned(self.context.data_dir.trust):
            self._refuse(self.tr(
                "You do not trust any review organization yet. Import the organization's certificate first "
                "(Settings › Identity and trust), comparing its fingerprint with the one announced."))
            return False
        return True

    def _trusted(self) -> list:
        return trust.pinned_certificates(self.context.data_dir.trust)

    def _verified(self, verified: VerifiedBundle) -> None:
        existing = self.context.store.bundle(verified.bundle_id) if self.context.store else None
        if existing is not None and existing.sums_sha256 == verified.sums_sha256:
            self.open_from_library(verified.bundle_id)  # already imported: straight to its workspace
            return

        def with_expert(expert: identity.UnlockedIdentity) -> None:
            if expert.fingerprint in verified.info.recipients:
                self._run_busy(_unlock_job, verified, expert, None)
            elif verified.info.session_passphrase:
                passphrase = self._ask_session_passphrase()
                if passphrase:
                    self._run_busy(_unlock_job, verified, expert, passphrase)
            elif self._sealed_for_replaced_identity(verified):
                self._refuse(self.tr(
                    "This bundle was sealed for your previous identity, which you replaced, so it cannot be opened "
                    "any more. Ask the review organization for a new bundle of this application, sealed for your new "
                    "enrolment card; when you open it, the app offers to carry over the work you already entered."))
            else:
                self._refuse(self.tr("This bundle was not sealed for you, and it cannot be opened with a "
                                     "session passphrase. Ask the review organization."))

        self._with_identity(with_expert)

    def _sealed_for_replaced_identity(self, verified: VerifiedBundle) -> bool:
        archived = identity.archived_identities(self.context.data_dir.identity)
        return any(old.public.fingerprint in verified.info.recipients for old in archived)

    def _run_busy(self, work: Any, *args: Any) -> None:
        self._run_with_progress(self.tr("Opening the bundle…"), work, self.context, *args, on_done=self._imported)

    def _imported(self, opened: OpenedBundle) -> None:
        """Before the workspace: offer to carry over work entered on the same application with a
        replaced identity, as long as this bundle holds no work (also on later openings, so a
        crash or a closed app right after the import does not lose the offer)."""
        from reviewer_app.services.carry_over import earlier_work

        expert, store = self.context.unlocked, self.context.store
        found = []
        if expert is not None and store is not None and opened.bundle_id not in self.declined_carry_over:
            found = earlier_work(store, opened, expert)
        if not found or not self._confirm_carry_over(opened, found[0]):
            if found:
                self.declined_carry_over.add(opened.bundle_id)
            self.opened.emit(opened)
            return
        job = self.context.jobs.start(_carry_over_job, self.context, found[0].record.bundle_id, opened,
                                      expert.profile.field)
        job.succeeded.connect(lambda _carried: self.opened.emit(opened))
        job.failed.connect(self._refuse)

    def _confirm_carry_over(self, opened: OpenedBundle, earlier: Any) -> bool:
        work, record = earlier.work, earlier.record
        text = self.tr(
            "You already started reviewing “{title}” with your previous identity (bundle {file}, imported {date}): "
            "{scores} criteria scored, {comments} comments, {notes} defense notes, {checklist} checklist results.\n\n"
            "Carry this work over to the new bundle? Carried over: scores, comments, veto items, defense notes, "
            "opinion, recommendation and the inspection record. Not carried over: your declarations (you confirm "
            "them again) and {evidence} inspection photo(s) or document(s), which are encrypted with your previous "
            "key: import them again from the originals.").format(
            title=opened.application.title, file=record.file_name, date=f"{record.imported_at:%Y-%m-%d}",
            scores=work.scores, comments=work.comments, notes=work.notes, checklist=work.checklist,
            evidence=work.evidence)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Carry over your earlier work?"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        box.setObjectName("carryOverBox")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Carry it over"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Start afresh"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _with_identity(self, then: Any) -> None:
        """Run `then(expert)` with the unlocked identity, asking for the passphrase once per session."""
        if self.context.unlocked is not None:
            then(self.context.unlocked)
            return
        dialog = UnlockDialog(
            self.context.jobs, lambda text: identity.unlock(self.context.data_dir.identity, text),
            self.tr("Enter your passphrase to open bundles. The app keeps your key unlocked until it closes."),
            self.window, forgotten=self._replace_identity)
        if dialog.exec() == UnlockDialog.DialogCode.Accepted:
            self.context.unlocked = dialog.result_value
            then(dialog.result_value)

    def _replace_identity(self) -> None:
        from ui.enrolment import replace_identity

        replace_identity(self.window, self.context)

    def _ask_session_passphrase(self) -> str:
        text, ok = QInputDialog.getText(
            self.window, self.tr("Session passphrase"),
            self.tr("This bundle is opened with the passphrase announced at the review session:"),
            QLineEdit.EchoMode.Password)
        return text if ok else ""

    # -- progress ---------------------------------------------------------------
    def _run_with_progress(self, label: str, work: Any, *args: Any, on_done: Any) -> Job:
        progress = QProgressDialog(label, self.tr("Cancel"), 0, PROGRESS_STEPS, self.window)
        progress.setObjectName("bundleProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        job = self.context.jobs.start(work, *args)
        progress.canceled.connect(job.cancel)
        job.progressed.connect(lambda done, total: progress.setValue(
            int(done * PROGRESS_STEPS / total) if total else 0))
        # The progress dialog goes first, so the next window (workspace or refusal) gets the focus.
        job.finished.connect(progress.close)
        job.finished.connect(progress.deleteLater)
        job.succeeded.connect(on_done)
        job.failed.connect(self._refuse)
        job.cancelled.connect(lambda: self._status(self.tr("Cancelled.")))
        self.progress = progress
        return job

    def _refuse(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Cannot open the bundle"), message, parent=self.window)
        box.setObjectName("bundleRefusal")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _status(self, text: str) -> None:
        show = getattr(self.window, "show_status", None)
        if show:
            show(text)


def _verify_job(context: JobContext, path: Path, trusted: list) -> VerifiedBundle:
    verified = verify_outer(path, trusted, progress=context.progress, cancelled=context.cancelled)
    preload_workspace_modules()
    return verified


def _unlock_job(_context: JobContext, app: AppContext, verified: VerifiedBundle,
                expert: identity.UnlockedIdentity, session_passphrase: str | None) -> OpenedBundle:
    if session_passphrase is None:
        opened = unlock_bundle(verified, identity=expert)
    else:
        opened = unlock_bundle(verified, session_passphrase=session_passphrase)
    assert app.store is not None
    preload_workspace_modules()
    import_bundle(app.store, app.data_dir, opened, expert)
    app.store.touch_opened(opened.bundle_id)
    return opened


def _reopen_job(context: JobContext, app: AppContext, bundle_id: str, trusted: list,
                expert: identity.UnlockedIdentity) -> OpenedBundle:
    assert app.store is not None
    opened = reopen_bundle(app.store, app.data_dir, bundle_id, trusted, expert,
                           progress=context.progress, cancelled=context.cancelled)
    preload_workspace_modules()
    return opened


def _carry_over_job(_context: JobContext, app: AppContext, source_bundle_id: str, opened: OpenedBundle,
                    expert_field: str) -> object:
    from reviewer_app.services.carry_over import carry_over

    assert app.store is not None
    return carry_over(app.store, source_bundle_id, opened, expert_field)
