"""First-run wizard: profile, passphrase, key creation, enrolment card, organization trust."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from reviewer_app import identity, keys
from reviewer_app.card_pdf import write_card_pdf
from reviewer_app.errors import UserFacingError
from ui.context import AppContext
from ui.folders import remember_folder, start_folder
from ui.jobs import JobContext
from ui.passphrase_widgets import PassphraseFields
from ui.widgets import ERROR_STYLE, wrapped
from ui.trust_widgets import TrustedOrganizations, fingerprint_label
from ui.messages import translated



def card_file_stem(public: identity.PublicIdentity) -> str:
    """The card's file name: the expert's name and the first eight digits of the fingerprint, so a
    new identity's card never replaces an old one on the stick and the organization sees which is which."""
    safe_name = re.sub(r'[\\/:*?"<>|\s]+', "_", public.profile.name).strip("_") or "expert"
    return QCoreApplication.translate("Enrolment", "enrolment-card-{name}-{fingerprint}").format(
        name=safe_name, fingerprint=keys.fingerprint_hex(public.fingerprint)[:8])


def export_card_files(context: AppContext, folder: Path) -> tuple[Path, Path]:
    """Write the card (JSON, for the organization's toolkit) and its printable PDF into `folder`."""
    public = identity.load_public(context.data_dir.identity)
    stem = card_file_stem(public)
    json_path, pdf_path = folder / f"{stem}.json", folder / f"{stem}.pdf"
    identity.export_card(context.data_dir.identity, json_path)
    write_card_pdf(public, pdf_path)
    return json_path, pdf_path


def save_card_interactively(parent, context: AppContext) -> tuple[Path, Path] | None:  # noqa: ANN001 - QWidget
    """Ask for a folder and save the card there; a failure is explained in a message box."""
    folder = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("Enrolment", "Folder for the enrolment card"),
        start_folder(context.settings, "card"),
    )
    if not folder:
        return None
    remember_folder(context.settings, "card", folder)
    try:
        return export_card_files(context, Path(folder))
    except (UserFacingError, OSError) as error:
        text = translated(error) if isinstance(error, UserFacingError) else QCoreApplication.translate(
            "Enrolment", "The card could not be written to {folder}: {reason}. Choose another folder or check the USB stick.").format(
            folder=folder, reason=error.strerror or type(error).__name__)
        QMessageBox.warning(parent, QCoreApplication.translate("Enrolment", "Card not saved"), text)
        return None


class WelcomePage(QWizardPage):
    def __init__(self, replacing: identity.ArchivedIdentity | None = None) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome"))
        layout = QVBoxLayout(self)
        if replacing is not None:
            self.setTitle(self.tr("A new identity"))
            replaced = wrapped(self.tr(
                "Your previous identity ({fingerprint}) was archived in {folder}. It was not deleted. "
                "Now make the new one; at the end the app tells you exactly what to send the organization.").format(
                fingerprint=keys.format_fingerprint(replacing.public.fingerprint), folder=replacing.folder))
            replaced.setObjectName("replacedIdentity")
            layout.addWidget(replaced)
        layout.addWidget(wrapped(self.tr(
            "Before your first review, the app makes your personal signing key on this computer. "
            "It takes a few minutes:\n\n"
            "1. Enter your details as the review organization knows them.\n"
            "2. Choose a passphrase. It protects your key; it is never stored and nobody can recover it.\n"
            "3. Save your enrolment card and give it to the review organization.\n"
            "4. Import the organization's certificate and compare its fingerprint.\n\n"
            "Nothing is sent anywhere: this app never uses the network."
        )))


