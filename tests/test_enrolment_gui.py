"""First run: the enrolment wizard driven with keys and clicks, then the files checked with openssl."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QWizard

from reviewer_app import identity, keys
from ui.enrolment import EnrolmentWizard
from ui.trust_widgets import PinOrganizationDialog

from gui_helpers import type_text

PASSPHRASE = "春风-Harbor-7-橘子-Quill"
ORG_PASSPHRASE = "Org-砚台-Lantern-42-松"


def click(qtbot, button) -> None:
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def openssl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["openssl", *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def org_certificate(tmp_path_factory) -> Path:
    org_dir = tmp_path_factory.mktemp("org")
    keys.create_org_credentials(org_dir, "广州市某评审服务中心", ORG_PASSPHRASE)
    return org_dir / "org-cert.pem"


def answer_pin_dialog(qtbot, confirm: bool) -> list[str]:
    """Arrange for the next modal pin dialog to be read and answered; returns what it showed."""
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PinOrganizationDialog)
        seen.append(dialog.findChild(QLabel, "fingerprint").text())
        seen.append(str(dialog.trust_button.isEnabled()))
        if confirm:
            dialog.confirm.setChecked(True)
            qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
        else:
            dialog.reject()

    QTimer.singleShot(0, answer)
    return seen


def test_wizard_from_first_start_to_card_and_pinned_organization(
    qtbot, app_context, tmp_path, monkeypatch, org_certificate
) -> None:
    wizard = EnrolmentWizard(app_context)
    qtbot.addWidget(wizard)
    wizard.show()
    next_button = wizard.button(QWizard.WizardButton.NextButton)

    assert wizard.currentPage() is wizard.welcome
    click(qtbot, next_button)

    # Profile: a bad phone number is refused on the page with the reason.
    page = wizard.profile
    assert wizard.currentPage() is page
    assert not next_button.isEnabled(), "no name yet"
    type_text(qtbot, page.name, "王建国")
    page.field.setCurrentIndex(page.field.findText("财务"))
    type_text(qtbot, page.affiliation, "华南理工大学")
    type_text(qtbot, page.title_edit, "教授")
    type_text(qtbot, page.phone, "12ab")
    click(qtbot, next_button)
    assert wizard.currentPage() is page
    assert "12ab" in page.error.text()
    page.phone.clear()
    type_text(qtbot, page.phone, "138 0013 8000")
    click(qtbot, next_button)

    # Passphrase: weak ones are refused with reasons, a mismatch too.
    page = wizard.passphrase
    assert wizard.currentPage() is page
    type_text(qtbot, page.fields.new_edit, "12345678")
    type_text(qtbot, page.fields.confirm_edit, "12345678")
    assert not next_button.isEnabled()
    assert "10" in page.fields.advice.text()
    page.fields.new_edit.clear()
    page.fields.confirm_edit.clear()
    type_text(qtbot, page.fields.new_edit, "wangjianguo-13800138000")
    type_text(qtbot, page.fields.confirm_edit, "wangjianguo-13800138000")
    assert not next_button.isEnabled(), "the phone number inside must be refused"
    page.fields.new_edit.clear()
    page.fields.confirm_edit.clear()
    type_text(qtbot, page.fields.new_edit, PASSPHRASE)
    type_text(qtbot, page.fields.confirm_edit, PASSPHRASE + "x")
    assert not next_button.isEnabled()
    page.fields.confirm_edit.backspace()
    assert next_button.isEnabled()
    assert page.fields.meter.value() >= 4, "good or strong"
    click(qtbot, next_button)

    # Key creation on a worker thread; then the wizard cannot go back.
    page = wizard.create
    assert wizard.currentPage() is page
    qtbot.waitUntil(page.isComplete, timeout=60_000)
    public = identity.load_public(app_context.data_dir.identity)
    assert public.profile.name == "王建国" and public.profile.field == "财务"
    click(qtbot, wizard.button(QWizard.WizardButton.CommitButton))

    # Card: saved as JSON + PDF into the chosen folder.
    page = wizard.card
    assert wizard.currentPage() is page
    out = tmp_path / "usb"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(out))
    click(qtbot, page.save_button)
    [card_json] = out.glob("*.json")
    [card_pdf] = out.glob("*.pdf")
    assert card_pdf.read_bytes().startswith(b"%PDF")
    assert str(card_json) in page.saved.text()
    click(qtbot, next_button)

    # Organization: shown with its fingerprint, pinned only after confirmation.
    page = wizard.trust
    assert wizard.currentPage() is page
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(org_certificate), ""))
    seen = answer_pin_dialog(qtbot, confirm=False)
    click(qtbot, page.organizations.add_button)
    assert seen and seen[1] == "False", "Trust must stay disabled until the expert confirms"
    assert page.organizations.list.item(0).flags() == Qt.ItemFlag.NoItemFlags, "only the placeholder"
    seen = answer_pin_dialog(qtbot, confirm=True)
    click(qtbot, page.organizations.add_button)
    org_fingerprint = keys.fingerprint(keys.load_certificate_file(org_certificate))
    assert seen[0].replace("\n", " ") == " ".join(keys.format_fingerprint(org_fingerprint).split())
    assert page.organizations.list.count() == 1
    assert keys.format_fingerprint(org_fingerprint) in page.organizations.list.item(0).text()
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert not wizard.isVisible()

    check_identity_files(app_context.data_dir.identity, card_json)


def check_identity_files(identity_dir: Path, card_json: Path) -> None:
    p12 = identity_dir / "expert.p12"
    info = openssl("pkcs12", "-info", "-in", str(p12), "-noout", "-passin", f"pass:{PASSPHRASE}")
    assert info.returncode == 0, info.stderr
    report = info.stdout + info.stderr
    assert "PBKDF2" in report and "AES-256-CBC" in report
    iterations = [int(word) for line in report.splitlines() if "Iteration" in line
                  for word in line.replace(",", " ").split() if word.isdigit()]
    assert iterations and min(iterations) >= 600_000
    assert openssl("pkcs12", "-info", "-in", str(p12), "-noout", "-passin", "pass:wrong").returncode != 0
    assert openssl("pkcs12", "-info", "-in", str(p12), "-noout", "-passin", "pass:").returncode != 0

    fingerprint = openssl("x509", "-in", str(identity_dir / "certificate.pem"), "-noout", "-fingerprint", "-sha256")
    card = json.loads(card_json.read_text(encoding="utf-8"))
    assert keys.format_fingerprint(fingerprint.stdout) == card["fingerprint_sha256"]
    assert card["profile"]["name"] == "王建国"
    for path in identity_dir.rglob("*"):
        if path.is_file():
            assert b"PRIVATE KEY" not in path.read_bytes(), f"{path.name} holds a clear private key"
