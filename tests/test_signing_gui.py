"""Sign and export from the workspace: signature pad, passphrase, folder; lock; amendment;
recusal. The packages are checked with the organization's own verifier."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from gui_helpers import type_text
from reviewer_app.demo_setup import WORLD_DIR
from reviewer_app.export import revisions
from reviewer_app.library import ReviewStatus
from reviewer_app.org.verify_packages import Organization, verify_one
from reviewer_app.review.state import ConflictAnswer
from test_workspace_gui import open_first_bundle, open_window


def draw_signature(workspace) -> None:
    pad = workspace.signing.pad
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(40, 110))
    for x, y in ((80, 60), (120, 120), (170, 50), (220, 115)):
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(220, 115))


def complete_review(context, bundle_id: str, session) -> None:
    """Fill the review through the store, as the workspace would have saved it."""
    reviews = context.store.reviews
    reviews.declare(bundle_id, ConflictAnswer.NONE, "", True)
    for criterion in session.my_criteria:
        reviews.set_score(bundle_id, criterion.id, criterion.maximum - criterion.step)
        reviews.set_comment(bundle_id, criterion.id, "依据申报书第3页，技术路线清晰。")
    reviews.set_opinion(bundle_id, "该中心技术方向明确，牵头单位研发实力较强，联盟成员覆盖产业链上下游；"
                                   "建议进一步明确成果转化机制与收益分配方式，加强公共服务能力建设。")
    reviews.set_recommendation(bundle_id, session.spec.rubric.recommendations[0].id)


def passphrase_of(context) -> str:
    return (context.data_dir.root / WORLD_DIR / "experts" / "chen-zhiyuan" / "PASSPHRASE").read_text().strip()


def sign(qtbot, workspace, passphrase: str) -> None:
    page = workspace.signing
    page.passphrase.clear()
    type_text(qtbot, page.passphrase, passphrase)
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "\n" in page.message.text(), timeout=120_000)


@pytest.fixture
def usb(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
    return folder


def test_sign_lock_amend_and_sign_again(qtbot, demo_context, usb, monkeypatch) -> None:
    window = open_window(qtbot, demo_context)
    bundle_id = demo_context.store.library_entries()[0].bundle_id
    workspace = open_first_bundle(qtbot, window)
    complete_review(demo_context, bundle_id, workspace.session)
    workspace.session.reload()
    window.close_workspace()
    workspace = open_first_bundle(qtbot, window)
    page = workspace.signing
    workspace.tabs.setCurrentWidget(page)
    assert page.sign_button.isEnabled(), [m.template for m in workspace.session.missing()]

    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    assert "Sign in the box" in page.message.text() or "签" in page.message.text()
    draw_signature(workspace)
    type_text(qtbot, page.passphrase, "not-the-passphrase-1")
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text() != "" and not page.busy.isVisible(), timeout=120_000)
    assert "口令不正确" in page.message.text() and not list(usb.iterdir())

    sign(qtbot, workspace, passphrase_of(demo_context))
    [package] = usb.glob("*.rvs")
    assert str(package) in page.message.text()
    report = verify_one(package, Organization(demo_context.data_dir.root / WORLD_DIR / "org"))
    assert report.ok, report.message
    assert report.document.revision.number == 1
    assert demo_context.store.library_entries()[0].status is ReviewStatus.EXPORTED

    # Locked: an edit is refused and the saved value stays.
    criterion = workspace.session.my_criteria[0]
    before = workspace.session.state.score(criterion.id).value
    workspace.session.set_score(criterion.id, 0)
    assert workspace.session.state.score(criterion.id).value == before
    assert not workspace.scoring.detail.isEnabled()
    assert page.amend_button.isVisible() and not page.sign_button.isEnabled()

    # Amendment with a reason opens it; revision 2 is signed and names the reason.
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *args, **kwargs: ("复核财务数据后调整评分", True))
    qtbot.mouseClick(page.amend_button, Qt.MouseButton.LeftButton)
    assert workspace.scoring.detail.isEnabled()
    workspace.session.set_score(criterion.id, criterion.maximum)
    assert workspace.session.state.score(criterion.id).value == criterion.maximum
    draw_signature(workspace)
    sign(qtbot, workspace, passphrase_of(demo_context))
    rows = revisions.revisions(demo_context.store, bundle_id)
    assert [r.revision for r in rows] == [1, 2] and rows[1].reason == "复核财务数据后调整评分"
    assert page.revisions.rowCount() == 2
    packages = sorted(usb.glob("*.rvs"))
    assert len(packages) == 2
    latest = max((verify_one(p, Organization(demo_context.data_dir.root / WORLD_DIR / "org")) for p in packages),
                 key=lambda r: r.document.revision.number)
    assert latest.ok and latest.document.revision.reason == "复核财务数据后调整评分"


def test_recusal_is_signed_and_exported(qtbot, demo_context, usb) -> None:
    window = open_window(qtbot, demo_context)
    workspace = open_first_bundle(qtbot, window)
    page = workspace.declarations
    page.has_conflict.setChecked(True)
    type_text(qtbot, page.reason, "本人曾任申报单位技术顾问。")
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert workspace.tabs.currentWidget() is workspace.signing
    draw_signature(workspace)
    sign(qtbot, workspace, passphrase_of(demo_context))
    [package] = usb.glob("*.rvs")
    report = verify_one(package, Organization(demo_context.data_dir.root / WORLD_DIR / "org"))
    assert report.ok, report.message
    assert report.document.is_recusal