class ProfilePage(QWizardPage):
    def __init__(self, fields: list[str]) -> None:
        super().__init__()
        self.setTitle(self.tr("Your details"))
        self.setSubTitle(self.tr("They appear on your enrolment card and on every score sheet you sign."))
        self.name = QLineEdit(objectName="profileName")
        self.field = QComboBox(objectName="profileField")
        self.field.addItems(fields)
        self.field.setEditable(False)
        self.affiliation = QLineEdit(objectName="profileAffiliation")
        self.title_edit = QLineEdit(objectName="profileTitle")
        self.phone = QLineEdit(objectName="profilePhone")
        self.email = QLineEdit(objectName="profileEmail")
        self.error = wrapped()
        self.error.setObjectName("profileError")
        self.error.setStyleSheet(ERROR_STYLE)
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Field of expertise:"), self.field)
        form.addRow(self.tr("Organization you work for:"), self.affiliation)
        form.addRow(self.tr("Professional title:"), self.title_edit)
        form.addRow(self.tr("Phone:"), self.phone)
        form.addRow(self.tr("Email (optional):"), self.email)
        form.addRow("", self.error)
        self.name.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return bool(self.name.text().strip())

    def profile(self) -> identity.ExpertProfile:
        return identity.ExpertProfile(
            name=self.name.text(), field=self.field.currentText(), affiliation=self.affiliation.text(),
            title=self.title_edit.text(), phone=self.phone.text(), email=self.email.text(),
        ).validated()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        try:
            self.profile()
        except UserFacingError as error:
            self.error.setText(translated(error))
            return False
        self.error.clear()
        return True


class PassphrasePage(QWizardPage):
    def __init__(self, profile_page: ProfilePage) -> None:
        super().__init__()
        self.profile_page = profile_page
        self.setTitle(self.tr("Your passphrase"))
        self.setSubTitle(self.tr("You will type it whenever you open a bundle or sign a score sheet."))
        self.fields = PassphraseFields()
        self.fields.changed.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        self.fields.personal_words = self.profile_page.profile().personal_words()
        self.fields.retranslate()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.fields.is_acceptable()


class CreatePage(QWizardPage):
    """Makes the keys on a worker thread, and remakes or updates them when the expert went back.

    The identity always matches the details and passphrase on the earlier pages: coming back
    here after a correction, a changed name or affiliation makes new keys (new fingerprint),
    other details and the passphrase are changed in place, and the page says which happened.
    Once the expert commits (on to the card), the wizard cannot go back.
    """

    def __init__(self, context: AppContext, profile_page: ProfilePage, passphrase_page: PassphrasePage) -> None:
        super().__init__()
        self.context, self.profile_page, self.passphrase_page = context, profile_page, passphrase_page
        self.setTitle(self.tr("Making your keys"))
        self.setCommitPage(True)
        self.status = wrapped()
        self.status.setObjectName("createStatus")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.fingerprint_box = QVBoxLayout()
        self.fingerprint: QLabel | None = None
        self.change_note = wrapped()
        self.change_note.setObjectName("createChange")
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addLayout(self.fingerprint_box)
        layout.addWidget(self.change_note)
        layout.addStretch(1)
        self.created: identity.PublicIdentity | None = None
        self.made_with: tuple[identity.ExpertProfile, str] | None = None  # what `created` was made from
        self.working = False

    def wanted(self) -> tuple[identity.ExpertProfile, str]:
        return self.profile_page.profile(), self.passphrase_page.fields.passphrase()

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        if not self.working:  # else _done() brings the keys up to date when the job ends
            self._bring_up_to_date()
        self.completeChanged.emit()

    def _bring_up_to_date(self) -> None:
        profile, passphrase = self.wanted()
        if self.made_with is None:
            self._start(self.tr("Making your signing key and encryption key. This takes a few seconds…"),
                        _create_identity, self.context.data_dir.identity, profile, passphrase)
        elif self.made_with != (profile, passphrase):
            self._start(self.tr("Applying your corrections to your keys…"), _revise_identity,
                        self.context.data_dir.identity, self.made_with, profile, passphrase)
        self.completeChanged.emit()

    def _start(self, message: str, work, *args) -> None:  # noqa: ANN001
        self.working = True
        self.setTitle(self.tr("Making your keys"))
        self.status.setText(message)
        self.status.setStyleSheet("")
        self.change_note.clear()
        self.progress.show()
        if self.fingerprint is not None:
            self.fingerprint.hide()
        job = self.context.jobs.start(work, *args)
        job.succeeded.connect(lambda result, made_with=args[-2:]: self._done(result, made_with))
        job.failed.connect(self._failed)

    def _done(self, result: tuple[identity.PublicIdentity, str], made_with: tuple) -> None:
        public, change = result
        previous = self.created
        self.working = False
        self.created, self.made_with = public, tuple(made_with)
        self.progress.hide()
        self.setTitle(self.tr("Your keys are ready"))
        self.status.setText(self.tr(
            "This is your fingerprint; the organization will compare it with your card:"))
        if self.fingerprint is not None:
            self.fingerprint.deleteLater()
        self.fingerprint = fingerprint_label(public.fingerprint)
        self.fingerprint_box.addWidget(self.fingerprint)
        self.change_note.setText(self._change_text(change, previous) + ("\n\n" if change != "made" else "") + self.tr(
            "To correct your details or passphrase, go back now: the keys are brought up to date. Once you "
            "confirm, they are final (changing the name later takes a new identity)."))
        if self.wizard() is not None and self.wizard().currentPage() is self:
            self._bring_up_to_date()  # the expert went back and corrected something meanwhile
        self.completeChanged.emit()

    def _change_text(self, change: str, previous: identity.PublicIdentity | None) -> str:
        if change == "remade" and previous is not None:
            return self.tr(
                "You changed your name or affiliation, which are part of your certificate, so your keys were "
                "made again. The fingerprint above is new; the earlier one ({old}) is void.").format(
                old=keys.format_fingerprint(previous.fingerprint))
        if change == "updated":
            return self.tr("Your corrections were applied. Your keys and fingerprint stay the same, and the "
                           "passphrase you entered last is the one that opens them.")
        return ""

    def _failed(self, message: str) -> None:
        self.working = False
        self.progress.hide()
        self.status.setText(message)
        self.status.setStyleSheet(ERROR_STYLE)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return not self.working and self.made_with is not None and self.made_with == self.wanted()

    def has_unapplied_corrections(self) -> bool:
        if self.made_with is None or self.working:
            return False
        try:
            return self.made_with != self.wanted()
        except UserFacingError:
            return True  # a half-typed correction (say a bad phone number) is still a correction


