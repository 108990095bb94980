"""Nothing lost on site either: the inspection page is killed with SIGKILL at random moments
while results are clicked, notes and observations typed and discrepancies ticked; after each
kill the database holds every edit acknowledged before it (plus, at most, the one in flight).

Run as a script, this file is the driver (a real InspectionPage driven by synthesized input):

    python tests/test_inspection_kill.py DATA_DIR BUNDLE_ID BUNDLE_KEY_FILE EXPERT_FIELD SEED

Protocol on stdout, as tests/kill_driver.py: READY, DO <n> <kind> <item> <value>, ACK <n>.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
from pathlib import Path

KILLS = 6


def drive() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kill_harness import open_driver_bundle, say
    from reviewer_app.services.evidence import EvidenceStore
    from reviewer_app.store.inspections import InspectionRepository
    from reviewer_app.settings import Settings
    from ui.jobs import JobRunner
    from ui.workspace.inspection import InspectionFiles, InspectionPage
    from ui.workspace.session import WorkspaceModel

    app = QApplication(sys.argv[:1])
    data_dir, store, opened, expert_field, rng = open_driver_bundle(sys.argv[1:6])
    session = WorkspaceModel(opened, store.reviews, expert_field, InspectionRepository(store.engine))
    recipient = (data_dir.identity / "age-recipient.txt").read_text().strip()
    inspection = InspectionFiles(session, EvidenceStore(data_dir.evidence, recipient), JobRunner())
    page = InspectionPage(inspection, Settings(data_dir.root / "settings.json"))
    page.resize(1200, 800)
    page.show()
    counter = {"n": 0}
    session.saved.connect(lambda _when: say(f"ACK {counter['n']}"))
    say("READY")
    panel = page.item_panel
    items = session.spec.checklist.items
    while True:
        item = rng.choice(items)
        page.select("item", item.id)
        app.processEvents()
        entry = session.inspection.result(item.id)
        roll = rng.random()
        if roll < 0.3:
            result = rng.choice(item.results)
            if entry.result == result:
                continue
            counter["n"] += 1
            say(f"DO {counter['n']} result {item.id} {result}")
            QTest.mouseClick(panel.result_buttons[result], Qt.MouseButton.LeftButton)
        elif roll < 0.4:
            counter["n"] += 1
            say(f"DO {counter['n']} discrepancy {item.id} {int(not entry.discrepancy)}")
            panel.discrepancy.click()
        else:
            kind, edit = ("note", panel.note) if roll < 0.7 else ("observed", panel.observed)
            edit.setFocus()
            edit.moveCursor(edit.textCursor().MoveOperation.End)
            for char in rng.choice(["ok ", "gap ", "seen ", "p3 "]):
                counter["n"] += 1
                current = getattr(session.inspection.result(item.id), kind)
                say(f"DO {counter['n']} {kind} {item.id} {current + char}")
                QTest.keyClick(edit, char)
        app.processEvents()


def database_values(path: Path, bundle_id: str) -> dict[tuple[str, str], str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT item_id, result, note, observed, discrepancy FROM checklist_result "
                                  "WHERE bundle_id = ?", (bundle_id,)).fetchall()
    finally:
        connection.close()
    values = {}
    for item, result, note, observed, discrepancy in rows:
        for kind, value in (("result", result), ("note", note), ("observed", observed)):
            if value:
                values[(kind, item)] = value
        if discrepancy:
            values[("discrepancy", item)] = "1"
    return values


if __name__ == "__main__":
    drive()
else:
    import pytest

    from kill_harness import EditLedger, prepare, run_and_kill
    from reviewer_app.store.database import open_store

    @pytest.mark.slow
    def test_sigkill_on_site_loses_no_acknowledged_edit(demo_context, tmp_path) -> None:
        bundle_id, key_file, field, database = prepare(demo_context, tmp_path)
        rng = random.Random(20250601)
        ledger = EditLedger(absent="0")  # a discrepancy box unticked leaves no value
        for run in range(KILLS):
            args = [str(demo_context.data_dir.root), bundle_id, str(key_file), field, str(run)]
            lines = run_and_kill(Path(__file__), args, kill_after=rng.uniform(0.05, 0.8))
            ledger.check(run, lines, database_values(database, bundle_id))
        assert ledger.acknowledged > KILLS, "the driver must have made real edits between kills"
        store = open_store(database)
        try:
            from reviewer_app.store.inspections import InspectionRepository

            assert InspectionRepository(store.engine).load(bundle_id).results
        finally:
            store.close()
