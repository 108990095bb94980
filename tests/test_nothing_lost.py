"""Nothing lost: the workspace is killed with SIGKILL at random moments (50 times); after each
kill the database holds every edit acknowledged before it (plus, at most, the one in flight)."""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyrage
import pytest

from reviewer_app.review.state import ConflictAnswer
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


def read_lines_until_killed(process: subprocess.Popen, kill_after: float) -> list[str]:
    """Collect the driver's lines; SIGKILL it `kill_after` seconds after READY."""
    lines: list[str] = []
    buffer = b""
    deadline = None
    fd = process.stdout.fileno()
    while True:
        timeout = 60.0 if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            raise AssertionError(f"the driver stopped by itself: {process.stderr.read().decode()[-2000:]}")
        buffer += chunk
        *complete, buffer = buffer.split(b"\n")
        lines += [line.decode() for line in complete]
        if deadline is None and "READY" in lines:
            deadline = time.monotonic() + kill_after
    assert deadline is not None, "the driver never became ready"
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    # Lines already written before the kill still count: the edit was acknowledged.
    rest = process.stdout.read()
    lines += [line.decode() for line in (buffer + rest).split(b"\n") if line]
    return lines


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_edit(demo_context, tmp_path) -> None:
    entry = demo_context.store.library_entries()[0]
    demo_context.store.reviews.declare(entry.bundle_id, ConflictAnswer.NONE, "", True)
    record = demo_context.store.bundle(entry.bundle_id)
    key_file = tmp_path / "bundle.key"
    key_file.write_text(pyrage.decrypt(record.bundle_key_age, [demo_context.unlocked.age_identity]).decode())
    field = demo_context.unlocked.profile.field
    demo_context.store.close()
    database = demo_context.data_dir.database
    rng = random.Random(20261126)
    expected: dict[tuple[str, str], str] = {}
    acknowledged_total = 0
    for run in range(KILLS):
        with subprocess.Popen(
            [sys.executable, str(DRIVER), str(demo_context.data_dir.root), entry.bundle_id, str(key_file), field,
             str(run)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        ) as process:
            lines = read_lines_until_killed(process, kill_after=rng.uniform(0.02, 0.8))
        intents: dict[int, tuple[tuple[str, str], str]] = {}
        acked: list[int] = []
        for line in lines:
            if line.startswith("DO "):
                _, number, kind, criterion, value = line.split(" ", 4)
                intents[int(number)] = ((kind, criterion), value)
            elif line.startswith("ACK "):
                acked.append(int(line.split()[1]))
        for number in sorted(set(acked)):
            key, value = intents[number]
            expected[key] = value
        acknowledged_total += len(set(acked))
        in_flight = intents.get(max(intents) if intents else -1)
        actual = database_values(database, entry.bundle_id)
        for key, value in expected.items():
            if actual.get(key) != value and in_flight and in_flight[0] == key and actual.get(key) == in_flight[1]:
                expected[key] = in_flight[1]  # the write in flight made it to disk before the kill: fine
            assert actual.get(key) == expected[key], f"run {run}: {key} lost: {actual.get(key)!r} != {expected[key]!r}"
        unexpected = set(actual) - set(expected)
        assert not unexpected - ({in_flight[0]} if in_flight else set()), f"run {run}: unknown edits {unexpected}"
        for key in unexpected:
            expected[key] = actual[key]
    assert acknowledged_total > KILLS, "the driver must have made real edits between kills"
    # The database is sound after all that.
    store = open_store(database)
    try:
        assert store.reviews.load(entry.bundle_id).scores
    finally:
        store.close()
