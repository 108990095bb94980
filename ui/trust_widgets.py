"""Trusted organizations: import a certificate, compare its fingerprint, pin it, remove it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app import keys, trust
from reviewer_app.errors import UserFacingError
from reviewer_app.settings import Settings
from ui.folders import remember_folder, start_folder
from ui.messages import translated

MAX_CERTIFICATE_FILE = 64 * 1024


def fingerprint_label(fingerprint: str) -> QLabel:
    """The fingerprint in four rows of four groups, large and monospaced, for reading aloud."""
    groups = keys.format_fingerprint(fingerprint).split()
    rows = [" ".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
    label = QLabel("\n".join(rows))
    label.setObjectName("fingerprint")
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 10) * 1.35)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class PinOrganizationDialog(QDialog):
    """Shows who the certificate belongs to and its fingerprint; pins only after the expert confirms."""

    def __init__(self, info: trust.CertInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinOrganizationDialog")
        self.info = info
        self.setWindowTitle(self.tr("Trust this organization?"))
        intro = QLabel(
            self.tr(
                "Compare the fingerprint below, group by group, with the one the review organization "
                "announced to you (on paper, by phone or at the session). Trust the certificate only if "
                "every group is the same."
            )
        )
        intro.setWordWrap(True)
        details = QFormLayout()
        details.addRow(self.tr("Organization:"), QLabel(info.organization or info.subject_cn))
        details.addRow(self.tr("Certificate name:"), QLabel(info.subject_cn))
        details.addRow(
            self.tr("Valid:"),
            QLabel(f"{info.not_before:%Y-%m-%d} – {info.not_after:%Y-%m-%d}"),
        )
        details.addRow(self.tr("Fingerprint (SHA-256):"), fingerprint_label(info.fingerprint))
        self.confirm = QCheckBox(self.tr("I compared every group and the fingerprint is the same as announced"))
        self.confirm.setObjectName("confirmFingerprint")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.trust_button = self.buttons.addButton(self.tr("Trust"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.trust_button.setObjectName("trustButton")
        self.trust_button.setEnabled(False)
        self.confirm.toggled.connect(self.trust_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(details)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)


class TrustedOrganizations(QWidget):
    """List of pinned organizations with Add and Remove."""

    changed = Signal()

    def __init__(self, trust_dir: Path, settings: Settings) -> None:
        super().__init__()
        self.trust_dir, self.settings = trust_dir, settings
        self.list = QListWidget()
        self.list.setObjectName("trustedOrganizations")
        self.add_button = QPushButton(self.tr("Add organization certificate…"))
        self.add_button.setObjectName("addOrganization")
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("removeOrganization")
        self.add_button.clicked.connect(self.choose_certificate)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.currentRowChanged.connect(lambda row: self.remove_button.setEnabled(row >= 0))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for info in trust.list_pinned(self.trust_dir):
            item = QListWidgetItem(f"{info.organization or info.subject_cn}\n{keys.format_fingerprint(info.fingerprint)}")
            item.setData(Qt.ItemDataRole.UserRole, info.fingerprint)
            self.list.addItem(item)
        if not self.list.count():
            placeholder = QListWidgetItem(self.tr("No organization is trusted yet."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        self.remove_button.setEnabled(False)

    def choose_certificate(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Organization certificate"), start_folder(self.settings, "org_certificate"),
            self.tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"),
        )
        if path:
            remember_folder(self.settings, "org_certificate", path)
            self.add_certificate_file(Path(path))

    def add_certificate_file(self, path: Path) -> bool:
        try:
            if path.stat().st_size > MAX_CERTIFICATE_FILE:
                raise OSError(self.tr("the file is far too large for a certificate"))
            info = trust.inspect_certificate(path.read_bytes())
        except UserFacingError as error:
            self._refuse(translated(error))
            return False
        except OSError as error:
            self._refuse(self.tr("The file cannot be read: {reason}").format(reason=error.strerror or error))
            return False
        dialog = PinOrganizationDialog(info, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        trust.pin(self.trust_dir, info.certificate)
        self.refresh()
        self.changed.emit()
        return True

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        fingerprint = item.data(Qt.ItemDataRole.UserRole) if item else None
        if not fingerprint:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove organization"),
            self.tr("Stop trusting this organization? Bundles it sealed will no longer open.\n\n{name}").format(
                name=item.text()),
        )
        if answer == QMessageBox.StandardButton.Yes:
            trust.remove(self.trust_dir, fingerprint)
            self.refresh()
            self.changed.emit()

    def _refuse(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Cannot use this certificate"), message)
