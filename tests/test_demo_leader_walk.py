"""The built-in demo walks the leader's flow alone (issue 17), through the real GUI: 陈志远, named
leader of GZ-2025-ZZ-07 at sealing, signs his own sheet onto the demo's stick, imports the
panel's packages from it, sees the table, rules on the raised veto, drafts and freezes, signs,
lets the other members sign (demo only), assembles — and `reviewer-org verify` accepts the result.
Another member cannot act as leader of that application."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from reviewer_app import keys
from reviewer_app.demo_setup import STICK_DIR, WORLD_DIR, demo_world_for
from reviewer_app.org.cli import main
from reviewer_app.org.demo import LEADER_NAMED_AT_SEAL
from reviewer_app.panel import opinion as opinions
from reviewer_app.panel import recheck
from test_signing_gui import complete_review, draw_signature, passphrase_of, sign
from test_workspace_gui import open_window
from ui.panel.cosign import CosignDialog
from ui.panel.panel_view import PanelView
from ui.screen_fit import install_screen_fit

APPLICATION = LEADER_NAMED_AT_SEAL[0]


@pytest.fixture(autouse=True)
def screen_fit(qapp):
    fit = install_screen_fit(qapp)
    yield
    qapp.removeEventFilter(fit)


def open_application(qtbot, window, application_id: str):
    model = window.home.model
    row = next(r for r in range(model.rowCount()) if model.entry(r).file_name.startswith(application_id))
    window.home.table.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(window.home.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=60_000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window.workspace


def test_the_demo_leader_walks_the_whole_panel_flow_alone(qtbot, demo_context, monkeypatch, capsys, screenshot_folder: Path) -> None:  # noqa: ANN001
    world = demo_context.data_dir.root / WORLD_DIR
    stick = world / STICK_DIR
    own = demo_context.unlocked.fingerprint
    given = sorted(p.name for p in stick.iterdir())
    assert len([n for n in given if n.endswith(".rvs")]) == 7  # six members, 林晓梅 twice (her amendment)
    assert not [n for n in given if keys.fingerprint_hex(own)[:8] in n], "his own package is his to sign"
    answers = [stick / n for n in given if n.endswith(recheck.ANSWER_SUFFIX)]
    assert len(answers) == 1 and not [n for n in given if n.endswith(recheck.REQUEST_SUFFIX)]  # his request is kept as sent

    window = open_window(qtbot, demo_context)
    workspace = open_application(qtbot, window, APPLICATION)
    bundle_id = workspace.session.bundle_id
    complete_review(demo_context, bundle_id, workspace.session)
    window.close_workspace()
    workspace = open_application(qtbot, window, APPLICATION)
    # 1. His own sheet, signed onto the stick.
    workspace.tabs.setCurrentWidget(workspace.signing)
    assert workspace.signing.sign_button.isEnabled(), [m.template for m in workspace.session.missing()]
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    draw_signature(workspace)
    sign(qtbot, workspace, passphrase_of(demo_context))
    packages = sorted(stick.glob("*.rvs"))
    assert len(packages) == 8
    # 2. The 专家组 tab: named leader, import from the stick, the table.
    panel = workspace.panel
    workspace.tabs.setCurrentWidget(panel)
    assert "陈志远" in panel.title.text() and panel.demo_signers is not None and panel.demo_signers.isVisible()
    from ui.guide import guide_html

    label = re.sub(r"\(&\w\)|&", "", panel.demo_signers.text())  # the mnemonic dropped, as the guide writes it
    assert label in guide_html("zh_CN")[0] + guide_html("en")[0], "the guide names the button as the app shows it"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in [*packages, *answers]], ""))
    panel.import_button.click()
    qtbot.waitUntil(lambda: panel.job is None and panel.table.isVisible(), timeout=180_000)
    headers = {panel.table.horizontalHeaderItem(i).text() for i in range(panel.table.columnCount())}
    assert {"陈志远", "黄建国", "林晓梅", "何振东"} <= headers
    window.resize(1366, 728)  # a 1366×768 laptop less its taskbar
    qtbot.wait(100)
    assert window.grab().save(str(screenshot_folder / "demo-leader-panel.png"))
    # 3. Draft: the panel dismisses 黄建国's veto V5 with its reason; frozen onto the stick.
    assert panel.rechecks.rowCount() == 1  # 林晓梅's answer by amendment, imported from the stick
    dialog = panel.open_draft()
    assert list(dialog.rulings) == ["V5"] and "林晓梅" in dialog.recheck_note.text()
    dialog.conclusion.setCurrentIndex(dialog.conclusion.findData("recommend-after-revision"))
    dialog.strengths.setPlainText("牵头单位研发投入持续增长。")
    dialog.weaknesses.setPlainText("专职运营团队说明不足。")
    dialog.conditions.setPlainText("补充专职运营团队名单和劳动合同后报组织单位备案。")
    dialog.rulings["V5"][0].setCurrentIndex(dialog.rulings["V5"][0].findData("dismissed"))
    dialog.rulings["V5"][1].setText("答辩中补充了专职人员花名册和劳动合同。")
    dialog.freeze(stick)
    draft = dialog.written
    assert draft == stick / f"{APPLICATION}{opinions.DRAFT_SUFFIX}"
    # 4. His own signature, then the demo's other members sign (黄建国 dissents: his veto was dismissed).
    cosign = panel.sign_opinion(draft)
    assert isinstance(cosign, CosignDialog)
    cosign.sign_button.click()
    assert cosign.written is not None
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(draft), ""))
    panel.demo_signers.click()
    qtbot.waitUntil(lambda: panel.demo_signers.job is None and panel.demo_signers.isEnabled(), timeout=120_000)
    assert "6" in panel.status.text() and "黄建国" in panel.status.text(), panel.status.text()
    signatures = sorted(stick.glob(f"*{opinions.SIGNATURE_SUFFIX}"))
    assert len(signatures) == 7
    # 5. Assemble; the organization's verify accepts it with the packages.
    final = panel.assemble(draft, signatures, stick)
    assert final is not None and final.is_file(), panel.status.text()
    code = main(["verify", str(stick), str(final), "--org", str(world / "org"), "--jobs", "1", "--passphrase-file", str(world / "org" / "PASSPHRASE")])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert f"group opinion on {APPLICATION}, 7 member(s) signed, 1 dissent(s)" in out.out
    verified = dict(opinions.unpack(final.read_bytes(), final.name))
    assert b'"named_at": "seal"' in verified[opinions.OPINION_JSON]
    (recorded,) = opinions.read_draft(verified[opinions.OPINION_JSON])["rechecks"]
    assert recorded["answer"] == "amendment" and recorded["revision"] == 2


def test_another_member_cannot_act_as_leader_and_real_bundles_get_no_demo_button(qtbot, demo_context) -> None:  # noqa: ANN001
    from reviewer_app.bundle import open_bundle
    from reviewer_app.org import demo_content
    from reviewer_app.identity import load_public

    world = demo_context.data_dir.root / WORLD_DIR
    org_cert = keys.load_certificate_file(world / "org" / keys.ORG_CERT_FILE)
    session = (world / "bundles" / "SESSION_PASSPHRASE").read_text(encoding="utf-8").strip()
    imported = demo_context.data_dir.bundles
    opened = next(o for o in (open_bundle(p, [org_cert], session_passphrase=session) for p in sorted(imported.glob("*.rvb"))) if o.application.id == APPLICATION)
    assert demo_world_for(opened) == world
    zhou = load_public(world / "experts" / demo_content.EXPERTS[1].id).fingerprint
    view = PanelView(opened, [], zhou, demo_context.jobs)
    qtbot.addWidget(view)
    assert view.open_draft() is None
    assert "陈志远" in view.status.text() and view.status.text() == view.tr(
        "The organization named {name} leader of this application when it sealed the bundle; only {name} can draft the group opinion or ask for a re-check.").format(name="陈志远")
    # The same bundle outside the demo's data folder: no demo button (no other member's key to sign with).
    outside = open_bundle(world / "bundles" / f"{APPLICATION}.rvb", [org_cert], session_passphrase=session)
    assert demo_world_for(outside) is None
    real = PanelView(outside, [], zhou, demo_context.jobs)
    qtbot.addWidget(real)
    assert real.demo_signers is None
