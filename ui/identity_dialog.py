"""Settings › Identity: profile and fingerprint, card export, passphrase change, trusted organizations."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer_app import identity
from ui.context import AppContext
from ui.enrolment import replace_identity, save_card_interactively
from ui.passphrase_widgets import PassphraseFields, password_edit
from ui.trust_widgets import TrustedOrganizations, fingerprint_label
from ui.widgets import ERROR_STYLE


class ProfileTab(QWidget):
    def __init__(self, context: AppContext, public: identity.PublicIdentity) -> None:
        super().__init__()
        self.context = context
        form = QFormLayout(self)
        profile = public.profile
        for label, value in (
            (self.tr("Name:"), profile.name), (self.tr("Field of expertise:"), profile.field),
            (self.tr("Organization you work for:"), profile.affiliation), (self.tr("Professional title:"), profile.title),
            (self.tr("Phone:"), profile.phone), (self.tr("Email:"), profile.email),
        ):
            form.addRow(label, QLabel(value))
        form.addRow(self.tr("Fingerprint (SHA-256):"), fingerprint_label(public.fingerprint))
        form.addRow(self.tr("Certificate valid until:"), QLabel(f"{public.certificate.not_valid_after_utc:%Y-%m-%d}"))
        self.export_button = QPushButton(self.tr("Save enrolment card again…"), objectName="exportCardAgain")
        self.export_button.clicked.connect(self.export)
        form.addRow("", self.export_button)
        self.new_identity_button = QPushButton(self.tr("Make a new identity…"), objectName="newIdentity")
        self.new_identity_button.setToolTip(self.tr(
            "If you forgot your passphrase: your current identity is archived (not deleted) and you enrol again."))
        self.new_identity_button.clicked.connect(self.new_identity)
        form.addRow("", self.new_identity_button)

    def new_identity(self) -> None:
        dialog = self.window()
        parent = dialog.parentWidget()
        if replace_identity(parent or dialog, self.context) is not None:
            dialog.close()

    def export(self) -> None:
        saved = save_card_interactively(self, self.context)
        if saved is None:
            return
        json_path, pdf_path = saved
        QMessageBox.information(self, self.tr("Card saved"), f"{json_path}\n{pdf_path}")


class PassphraseTab(QWidget):
    """Change the passphrase; both key files are re-encrypted, a wrong old one changes nothing."""

    def __init__(self, context: AppContext, public: identity.PublicIdentity) -> None:
        super().__init__()
        self.context = context
        self.old = password_edit("oldPassphrase")
        self.fields = PassphraseFields()
        self.fields.personal_words = public.profile.personal_words()
        self.fields.retranslate()
        self.change_button = QPushButton(self.tr("Change passphrase"), objectName="changePassphrase")
        self.change_button.setEnabled(False)
        self.message = QLabel(objectName="passphraseMessage")
        self.message.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        form = QFormLayout()
        form.addRow(self.tr("Current passphrase:"), self.old)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("New passphrase:")))
        layout.addWidget(self.fields)
        layout.addWidget(self.change_button)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.fields.changed.connect(self._update_button)
        self.old.textChanged.connect(self._update_button)
        self.change_button.clicked.connect(self.change)

    def _update_button(self) -> None:
        self.change_button.setEnabled(bool(self.old.text()) and self.fields.is_acceptable())

    def change(self) -> None:
        self.busy.show()
        self.change_button.setEnabled(False)
        job = self.context.jobs.start(
            lambda _context, old, new: identity.change_passphrase(self.context.data_dir.identity, old, new),
            self.old.text(), self.fields.passphrase(),
        )
        job.succeeded.connect(lambda _result: self._done(self.tr("Your passphrase was changed."), ok=True))
        job.failed.connect(lambda message: self._done(message, ok=False))

    def _done(self, message: str, ok: bool) -> None:
        self.busy.hide()
        self.message.setStyleSheet("" if ok else ERROR_STYLE)
        self.message.setText(message)
        if ok:
            for edit in (self.old, self.fields.new_edit, self.fields.confirm_edit):
                edit.clear()
        self._update_button()


class IdentityDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identityDialog")
        self.setWindowTitle(self.tr("Identity and trust"))
        self.setMinimumSize(640, 520)
        public = identity.load_public(context.data_dir.identity)
        self.tabs = QTabWidget()
        self.profile_tab = ProfileTab(context, public)
        self.passphrase_tab = PassphraseTab(context, public)
        self.organizations = TrustedOrganizations(context.data_dir.trust, context.settings)
        self.tabs.addTab(self.profile_tab, self.tr("My identity"))
        self.tabs.addTab(self.passphrase_tab, self.tr("Passphrase"))
        self.tabs.addTab(self.organizations, self.tr("Trusted organizations"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # Enter in the passphrase boxes changes the passphrase (not whichever button comes first).
        self.tabs.currentChanged.connect(
            lambda _index: self.passphrase_tab.change_button.setDefault(self.tabs.currentWidget() is self.passphrase_tab))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
