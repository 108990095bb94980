"""A forgotten passphrase, end to end: two identities, two bundles of the same application.

The expert enters work on a bundle sealed for identity A, forgets A's passphrase, is offered a
new identity by the unlock prompt after three wrong tries, makes identity B in the wizard
(A archived, not deleted; the new card beside the old one on the stick), the organization
enrols B (warned about the second card), retires A and seals the application again for B;
the old bundle says plainly that a new one is needed, and opening the new one carries the
work over after the expert confirms.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bundle_fixtures import write_source
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWizard

from gui_helpers import type_text
from reviewer_app import identity, keys, trust
from reviewer_app.org.cli import main as org
from reviewer_app.review.state import ConflictAnswer
from reviewer_app.services.bundles import OPENED_WITH_REPLACED_IDENTITY
from ui.enrolment import EnrolmentWizard, export_card_files
from ui.main_window import MainWindow
from ui.passphrase_widgets import UnlockDialog

OLD = "春风-Harbor-7-橘子-Quill"
NEW = "秋雨-Lantern-9-柿子-Brook"
ORG_PASSPHRASE = "Org-砚台-Lantern-42-松"
PROFILE = identity.ExpertProfile(name="王建国", field="技术", affiliation="华南理工大学", title="教授")


def when_visible(qtbot, find: Callable[[], object], act: Callable[[object], None]) -> list[bool]:
    """Run `act(widget)` as soon as `find()` returns a visible widget (modal dialogs block the test)."""
    done: list[bool] = []

    def poll() -> None:
        widget = find()
        if widget is not None and widget.isVisible():
            act(widget)
            done.append(True)
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(0, poll)
    return done


def top_level(kind: type, name: str | None = None):  # noqa: ANN202
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, kind) and w.isVisible() and (name is None or w.objectName() == name)]
    return found[-1] if found else None


def message_text(name: str) -> str:
    box = top_level(QMessageBox, name)
    assert box is not None, f"no message box {name}"
    text = box.text()
    box.close()
    return text


@pytest.fixture
def org_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REVIEWER_ORG_PASSPHRASE", ORG_PASSPHRASE)
    folder = tmp_path / "org"
    assert org(["init", "--org", str(folder), "--name", "广州市某评审服务中心"]) == 0
    return folder


def seal_for_all_enrolled(org_dir: Path, source: Path, out: Path) -> Path:
    assert org(["seal", str(source), "--org", str(org_dir), "--all-enrolled", "-o", str(out),
                "--scrypt-work-factor", "10"]) == 0
    return out


def enter_work(store, bundle_id: str) -> None:
    store.reviews.declare(bundle_id, ConflictAnswer.NONE, "", True)
    store.reviews.set_score(bundle_id, "T1", 7.5)
    store.reviews.set_comment(bundle_id, "T2", "团队稳定，分工清楚")
    store.reviews.set_score(bundle_id, "T2", 3)
    store.reviews.set_veto(bundle_id, "V1", False, "已核查信用中国，未列入")
    store.reviews.add_note(bundle_id, question="中试线何时投产？", answer="明年三月", criteria=("T1",))
    store.reviews.set_opinion(bundle_id, "技术路线清楚，建议支持。")
    store.reviews.set_recommendation(bundle_id, "yes")
    store.inspections.set_inspectors(bundle_id, ["王建国", "李敏"])
    store.inspections.set_site_notes(bundle_id, "厂房与申报一致")
    store.inspections.set_note(bundle_id, "K1", "查看了近三年审计报告")
    store.inspections.add_visit(bundle_id, "K2")


def test_forgotten_passphrase_new_identity_and_work_carried_to_the_resealed_bundle(
    qtbot, app_context, tmp_path: Path, org_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    context, store = app_context, app_context.store
    identity_dir = context.data_dir.identity
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(stick))
    source = write_source(tmp_path / "source")

    # Identity A, enrolled; the organization's certificate pinned; the first bundle opened and worked on.
    old = identity.create_identity(identity_dir, PROFILE, OLD)
    old_card, _ = export_card_files(context, stick)
    assert org(["enrol", str(old_card), "--org", str(org_dir), "--fingerprint", old.fingerprint]) == 0
    trust.pin(context.data_dir.trust, keys.load_certificate_file(org_dir / keys.ORG_CERT_FILE))
    first = seal_for_all_enrolled(org_dir, source, tmp_path / "first.rvb")
    unopened = seal_for_all_enrolled(org_dir, write_source(tmp_path / "source-2"), tmp_path / "unopened.rvb")
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.attach_store(store)
    context.unlocked = identity.unlock(identity_dir, OLD)
    window.open_bundle(first)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=60_000)
    first_id = window.workspace.session.bundle_id
    window.close_workspace()
    enter_work(store, first_id)
    before = store.reviews.load(first_id)

    # The app is restarted and the passphrase is forgotten: three wrong tries, then the way out.
    context.unlocked = None
    seen: dict[str, object] = {}

    def three_wrong_tries(dialog: UnlockDialog) -> None:
        for attempt in range(1, 4):
            assert not dialog.new_identity_button.isVisible()
            dialog.edit.setText(f"wrong-guess-{attempt}")
            qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: dialog.failures == attempt, timeout=60_000)
        seen["help"] = dialog.forgotten_help.text()
        seen["button"] = dialog.new_identity_button.isVisible()
        when_visible(qtbot, lambda: top_level(QMessageBox, "replaceIdentityBox"), confirm_archive)
        qtbot.mouseClick(dialog.new_identity_button, Qt.MouseButton.LeftButton)

    def confirm_archive(box: QMessageBox) -> None:
        seen["confirm"] = box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    when_visible(qtbot, lambda: top_level(UnlockDialog), three_wrong_tries)
    window.opener.open_from_library(first_id)
    qtbot.waitUntil(lambda: top_level(EnrolmentWizard) is not None, timeout=30_000)
    assert seen["button"] is True
    assert QCoreApplication.translate("UnlockDialog", "Forgotten your passphrase? Nobody can recover it: it is stored "
                                      "nowhere, neither by the review organization nor in this app.") in str(seen["help"])
    assert keys.format_fingerprint(old.fingerprint) in str(seen["confirm"])
    [archived] = identity.archived_identities(identity_dir)
    assert archived.public.fingerprint == old.fingerprint and not identity.exists(identity_dir)
    assert identity.unlock(archived.folder, OLD).fingerprint == old.fingerprint, "archived, not deleted"

    # The wizard makes identity B (same name); the new card does not replace the old one on the stick.
    wizard: EnrolmentWizard = top_level(EnrolmentWizard)
    assert keys.format_fingerprint(old.fingerprint) in wizard.welcome.findChild(object, "replacedIdentity").text()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, wizard.profile.name, PROFILE.name)
    wizard.profile.field.setCurrentIndex(wizard.profile.field.findText("技术"))
    type_text(qtbot, wizard.profile.affiliation, PROFILE.affiliation)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, wizard.passphrase.fields.new_edit, NEW)
    type_text(qtbot, wizard.passphrase.fields.confirm_edit, NEW)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(wizard.create.isComplete, timeout=120_000)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.card.save_button, Qt.MouseButton.LeftButton)
    new = identity.load_public(identity_dir)
    assert new.fingerprint != old.fingerprint
    cards = sorted(stick.glob("*.json"))
    assert len(cards) == 2 and old_card in cards, "the old card file is still there"
    [new_card] = [c for c in cards if c != old_card]
    assert keys.fingerprint_hex(new.fingerprint)[:8] in new_card.name
    told = wizard.card.saved.text()
    for must in (new_card.name, keys.format_fingerprint(old.fingerprint), keys.format_fingerprint(new.fingerprint),
                 "reviewer-org retire"):
        assert must in told, must
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    # The organization: enrol B (warned: same name), retire A, seal the application again.
    assert org(["enrol", str(new_card), "--org", str(org_dir), "--fingerprint", keys.format_fingerprint(new.fingerprint)]) == 0
    assert org(["retire", keys.format_fingerprint(old.fingerprint), "--org", str(org_dir)]) == 0
    second = seal_for_all_enrolled(org_dir, source, tmp_path / "second.rvb")

    # The old bundle, from the library or as a file: a new bundle is needed, said plainly.
    context.unlocked = identity.unlock(identity_dir, NEW)
    window.opener.open_from_library(first_id)
    qtbot.waitUntil(lambda: top_level(QMessageBox, "bundleRefusal") is not None, timeout=60_000)
    assert message_text("bundleRefusal") == QCoreApplication.translate("Errors", OPENED_WITH_REPLACED_IDENTITY)

    window.open_bundle(unopened)  # sealed for A, never imported: the same plain advice
    qtbot.waitUntil(lambda: top_level(QMessageBox, "bundleRefusal") is not None, timeout=60_000)
    assert message_text("bundleRefusal") == QCoreApplication.translate("BundleOpener", (
        "This bundle was sealed for your previous identity, which you replaced, so it cannot be opened any more. "
        "Ask the review organization for a new bundle of this application, sealed for your new enrolment card; "
        "when you open it, the app offers to carry over the work you already entered."))

    # The re-sealed bundle: "start afresh" first, and the offer is not repeated in this run.
    seen.clear()

    def answer(button: QMessageBox.StandardButton) -> Callable[[QMessageBox], None]:
        def act(box: QMessageBox) -> None:
            seen["offer"] = box.text()
            seen["asked"] = int(seen.get("asked", 0)) + 1
            box.button(button).click()
        return act

    when_visible(qtbot, lambda: top_level(QMessageBox, "carryOverBox"), answer(QMessageBox.StandardButton.No))
    window.open_bundle(second)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=60_000)
    second_id = window.workspace.session.bundle_id
    assert second_id != first_id and first.name in str(seen["offer"]) and seen["asked"] == 1
    assert store.reviews.load(second_id).scores == {}
    window.close_workspace()
    window.opener.open_from_library(second_id)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=60_000)
    assert seen["asked"] == 1, "declined: not asked again while the app runs"
    window.close_workspace()

    # After a restart (a new opener) the offer comes back while the bundle holds no work: carried over.
    window._opener = None
    when_visible(qtbot, lambda: top_level(QMessageBox, "carryOverBox"), answer(QMessageBox.StandardButton.Yes))
    window.opener.open_from_library(second_id)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=60_000)
    assert seen["asked"] == 2
    after = store.reviews.load(second_id)
    assert after.scores == before.scores and after.vetoes == before.vetoes
    assert (after.opinion, after.recommendation) == (before.opinion, before.recommendation)
    assert [(n.question, n.answer, n.criteria) for n in after.notes] == [(n.question, n.answer, n.criteria) for n in before.notes]
    assert after.declarations.conflict is None, "declarations are made again for the new bundle"
    inspection = store.inspections.load(second_id)
    assert inspection.site_notes == "厂房与申报一致" and "李敏" in inspection.inspectors
    assert inspection.result("K1").note == "查看了近三年审计报告" and [v.item_id for v in inspection.visits] == ["K2"]
    assert store.bundle(second_id).criteria_scored == 2
    assert store.reviews.load(first_id).scores == before.scores, "the old bundle's work is left as it was"


def test_settings_offers_a_new_identity_and_cancelling_changes_nothing(qtbot, app_context) -> None:
    from ui.identity_dialog import IdentityDialog

    identity_dir = app_context.data_dir.identity
    old = identity.create_identity(identity_dir, PROFILE, OLD)
    dialog = IdentityDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> Callable[[QMessageBox], None]:
        def act(box: QMessageBox) -> None:
            seen.append(box.text())
            box.button(button).click()
        return act

    done = when_visible(qtbot, lambda: top_level(QMessageBox, "replaceIdentityBox"), answer(QMessageBox.StandardButton.Cancel))
    qtbot.mouseClick(dialog.profile_tab.new_identity_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(done))
    assert identity.load_public(identity_dir).fingerprint == old.fingerprint
    assert identity.archived_identities(identity_dir) == [] and top_level(EnrolmentWizard) is None
    assert old.profile.name in seen[0] and keys.format_fingerprint(old.fingerprint) in seen[0]

    done = when_visible(qtbot, lambda: top_level(QMessageBox, "replaceIdentityBox"), answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(dialog.profile_tab.new_identity_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: top_level(EnrolmentWizard) is not None, timeout=30_000)
    assert not dialog.isVisible(), "the settings dialog showing the old identity is closed"
    [archived] = identity.archived_identities(identity_dir)
    assert archived.public.fingerprint == old.fingerprint and not identity.exists(identity_dir)
    top_level(EnrolmentWizard).reject()


def test_unlock_prompt_without_a_way_out_still_explains(qtbot, app_context) -> None:
    identity.create_identity(app_context.data_dir.identity, PROFILE, OLD)
    dialog = UnlockDialog(app_context.jobs, lambda text: identity.unlock(app_context.data_dir.identity, text), "签署评分表")
    qtbot.addWidget(dialog)
    dialog.show()
    for attempt in range(1, 4):
        assert not dialog.forgotten_help.isVisible()
        dialog.edit.setText(f"wrong-{attempt}")
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.failures == attempt, timeout=60_000)
    assert dialog.forgotten_help.isVisible() and not dialog.new_identity_button.isVisible()
    assert dialog.isVisible(), "the expert may still try the right passphrase"
