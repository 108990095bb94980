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
