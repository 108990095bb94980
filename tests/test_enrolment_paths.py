"""Every way back and forth through the enrolment wizard ends in the identity the expert last saw.

Real wizard, real keys: names typed through the input method, buttons clicked; afterwards the
certificate, profile and passphrase are checked on disk (and the passphrase with openssl).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from reviewer_app import identity, keys
from ui.enrolment import EnrolmentWizard

from gui_helpers import type_text

FIRST = "春风-Harbor-7-橘子-Quill"
SECOND = "秋雨-Lantern-9-柿子-Brook"


def click(qtbot, button) -> None:
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def button(wizard: QWizard, which: QWizard.WizardButton):
    return wizard.button(which)


def retype(qtbot, edit, text: str) -> None:
    edit.clear()
    type_text(qtbot, edit, text)


def openssl_opens(p12: Path, passphrase: str) -> bool:
    result = subprocess.run(["openssl", "pkcs12", "-info", "-noout", "-in", str(p12), "-passin", f"pass:{passphrase}"],
                            capture_output=True, text=True, check=False)
    return result.returncode == 0


@pytest.fixture
def wizard(qtbot, app_context) -> EnrolmentWizard:
    wizard = EnrolmentWizard(app_context)
    qtbot.addWidget(wizard)
    wizard.show()
    click(qtbot, button(wizard, QWizard.WizardButton.NextButton))
    type_text(qtbot, wizard.profile.name, "王建国")
    wizard.profile.field.setCurrentIndex(wizard.profile.field.findText("财务"))
    type_text(qtbot, wizard.profile.affiliation, "华南理工大学")
    click(qtbot, button(wizard, QWizard.WizardButton.NextButton))
    type_text(qtbot, wizard.passphrase.fields.new_edit, FIRST)
    type_text(qtbot, wizard.passphrase.fields.confirm_edit, FIRST)
    click(qtbot, button(wizard, QWizard.WizardButton.NextButton))
    return wizard


def keys_ready(qtbot, wizard: EnrolmentWizard) -> identity.PublicIdentity:
    assert wizard.currentPage() is wizard.create
    qtbot.waitUntil(wizard.create.isComplete, timeout=120_000)
    assert wizard.create.title() == QCoreApplication.translate("CreatePage", "Your keys are ready")
    assert wizard.create.title() != QCoreApplication.translate("CreatePage", "Making your keys")
    return identity.load_public(wizard.create.context.data_dir.identity)


def back(qtbot, wizard: EnrolmentWizard, times: int = 1) -> None:
    for _ in range(times):
        click(qtbot, button(wizard, QWizard.WizardButton.BackButton))


def forward(qtbot, wizard: EnrolmentWizard, times: int = 1) -> None:
    for _ in range(times):
        click(qtbot, button(wizard, QWizard.WizardButton.NextButton))


def no_leftovers(identity_dir: Path) -> None:
    assert [p.name for p in identity_dir.parent.iterdir() if p.name.startswith(".identity")] == []


def test_back_without_changes_and_with_other_details_or_passphrase_keeps_the_keys(qtbot, wizard, app_context) -> None:
    identity_dir = app_context.data_dir.identity
    made = keys_ready(qtbot, wizard)
    assert "王建国" in made.certificate.subject.rfc4514_string()
    first_note = wizard.create.change_note.text()
    assert first_note, "says how to correct the details before confirming"

    # Back and forward with nothing changed: the same keys, nothing to report.
    back(qtbot, wizard)
    assert wizard.currentPage() is wizard.passphrase
    forward(qtbot, wizard)
    assert keys_ready(qtbot, wizard).fingerprint == made.fingerprint
    assert wizard.create.change_note.text() == first_note, "nothing changed, nothing to report"

    # A corrected phone number and field: in place, same fingerprint, and said so.
    back(qtbot, wizard, 2)
    assert wizard.currentPage() is wizard.profile
    wizard.profile.field.setCurrentIndex(wizard.profile.field.findText("金融"))
    type_text(qtbot, wizard.profile.phone, "138 0013 8000")
    forward(qtbot, wizard, 2)
    now = keys_ready(qtbot, wizard)
    assert now.fingerprint == made.fingerprint
    assert (now.profile.field, now.profile.phone) == ("金融", "138 0013 8000")
    assert wizard.create.change_note.text() != first_note and first_note in wizard.create.change_note.text()

    # A new passphrase: the one entered last opens the keys, the first one no longer does.
    back(qtbot, wizard)
    retype(qtbot, wizard.passphrase.fields.new_edit, SECOND)
    assert not button(wizard, QWizard.WizardButton.NextButton).isEnabled(), "not confirmed yet"
    retype(qtbot, wizard.passphrase.fields.confirm_edit, SECOND)
    forward(qtbot, wizard)
    assert not wizard.create.isComplete(), "the old passphrase must not be offered as done"
    assert keys_ready(qtbot, wizard).fingerprint == made.fingerprint
    assert identity.unlock(identity_dir, SECOND).fingerprint == made.fingerprint
    with pytest.raises(identity.WrongPassphrase):
        identity.unlock(identity_dir, FIRST)
    assert openssl_opens(identity_dir / identity.P12_FILE, SECOND)
    assert not openssl_opens(identity_dir / identity.P12_FILE, FIRST)
    no_leftovers(identity_dir)


def test_a_corrected_name_makes_new_keys_and_says_so(qtbot, wizard, app_context, tmp_path, monkeypatch) -> None:
    identity_dir = app_context.data_dir.identity
    made = keys_ready(qtbot, wizard)
    back(qtbot, wizard, 2)
    retype(qtbot, wizard.profile.name, "王建华")
    forward(qtbot, wizard)
    # The passphrase page: a new passphrase too, so both corrections meet in one remake.
    retype(qtbot, wizard.passphrase.fields.new_edit, SECOND)
    retype(qtbot, wizard.passphrase.fields.confirm_edit, SECOND)
    forward(qtbot, wizard)
    remade = keys_ready(qtbot, wizard)
    assert remade.fingerprint != made.fingerprint
    assert remade.profile.name == "王建华" and "王建华" in remade.certificate.subject.rfc4514_string()
    note = wizard.create.change_note.text()
    assert keys.format_fingerprint(made.fingerprint) in note
    assert wizard.create.fingerprint.text().replace("\n", " ") == keys.format_fingerprint(remade.fingerprint)
    assert identity.unlock(identity_dir, SECOND).profile.name == "王建华"
    with pytest.raises(identity.WrongPassphrase):
        identity.unlock(identity_dir, FIRST)
    no_leftovers(identity_dir)

    # Committed: on the card page there is no way back, and Next needs the card saved.
    click(qtbot, button(wizard, QWizard.WizardButton.CommitButton))
    assert wizard.currentPage() is wizard.card
    assert not button(wizard, QWizard.WizardButton.BackButton).isEnabled()
    forward(qtbot, wizard)
    assert wizard.currentPage() is wizard.card
    assert wizard.card.error.text()
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(stick))
    click(qtbot, wizard.card.save_button)
    [card] = stick.glob("*.json")
    assert keys.fingerprint_hex(remade.fingerprint)[:8] in card.name and "王建华" in card.name
    assert identity.read_card(card).fingerprint == remade.fingerprint
    forward(qtbot, wizard)
    assert wizard.currentPage() is wizard.trust
    assert wizard.card.error.text() == ""


def test_going_back_while_the_keys_are_being_made(qtbot, wizard, app_context) -> None:
    assert wizard.currentPage() is wizard.create and wizard.create.working
    back(qtbot, wizard, 2)
    retype(qtbot, wizard.profile.affiliation, "中山大学")
    forward(qtbot, wizard, 2)
    remade = keys_ready(qtbot, wizard)
    assert remade.profile.affiliation == "中山大学" and "中山大学" in remade.certificate.subject.rfc4514_string()
    assert identity.unlock(app_context.data_dir.identity, FIRST).fingerprint == remade.fingerprint
    no_leftovers(app_context.data_dir.identity)


def test_closing_with_corrections_not_yet_applied_asks_first(qtbot, wizard, app_context) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    made = keys_ready(qtbot, wizard)
    back(qtbot, wizard, 2)
    type_text(qtbot, wizard.profile.phone, "138 0013 8000")
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, lambda: answer(button))
            return
        asked.append(box.objectName())
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Cancel))
    click(qtbot, button(wizard, QWizard.WizardButton.CancelButton))
    assert asked == ["unappliedCorrectionsBox"] and wizard.isVisible()
    forward(qtbot, wizard, 2)
    assert keys_ready(qtbot, wizard).profile.phone == "138 0013 8000"
    assert identity.load_public(app_context.data_dir.identity).fingerprint == made.fingerprint
    click(qtbot, button(wizard, QWizard.WizardButton.CancelButton))  # nothing pending: no question
    assert asked == ["unappliedCorrectionsBox"]
    assert not wizard.isVisible()
