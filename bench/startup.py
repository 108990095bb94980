"""Start-up benchmark: reviewer-app --exit-when-ready against a bare PySide6 window.

Alternates the two in one run (the machine is noisy). Each is timed from process
spawn until it prints its ready line (window shown, event loop running); process
teardown is not counted. Prints the medians and their ratio. Goal: <= 5x.

    .venv/bin/python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "from PySide6.QtCore import QTimer\n"
    "app = QApplication([])\n"
    "window = QWidget()\n"
    "window.show()\n"
    "QTimer.singleShot(0, lambda: (print('ready', flush=True), app.quit()))\n"
    "app.exec()\n"
)


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawn to the first line on stdout."""
    started = time.perf_counter()
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as process:
        line = process.stdout.readline()
        ready = time.perf_counter() - started
        process.communicate()
    if process.returncode != 0 or not line.startswith(("ready", "ready_ms=")):
        raise SystemExit(f"{command} failed: {line!r}, exit {process.returncode}")
    return ready


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as data_dir:
        app = [sys.executable, "-m", "ui.launcher", "--data-dir", data_dir, "--exit-when-ready"]
        bare = [sys.executable, "-c", BARE_WINDOW]
        timed(app, env), timed(bare, env)  # warm the page cache and bytecode
        app_times, bare_times = [], []
        for _ in range(args.runs):
            app_times.append(timed(app, env))
            bare_times.append(timed(bare, env))
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    print(f"runs={args.runs} platform={env['QT_QPA_PLATFORM']}")
    print(f"bare_window_median_ms={bare_median * 1000:.0f}")
    print(f"reviewer_app_median_ms={app_median * 1000:.0f}")
    print(f"ratio={app_median / bare_median:.2f} (goal <= 5.00)")


if __name__ == "__main__":
    main()
