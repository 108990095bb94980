"""The declarations screen asks about each unit the application lists before the expert can
declare no conflict; a bundle without listed units shows the screen as before. The grade bands
of a periodic evaluation are shown under the total (read-only)."""

from __future__ import annotations

from pathlib import Path

from bundle_fixtures import small_spec, write_source
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui_helpers import type_text
from reviewer_app import keys
from reviewer_app.bundle import open_bundle
from reviewer_app.demo_setup import WORLD_DIR
from reviewer_app.org.cli import main
from reviewer_app.org.demo import PASSPHRASE_FILE
from reviewer_app.review.state import RelatedAnswer
from reviewer_app.services.bundles import import_bundle
from test_workspace_gui import open_window

LINGNAN = "岭南理工大学"


def open_bundle_named(qtbot, window, words: str):  # noqa: ANN001, ANN201
    entry = next(e for e in window.context.store.library_entries() if words in e.application_name)
    window.opener.open_from_library(entry.bundle_id)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=60_000)
    window.activateWindow()  # the progress dialog had it; offscreen has no window manager to give it back
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return entry.bundle_id, window.workspace


def test_each_listed_unit_needs_an_explicit_answer(qtbot, demo_context) -> None:
    window = open_window(qtbot, demo_context)
    bundle_id, workspace = open_bundle_named(qtbot, window, "智能网联")
    page = workspace.declarations
    listed = workspace.session.spec.related_units
    assert len(listed) == 16 and [q.label.text() for q in page.units] == [f"{u.unit}（{u.relation}）" for u in listed]
    assert not any(q.none.isChecked() or q.relation.isChecked() for q in page.units), "nothing is answered for the expert"
    assert not page.no_conflict.isEnabled()
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert listed[0].unit in page.message.text() and workspace.stack.currentWidget() is page

    lingnan = next(q for q in page.units if q.unit.unit == LINGNAN)
    for question in page.units:
        (question.relation if question is lingnan else question.none).click()
    assert not page.no_conflict.isEnabled() and lingnan.description.isEnabled()
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert page.message.text() == f"请说明您与{LINGNAN}存在何种关系。" and lingnan.description.hasFocus()
    type_text(qtbot, lingnan.description, "本人为岭南理工大学在职教授。")
    assert page.no_conflict.isEnabled()
    page.no_conflict.click()
    page.pledge.click()
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert workspace.stack.currentIndex() == 1, page.message.text()

    related = demo_context.store.reviews.load(bundle_id).declarations.related
    assert [(a.unit, a.relation) for a in related] == [(u.unit, u.relation) for u in listed]
    assert [a for a in related if a.has_relation] == [RelatedAnswer(LINGNAN, "股东、技术专家委员会主任单位", True, "本人为岭南理工大学在职教授。")]
    window.close_workspace()


def test_without_listed_units_the_screen_is_as_before_and_grades_show(qtbot, demo_context, tmp_path: Path) -> None:
    spec = small_spec()
    spec["evaluation"] = {"kind": "年度评估", "period": "2025", "grades": [
        {"label": "优秀", "min": 18, "max": 20}, {"label": "良好", "min": 16, "max": 18},
        {"label": "合格", "min": 12, "max": 16}, {"label": "不合格", "min": 0, "max": 12}]}
    source = write_source(tmp_path / "source", spec=spec)
    org = demo_context.data_dir.root / WORLD_DIR / "org"
    expert = demo_context.unlocked
    bundle = tmp_path / "evaluation.rvb"
    assert main(["seal", str(source), "--org", str(org), "--recipients", expert.fingerprint,
                 "--passphrase-file", str(org / PASSPHRASE_FILE), "-o", str(bundle)]) == 0
    opened = open_bundle(bundle, [keys.load_certificate_file(org / keys.ORG_CERT_FILE)], identity=expert)
    import_bundle(demo_context.store, demo_context.data_dir, opened, expert)

    window = open_window(qtbot, demo_context)
    _, workspace = open_bundle_named(qtbot, window, "测试创新中心")
    page = workspace.declarations
    assert page.units == [] and not page.units_intro.isVisible() and page.no_conflict.isEnabled()
    page.no_conflict.click()
    page.pledge.click()
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton)
    assert workspace.stack.currentIndex() == 1
    assert demo_context.store.reviews.load(opened.bundle_id).declarations.related == ()
    workspace.tabs.setCurrentWidget(workspace.scoring)
    grades = workspace.scoring.grades
    assert grades.isVisible() and grades.text() == "年度评估（2025）：按专家组综合得分定等级——优秀 ≥ 18，良好 16–18，合格 12–16，不合格 < 12。"
    window.close_workspace()
