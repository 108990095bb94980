"""The panel's day end to end with qtbot and several identities, each on their own "laptop"
(data folder and store): 林晓梅 signs and exports her sheet; the leader 陈志远 imports the panel's
packages, asks her to re-check D2; her workspace shows the request until she answers it by an
amendment (listed from her store); the leader imports the answer and sees its state, rules the
raised veto in the panel view, drafts (the draft takes the rulings and the re-check record) and
freezes; members sign or dissent on their own laptops; the leader assembles, and
`reviewer-org verify` accepts the group opinion. Also: no peeking before one's own signature,
and the hostile re-check inputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from package_fixtures import demo_review, demo_signer, fill_review, opened_bundle, org_passphrase_args, package_of, stranger, world_dir  # noqa: F401 - fixture
from reviewer_app.datadir import DataDir
from reviewer_app.org import demo_content
from reviewer_app.org.demo_scores import signature_png
from reviewer_app.panel import opinion as opinions
from reviewer_app.panel import recheck
from reviewer_app.panel.opinion import OpinionRefused
from reviewer_app.services import rechecks
from reviewer_app.services import signing as revisions
from reviewer_app.services.bundles import import_bundle
from reviewer_app.services.evidence import EvidenceStore
from reviewer_app.store.database import open_store
from test_group_opinion import NOW, sign_all
from test_panel_import import leader_keys
from ui.panel.panel_view import PanelView

ZZ03, ZZ07 = "GZ-2025-ZZ-03", "GZ-2025-ZZ-07"


def drop(widget, paths: list[Path]) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    widget.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def wait_import(qtbot, view: PanelView, paths: list[Path]) -> None:
    view.import_files(paths)
    qtbot.waitUntil(lambda: view.job is None, timeout=180_000)


def laptop(root: Path, signer, opened):  # noqa: ANN001, ANN201 - (DataDir, Store)
    data_dir = DataDir(root).create()
    store = open_store(data_dir.database)
    import_bundle(store, data_dir, opened, signer.unlocked)
    return data_dir, store


def sign_and_export(store, data_dir, opened, signer, usb: Path) -> Path:  # noqa: ANN001
    signed = revisions.sign_revision(store, data_dir, opened, signer.unlocked, signature_png(signer.public.profile.name))
    return revisions.export_package(signed, usb, store=store, opened=opened, expert=signer.unlocked)


def request_from_the_leader(world: Path, opened, member: str, folder: Path) -> Path:  # noqa: ANN001
    """A re-check request to `member` (two criteria), signed with a demo expert's real key: the
    leader the bundle names, else a member other than the demo's own expert."""
    import datetime as dt

    from reviewer_app import identity
    from reviewer_app.demo_setup import demo_expert_id
    from reviewer_app.org.demo import PASSPHRASE_FILE

    fingerprints = {e.id: identity.load_public(world / "experts" / e.id).fingerprint for e in demo_content.EXPERTS}
    asker = next((i for i, fp in fingerprints.items() if fp == opened.manifest.leader), next(e.id for e in demo_content.EXPERTS if e.id != demo_expert_id()))
    source = world / "experts" / asker
    asking, key = identity.unlock_signing_key(source, (source / PASSPHRASE_FILE).read_text(encoding="utf-8").strip())
    path = folder / f"{opened.application.id}{recheck.REQUEST_SUFFIX}"
    path.write_bytes(recheck.make_request(
        bundle_id=opened.bundle_id, application_id=opened.application.id, panel=[m.fingerprint for m in opened.manifest.panel],
        criteria=[c.id for c in opened.spec.rubric.criteria()][:2], member=member, question="请结合答辩补充材料复核这两项评分。",
        certificate=asking.certificate, private_key=key, now=dt.datetime.now().astimezone().replace(microsecond=0)))  # fmt: skip
    return path


def all_text(widget) -> str:  # noqa: ANN001
    """Every text a member could read in the view: labels, table cells and headers."""
    from PySide6.QtWidgets import QLabel, QTableWidget

    texts = [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]
    for table in widget.findChildren(QTableWidget):
        if not table.isVisibleTo(widget):
            continue
        texts += [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount()) if table.item(r, c)]
        texts += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount()) if table.horizontalHeaderItem(c)]
    return "\n".join(texts)


