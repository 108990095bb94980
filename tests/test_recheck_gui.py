"""Re-check in the app, driven with qtbot and two identities: the leader (陈志远) asks 林晓梅 about
D2; her app shows the request and she answers first without a justification (refused), then with
her amended revision 2; the leader's side reads the signed answer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from package_fixtures import demo_signer, opened_bundle, plain_of, world_dir  # noqa: F401 - fixture
from reviewer_app.export import package as packages
from reviewer_app.panel import recheck
from reviewer_app.services import rechecks
from ui.panel.recheck_dialogs import AnswerDialog, RequestDialog

ZZ07 = "GZ-2025-ZZ-07"


def test_a_recheck_asked_and_answered_by_amendment(qtbot, app_context, world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    opened = opened_bundle(world_dir, ZZ07)
    leader, lin = demo_signer(world_dir, "chen-zhiyuan"), demo_signer(world_dir, "lin-xiaomei")
    ask = RequestDialog(opened, leader.unlocked, lin.fingerprint, tmp_path)
    qtbot.addWidget(ask)
    qtbot.mouseClick(ask.sign_button, Qt.MouseButton.LeftButton)
    assert ask.written is None and ask.error.text()  # no criterion, no question
    d2 = next(i for i in range(ask.criteria.count()) if ask.criteria.item(i).text().startswith("D2 "))
    ask.criteria.item(d2).setCheckState(Qt.CheckState.Checked)
    ask.question.setPlainText("请结合答辩补充材料复核 D2。")
    qtbot.mouseClick(ask.sign_button, Qt.MouseButton.LeftButton)
    assert ask.written is not None and ask.written.suffix == recheck.REQUEST_SUFFIX
    amended = packages.read_package(plain_of(world_dir, ZZ07, "lin-xiaomei", revision=2), [lin.certificate])
    request = rechecks.read_request(opened, ask.written.read_bytes(), ask.written.name)
    answer = AnswerDialog(request, opened, lin.unlocked, [rechecks.Amendment(2, amended.score_sha256, "复核 D2", "")], tmp_path)
    qtbot.addWidget(answer)
    answer.by_justification.setChecked(True)
    qtbot.mouseClick(answer.sign_button, Qt.MouseButton.LeftButton)
    assert answer.written is None and answer.error.text()  # keeping the score needs a justification
    answer.by_amendment.setChecked(True)
    qtbot.mouseClick(answer.sign_button, Qt.MouseButton.LeftButton)
    assert answer.written is not None
    request = recheck.read_request(ask.written.read_bytes(), bundle_id=opened.bundle_id, application_id=ZZ07, panel=[m.fingerprint for m in opened.manifest.panel], file="r")
    read = recheck.read_answer(answer.written.read_bytes(), request, "a")
    assert (read.answer, read.revision, read.score_sha256) == ("amendment", 2, amended.score_sha256)


def test_a_recheck_answered_by_a_signed_justification_reaches_the_group_opinion(qtbot, app_context, world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    """Two laptops: the leader asks 吴佩珊 about D1; her app shows the request, she keeps her score
    with a written justification (signed); the leader imports the answer, the panel view shows its
    state, and the draft and its PDF record the justification."""
    from reviewer_app.panel import opinion as opinions
    from reviewer_app.panel import opinion_pdf
    from reviewer_app.export.sheet_check import page_text
    from test_panel_flow_gui import laptop, wait_import
    from test_panel_import import leader_keys
    from ui.panel.panel_view import PanelView

    opened = opened_bundle(world_dir, ZZ07)
    leader, wu = demo_signer(world_dir, "chen-zhiyuan"), demo_signer(world_dir, "wu-peishan")
    _, leader_store = laptop(tmp_path / "leader", leader, opened)
    view = PanelView(opened, leader_keys(world_dir), leader.fingerprint, app_context.jobs, unlocked=leader.unlocked, store=leader_store)
    qtbot.addWidget(view)
    wait_import(qtbot, view, sorted((world_dir / "packages").glob(f"{ZZ07}-*.rvs")))
    stick = tmp_path / "stick"
    stick.mkdir()
    ask = view.ask_recheck(wu.fingerprint, stick)
    d1 = next(i for i in range(ask.criteria.count()) if ask.criteria.item(i).text().startswith("D1 "))
    ask.criteria.item(d1).setCheckState(Qt.CheckState.Checked)
    ask.question.setPlainText("D1 评分与其他成员差异较大，请说明依据。")
    qtbot.mouseClick(ask.sign_button, Qt.MouseButton.LeftButton)
    assert ask.written is not None

    # 吴佩珊's laptop: the request shows on the application; she keeps her score in writing.
    from reviewer_app.services.bundles import import_bundle

    import_bundle(app_context.store, app_context.data_dir, opened, wu.unlocked)
    member = PanelView(opened, [wu.unlocked.age_identity], wu.fingerprint, app_context.jobs, unlocked=wu.unlocked, store=app_context.store)
    qtbot.addWidget(member)
    answer = member.answer_recheck(ask.written, stick)
    assert member.recheck_banner.rows and answer.by_justification.isChecked() and not answer.by_amendment.isEnabled()
    answer.justification.setPlainText("本人已核对研发中心场地证明，维持原评分。")
    qtbot.mouseClick(answer.sign_button, Qt.MouseButton.LeftButton)
    assert answer.written is not None and not member.recheck_banner.rows
    assert rechecks.outstanding(app_context.store, opened) == []

    # The leader imports the answer: its state, then the draft and its PDF record it.
    assert view.import_answer(answer.written), view.status.text()
    assert view.rechecks.item(0, 4).text() == "已以说明答复（维持评分）：本人已核对研发中心场地证明，维持原评分。"
    view.rulings["V5"][0].setCurrentIndex(view.rulings["V5"][0].findData("dismissed"))
    view.rulings["V5"][1].setText("答辩中补充了专职人员名单。")
    draft = view.open_draft()
    assert "吴佩珊" in draft.recheck_note.text()
    draft.freeze(stick)
    opinion = opinions.read_draft(draft.written.read_bytes())
    (record,) = opinion["rechecks"]
    assert (record["member"], record["criteria"], record["answer"], record["detail"], record["revision"]) == (wu.fingerprint, ["D1"], "justification", "本人已核对研发中心场地证明，维持原评分。", None)
    text = "".join(page_text(opinion_pdf.render(opinion, opinions.sha256(draft.written.read_bytes()), [])).split())
    assert "吴佩珊—指标D1：D1评分与其他成员差异较大，请说明依据。答复：书面说明，维持原分。本人已核对研发中心场地证明，维持原评分。" in text
