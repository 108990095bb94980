"""Sign and export from the workspace: signature pad, passphrase, folder; lock; amendment;
recusal. The packages are checked with the organization's own verifier."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from package_fixtures import org_age_identity
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog

from gui_helpers import type_text
from reviewer_app.demo_setup import WORLD_DIR
from reviewer_app.services import signing as revisions
from reviewer_app.library import ReviewStatus
from reviewer_app.org.verify_packages import Organization, verify_one
from reviewer_app.review.state import ConflictAnswer, RelatedAnswer
from reviewer_app.rubric import format_score
from ui.screen_fit import install_screen_fit
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
    no_relation = tuple(RelatedAnswer(u.unit, u.relation, False) for u in session.spec.related_units)  # as the declarations screen records
    reviews.declare(bundle_id, ConflictAnswer.NONE, "", True, no_relation)
    for criterion in session.my_criteria:
        reviews.set_score(bundle_id, criterion.id, criterion.maximum - criterion.step)
        reviews.set_comment(bundle_id, criterion.id, "依据申报书第3页，技术路线清晰。")
    reviews.set_opinion(bundle_id, "该中心技术方向明确，牵头单位研发实力较强，联盟成员覆盖产业链上下游；"
                                   "建议进一步明确成果转化机制与收益分配方式，加强公共服务能力建设。")
    reviews.set_recommendation(bundle_id, session.spec.rubric.recommendations[0].id)


def passphrase_of(context) -> str:
    return (context.data_dir.root / WORLD_DIR / "experts" / "chen-zhiyuan" / "PASSPHRASE").read_text().strip()


def sign(qtbot, workspace, passphrase: str) -> None:
    """Type the passphrase and press Enter in the box (the sign button is the default)."""
    page = workspace.signing
    page.passphrase.clear()
    type_text(qtbot, page.passphrase, passphrase)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "\n" in page.message.text(), timeout=120_000)


class Usb(type(Path())):  # a Path that also counts how often the folder dialog was shown
    asked = 0


@pytest.fixture(autouse=True)
def screen_fit(qapp):
    """As create_application does: every window fitted to its screen as it is shown."""
    fit = install_screen_fit(qapp)
    yield
    qapp.removeEventFilter(fit)


@pytest.fixture
def usb(tmp_path, monkeypatch) -> Usb:
    folder = Usb(tmp_path / "usb")
    folder.mkdir()

    def choose(*_args, **_kwargs) -> str:
        Usb.asked += 1
        return str(folder)

    Usb.asked = 0
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    return folder


def open_complete_review(qtbot, context):
    window = open_window(qtbot, context)
    bundle_id = context.store.library_entries()[0].bundle_id
    workspace = open_first_bundle(qtbot, window)
    complete_review(context, bundle_id, workspace.session)
    window.close_workspace()
    workspace = open_first_bundle(qtbot, window)
    workspace.tabs.setCurrentWidget(workspace.signing)
    return window, workspace, bundle_id


def pdf_text(path: Path) -> list[str]:
    """The pages' text, CJK spacing and line breaks dropped."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, timeout=60, check=True).stdout
    return [page.replace(" ", "").replace("\n", "") for page in text.split("\f")]