def test_the_panel_day_end_to_end(qtbot, app_context, world_dir: Path, tmp_path: Path, capsys, screenshot_folder: Path) -> None:  # noqa: F811, PLR0915 - one story
    from reviewer_app.org.cli import main
    from ui.workspace.inspection import InspectionFiles
    from ui.workspace.session import WorkspaceModel
    from ui.workspace.workspace import Workspace

    opened = opened_bundle(world_dir, ZZ07)
    leader, lin = demo_signer(world_dir, "chen-zhiyuan"), demo_signer(world_dir, "lin-xiaomei")
    usb = tmp_path / "usb"
    usb.mkdir()

    # 林晓梅's laptop (the test's app context): she scores and signs revision 1.
    app_context.unlocked = lin.unlocked
    lin_store, lin_dir = app_context.store, app_context.data_dir
    import_bundle(lin_store, lin_dir, opened, lin.unlocked)
    state = demo_review(world_dir, ZZ07, "lin-xiaomei").state
    fill_review(lin_store, opened.bundle_id, state)
    first = sign_and_export(lin_store, lin_dir, opened, lin, usb)

    # The leader's laptop: the panel's packages (the others' from the demo, hers from the stick).
    leader_dir, leader_store = laptop(tmp_path / "leader", leader, opened)
    view = PanelView(opened, leader_keys(world_dir), leader.fingerprint, app_context.jobs, unlocked=leader.unlocked, store=leader_store)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    others = [p for p in sorted((world_dir / "packages").glob(f"{ZZ07}-*.rvs")) if "lin" not in p.name and p not in (package_of(world_dir, ZZ07, "lin-xiaomei"), package_of(world_dir, ZZ07, "lin-xiaomei", 2))]
    wait_import(qtbot, view, [*others, first])
    assert view.table.isVisible() and view.refused.count() == 0
    assert {view.table.horizontalHeaderItem(i).text() for i in range(len(demo_content.EXPERTS))} == {e.name for e in demo_content.EXPERTS}

    # He selects her D2 score and asks; the request's state shows as outstanding.
    rows = [view.table.verticalHeaderItem(r).text() for r in range(view.table.rowCount())]
    column = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())].index("林晓梅")
    view.table.setCurrentCell(next(r for r, label in enumerate(rows) if label.startswith("D2 ")), column)
    ask = view.ask_recheck(view._selected_member(), usb)
    assert ask.member == lin.fingerprint and ask.checked() == ["D2"]  # the selected criterion is ticked
    ask.question.setPlainText("D2 评分明显低于其他成员，请结合答辩补充材料复核。")
    qtbot.mouseClick(ask.sign_button, Qt.MouseButton.LeftButton)
    assert ask.written is not None and ask.written.parent == usb
    assert view.rechecks.item(0, 0).text() == "林晓梅" and "待答复" in view.rechecks.item(0, 4).text()
    assert "1 项待答复" in view.details.tabText(2)

    # Her workspace: the request dropped on the 专家组 tab is shown above the tabs until answered.
    session = WorkspaceModel(opened, lin_store.reviews, lin.public.profile.field, lin_store.inspections)
    workspace = Workspace(session, app_context, InspectionFiles(session, EvidenceStore.for_expert(lin_dir, lin.unlocked), app_context.jobs))
    qtbot.addWidget(workspace)
    workspace.resize(1366, 740)
    workspace.show()
    banner = workspace.panel.recheck_banner
    assert not banner.isVisible()
    drop(workspace.panel, [ask.written])
    assert banner.isVisible() and banner.parent() is workspace
    shown = banner.rows[0][0].text()
    assert "陈志远" in shown and "D2" in shown and "请结合答辩补充材料复核" in shown
    assert workspace.grab().save(str(screenshot_folder / "panel-member-recheck-banner.png"))
    # Only revision 1 is signed: answering by amendment is not offered yet.
    dialog = banner.answer(0, usb)
    assert not dialog.by_amendment.isEnabled() and dialog.by_justification.isChecked()
    dialog.reject()
    # She amends D2 (a new signed revision, as the signing tab does) and answers with it.
    revisions.start_amendment(lin_store, opened.bundle_id, "复核 D2：结合答辩补充材料上调评分")
    lin_store.reviews.set_score(opened.bundle_id, "D2", min(state.score("D2").value + 1.0, opened.spec.rubric.criterion("D2").maximum))
    second = sign_and_export(lin_store, lin_dir, opened, lin, usb)
    dialog = banner.answer(0, usb)
    assert dialog.by_amendment.isChecked() and dialog.revision.currentData()[0] == 2
    dialog.resize(640, 420)
    assert dialog.grab().save(str(screenshot_folder / "panel-recheck-answer.png"))
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.written is not None and dialog.written.suffix == recheck.ANSWER_SUFFIX
    assert not banner.isVisible() and rechecks.outstanding(lin_store, opened) == []
    # Her own record of it stays in her panel tab (once she may see it: she has signed).
    workspace.tabs.setCurrentWidget(workspace.panel)
    assert workspace.panel.rechecks.item(0, 0).text() == "林晓梅" and "第 2 版" in workspace.panel.rechecks.item(0, 4).text()

    # The leader drops the stick's folder: her revision 2 and the answer (his own request is skipped).
    wait_import(qtbot, view, [usb])
    assert view.refused.count() == 0, [view.refused.item(i).text() for i in range(view.refused.count())]
    assert "第 2 版" in view.rechecks.item(0, 4).text() and "已导入" in view.rechecks.item(0, 4).text()
    assert view.details.tabText(2) == "复核"

    # Veto ruling in the panel view; the draft takes it and the re-check record.
    ruling, reason = view.rulings["V5"]
    ruling.setCurrentIndex(ruling.findData("confirmed"))
    reason.setText("专家组讨论后确认：未提供专职人员名单。")
    draft_dialog = view.open_draft()
    assert draft_dialog.rulings["V5"][0].currentData() == "confirmed" and "林晓梅" in draft_dialog.recheck_note.text()
    draft_dialog.conclusion.setCurrentIndex(draft_dialog.conclusion.findData("not-recommended"))
    draft_dialog.strengths.setPlainText("牵头单位研发投入持续增长。")
    draft_dialog.weaknesses.setPlainText("专职运营团队尚未组建。")
    folder = tmp_path / "opinions"
    folder.mkdir()
    draft_dialog.freeze(folder)
    assert draft_dialog.written is not None, draft_dialog.error.text()
    draft = draft_dialog.written
    opinion = json.loads(draft.read_bytes())
    assert opinion["vetoes"] == [{**opinion["vetoes"][0], "ruling": "confirmed", "reason": "专家组讨论后确认：未提供专职人员名单。"}]
    (record,) = opinion["rechecks"]
    assert (record["member"], record["criteria"], record["answer"], record["revision"]) == (lin.fingerprint, ["D2"], "amendment", 2)
    assert record["detail"] == "复核 D2：结合答辩补充材料上调评分"
    lin_package = next(p for p in opinion["packages"] if p["fingerprint"] == lin.fingerprint)
    assert (lin_package["revision"], lin_package["score_sha256"]) == (2, rechecks.amendments(lin_store, opened.bundle_id)[0].score_sha256)

    # Signing on each laptop: she dissents (refused without a reason), he agrees, the others agree.
    cosign = workspace.panel.sign_opinion(draft)
    cosign.dissent.setChecked(True)
    qtbot.mouseClick(cosign.sign_button, Qt.MouseButton.LeftButton)
    assert cosign.written is None and cosign.error.text()
    cosign.reason.setPlainText("D2 复核后本人认为该项目仍可修改完善后推荐。")
    qtbot.mouseClick(cosign.sign_button, Qt.MouseButton.LeftButton)
    assert cosign.written is not None
    own = view.sign_opinion(draft)
    qtbot.mouseClick(own.sign_button, Qt.MouseButton.LeftButton)
    assert own.written is not None
    for name, data in sign_all(world_dir, draft.read_bytes()):
        if not name.startswith(("lin-xiaomei", "chen-zhiyuan")):
            (folder / name).write_bytes(data)
    final = view.assemble(draft, sorted(folder.glob(f"*{opinions.SIGNATURE_SUFFIX}")), folder)
    assert final is not None, view.status.text()

    # The organization: `reviewer-org verify` over the packages the opinion cites and the opinion.
    checked = tmp_path / "to-verify"
    checked.mkdir()
    for path in [*others, first, second, final]:
        shutil.copy(path, checked / path.name)
    code = main(["verify", str(checked), "--org", str(world_dir / "org"), "--jobs", "1", *org_passphrase_args(world_dir)])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    assert f"group opinion on {ZZ07}, 7 member(s) signed, 1 dissent(s)" in out.out
    workspace.inspection_files.close()


