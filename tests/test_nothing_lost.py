"""Nothing lost: the workspace is killed with SIGKILL at random moments (50 times); after each
kill the database holds every edit acknowledged before it (plus, at most, the one in flight)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from kill_harness import EditLedger, prepare, run_and_kill
from reviewer_app.store.database import open_store

KILLS = 50
DRIVER = Path(__file__).with_name("kill_driver.py")


def database_values(path: Path, bundle_id: str) -> dict[tuple[str, str], str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT criterion_id, value, comment FROM score WHERE bundle_id = ?", (bundle_id,)).fetchall()
    finally:
        connection.close()
    values = {}
    for criterion, value, comment in rows:
        if value is not None:
            values[("score", criterion)] = f"{value:g}"
        if comment:
            values[("comment", criterion)] = comment
    return values


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_edit(demo_context, tmp_path) -> None:
    bundle_id, key_file, field, database = prepare(demo_context, tmp_path)
    rng = random.Random(20261126)
    ledger = EditLedger()
    for run in range(KILLS):
        args = [str(demo_context.data_dir.root), bundle_id, str(key_file), field, str(run)]
        lines = run_and_kill(DRIVER, args, kill_after=rng.uniform(0.02, 0.8))
        ledger.check(run, lines, database_values(database, bundle_id))
    assert ledger.acknowledged > KILLS, "the driver must have made real edits between kills"
    # The database is sound after all that.
    store = open_store(database)
    try:
        assert store.reviews.load(bundle_id).scores
    finally:
        store.close()