def pages_of(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=60, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def fits_screen(widget) -> bool:
    area = widget.screen().availableGeometry()
    return widget.frameGeometry().width() <= area.width() and widget.frameGeometry().height() <= area.height()


def test_sign_lock_amend_and_sign_again(qtbot, demo_context, usb, monkeypatch, tmp_path) -> None:
    window, workspace, bundle_id = open_complete_review(qtbot, demo_context)
    page = workspace.signing
    assert page.sign_button.isEnabled(), [m.template for m in workspace.session.missing()]
    assert page.sign_button.isDefault()

    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    assert "Sign in the box" in page.message.text() or "签" in page.message.text()
    draw_signature(workspace)
    # A wrong passphrase is reported before any folder is asked for (Enter signs).
    type_text(qtbot, page.passphrase, "not-the-passphrase-1")
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.message.text() != "" and not page.busy.isVisible(), timeout=120_000)
    assert "口令不正确" in page.message.text() and not list(usb.iterdir())
    assert Usb.asked == 0, "the folder dialog came before the passphrase was checked"
    assert page.passphrase.hasFocus() and page.passphrase.selectedText() == page.passphrase.text(), "ready to retype"

    sign(qtbot, workspace, passphrase_of(demo_context))
    assert Usb.asked == 1
    # With the long "signed and exported" message the tab still does not make the window taller
    # than a 1366×768 or 150 % screen leaves (about 690 pixels): it scrolls instead.
    assert page.minimumSizeHint().height() < 300 and window.minimumSizeHint().height() < 690
    [package] = usb.glob("*.rvs")
    assert str(package) in page.message.text()
    report = verify_one(package, Organization(demo_context.data_dir.root / WORLD_DIR / "org", age_identity=org_age_identity(demo_context.data_dir.root / WORLD_DIR)))
    assert report.ok, report.message
    assert report.document.revision.number == 1
    assert demo_context.store.library_entries()[0].status is ReviewStatus.EXPORTED

    # Locked everywhere: the pad, its buttons and the passphrase; the side panel says signed.
    for widget in (page.pad, page.clear_button, page.undo_button, page.load_button, page.passphrase):
        assert not widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(page.pad, Qt.MouseButton.LeftButton, pos=QPoint(60, 60))
    assert page.pad.is_empty()
    heading = workspace.missing.heading.text()
    assert "可以签署" not in heading and "已签署" in heading and "修订…" in heading, heading
    assert workspace.missing.list.count() == 0
    signed_at = page.revisions.item(0, 1).text()
    metrics = page.revisions.fontMetrics()
    assert page.revisions.horizontalHeader().sectionSize(1) >= metrics.horizontalAdvance(signed_at), "签署时间 is cut"

    # Print the signed sheet: QPrintDialog → QPrinter (here writing a PDF file) → the sheet's pages.
    printed = tmp_path / "printed.pdf"

    def accept(dialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    qtbot.mouseClick(page.print_revision_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "printer" in page.message.text() or "打印" in page.message.text(), timeout=120_000)
    signed_pdf = revisions.revision_pdf(demo_context.store, demo_context.data_dir, demo_context.unlocked, bundle_id, 1)
    (tmp_path / "signed.pdf").write_bytes(signed_pdf)
    assert pages_of(printed) == pages_of(tmp_path / "signed.pdf") >= 2
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(printed), str(tmp_path / "printed")], check=True, timeout=60)
    ink = Image.open(next(tmp_path.glob("printed-*1.png"))).convert("L")
    assert ink.getextrema()[0] < 100, "the printed page is blank"
    # The signed sheet's viewer fits the screen and prints too; a draft's does not (see below).
    qtbot.mouseClick(page.view_revision_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "preview_dialog", None) is not None and page.preview_dialog.isVisible(), timeout=60_000)
    assert fits_screen(page.preview_dialog) and page.preview_dialog.print_button is not None
    page.preview_dialog.close()

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
    assert workspace.scoring.detail.isEnabled() and page.pad.isEnabled() and page.passphrase.isEnabled()
    workspace.session.set_score(criterion.id, criterion.maximum)
    assert workspace.session.state.score(criterion.id).value == criterion.maximum
    qtbot.mouseClick(page.pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 40))  # a stray click is no signature
    assert page.pad.is_empty()
    draw_signature(workspace)
    sign(qtbot, workspace, passphrase_of(demo_context))
    rows = revisions.revisions(demo_context.store, bundle_id)
    assert [r.revision for r in rows] == [1, 2] and rows[1].reason == "复核财务数据后调整评分"
    assert page.revisions.rowCount() == 2
    packages = sorted(usb.glob("*.rvs"))
    assert len(packages) == 2
    latest = max((verify_one(p, Organization(demo_context.data_dir.root / WORLD_DIR / "org", age_identity=org_age_identity(demo_context.data_dir.root / WORLD_DIR))) for p in packages),
                 key=lambda r: r.document.revision.number)
    assert latest.ok and latest.document.revision.reason == "复核财务数据后调整评分"
    changes = latest.document.revision.changes
    assert [(c.item, c.field, c.new) for c in changes] == [(criterion.id, "score", format_score(criterion.maximum))]
    assert changes[0].old == format_score(criterion.maximum - criterion.step)


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
    report = verify_one(package, Organization(demo_context.data_dir.root / WORLD_DIR / "org", age_identity=org_age_identity(demo_context.data_dir.root / WORLD_DIR)))
    assert report.ok, report.message
    assert report.document.is_recusal


