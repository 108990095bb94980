"""The leader's panel view (issue 17): import one application's packages and see the table.

Setup (not timed, cached in bench/out/panel/): the demo world (`reviewer-org demo`).

Timed, alternating (A B A B …) after a warm-up, in this process (offscreen):
- A, the user's path: a fresh PanelView for GZ-2025-ZZ-07 with the leader's store, the stick's
  folder dropped on it (7 confidential packages + an amended revision), until the table shows
  (age-decrypted with the leader's key, every package checked against the signed panel list as
  `reviewer-org verify` does, kept in the store, aggregated, the tables filled);
- B, the baseline: the same packages through the core checks alone (reviewer_app.panel.packages
  .import_package), no store, no view.
Also: the longest stretch the GUI thread spends filling the view (aggregate + tables), which is
what the leader can feel.

    .venv/bin/python bench/panel_import.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import OUT, ROOT  # noqa: F401 - sets sys.path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

APPLICATION = "GZ-2025-ZZ-07"


def world() -> Path:
    from reviewer_app.org.demo import build_demo_world

    folder = OUT / "panel" / "world"
    if not (folder / "packages").is_dir():
        folder.parent.mkdir(parents=True, exist_ok=True)
        build_demo_world(folder)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from package_fixtures import opened_bundle
    from reviewer_app import identity
    from reviewer_app.datadir import DataDir
    from reviewer_app.org.demo import PASSPHRASE_FILE
    from reviewer_app.panel.packages import import_package
    from reviewer_app.services.bundles import import_bundle
    from reviewer_app.store.database import open_store
    from ui.jobs import JobRunner
    from ui.panel import panel_view

    app = QApplication.instance() or QApplication(sys.argv[:1])
    root = world()
    opened = opened_bundle(root, APPLICATION)
    folder = root / "experts" / "chen-zhiyuan"
    leader = identity.unlock(folder, (folder / PASSPHRASE_FILE).read_text(encoding="utf-8").strip())
    packages = sorted((root / "packages").glob(f"{APPLICATION}-*.rvs"))
    runner = JobRunner()
    fills: list[float] = []
    original = panel_view.PanelView._refresh

    def timed_refresh(self) -> None:  # noqa: ANN001
        started = time.perf_counter()
        original(self)
        fills.append(time.perf_counter() - started)

    panel_view.PanelView._refresh = timed_refresh

    def through_the_view() -> float:
        with tempfile.TemporaryDirectory() as temp:
            data_dir = DataDir(Path(temp) / "leader").create()
            store = open_store(data_dir.database)
            import_bundle(store, data_dir, opened, leader)
            started = time.perf_counter()
            view = panel_view.PanelView(opened, [leader.age_identity], leader.fingerprint, runner, unlocked=leader, store=store)
            view.import_files(packages)
            while view.job is not None or not view.table.rowCount():
                loop = QEventLoop()
                QTimer.singleShot(5, loop.quit)
                loop.exec()
            elapsed = time.perf_counter() - started
            assert view.refused.count() == 0 and view.table.columnCount() == 11
            view.deleteLater()
            store.close()
            return elapsed

    def core_only() -> float:
        started = time.perf_counter()
        for path in packages:
            import_package(path, opened, [leader.age_identity])
        return time.perf_counter() - started

    through_the_view(), core_only()  # warm-up
    fills.clear()
    view_times, core_times = [], []
    for _ in range(rounds):
        view_times.append(through_the_view())
        core_times.append(core_only())
    a, b = statistics.median(view_times), statistics.median(core_times)
    print(f"packages: {len(packages)} ({APPLICATION}), rounds: {rounds}, load average: {os.getloadavg()[0]:.1f}")
    print(f"panel view, drop → table shown: median {a:.2f} s ({min(view_times):.2f}–{max(view_times):.2f})")
    print(f"core checks alone:              median {b:.2f} s ({min(core_times):.2f}–{max(core_times):.2f})")
    print(f"ratio {a / b:.2f}")
    print(f"GUI thread filling the view: median {statistics.median(fills) * 1000:.0f} ms, max {max(fills) * 1000:.0f} ms")
    app.processEvents()


if __name__ == "__main__":
    main()