def test_no_peeking_before_ones_own_signature(qtbot, app_context, world_dir: Path) -> None:  # noqa: F811
    """吴佩珊 imports 林晓梅's package before signing her own sheet: nothing of it shows, one
    sentence says why; once she has signed, the same view shows it."""
    opened = opened_bundle(world_dir, ZZ03)  # no leader named: anyone may draft once they may see
    wu = demo_signer(world_dir, "wu-peishan")
    import_bundle(app_context.store, app_context.data_dir, opened, wu.unlocked)
    view = PanelView(opened, leader_keys(world_dir), wu.fingerprint, app_context.jobs, unlocked=wu.unlocked, store=app_context.store)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    lin_package = package_of(world_dir, ZZ03, "lin-xiaomei")
    drop(view, [lin_package])
    qtbot.waitUntil(lambda: view.job is None, timeout=120_000)
    assert view._verified, "the package itself was accepted"
    lin_doc = next(iter(view._verified.values())).document
    assert not view.body.isVisible() and view.waiting.isVisible() and "签署" in view.waiting.text()
    shown = all_text(view)
    assert "林晓梅" not in shown and "小计" not in shown and "K03" not in shown  # not even her inspection
    assert view.open_draft() is None and view.waiting.text() in view.status.text()
    view.table.setCurrentCell(0, 0)
    view._choose_recheck_member()  # no member can be picked from a hidden table
    assert "选中" in view.status.text()
    # She signs her own sheet; the tab shown again shows the panel's table with 林晓梅's scores.
    fill_review(app_context.store, opened.bundle_id, demo_review(world_dir, ZZ03, "wu-peishan").state)
    revisions.sign_revision(app_context.store, app_context.data_dir, opened, wu.unlocked, signature_png("吴佩珊"))
    view.hide()
    view.show()
    assert view.body.isVisible() and not view.waiting.isVisible()
    headers = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())]
    assert headers[0] == "林晓梅"
    a1 = next(c for c in lin_doc.criteria if c.id == "A1")
    assert view.table.item(0, 0).text() == f"{a1.score:g}"


