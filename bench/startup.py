"""Start-up benchmark: time until reviewer-app is ready, against a bare QMainWindow shown.

    .venv/bin/python bench/startup.py [--runs 11] [--bundles 50] [--built dist/reviewer-app]

"Ready" is what `--exit-when-ready` reports: the store is open and the library lists its rows
(here a library of --bundles imported bundles, made once and cached in bench/out/startup/).
Both are timed from process spawn until their ready line, alternated in one run (the machine
is noisy), with peak RSS and the load average. Goal (issue 16): <= 3x the bare window.
--built times the installed app (`python tools/build_installer.py` makes it) instead of the
development checkout: what an expert's laptop runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import time
from pathlib import Path

import common

BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "from PySide6.QtCore import QTimer\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.show()\n"
    "QTimer.singleShot(0, lambda: (print('ready', flush=True), app.quit()))\n"
    "app.exec()\n"
)


def library(bundles: int) -> Path:
    """A data folder whose library holds `bundles` imported bundles (cached)."""
    folder = common.OUT / "startup" / f"{bundles}-bundles-enrolled"
    if (folder / "ready").exists():
        return folder / "data"
    shutil.rmtree(folder, ignore_errors=True)
    from bundle_fixtures import INSIDE_WINDOW, world, write_source

    from reviewer_app import trust
    from reviewer_app.bundle import open_bundle
    from reviewer_app.datadir import DataDir
    from reviewer_app.services.bundles import import_bundle
    from reviewer_app.store.database import open_store

    w = world()
    source = write_source(folder / "source")
    data_dir = DataDir(folder / "data").create()
    # An expert with 50 bundles has enrolled and trusts the organization: no enrolment wizard.
    shutil.copytree(w.recipient.folder, data_dir.identity, dirs_exist_ok=True)
    trust.pin(data_dir.trust, w.org.certificate)
    store = open_store(data_dir.database)
    for number in range(bundles):
        sealed = w.seal(f"startup-{number}.rvb", source=source, session=None)
        import_bundle(store, data_dir, open_bundle(sealed.path, w.trusted, identity=w.recipient.unlocked, now=INSIDE_WINDOW), w.recipient.unlocked)
        sealed.path.unlink()
    store.close()
    (folder / "ready").touch()
    return folder / "data"


def spawn_to_ready(command: list[str | Path]) -> common.Run:
    """Wall time from spawn to the ready line (teardown not counted) and the process's peak RSS."""
    import os
    import subprocess

    started = time.perf_counter()
    timer = ["/usr/bin/time", "-f", "%M"] if os.path.exists("/usr/bin/time") else []  # see common.run
    process = subprocess.Popen([*timer, *(str(c) for c in command)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=common.child_env(), text=True)
    line = process.stdout.readline()
    ready = time.perf_counter() - started
    _, errors = process.communicate()
    lines = errors.strip().splitlines()
    if process.returncode != 0 or not line.startswith(("ready", "ready_ms=")):
        raise SystemExit(f"{command} failed: {line!r}")
    return common.Run(ready, int(lines[-1]) / 1024 if timer and lines and lines[-1].isdigit() else 0.0, line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--bundles", type=int, default=50)
    parser.add_argument("--built", type=Path, metavar="FOLDER", help="time the built app in FOLDER (e.g. dist/reviewer-app)")
    args = parser.parse_args()
    data = library(args.bundles)
    entry = [args.built / "reviewer-app"] if args.built else [sys.executable, "-m", "ui.launcher"]
    app = [*entry, "--data-dir", data, "--exit-when-ready"]
    bare = [sys.executable, "-c", BARE_WINDOW]
    series = common.alternate({"reviewer-app, library listed": lambda: spawn_to_ready(app), "bare QMainWindow shown": lambda: spawn_to_ready(bare)}, args.runs)
    common.report(f"start-up to a usable library of {args.bundles} bundles{' (built app)' if args.built else ''}", *series.values(), goal=3.0)


if __name__ == "__main__":
    main()
