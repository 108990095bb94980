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
import subprocess
import sys
from pathlib import Path

KILLS = 6


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def drive() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from reviewer_app import trust
    from reviewer_app.bundle import open_bundle
    from reviewer_app.datadir import DataDir
    from reviewer_app.review.evidence import EvidenceStore
    from reviewer_app.store.database import open_store
    from reviewer_app.store.inspections import InspectionRepository
    from ui.jobs import JobRunner
    from ui.workspace.inspection import InspectionPage, InspectionSession
    from ui.workspace.session import ReviewSession

    data_root, bundle_id, key_file, expert_field, seed = sys.argv[1:6]
    rng = random.Random(int(seed))
    app = QApplication(sys.argv[:1])
    data_dir = DataDir(Path(data_root))
    store = open_store(data_dir.database)
    record = store.bundle(bundle_id)
    opened = open_bundle(data_dir.root / record.stored_path, trust.pinned_certificates(data_dir.trust),
                         bundle_key=Path(key_file).read_text())
    session = ReviewSession(opened, store.reviews, expert_field)
    recipient = (data_dir.identity / "age-recipient.txt").read_text().strip()
    inspection = InspectionSession(session, InspectionRepository(store.engine), EvidenceStore(data_dir.evidence, recipient),
                                   JobRunner())
    page = InspectionPage(session, inspection)
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
        entry = inspection.state.result(item.id)
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
                current = getattr(inspection.state.result(item.id), kind)
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
    import pyrage
    import pytest

    from reviewer_app.review.state import ConflictAnswer
    from reviewer_app.store.database import open_store
    from test_nothing_lost import read_lines_until_killed

    @pytest.mark.slow
    def test_sigkill_on_site_loses_no_acknowledged_edit(demo_context, tmp_path) -> None:
        entry = demo_context.store.library_entries()[0]
        demo_context.store.reviews.declare(entry.bundle_id, ConflictAnswer.NONE, "", True)
        record = demo_context.store.bundle(entry.bundle_id)
        key_file = tmp_path / "bundle.key"
        key_file.write_text(pyrage.decrypt(record.bundle_key_age, [demo_context.unlocked.age_identity]).decode())
        field = demo_context.unlocked.profile.field
        demo_context.store.close()
        database = demo_context.data_dir.database
        rng = random.Random(20250601)
        expected: dict[tuple[str, str], str] = {}
        acknowledged_total = 0
        for run in range(KILLS):
            with subprocess.Popen(
                [sys.executable, __file__, str(demo_context.data_dir.root), entry.bundle_id, str(key_file), field, str(run)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            ) as process:
                lines = read_lines_until_killed(process, kill_after=rng.uniform(0.05, 0.8))
            intents: dict[int, tuple[tuple[str, str], str]] = {}
            acked: set[int] = set()
            for line in lines:
                if line.startswith("DO "):
                    _, number, kind, item, value = line.split(" ", 4)
                    intents[int(number)] = ((kind, item), value)
                elif line.startswith("ACK "):
                    acked.add(int(line.split()[1]))
            for number in sorted(acked):
                key, value = intents[number]
                expected[key] = value
                if value == "0":
                    expected.pop(key)  # a discrepancy unticked
            acknowledged_total += len(acked)
            in_flight = intents.get(max(intents) if intents else -1)
            actual = database_values(database, entry.bundle_id)
            for key in set(expected) | set(actual):
                if actual.get(key) == expected.get(key):
                    continue
                flight_value = None if in_flight is None or in_flight[0] != key else in_flight[1]
                assert flight_value is not None and actual.get(key, "0") == flight_value, (
                    f"run {run}: {key} lost: {actual.get(key)!r} != {expected.get(key)!r}")
                expected[key] = flight_value  # the write in flight reached the disk before the kill: fine
                if flight_value == "0":
                    expected.pop(key)
        assert acknowledged_total > KILLS, "the driver must have made real edits between kills"
        store = open_store(database)
        try:
            from reviewer_app.store.inspections import InspectionRepository

            assert InspectionRepository(store.engine).load(entry.bundle_id).results
        finally:
            store.close()