def test_discrepancies_claimed_vs_observed(qtbot, app_context, world_dir: Path) -> None:  # noqa: F811
    """林晓梅 inspected GZ-2025-ZZ-03 on site: her K03 discrepancy shows with the claimed value."""
    opened = opened_bundle(world_dir, ZZ03)
    lin = demo_signer(world_dir, "lin-xiaomei")
    view = PanelView(opened, leader_keys(world_dir), lin.fingerprint, app_context.jobs)
    qtbot.addWidget(view)
    wait_import(qtbot, view, [package_of(world_dir, ZZ03, "lin-xiaomei"), package_of(world_dir, ZZ03, "wu-peishan")])
    table = view.discrepancies
    cells = [table.item(0, c).text() for c in range(table.columnCount())]
    claimed = opened.spec.fact("equipment_value")
    assert cells[0] == "林晓梅" and cells[1].startswith("K03 ") and claimed.value in cells[2] and "3.7 亿元" in cells[3] and cells[4] == "部分符合"
    assert view.details.tabText(1).endswith("（1）")
    assert "周海峰" in view.missing.text() or "回避" in view.missing.text() or "尚未提交" in view.missing.text()


def test_hostile_recheck_inputs_are_refused(qtbot, app_context, world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    """A request for another application, from outside the panel, from a member who is not the
    named leader, changed after signing; an answer to a request never sent; each one sentence."""
    opened, other = opened_bundle(world_dir, ZZ07), opened_bundle(world_dir, ZZ03)
    leader, lin, wu = (demo_signer(world_dir, e) for e in ("chen-zhiyuan", "lin-xiaomei", "wu-peishan"))
    panel = [m.fingerprint for m in opened.manifest.panel]
    import_bundle(app_context.store, app_context.data_dir, opened, lin.unlocked)
    view = PanelView(opened, [], lin.fingerprint, app_context.jobs, unlocked=lin.unlocked, store=app_context.store)
    qtbot.addWidget(view)

    def request(signer, bundle=opened, member=lin.fingerprint) -> bytes:  # noqa: ANN001
        return recheck.make_request(bundle_id=bundle.bundle_id, application_id=bundle.application.id, panel=[m.fingerprint for m in bundle.manifest.panel],
                                    criteria=["D2"], member=member, question="请复核。", certificate=signer.certificate, private_key=signer.private_key, now=NOW)  # fmt: skip

    def refused(name: str, data: bytes) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        assert not view.receive_request(path)
        return view.status.text()

    assert "其他项目" in refused("other.recheck", request(leader, other))
    outsider = stranger()
    members = dict(recheck.unpack(request(leader), "r"))
    content = json.loads(members[recheck.REQUEST_JSON])
    forged = recheck.pack([(recheck.REQUEST_JSON, recheck.dumps({**content, "leader": outsider.fingerprint})), (recheck.REQUEST_JSON + ".p7s", members[recheck.REQUEST_JSON + ".p7s"])])
    assert "不是由其所列的专家组成员签署" in refused("forged.recheck", forged)
    changed = recheck.pack([(recheck.REQUEST_JSON, recheck.dumps({**content, "criteria": ["D1", "D2"]})), (recheck.REQUEST_JSON + ".p7s", members[recheck.REQUEST_JSON + ".p7s"])])
    assert "签名无效" in refused("changed.recheck", changed)
    with pytest.raises(OpinionRefused):  # nobody outside the panel can even make one
        recheck.make_request(bundle_id=opened.bundle_id, application_id=ZZ07, panel=panel, criteria=["D2"], member=lin.fingerprint, question="?", certificate=outsider.certificate, private_key=outsider.private_key, now=NOW)
    flipped = bytearray(request(leader))
    flipped[60] ^= 0x01
    assert "损坏" in refused("flipped.recheck", bytes(flipped))
    assert "另一位专家组成员" in refused("for-wu.recheck", request(leader, member=wu.fingerprint))
    # The organization named 陈志远 leader: a request signed by 吴佩珊 is refused, his accepted.
    with pytest.raises(OpinionRefused, match="panel leader"):
        recheck.read_request(request(wu), bundle_id=opened.bundle_id, application_id=ZZ07, panel=panel, file="wu.recheck", named_leader=leader.fingerprint)
    assert recheck.read_request(request(leader), bundle_id=opened.bundle_id, application_id=ZZ07, panel=panel, file="ok.recheck", named_leader=leader.fingerprint).leader == leader.fingerprint
    assert rechecks.outstanding(app_context.store, opened) == []
    # An answer to a request this laptop never sent.
    answer = recheck.make_answer(recheck.read_request(request(leader), bundle_id=opened.bundle_id, application_id=ZZ07, panel=panel, file="r"),
                                 answer=recheck.JUSTIFICATION, justification="评分依据充分。", certificate=lin.certificate, private_key=lin.private_key, now=NOW)  # fmt: skip
    (tmp_path / "stray.recheck-answer").write_bytes(answer)
    assert not view.import_answer(tmp_path / "stray.recheck-answer") and "不是本电脑" in view.status.text()


def test_the_main_window_takes_panel_files_to_the_open_application(qtbot, demo_context, tmp_path: Path) -> None:
    """File › Open panel files… and drag and drop on the window: with no application open, one
    sentence; with one open, the files go to its 专家组 tab and a request shows on the workspace."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from reviewer_app.demo_setup import WORLD_DIR
    from ui.main_window import MainWindow

    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.show()
    window.attach_store(demo_context.store)
    assert window.panel_files_action in window.file_menu.actions() and window.panel_files_action.shortcut().toString() == "Ctrl+Shift+I"
    world = demo_context.data_dir.root / WORLD_DIR
    stray = tmp_path / "x.recheck"
    stray.write_bytes(b"not yet")
    drop(window, [stray])
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == "refusalBox" and w.isVisible())
    assert "请先打开相应项目" in box.text()
    box.close()
    window.opener.open_from_library(demo_context.store.library_entries()[0].bundle_id)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=120_000)
    workspace = window.workspace
    request = request_from_the_leader(world, workspace.session.opened, demo_context.unlocked.fingerprint, tmp_path)
    assert not workspace.panel.recheck_banner.isVisible()
    drop(window, [request])
    assert workspace.tabs.currentWidget() is workspace.panel
    assert workspace.panel.recheck_banner.isVisible() and "请结合答辩补充材料复核这两项评分" in workspace.panel.recheck_banner.rows[0][0].text()
    window.close_workspace()


def test_the_panel_view_keeps_its_packages_and_rulings_across_sessions(qtbot, app_context, world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    """The leader closes the app after importing and ruling: the next session's view checks the
    kept packages again and shows the same table and rulings; nothing kept is in clear."""
    from package_fixtures import plain_of

    opened = opened_bundle(world_dir, ZZ07)
    leader = demo_signer(world_dir, "chen-zhiyuan")
    leader_dir, store = laptop(tmp_path / "leader", leader, opened)
    keys = [*leader_keys(world_dir), leader.unlocked.age_identity]  # his enrolled key, and the one the test's identity keeps with
    plain = tmp_path / "plain-wu.rvs"
    plain.write_bytes(plain_of(world_dir, ZZ07, "wu-peishan"))  # a version-1 style package, not encrypted
    packages = [p for p in sorted((world_dir / "packages").glob(f"{ZZ07}-*.rvs")) if p != package_of(world_dir, ZZ07, "wu-peishan")]
    view = PanelView(opened, keys, leader.fingerprint, app_context.jobs, unlocked=leader.unlocked, store=store)
    qtbot.addWidget(view)
    wait_import(qtbot, view, [*packages, plain])
    ruling, reason = view.rulings["V5"]
    ruling.setCurrentIndex(ruling.findData("dismissed"))
    reason.setText("答辩中补充了专职人员名单。")
    shown = [view.table.item(r, c).text() if view.table.item(r, c) else "" for r in range(view.table.rowCount()) for c in range(view.table.columnCount())]
    kept = store.panel.packages(opened.bundle_id)
    assert len(kept) == len(packages) + 1 and all(data.startswith(b"age-encryption.org/v1") for _, data in kept)
    assert plain.read_bytes()[:2000] not in b"".join(data for _, data in kept)

    again = PanelView(opened, keys, leader.fingerprint, app_context.jobs, unlocked=leader.unlocked, store=store)
    qtbot.addWidget(again)
    assert again.job is not None  # the kept packages are checked again on a worker
    again.import_files([package_of(world_dir, ZZ07, "chen-zhiyuan")])  # given meanwhile: checked next, not dropped
    qtbot.waitUntil(lambda: again.job is None, timeout=180_000)
    assert [again.table.item(r, c).text() if again.table.item(r, c) else "" for r in range(again.table.rowCount()) for c in range(again.table.columnCount())] == shown
    assert again.rulings["V5"][0].currentData() == "dismissed" and again.rulings["V5"][1].text() == "答辩中补充了专职人员名单。"
    assert len(store.panel.packages(opened.bundle_id)) == len(packages) + 1  # the same package twice is kept once


def test_the_leaders_assembly_refuses_hostile_signature_files(qtbot, app_context, world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    """On the leader's laptop (no roster: certificates come from the signatures, pinned by the
    bundle's panel list): a signature by someone outside the panel, one naming a member but made by
    an outsider's key, one replayed from another application, one over a changed draft."""
    from reviewer_app import cms
    from reviewer_app.bundle.strictjson import dumps

    opened = opened_bundle(world_dir, ZZ07)
    leader = demo_signer(world_dir, "chen-zhiyuan")
    import_bundle(app_context.store, app_context.data_dir, opened, leader.unlocked)
    view = PanelView(opened, leader_keys(world_dir), leader.fingerprint, app_context.jobs, unlocked=leader.unlocked, store=app_context.store)
    qtbot.addWidget(view)
    work = world_dir / "opinions" / "work"
    draft = tmp_path / f"{ZZ07}{opinions.DRAFT_SUFFIX}"
    shutil.copy(work / draft.name, draft)
    genuine = sorted(work.glob(f"{ZZ07}-*{opinions.SIGNATURE_SUFFIX}"))
    for path in genuine:
        shutil.copy(path, tmp_path / path.name)
    sound = [tmp_path / p.name for p in genuine]
    assert view.assemble(draft, sound, tmp_path) is not None  # the real exchange assembles

    outsider = stranger()
    statement = dumps({"format": opinions.STATEMENT_FORMAT, "version": 1, "opinion_sha256": opinions.sha256(draft.read_bytes()), "bundle_id": opened.bundle_id,
                       "application_id": ZZ07, "signer": leader.fingerprint, "name": "陈志远", "decision": "agree", "reason": "", "signed_at": "2026-01-01T18:00:00+08:00"})  # fmt: skip

    def refused(name: str, data: bytes, replaces: str) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        files = [p for p in sound if replaces not in p.name] + [path]
        assert view.assemble(draft, files, tmp_path / "none") is None
        return view.status.text()

    naming_him = opinions.pack([(opinions.STATEMENT_JSON, statement), (opinions.STATEMENT_SIGNATURE, cms.sign_detached(statement, outsider.certificate, outsider.private_key))])
    assert "不是由其所列的专家组成员签署" in refused("forged.opinion-sig", naming_him, "chen-zhiyuan")
    own = statement.replace(leader.fingerprint.encode(), outsider.fingerprint.encode())
    by_outsider = opinions.pack([(opinions.STATEMENT_JSON, own), (opinions.STATEMENT_SIGNATURE, cms.sign_detached(own, outsider.certificate, outsider.private_key))])
    assert "不属于该项目专家组" in refused("outsider.opinion-sig", by_outsider, "chen-zhiyuan")
    replayed = (work / f"{ZZ03}-wu-peishan{opinions.SIGNATURE_SUFFIX}").read_bytes()
    assert "其他项目" in refused("replayed.opinion-sig", replayed, "wu-peishan")
    changed = tmp_path / "changed.opinion.json"
    opinion = json.loads(draft.read_bytes())
    changed.write_bytes(opinions.freeze({**opinion, "conclusion": {"id": "recommend", "title": "推荐列入筹建名单"}}))
    assert view.assemble(changed, sound, tmp_path / "none") is None and "另一版本" in view.status.text()
    assert not (tmp_path / "none").exists()


def test_the_recheck_banner_rebuilds_its_rows_without_leaving_any_behind(qtbot, world_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Each refresh replaces the rows whole (one widget a row, owned by the banner). Bare row
    layouts were left behind, emptied, at every refresh, and deleting the banner then crashed
    now and then in shiboken (releaseWrapper; 1 run in 5 of the panel day above)."""
    from ui.workspace.recheck_banner import RecheckBanner

    opened = opened_bundle(world_dir, ZZ07)
    leader, member = opened.manifest.panel[0].fingerprint, opened.manifest.panel[1].fingerprint
    outstanding: list = []

    def request(criterion: str) -> rechecks.Recheck:
        asked = recheck.Request(bundle_id=opened.bundle_id, application_id=ZZ07, leader=leader, member=member, criteria=(criterion,),
                                question=f"请复核 {criterion}", asked_at="2025-12-10T10:00:00+08:00", sha256=criterion * 8)
        return rechecks.Recheck(asked, None, "2025-12-10T10:05:00+08:00")

    monkeypatch.setattr(rechecks, "outstanding", lambda _store, _opened: list(outstanding))
    banner = RecheckBanner(opened, store=object(), unlocked=object())
    qtbot.addWidget(banner)
    for wanted in (["D1", "D2"], ["D2"], ["D1", "D2", "D3"], []):
        outstanding[:] = [request(c) for c in wanted]
        banner.refresh()
        qtbot.wait(1)  # the replaced rows' deferred deletes
        assert banner._layout.count() == len(wanted) + 1  # the rows and the error line, nothing more
        assert [label.text().split("“")[1].rstrip("”") for label, _ in banner.rows] == [f"请复核 {c}" for c in wanted]
    assert not banner.isVisible()
