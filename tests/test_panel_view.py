"""The leader's panel view driven with qtbot on the demo's real confidential packages: the table
stays hidden until the leader's own signed package is in; then every member's scores with the
outliers highlighted; a package for another bundle is refused with its sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from package_fixtures import demo_signer, opened_bundle, package_of, world_dir  # noqa: F401 - fixture
from reviewer_app.org import aggregate, demo_content
from test_panel_import import leader_keys
from ui.panel.panel_view import OUTLIER, PanelView

ZZ03, ZZ07 = "GZ-2025-ZZ-03", "GZ-2025-ZZ-07"


def wait_import(qtbot, view: PanelView, paths: list[Path]) -> None:
    view.import_files(paths)
    assert view.job is not None
    qtbot.waitUntil(lambda: view.job is None, timeout=120_000)


def test_the_leader_sees_the_table_only_after_importing_their_own_package(qtbot, app_context, world_dir: Path, screenshot_folder: Path) -> None:  # noqa: F811
    leader = demo_signer(world_dir, "chen-zhiyuan").fingerprint
    settings = aggregate.Settings(outlier_share=0.1)  # stricter than the default 20 %, so the demo has outliers
    view = PanelView(opened_bundle(world_dir, ZZ07), leader_keys(world_dir), leader, app_context.jobs, settings=settings)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    others = [p for p in sorted((world_dir / "packages").glob(f"{ZZ07}-*.rvs")) if p != package_of(world_dir, ZZ07, "chen-zhiyuan")]
    wait_import(qtbot, view, [*others, package_of(world_dir, ZZ03, "wu-peishan")])
    assert not view.table.isVisible() and view.waiting.isVisible()
    assert view.refused.count() == 1 and "其他评审包" in view.refused.item(0).text()
    # The leader's own package, dropped on the view as from a file manager.
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(package_of(world_dir, ZZ07, "chen-zhiyuan")))])
    view.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: view.job is None and view.table.isVisible(), timeout=120_000)
    assert view.table.columnCount() == len(demo_content.EXPERTS) + 4
    headers = [view.table.horizontalHeaderItem(i).text() for i in range(view.table.columnCount())]
    assert "林晓梅" in headers and "陈志远" in headers
    highlighted = [(r, c) for r in range(view.table.rowCount()) for c in range(view.table.columnCount()) if view.table.item(r, c) and view.table.item(r, c).background().color() == OUTLIER]
    (result,) = aggregate.aggregate([aggregate.Entry(v.source, v.document, v.score_sha256, None) for v in view._verified.values()], settings)
    names = [view.table.horizontalHeaderItem(i).text() for i in range(view.table.columnCount())]
    rows = [view.table.verticalHeaderItem(r).text() for r in range(view.table.rowCount())]
    row_of = {c.id: next(r for r, label in enumerate(rows) if label.startswith(f"{c.id} ")) for c in result.criteria}
    expected = {(row_of[c.id], names.index(s.expert)) for c in result.criteria for s in c.outliers}
    expected |= {(len(rows) - 1, names.index(e.name)) for e in result.experts if e.outlier}
    assert highlighted and set(highlighted) == expected
    assert "10 %" in view.legend.text() and "中位数" in view.legend.text()  # the rule, in Chinese
    # Every section has its subtotal row, then the totals; the panel's score is the sum of the used values.
    sections = {c.section_title for c in result.criteria}
    assert sum(1 for label in rows if label.startswith("小计")) == len(sections)
    assert view.table.item(len(rows) - 1, len(names) - 1).text() == aggregate.fmt(result.scaled_score)
    assert list(view.rulings) == ["V5"] and view.details.isVisible()
    assert view.grab().save(str(screenshot_folder / "panel-view.png"))


def test_the_leader_drafts_freezes_and_assembles(qtbot, app_context, world_dir: Path, tmp_path: Path, screenshot_folder: Path) -> None:  # noqa: F811
    from reviewer_app.org.verify_opinions import read_verified
    from reviewer_app.panel import opinion as opinions
    from test_group_opinion import sign_all, sound_reports
    from ui.panel.draft_dialog import assemble_files

    leader = demo_signer(world_dir, "chen-zhiyuan").fingerprint
    view = PanelView(opened_bundle(world_dir, ZZ07), leader_keys(world_dir), leader, app_context.jobs)
    qtbot.addWidget(view)
    wait_import(qtbot, view, [world_dir / "packages"])
    assert view.draft_button.isEnabled()
    view.rulings["V5"][0].setCurrentIndex(view.rulings["V5"][0].findData("dismissed"))  # ruled in the panel view
    dialog = view.open_draft()
    assert list(dialog.rulings) == ["V5"] and dialog.rulings["V5"][0].currentData() == "dismissed"
    dialog.conclusion.setCurrentIndex(dialog.conclusion.findData("recommend-after-revision"))
    dialog.strengths.setPlainText("研发投入持续增长。")
    dialog.freeze(tmp_path)
    assert dialog.written is None and "ruling" not in dialog.error.text() and dialog.error.text()  # the veto needs its reason (in Chinese)
    dialog.rulings["V5"][1].setText("答辩中补充了专职人员名单。")
    assert dialog.conditions.placeholderText()  # 修改完善后推荐 is conditional: the box says its text is required
    dialog.freeze(tmp_path)
    assert dialog.written is None and dialog.error.text()  # so the conditions are required (in Chinese)
    dialog.conditions.setPlainText("补充专职人员劳动合同后报组织单位备案。")
    assert not dialog.error.text()  # the refusal goes once the conditions are written
    dialog.resize(760, 640)
    assert dialog.grab().save(str(screenshot_folder / "panel-draft.png"))
    dialog.freeze(tmp_path)
    assert dialog.written == tmp_path / f"{ZZ07}{opinions.DRAFT_SUFFIX}"
    for name, data in sign_all(world_dir, dialog.written.read_bytes()):
        (tmp_path / name).write_bytes(data)
    signatures = sorted(tmp_path.glob(f"*{opinions.SIGNATURE_SUFFIX}"))
    with pytest.raises(opinions.OpinionRefused, match="neither signed nor dissented"):
        assemble_files(dialog.written, signatures[1:], tmp_path)
    final = assemble_files(dialog.written, signatures, tmp_path)
    verified = read_verified(final, world_dir / "org", sound_reports(world_dir))
    assert verified.opinion["vetoes"][0]["ruling"] == "dismissed" and verified.opinion["conclusion"]["id"] == "recommend-after-revision"


def test_the_panel_tab_reaches_the_recheck_and_signing_dialogs(qtbot, app_context, world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    from reviewer_app.panel import opinion as opinions
    from reviewer_app.services.bundles import import_bundle
    from test_group_opinion import draft_for

    leader, lin = demo_signer(world_dir, "chen-zhiyuan"), demo_signer(world_dir, "lin-xiaomei")
    opened = opened_bundle(world_dir, ZZ07)
    import_bundle(app_context.store, app_context.data_dir, opened, leader.unlocked)
    view = PanelView(opened, leader_keys(world_dir), leader.fingerprint, app_context.jobs, unlocked=leader.unlocked, store=app_context.store)
    qtbot.addWidget(view)
    draft = tmp_path / f"{ZZ07}{opinions.DRAFT_SUFFIX}"
    draft.write_bytes(draft_for(world_dir, ZZ07))
    assert view.sign_opinion(draft) is None and "先签署" in view.status.text()  # not before one's own sheet
    assert view.open_draft() is None
    wait_import(qtbot, view, [package_of(world_dir, ZZ07, "chen-zhiyuan")])
    ask = view.ask_recheck(lin.fingerprint, tmp_path)
    ask.criteria.item(0).setCheckState(Qt.CheckState.Checked)
    ask.question.setPlainText("请复核。")
    ask.sign()
    assert ask.written is not None
    assert view.answer_recheck(ask.written) is None and "您发给林晓梅的复核请求" in view.status.text()  # his own request, addressed to 林晓梅
    assert view.rechecks.item(0, 0).text() == "林晓梅" and "尚未答复" in view.rechecks.item(0, 4).text()
    dialog = view.sign_opinion(draft)
    dialog.sign()
    assert dialog.written is not None
    assert view.assemble(draft, [dialog.written], tmp_path) is None and "尚未签署" in view.status.text()
    broken = tmp_path / "broken.opinion.json"
    broken.write_bytes(draft.read_bytes().replace(b'"strengths": "', b'"strengths":  "'))
    assert view.sign_opinion(broken) is None and "定稿后被改动" in view.status.text()


def test_the_table_names_the_members_not_yet_returned_and_the_recused(qtbot, app_context, world_dir: Path) -> None:  # noqa: F811
    """ZZ-07 without 吴佩珊's and 黄建国's packages: both named as not yet returned, in the panel's
    order; once theirs are in, every package is. ZZ-03: 周海峰's recusal is named as such, never as missing."""
    opened = opened_bundle(world_dir, ZZ07)
    view = PanelView(opened, leader_keys(world_dir), demo_signer(world_dir, "chen-zhiyuan").fingerprint, app_context.jobs)
    qtbot.addWidget(view)
    late = [package_of(world_dir, ZZ07, "wu-peishan"), package_of(world_dir, ZZ07, "huang-jianguo")]
    wait_import(qtbot, view, [p for p in sorted((world_dir / "packages").glob(f"{ZZ07}-*.rvs")) if p not in late])
    names = [m.name for m in opened.manifest.panel if m.name in ("吴佩珊", "黄建国")]
    assert view.missing.text() == "尚未提交：" + "、".join(names)
    wait_import(qtbot, view, late)
    assert view.missing.text() == "全部成员的评分包均已导入。"
    recusing = PanelView(opened_bundle(world_dir, ZZ03), leader_keys(world_dir), demo_signer(world_dir, "chen-zhiyuan").fingerprint, app_context.jobs)
    qtbot.addWidget(recusing)
    wait_import(qtbot, recusing, sorted((world_dir / "packages").glob(f"*{ZZ03}-*.rvs")))  # recusal-GZ-2025-ZZ-03-….rvs too
    assert recusing.missing.text() == "全部成员的评分包均已导入。\n回避：周海峰"
