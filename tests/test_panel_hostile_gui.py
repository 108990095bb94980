"""Issue 17 through the panel tab, with files the other tests do not give it: a frozen draft of
another application (nothing of it shows, before or after one's own signature), a draft made by
hand with a field missing, a draft that does not count the member's latest signed revision, the
leader assembling a draft that a newer imported revision has overtaken, and a re-check answer
signed by a member the request was not addressed to. One sentence each; nothing written, nothing
kept."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from package_fixtures import demo_review, demo_signer, fill_review, opened_bundle, package_of, world_dir  # noqa: F401 - fixture
from reviewer_app.org.demo_scores import signature_png
from reviewer_app.panel import opinion as opinions
from reviewer_app.services import rechecks
from reviewer_app.services import signing as revisions
from reviewer_app.services.bundles import import_bundle
from test_group_opinion import ZZ03, ZZ07, draft_for
from test_group_opinion_hostile import answer_by
from test_panel_flow_gui import all_text, wait_import
from test_panel_import import leader_keys
from ui.panel.panel_view import PanelView


def member_view(qtbot, app_context, world: Path, application_id: str, expert_id: str) -> PanelView:  # noqa: ANN001
    opened = opened_bundle(world, application_id)
    signer = demo_signer(world, expert_id)
    import_bundle(app_context.store, app_context.data_dir, opened, signer.unlocked)
    view = PanelView(opened, leader_keys(world), signer.fingerprint, app_context.jobs, unlocked=signer.unlocked, store=app_context.store)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    return view


def sign_own_sheet(app_context, world: Path, application_id: str, expert_id: str) -> None:  # noqa: ANN001
    opened = opened_bundle(world, application_id)
    fill_review(app_context.store, opened.bundle_id, demo_review(world, application_id, expert_id).state)
    revisions.sign_revision(app_context.store, app_context.data_dir, opened, demo_signer(world, expert_id).unlocked, signature_png(expert_id))


def test_a_draft_of_another_application_shows_nothing_and_is_refused(qtbot, app_context, world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    """吴佩珊 has not signed her sheet for GZ-2025-ZZ-03; the ZZ-07 draft given to her ZZ-03 tab
    would show that panel's score and conclusion: refused before anything of it shows, and still
    refused once she has signed her ZZ-03 sheet."""
    view = member_view(qtbot, app_context, world_dir, ZZ03, "wu-peishan")
    other = tmp_path / f"{ZZ07}{opinions.DRAFT_SUFFIX}"
    other.write_bytes(draft_for(world_dir, ZZ07))
    sentence = f"专家组意见 {other.name} 属于其他项目（{ZZ07}），请打开该项目后再签署或汇总。"
    assert view.sign_opinion(other) is None and view.status.text() == sentence
    score = opinions.read_draft(other.read_bytes())["scores"]["score"]
    assert f"{score:g}" not in all_text(view) and "修改完善后推荐" not in all_text(view)
    sign_own_sheet(app_context, world_dir, ZZ03, "wu-peishan")
    assert view.may_see_scores()
    assert view.sign_opinion(other) is None and view.status.text() == sentence
    assert not list(tmp_path.glob(f"*{opinions.SIGNATURE_SUFFIX}"))


def test_a_draft_made_by_hand_with_a_field_missing_is_refused_as_damaged(qtbot, app_context, world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    view = member_view(qtbot, app_context, world_dir, ZZ03, "wu-peishan")
    sign_own_sheet(app_context, world_dir, ZZ03, "wu-peishan")
    opinion = json.loads(draft_for(world_dir, ZZ03))
    for broken in ({k: v for k, v in opinion.items() if k != "application"}, {**opinion, "scores": {**opinion["scores"], "score": "九十"}},
                   {**opinion, "vetoes": [{"id": "V1", "title": "x", "raised_by": [], "ruling": "maybe", "reason": "x"}]}):
        path = tmp_path / f"{ZZ03}{opinions.DRAFT_SUFFIX}"
        path.write_bytes(opinions.dumps(broken))  # canonical, as freeze writes it: only its content is wrong
        assert view.sign_opinion(path) is None
        assert view.status.text() == f"文件 {path.name} 已损坏，或不是专家组意见文件。", view.status.text()


def test_a_member_is_not_asked_to_sign_a_draft_that_leaves_out_her_latest_revision(qtbot, app_context, world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    """林晓梅 signed revision 1 and then an amendment, revision 2; the leader's draft still counts a
    revision 1: signing it would only be refused by the organization later."""
    view = member_view(qtbot, app_context, world_dir, ZZ07, "lin-xiaomei")
    sign_own_sheet(app_context, world_dir, ZZ07, "lin-xiaomei")
    opened = opened_bundle(world_dir, ZZ07)
    revisions.start_amendment(app_context.store, opened.bundle_id, "复核 D2")
    revisions.sign_revision(app_context.store, app_context.data_dir, opened, demo_signer(world_dir, "lin-xiaomei").unlocked, signature_png("lin"))
    lin = demo_signer(world_dir, "lin-xiaomei").fingerprint
    stale = tmp_path / f"{ZZ07}{opinions.DRAFT_SUFFIX}"
    stale.write_bytes(draft_for(world_dir, ZZ07, revision_of={lin: 1}))
    assert view.sign_opinion(stale) is None
    assert view.status.text() == f"专家组意见 {stale.name} 未计入林晓梅最新签署的评分表（第 2 版）；请组长用该评分包重新起草。", view.status.text()
    assert not list(tmp_path.glob(f"*{opinions.SIGNATURE_SUFFIX}"))


def test_the_leader_cannot_assemble_a_draft_overtaken_by_a_newer_revision(qtbot, app_context, world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    """The draft was frozen on 林晓梅's revision 1; her revision 2 was imported since. The members'
    signatures all hold, yet the assembly is refused and nothing is written."""
    from test_group_opinion import sign_all

    leader = demo_signer(world_dir, "chen-zhiyuan")
    opened = opened_bundle(world_dir, ZZ07)
    import_bundle(app_context.store, app_context.data_dir, opened, leader.unlocked)
    view = PanelView(opened, leader_keys(world_dir), leader.fingerprint, app_context.jobs, unlocked=leader.unlocked, store=app_context.store)
    qtbot.addWidget(view)
    wait_import(qtbot, view, sorted((world_dir / "packages").glob(f"{ZZ07}-*.rvs")))
    lin = demo_signer(world_dir, "lin-xiaomei").fingerprint
    stick = tmp_path / "stick"
    stick.mkdir()
    draft = stick / f"{ZZ07}{opinions.DRAFT_SUFFIX}"
    draft.write_bytes(draft_for(world_dir, ZZ07, revision_of={lin: 1}))
    for name, data in sign_all(world_dir, draft.read_bytes()):
        (stick / name).write_bytes(data)
    signatures = sorted(stick.glob(f"*{opinions.SIGNATURE_SUFFIX}"))
    assert view.assemble(draft, signatures, stick) is None
    assert view.status.text() == f"专家组意见 {draft.name} 未计入林晓梅最新签署的评分表（第 2 版）；请组长用该评分包重新起草。"
    assert not list(stick.glob(f"*{opinions.FINAL_SUFFIX}"))
    current = stick / "current" / draft.name
    current.parent.mkdir()
    current.write_bytes(draft_for(world_dir, ZZ07))
    files = []
    for name, data in sign_all(world_dir, current.read_bytes()):
        (current.parent / name).write_bytes(data)
        files.append(current.parent / name)
    assert view.assemble(current, files, current.parent) is not None, view.status.text()


def test_an_answer_signed_by_a_member_the_request_was_not_addressed_to_is_refused(qtbot, app_context, world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    from reviewer_app.panel import recheck

    leader = demo_signer(world_dir, "chen-zhiyuan")
    opened = opened_bundle(world_dir, ZZ07)
    import_bundle(app_context.store, app_context.data_dir, opened, leader.unlocked)
    view = PanelView(opened, leader_keys(world_dir), leader.fingerprint, app_context.jobs, unlocked=leader.unlocked, store=app_context.store)
    qtbot.addWidget(view)
    wait_import(qtbot, view, [package_of(world_dir, ZZ07, "chen-zhiyuan")])
    lin = demo_signer(world_dir, "lin-xiaomei")
    ask = view.ask_recheck(lin.fingerprint, tmp_path)
    ask.question.setPlainText("请复核 D2。")
    ask.criteria.item(0).setCheckState(Qt.CheckState.Checked)
    ask.sign()
    assert ask.written is not None
    (request,) = [r.request for r in rechecks.sent(app_context.store, opened)]
    forged = tmp_path / "wu.recheck-answer"
    forged.write_bytes(answer_by(world_dir, request, "wu-peishan"))
    assert not view.import_answer(forged)
    assert view.status.text() == f"文件 {forged.name} 的签署人不是该复核请求所发给的专家组成员。"
    assert [r.answer for r in rechecks.sent(app_context.store, opened)] == [None]  # still outstanding, nothing kept
    assert "尚未答复" in view.rechecks.item(0, 4).text()
    genuine = tmp_path / "lin.recheck-answer"
    genuine.write_bytes(answer_by(world_dir, request, "lin-xiaomei"))
    assert view.import_answer(genuine) and rechecks.sent(app_context.store, opened)[0].answer.answer == recheck.JUSTIFICATION


def test_opinion_files_given_to_the_panel_tab_go_where_they_belong(qtbot, app_context, world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    """A frozen draft dropped on the tab opens its signing dialog; a signature file or a finished
    opinion is not a package: each says where it goes instead of "damaged"."""
    from test_group_opinion import final_of
    from test_panel_flow_gui import drop
    from ui import main_window
    from ui.panel.cosign import CosignDialog
    from ui.panel.panel_view import OPINION_SUFFIXES, PANEL_SUFFIXES

    assert set(PANEL_SUFFIXES + OPINION_SUFFIXES) == set(main_window.PANEL_SUFFIXES)  # the window sends them all to the tab
    view = member_view(qtbot, app_context, world_dir, ZZ03, "wu-peishan")
    wait_import(qtbot, view, [package_of(world_dir, ZZ03, "wu-peishan")])  # her signed sheet, the one the draft counts
    draft = tmp_path / f"{ZZ03}{opinions.DRAFT_SUFFIX}"
    draft.write_bytes(draft_for(world_dir, ZZ03))
    drop(view, [draft])
    (dialog,) = view.findChildren(CosignDialog)
    assert dialog.isVisible() and view.job is None and view.refused.count() == 0
    dialog.reject()
    signature = next((world_dir / "opinions" / "work").glob(f"{ZZ03}-*{opinions.SIGNATURE_SUFFIX}"))
    drop(view, [signature, final_of(world_dir, ZZ03)])
    assert [view.refused.item(i).text() for i in range(view.refused.count())] == [
        f"{signature.name}: 这是成员对专家组意见的签署文件：组长用“汇编成稿…”把定稿和全部签署文件汇编成正式文件。",
        f"{final_of(world_dir, ZZ03).name}: 这是已完成的专家组意见：由组织单位用 reviewer-org verify 核验，无需导入。",
    ]
    assert view.job is None  # nothing was taken for a package


def test_a_recheck_request_naming_a_criterion_the_rubric_does_not_have_is_refused(qtbot, app_context, world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    """Signed by the named leader for this application, but about "Z9": refused, nothing kept or shown."""
    import datetime as dt

    from reviewer_app.panel import recheck

    opened = opened_bundle(world_dir, ZZ07)
    leader, lin = demo_signer(world_dir, "chen-zhiyuan"), demo_signer(world_dir, "lin-xiaomei")
    view = member_view(qtbot, app_context, world_dir, ZZ07, "lin-xiaomei")
    path = tmp_path / f"{ZZ07}{recheck.REQUEST_SUFFIX}"
    path.write_bytes(recheck.make_request(
        bundle_id=opened.bundle_id, application_id=ZZ07, panel=[m.fingerprint for m in opened.manifest.panel], criteria=["D2", "Z9"], member=lin.fingerprint,
        question="请复核。", certificate=leader.certificate, private_key=leader.private_key, now=dt.datetime.now().astimezone()))  # fmt: skip
    assert not view.receive_request(path)
    assert view.status.text() == f"复核请求 {path.name} 所列指标不在本项目的评分细则中。"
    assert rechecks.received(app_context.store, opened) == [] and not view.recheck_banner.rows


def test_the_leaders_own_amendment_signed_after_freezing_stops_the_assembly(qtbot, app_context, world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    """陈志远 froze the draft on his revision 1, then signed a revision 2 on his own laptop (not
    imported into the tab): the draft no longer rests on his latest sheet; his signature is not
    made and the assembly is refused."""
    from test_group_opinion import sign_all

    opened = opened_bundle(world_dir, ZZ07)
    leader = demo_signer(world_dir, "chen-zhiyuan")
    view = member_view(qtbot, app_context, world_dir, ZZ07, "chen-zhiyuan")
    wait_import(qtbot, view, sorted((world_dir / "packages").glob(f"{ZZ07}-*.rvs")))
    draft = tmp_path / f"{ZZ07}{opinions.DRAFT_SUFFIX}"
    draft.write_bytes(draft_for(world_dir, ZZ07))
    files = []
    for name, data in sign_all(world_dir, draft.read_bytes()):
        (tmp_path / name).write_bytes(data)
        files.append(tmp_path / name)
    sign_own_sheet(app_context, world_dir, ZZ07, "chen-zhiyuan")  # revision 1 on this laptop
    revisions.start_amendment(app_context.store, opened.bundle_id, "答辩后调整")
    revisions.sign_revision(app_context.store, app_context.data_dir, opened, leader.unlocked, signature_png("chen"))  # revision 2
    sentence = f"专家组意见 {draft.name} 未计入陈志远最新签署的评分表（第 2 版）；请组长用该评分包重新起草。"
    assert view.sign_opinion(draft) is None and view.status.text() == sentence
    assert view.assemble(draft, files, tmp_path) is None and view.status.text() == sentence
    assert not list(tmp_path.glob(f"*{opinions.FINAL_SUFFIX}"))
