"""Subprocess for the nothing-lost test: the real workspace on a real data dir, edited by
synthesized key presses as fast as possible until the parent test kills it with SIGKILL.

Protocol on stdout, one line each, flushed:
    READY
    DO <n> <kind> <criterion> <value>     about to make edit n (value: a score or the full comment)
    ACK <n>                               edit n is durable (the workspace said "saved")

    python tests/kill_driver.py DATA_DIR BUNDLE_ID BUNDLE_KEY_FILE EXPERT_FIELD SEED
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kill_harness import open_driver_bundle, say  # noqa: E402
from reviewer_app import rubric  # noqa: E402
from reviewer_app.settings import Settings  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.i18n import Translations  # noqa: E402
from ui.jobs import JobRunner  # noqa: E402
from reviewer_app.services.evidence import EvidenceStore  # noqa: E402
from ui.workspace.inspection import InspectionFiles  # noqa: E402
from ui.workspace.session import WorkspaceModel  # noqa: E402
from ui.workspace.workspace import Workspace  # noqa: E402


def main() -> None:
    app = QApplication(sys.argv[:1])
    data_dir, store, opened, expert_field, rng = open_driver_bundle(sys.argv[1:6])
    session = WorkspaceModel(opened, store.reviews, expert_field, store.inspections)
    context = AppContext(data_dir, Settings(data_dir.settings), Translations(app), JobRunner(), store)
    expert_recipient = (data_dir.identity / "age-recipient.txt").read_text().strip()
    evidence = EvidenceStore(data_dir.evidence, expert_recipient, None)
    workspace = Workspace(session, context, InspectionFiles(session, evidence, context.jobs))
    workspace.resize(1200, 800)
    workspace.show()
    workspace.tabs.setCurrentWidget(workspace.scoring)
    counter = {"n": 0}
    session.saved.connect(lambda _when: say(f"ACK {counter['n']}"))
    say("READY")
    panel = workspace.scoring.criterion_panel
    criteria = session.my_criteria
    while True:
        criterion = rng.choice(criteria)
        workspace.scoring.select("criterion", criterion.id)
        app.processEvents()
        if rng.random() < 0.5:
            value = rng.randrange(0, int(criterion.maximum / criterion.step) + 1) * criterion.step
            if session.state.score(criterion.id).value == value:
                continue
            counter["n"] += 1
            say(f"DO {counter['n']} score {criterion.id} {rubric.format_score(value)}")
            panel.score.setFocus()
            panel.score.selectAll()
            QTest.keyClicks(panel.score, rubric.format_score(value))
            QTest.keyClick(panel.score, Qt.Key.Key_Return)
        else:
            panel.comment.setFocus()
            panel.comment.moveCursor(panel.comment.textCursor().MoveOperation.End)
            for char in rng.choice(["ok ", "good ", "weak ", "see p3 "]):
                counter["n"] += 1
                say(f"DO {counter['n']} comment {criterion.id} {session.state.score(criterion.id).comment + char}")
                QTest.keyClick(panel.comment, char)
        app.processEvents()


if __name__ == "__main__":
    main()
