"""Co-signing the frozen group opinion with several identities, driven with qtbot: one member
agrees, one dissents (a dissent without a reason is refused in the dialog), a non-member cannot
sign; the leader assembles the files and `reviewer-org`'s check accepts the result."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from package_fixtures import demo_signer, stranger, world_dir  # noqa: F401 - fixture
from reviewer_app.org import demo_content, roster
from reviewer_app.panel import opinion as opinions
from test_group_opinion import ZZ03, draft_for, sign_all
from ui.panel.cosign import CosignDialog


def test_members_cosign_in_the_dialog_and_the_leader_assembles(qtbot, app_context, world_dir: Path, tmp_path: Path, screenshot_folder: Path) -> None:  # noqa: F811
    draft = tmp_path / f"{ZZ03}{opinions.DRAFT_SUFFIX}"
    draft.write_bytes(draft_for(world_dir, ZZ03))
    wu, huang = demo_signer(world_dir, "wu-peishan"), demo_signer(world_dir, "huang-jianguo")
    dialog = CosignDialog(draft, wu.unlocked)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.written is not None and dialog.written.is_file()
    dialog = CosignDialog(draft, huang.unlocked)
    qtbot.addWidget(dialog)
    dialog.dissent.setChecked(True)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.written is None and "理由" in dialog.error.text()  # refused in Chinese
    dialog.resize(640, 520)
    assert dialog.grab().save(str(screenshot_folder / "panel-cosign-dissent.png"))
    dialog.reason.insertPlainText("结论过宽，本人持保留意见。")  # as an input method commits it (keyClicks types ASCII only)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.written is not None
    outsider = CosignDialog(draft, stranger().unlocked)
    qtbot.addWidget(outsider)
    qtbot.mouseClick(outsider.sign_button, Qt.MouseButton.LeftButton)
    assert outsider.written is None and outsider.error.text()
    assert sorted(p.name for p in tmp_path.glob(f"*{opinions.SIGNATURE_SUFFIX}")) == sorted(
        f"{ZZ03}-{opinions.member_key(s.fingerprint)}{opinions.SIGNATURE_SUFFIX}" for s in (wu, huang)
    )
    others = sign_all(world_dir, draft.read_bytes(), skip="wu-peishan")
    others = [(n, d) for n, d in others if "huang-jianguo" not in n]
    files = [(p.name, p.read_bytes()) for p in tmp_path.glob(f"*{opinions.SIGNATURE_SUFFIX}")] + others
    certificates = {c.fingerprint: c.certificate for c in roster.all_cards(world_dir / "org")}
    final = opinions.read_final(opinions.assemble(draft.read_bytes(), files, certificates), certificates, "final.rvo")
    assert [s.name for s in final.dissents] == ["黄建国"] and len(final.statements) == len(demo_content.EXPERTS) - 1


def test_the_member_reads_the_rulings_the_rechecks_and_the_drafts_hash_before_signing(qtbot, app_context, world_dir: Path, screenshot_folder: Path) -> None:  # noqa: F811
    """What a member signs is not only the conclusion and the texts: the demo's ZZ-07 draft shows
    the panel's ruling on 黄建国's veto, 林晓梅's re-check answered by her revision 2, and the draft's
    SHA-256 the members can compare aloud."""
    from test_group_opinion import ZZ07, work_of

    path = world_dir / "opinions" / "work" / f"{ZZ07}{opinions.DRAFT_SUFFIX}"
    dialog = CosignDialog(path, demo_signer(world_dir, "lin-xiaomei").unlocked)
    qtbot.addWidget(dialog)
    dialog.resize(700, 560)
    dialog.show()
    text = dialog.summary.text()
    veto = opinions.read_draft(path.read_bytes())["vetoes"][0]
    assert f"否决项裁定：V5 {veto['title']}（黄建国提出）：不予认定 — {veto['reason']}" in text
    assert "复核：林晓梅（指标 D2）：修订评分（第 2 版）" in text and "专家组评分：74.67\n" in text
    assert f"定稿 SHA-256（各成员电脑上应相同）：{opinions.sha256(work_of(world_dir, path.name))}" in text
    assert dialog.sign_button.isVisible() and dialog.sign_button.geometry().bottom() <= dialog.height()
    assert dialog.grab().save(str(screenshot_folder / "panel-cosign.png"))
