"""Drive the real widgets offscreen and save screenshots into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget, QWizard  # noqa: E402

from reviewer_app import keys  # noqa: E402
from reviewer_app.datadir import DataDir  # noqa: E402
from reviewer_app.settings import Settings  # noqa: E402
from reviewer_app.store.database import open_store  # noqa: E402
from ui.app import create_application, register_cjk_font  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.i18n import Translations  # noqa: E402
from ui.jobs import JobRunner  # noqa: E402

PASSPHRASE = "春风-Harbor-7-橘子-Quill"


def settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(predicate, timeout_ms: int = 60_000) -> None:
    waited = 0
    while not predicate():
        settle(100)
        waited += 100
        if waited > timeout_ms:
            raise SystemExit("timed out")


def shot(widget: QWidget, name: str) -> None:
    settle()
    widget.grab().save(str(OUT / name))
    print("wrote", OUT / name)


def type_into(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def make_context(app: QApplication, root: Path) -> AppContext:
    data_dir = DataDir(root).create()
    translations = Translations(app)
    translations.switch("zh_CN")
    context = AppContext(data_dir, Settings(data_dir.settings), translations, JobRunner())
    context.store = open_store(data_dir.database)
    return context


def enrolment_screens(context: AppContext, org_cert: Path) -> None:
    from ui.enrolment import EnrolmentWizard
    from ui.trust_widgets import PinOrganizationDialog
    from reviewer_app import trust

    wizard = EnrolmentWizard(context)
    wizard.show()
    shot(wizard, "enrolment-1-welcome.png")
    wizard.next()
    page = wizard.profile
    for edit, text in ((page.name, "王建国"), (page.affiliation, "华南理工大学"), (page.title_edit, "教授"),
                       (page.phone, "138 0013 8000")):
        type_into(edit, text)
    page.field.setCurrentIndex(page.field.findText("财务"))
    shot(wizard, "enrolment-2-profile.png")
    wizard.next()
    type_into(wizard.passphrase.fields.new_edit, "abc12345")
    shot(wizard, "enrolment-3-passphrase-weak.png")
    wizard.passphrase.fields.new_edit.clear()
    type_into(wizard.passphrase.fields.new_edit, PASSPHRASE)
    type_into(wizard.passphrase.fields.confirm_edit, PASSPHRASE)
    shot(wizard, "enrolment-3-passphrase-good.png")
    wizard.next()
    wait_until(wizard.create.isComplete)
    shot(wizard, "enrolment-4-keys-made.png")
    wizard.next()
    shot(wizard, "enrolment-5-card.png")
    wizard.next()
    dialog = PinOrganizationDialog(trust.inspect_certificate(org_cert.read_bytes()), wizard)
    dialog.show()
    shot(dialog, "enrolment-6-compare-fingerprint.png")
    dialog.close()
    wizard.close()


def draw_signature(pad: QWidget) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    strokes = [[(60, 120), (90, 60), (110, 125), (140, 55), (160, 118)], [(190, 70), (260, 72)],
               [(225, 40), (222, 130), (200, 120)], [(290, 60), (330, 110), (370, 58), (400, 120)]]
    for stroke in strokes:
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*stroke[0]))
        for point in stroke[1:]:
            QTest.mouseMove(pad, QPoint(*point))
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*stroke[-1]))


def workspace_screens(app: QApplication, root: Path) -> None:
    from reviewer_app.demo_setup import prepare_demo
    from reviewer_app import rubric
    from ui.main_window import MainWindow

    context = make_context(app, root)
    demo = prepare_demo(context.data_dir, context.store)
    context.unlocked = demo.expert
    window = MainWindow(context)
    window.resize(1280, 820)
    window.show()
    window.attach_store(context.store)
    shot(window, "home-library.png")
    window.opener.open_from_library(context.store.library_entries()[0].bundle_id)
    wait_until(lambda: window.workspace is not None)
    workspace = window.workspace
    shot(window, "workspace-1-declarations.png")
    for question in workspace.declarations.units:  # one answer per unit the application lists
        question.none.setChecked(True)
    workspace.declarations.no_conflict.setChecked(True)
    workspace.declarations.pledge.setChecked(True)
    workspace.declarations.submit()
    workspace.tabs.setCurrentWidget(workspace.materials)
    settle(300)
    first = workspace.session.opened.materials[0].id
    workspace.materials.open_document(first)
    wait_until(lambda: workspace.materials.page_count() > 0)
    settle(800)
    shot(window, "workspace-2-materials.png")
    session = workspace.session
    for criterion in session.my_criteria[:-1]:
        session.set_score(criterion.id, criterion.maximum - 2 * criterion.step)
        if rubric.comment_required(criterion, criterion.maximum - 2 * criterion.step):
            session.set_comment(criterion.id, "技术路线清晰，核心专利布局较完整；产业化验证数据尚需补充。《申报书》第 3 页")
    workspace.tabs.setCurrentWidget(workspace.scoring)
    workspace.scoring.select("criterion", session.my_criteria[0].id)
    shot(window, "workspace-3-scoring.png")
    workspace.scoring.select("criterion", session.my_criteria[-1].id)
    workspace.scoring.criterion_panel.score.setText("7.3")
    workspace.scoring.criterion_panel._score_refused("7.3 is not allowed.")
    workspace.scoring.criterion_panel.score.setText("7.3")
    workspace.scoring.criterion_panel.score._finish()
    shot(window, "workspace-4-scoring-refusal.png")
    note = session.add_note((session.my_criteria[0].id,))
    session.update_note(note, question="核心专利是否已获授权？与主要竞争对手相比优势在哪里？")
    session.update_note(note, answer="已授权发明专利12项，其中PCT 3项；探测器读出电路性能优于进口同类产品约15%。")
    workspace.tabs.setCurrentWidget(workspace.notes)
    shot(window, "workspace-5-defense-notes.png")
    session.set_opinion("该中心技术方向明确，牵头单位在高端医学影像装备领域研发实力较强，联盟成员覆盖产业链上下游；建议进一步明确成果转化机制与收益分配方式。")
    workspace.tabs.setCurrentWidget(workspace.opinion)
    shot(window, "workspace-6-opinion.png")
    last = session.my_criteria[-1]
    session.set_score(last.id, last.maximum - last.step)
    session.set_comment(last.id, "研发团队结构合理，核心成员稳定。")
    session.set_recommendation(session.spec.rubric.recommendations[0].id)
    workspace.tabs.setCurrentWidget(workspace.signing)
    draw_signature(workspace.signing.pad)
    shot(window, "workspace-7-sign-and-export.png")
    signing_screens(window, context, demo.expert)
    window.close_workspace()
    context.jobs.wait_for_all()
    context.store.close()


def pdf_page(pdf: bytes, page: int, name: str) -> None:
    """One page of a sheet as the expert sees it (pdftoppm at 60 dpi)."""
    import subprocess

    with tempfile.TemporaryDirectory() as temp:
        source = Path(temp) / "sheet.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(source),
                        str(OUT / name.removesuffix(".png"))], check=True, timeout=120)
    print("wrote", OUT / name)


def signing_screens(window: QWidget, context: AppContext, expert) -> None:  # noqa: ANN001
    """The overview of my scores, a draft, then signed (locked) and an amended sheet (old → new)."""
    from reviewer_app.services import signing as revisions
    from ui.workspace.overview import ScoreOverviewDialog

    workspace = window.workspace
    session, page = workspace.session, workspace.signing
    overview = ScoreOverviewDialog(session, window)
    overview.show()
    shot(overview, "workspace-8-score-overview.png")
    overview.close()
    opened, store = session.opened, context.store
    pdf_page(revisions.preview_pdf(store, opened, expert, handwritten_png=page.pad.png_bytes()), 1, "export-score-sheet-draft-1.png")
    revisions.sign_revision(store, context.data_dir, opened, expert, page.pad.png_bytes())
    page.signed.emit()
    session.reload()
    shot(window, "workspace-9-signed-locked.png")
    revisions.start_amendment(store, session.bundle_id, "复核答辩记录后调整第一项评分并补充评语")
    first = session.my_criteria[0]
    store.reviews.set_score(session.bundle_id, first.id, first.maximum - first.step)
    store.reviews.set_comment(session.bundle_id, first.id, "答辩补充了临床验证数据，技术成熟度高于书面材料所示。")
    amended = revisions.sign_revision(store, context.data_dir, opened, expert, page.pad.png_bytes())
    pdf_page(amended.pdf, 1, "export-score-sheet-amended-1.png")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1])
    register_cjk_font(app)
    with tempfile.TemporaryDirectory() as temp:
        org_dir = Path(temp) / "org"
        keys.create_org_credentials(org_dir, "广州市工业和信息化评审服务中心", "Org-砚台-Lantern-42-松")
        context = make_context(app, Path(temp) / "data")
        enrolment_screens(context, org_dir / "org-cert.pem")
        context.jobs.wait_for_all()
        context.store.close()
        workspace_screens(app, Path(temp) / "demo")


if __name__ == "__main__":
    main()