def test_draft_preview_overview_and_session_date_warning(qtbot, demo_context, monkeypatch, tmp_path) -> None:
    """A draft at any time (incomplete: what is missing is on its first page), the overview of
    my scores, and a warning (not a block) when signing on another day than the session."""
    window = open_window(qtbot, demo_context)
    bundle_id = demo_context.store.library_entries()[0].bundle_id
    workspace = open_first_bundle(qtbot, window)
    demo_context.store.reviews.declare(bundle_id, ConflictAnswer.NONE, "", True)
    first = workspace.session.my_criteria[0]
    demo_context.store.reviews.set_score(bundle_id, first.id, first.maximum)
    window.close_workspace()
    workspace = open_first_bundle(qtbot, window)
    page = workspace.signing
    workspace.tabs.setCurrentWidget(page)
    missing = workspace.session.missing()
    assert missing and not page.sign_button.isEnabled() and page.preview_button.isEnabled()

    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "preview_dialog", None) is not None and page.preview_dialog.isVisible(), timeout=60_000)
    dialog = page.preview_dialog
    assert fits_screen(dialog) and dialog.print_button is None, "a draft is not printed as a sheet"
    draft = tmp_path / "draft.pdf"
    draft.write_bytes(bytes(dialog._bytes))
    pages = pdf_text(draft)
    assert "草稿：本表未签名，仅供核对，不可提交。" in pages[0] and f"尚待完成{len(missing)}项" in pages[0]
    assert workspace.missing.list.item(0).text().replace(" ", "")[:12] in pages[0]
    assert "未评分" in "".join(pages)
    dialog.close()

    window.activateWindow()  # the preview dialog had it; offscreen has no window manager to give it back
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    workspace.tabs.setCurrentWidget(workspace.scoring)  # the overview is one shortcut away from any tab
    workspace.scoring.tree.setFocus()
    qtbot.keyClick(workspace.scoring.tree, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    overview = page.overview_dialog
    qtbot.waitExposed(overview)
    assert fits_screen(overview)
    table = overview.table
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 5)] for r in range(table.rowCount())}
    assert rows[f"{first.id}  {first.title}"][:2] == [format_score(first.maximum), format_score(first.maximum)]
    second = workspace.session.my_criteria[1]
    assert rows[f"{second.id}  {second.title}"][1] in ("not scored", "未评分")
    total = table.item(table.rowCount() - 1, 2).text()
    assert total == format_score(first.maximum) == format_score(workspace.session.total())
    overview.close()

    session_date = workspace.session.opened.review.session_date
    today = dt.date.today().isoformat()
    assert page.date_warning.isVisibleTo(page) == (session_date != today)
    same_day = dt.datetime.fromisoformat(session_date).astimezone()
    monkeypatch.setattr("ui.workspace.signing.now", lambda: same_day)
    page.refresh()
    assert not page.date_warning.isVisibleTo(page)
    monkeypatch.setattr("ui.workspace.signing.now", lambda: same_day + dt.timedelta(days=6))
    page.refresh()
    assert page.date_warning.isVisibleTo(page) and session_date in page.date_warning.text()
