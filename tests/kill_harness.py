"""Shared by the SIGKILL tests: run a driver subprocess, kill it at a random moment, and check
that the database holds every acknowledged edit (plus, at most, the one in flight).

Driver protocol on stdout, one line each, flushed: READY, DO <n> <kind> <target> <value>, ACK <n>.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyrage

from reviewer_app.review.state import ConflictAnswer

Key = tuple[str, str]


def prepare(demo_context, tmp_path: Path) -> tuple[str, Path, str, Path]:
    """Clear the declarations of the first demo bundle and hand the driver what it needs:
    (bundle id, a file with the bundle key, the expert's field, the database path)."""
    entry = demo_context.store.library_entries()[0]
    demo_context.store.reviews.declare(entry.bundle_id, ConflictAnswer.NONE, "", True)
    record = demo_context.store.bundle(entry.bundle_id)
    key_file = tmp_path / "bundle.key"
    key_file.write_text(pyrage.decrypt(record.bundle_key_age, [demo_context.unlocked.age_identity]).decode())
    demo_context.store.close()
    return entry.bundle_id, key_file, demo_context.unlocked.profile.field, demo_context.data_dir.database


def run_and_kill(driver: Path, args: list[str], kill_after: float) -> list[str]:
    """Start the driver, SIGKILL it `kill_after` seconds after READY, return every line it wrote."""
    with subprocess.Popen([sys.executable, str(driver), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}) as process:
        return _read_lines_until_killed(process, kill_after)


def _read_lines_until_killed(process: subprocess.Popen, kill_after: float) -> list[str]:
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
    return lines + [line.decode() for line in (buffer + rest).split(b"\n") if line]


class EditLedger:
    """What the database must hold, from the acknowledged edits of every run so far.

    `absent`: a DO value that means "no row/value" (e.g. an unticked box), or None."""

    def __init__(self, absent: str | None = None) -> None:
        self.absent = absent
        self.expected: dict[Key, str] = {}
        self.acknowledged = 0

    def _set(self, key: Key, value: str) -> None:
        if value == self.absent:
            self.expected.pop(key, None)
        else:
            self.expected[key] = value

    def check(self, run: int, lines: list[str], actual: dict[Key, str]) -> None:
        intents: dict[int, tuple[Key, str]] = {}
        acked: set[int] = set()
        for line in lines:
            if line.startswith("DO "):
                _, number, kind, target, value = line.split(" ", 4)
                intents[int(number)] = ((kind, target), value)
            elif line.startswith("ACK "):
                acked.add(int(line.split()[1]))
        for number in sorted(acked):
            self._set(*intents[number])
        self.acknowledged += len(acked)
        in_flight = intents.get(max(intents)) if intents else None
        for key in set(self.expected) | set(actual):
            if actual.get(key) == self.expected.get(key):
                continue
            flight_value = in_flight[1] if in_flight and in_flight[0] == key else None
            reached_disk = flight_value is not None and actual.get(key, self.absent) == flight_value
            assert reached_disk, f"run {run}: {key} lost: {actual.get(key)!r} != {self.expected.get(key)!r}"
            self._set(key, flight_value)  # the write in flight reached the disk before the kill: fine


def say(line: str) -> None:
    """Driver side: one protocol line, flushed at once (the parent may kill us any moment)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def open_driver_bundle(argv: list[str]):  # noqa: ANN201 - (DataDir, Store, OpenedBundle, field, Random)
    """Driver side: the data dir, store and opened bundle named by DATA_DIR BUNDLE_ID KEY_FILE FIELD SEED."""
    import random

    from reviewer_app import trust
    from reviewer_app.bundle import open_bundle
    from reviewer_app.datadir import DataDir
    from reviewer_app.store.database import open_store

    data_root, bundle_id, key_file, expert_field, seed = argv[:5]
    data_dir = DataDir(Path(data_root))
    store = open_store(data_dir.database)
    record = store.bundle(bundle_id)
    opened = open_bundle(data_dir.root / record.stored_path, trust.pinned_certificates(data_dir.trust),
                         bundle_key=Path(key_file).read_text())
    return data_dir, store, opened, expert_field, random.Random(int(seed))