def _create_identity(_context: JobContext, identity_dir: Path, profile, passphrase: str):  # noqa: ANN001, ANN202
    return identity.create_identity(identity_dir, profile, passphrase), "made"


def _revise_identity(_context: JobContext, identity_dir: Path, made_with, profile, passphrase: str):  # noqa: ANN001, ANN202
    public, remade = identity.revise_new_identity(identity_dir, made_with[1], profile, passphrase)
    return public, "remade" if remade else "updated"


class CardPage(QWizardPage):
    def __init__(self, context: AppContext, create_page: CreatePage,
                 replacing: identity.ArchivedIdentity | None = None) -> None:
        super().__init__()
        self.context, self.create_page, self.replacing = context, create_page, replacing
        self.setTitle(self.tr("Your enrolment card"))
        self.setSubTitle(self.tr(
            "Save the card, for example on a USB stick, and give it to the review organization. "
            "It holds only public information. You can save it again later from Settings."))
        self.save_button = QPushButton(self.tr("Save enrolment card…"), objectName="saveCard")
        self.save_button.clicked.connect(self.save)
        self.saved = wrapped()
        self.saved.setObjectName("cardSaved")
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = wrapped()
        self.error.setObjectName("cardError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.saved_files: tuple[Path, Path] | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.saved)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def save(self) -> None:
        saved = save_card_interactively(self, self.context)
        if saved is None:
            return
        self.saved_files = saved
        self.error.clear()
        json_path, pdf_path = saved
        self.saved.setText(self.what_to_send(json_path, pdf_path))

    def what_to_send(self, json_path: Path, pdf_path: Path) -> str:
        saved = self.tr("Saved:\n{json}\n{pdf}\n\nPrint the PDF if the organization asks for a signed copy.").format(
            json=json_path, pdf=pdf_path)
        if self.replacing is None:
            return saved
        new = identity.load_public(self.context.data_dir.identity)
        return saved + "\n\n" + self.tr(
            "Send the review organization:\n"
            "1. the new card file {card} (the .json file; the PDF is only for printing);\n"
            "2. this message: “My previous key {old} is no longer usable; please retire it "
            "(reviewer-org retire). My new fingerprint is {new}.”;\n"
            "3. a request for new bundles of the applications you are reviewing. When you open them, "
            "the app offers to carry over the work you already entered.\n"
            "Read the new fingerprint to them by phone or in person, so they can compare it with the card.").format(
            card=json_path.name, old=keys.format_fingerprint(self.replacing.public.fingerprint),
            new=keys.format_fingerprint(new.fingerprint))

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        if self.saved_files is None:
            self.error.setText(self.tr(
                "Save your enrolment card first: the organization needs it before it can send you any bundle. "
                "(You can save it again later from Settings.)"))
            return False
        return True


class TrustPage(QWizardPage):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.setTitle(self.tr("Trust the review organization"))
        self.setSubTitle(self.tr(
            "Import the certificate the review organization gave you. The app opens only bundles sealed "
            "by organizations you trust. You can also do this later from Settings."))
        self.organizations = TrustedOrganizations(context.data_dir.trust, context.settings)
        layout = QVBoxLayout(self)
        layout.addWidget(self.organizations)


class EnrolmentWizard(QWizard):
    def __init__(self, context: AppContext, parent=None, replacing: identity.ArchivedIdentity | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.replacing = replacing
        self.setObjectName("enrolmentWizard")
        self.setWindowTitle(self.tr("Set up your expert identity"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setMinimumSize(680, 520)
        self.welcome = WelcomePage(replacing)
        self.profile = ProfilePage(context.settings.get("expert_fields"))
        self.passphrase = PassphrasePage(self.profile)
        self.create = CreatePage(context, self.profile, self.passphrase)
        self.card = CardPage(context, self.create, replacing)
        self.trust = TrustPage(context)
        for page in (self.welcome, self.profile, self.passphrase, self.create, self.card, self.trust):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Confirm and continue >"))

    def reject(self) -> None:
        """Closing with corrections that the keys do not carry yet asks first: they would be lost silently."""
        if self.create.has_unapplied_corrections():
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Corrections not applied"), self.tr(
                "Your keys were made with the details and passphrase you entered before; the corrections you made "
                "since are not in them. Go on to the key page to apply them. Close anyway?"),
                QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel, self)
            box.setObjectName("unappliedCorrectionsBox")
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            if box.exec() != QMessageBox.StandardButton.Close:
                return
        super().reject()


def replace_identity(parent, context: AppContext) -> EnrolmentWizard | None:  # noqa: ANN001 - QWidget
    """After a forgotten passphrase: confirm, archive the identity (kept), and run the wizard for a new one."""
    identity_dir = context.data_dir.identity
    try:
        current = identity.load_public(identity_dir)
    except UserFacingError as error:
        QMessageBox.warning(parent, QCoreApplication.translate("Enrolment", "New identity"),
                            translated(error))
        return None
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("Enrolment", "Make a new identity?"),
                      QCoreApplication.translate("Enrolment", "Your current identity ({name}, fingerprint {fingerprint}) will be archived on this computer: kept, not deleted, but no longer used.\n\nYou then choose a new passphrase and save a new enrolment card for the review organization. Bundles sealed for your current identity will not open any more: the organization has to send you new ones, and the work you entered can be carried over to them.").format(  # noqa: E501 - one literal for lupdate
                          name=current.profile.name, fingerprint=keys.format_fingerprint(current.fingerprint)),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("replaceIdentityBox")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText(QCoreApplication.translate("Enrolment", "Archive it and make a new one"))
    if box.exec() != QMessageBox.StandardButton.Yes:
        return None
    try:
        archived = identity.archive_identity(identity_dir)
    except (UserFacingError, OSError) as error:
        text = translated(error) if isinstance(error, UserFacingError) else QCoreApplication.translate(
            "Enrolment", "Your identity could not be archived ({reason}); nothing was changed.").format(
            reason=error.strerror or type(error).__name__)
        QMessageBox.warning(parent, QCoreApplication.translate("Enrolment", "New identity"), text)
        return None
    context.unlocked = None
    wizard = EnrolmentWizard(context, parent, replacing=archived)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard
