"""The first open of a bundle from the library never freezes the window.

The real path in a fresh process (nothing imported ahead by other tests): the app starts as
`reviewer-app` does (library listed read-only, the store opened on a worker after the first
paint), and once the store is open and the imports ahead of need are done the expert presses
Enter on the first bundle, types the passphrase, and the workspace is built and shown; then the declarations are made and every tab
is visited once. A 10 ms QTimer on the GUI thread records the largest gap between its ticks from
the window's first show to the end: the longest the window could not answer. Before issue 16's
work here, this froze for 290-750 ms (workspace modules imported, the store read and every tab
built on the GUI thread in one go).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from test_responsiveness import max_gap_ms

from reviewer_app.demo_setup import WORLD_DIR, demo_expert_id
from reviewer_app.org.demo import PASSPHRASE_FILE

PROBE = r"""
import json, sys, time
from pathlib import Path
from types import SimpleNamespace

started_at = time.perf_counter()
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewer_app.datadir import DataDir
from reviewer_app.store.listing import read_library
from ui.app import after_first_paint, build_context, create_application, register_cjk_font, start_store
from ui.main_window import MainWindow

data_dir, passphrase = DataDir(Path(sys.argv[1])), sys.argv[2]
UNLOCKING = "unlocking the identity"
app = create_application(sys.argv[:1])
register_cjk_font(app)
context = build_context(app, data_dir, SimpleNamespace(lang="zh_CN"))


class GapWatch:
    def __init__(self):
        self.largest, self.where, self.stage, self.by_stage = 0.0, "", "start", {}
        self._last = time.perf_counter()
        self._timer = QTimer(interval=10)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self):
        now = time.perf_counter()
        gap = now - self._last
        self.by_stage[self.stage] = max(self.by_stage.get(self.stage, 0.0), gap * 1000)
        if gap > self.largest:
            self.largest, self.where = gap, self.stage
        self._last = now


window = MainWindow(context)
window.resize(1366, 768)
window.home.set_entries(read_library(data_dir.database))
watch = GapWatch()
window.show()
after_first_paint(window.home.table.viewport(), lambda: start_store(window, demo=False))


def stage(name):
    watch.stage = name


def wait_for(condition, then, timeout=120.0):
    deadline = time.perf_counter() + timeout
    def poll():
        if condition():
            then()
        elif time.perf_counter() > deadline:
            print(json.dumps({"error": f"timed out in stage {watch.stage}"}), flush=True)
            app.exit(1)
        else:
            QTimer.singleShot(5, poll)
    poll()


def open_first_bundle():
    stage("open from the library")
    wait_for(lambda: (QApplication.activeModalWidget() or window).objectName() == "unlockDialog", type_passphrase)
    window.home.table.setCurrentIndex(window.home.model.index(0, 0))
    QTest.keyClick(window.home.table, Qt.Key.Key_Return)  # returns once the passphrase dialog closes


def type_passphrase():
    stage(UNLOCKING)
    dialog = QApplication.activeModalWidget()
    dialog.edit.setText(passphrase)
    QTimer.singleShot(0, dialog.buttons.accepted.emit)
    wait_for(lambda: QApplication.activeModalWidget() is not dialog, checking)


def checking():
    stage("bundle checked, saved review read, workspace built")
    wait_for(lambda: window.workspace is not None, declare)


def declare():
    stage("workspace shown")
    page = window.workspace.declarations
    def confirm():
        stage("declarations made")
        for question in page.units:  # each unit the application lists: no relation
            question.none.setChecked(True)
        page.no_conflict.setChecked(True)
        page.pledge.setChecked(True)
        page.confirm.click()
        wait_for(lambda: window.workspace.stack.currentIndex() == 1, lambda: visit_tab(0))
    QTimer.singleShot(300, confirm)


def visit_tab(index):
    tabs = window.workspace.tabs
    if index == tabs.count():
        QTimer.singleShot(300, finish)
        return
    stage(f"tab {index} shown the first time")
    tabs.setCurrentIndex(index)
    QTimer.singleShot(200, lambda: visit_tab(index + 1))


def finish():
    print(json.dumps({"largest_ms": watch.largest * 1000, "where": watch.where, "by_stage": watch.by_stage}), flush=True)
    window.close_workspace()
    app.quit()


# The expert reads the library a moment: the imports ahead of need finish (an Enter before that
# still imports the rest on the GUI thread, ~40-130 ms here; docs/decisions.md).
window.store_ready.connect(lambda: (stage("imports ahead of need"), wait_for(lambda: window.preloader.finished, open_first_bundle)))
status = app.exec()
context.jobs.wait_for_all()
if context.store is not None:
    context.store.close()
sys.exit(status)
"""


UNLOCKING = "unlocking the identity"


def first_open_gaps(data_root: os.PathLike, passphrase: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROBE, str(data_root), passphrase], capture_output=True, text=True,
                            env=env, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_first_open_of_a_bundle_from_the_library_never_freezes_the_window(demo_context) -> None:
    data_dir = demo_context.data_dir
    passphrase = (data_dir.root / WORLD_DIR / "experts" / demo_expert_id() / PASSPHRASE_FILE).read_text(encoding="utf-8").strip()
    demo_context.store.close()  # the probe is the app now (closing twice at teardown is harmless)
    gaps = first_open_gaps(data_dir.root, passphrase)
    bound = max_gap_ms()
    by_stage = {stage: round(gap) for stage, gap in gaps["by_stage"].items()}
    print(f"\nbound {bound:.0f} ms; largest gap by stage:", json.dumps(by_stage, ensure_ascii=False))
    # Measured on an idle machine (docs/benchmarks.md): opening, building, showing the workspace
    # and first showing each tab 10-26 ms (the GUI thread's own CPU in a turn: at most 24 ms, the
    # declarations saved and the review's tabs shown); unlocking the identity 14-35 ms (its key
    # derivations release the GIL since issue 16's work; OpenSSL's PKCS#12 reader held it
    # 193-764 ms). The bound is the 50 ms, scaled with the load: a tighter one failed
    # now and then on a machine with less to spare.
    # Not counted: what comes before the Enter: the start (the window's first show and paint,
    # the store's imports: bench/startup.py measures start-up) and the imports ahead of need
    # while the library is read. They are printed above.
    counted = {stage: gap for stage, gap in by_stage.items() if stage not in ("start", "imports ahead of need")}
    assert UNLOCKING in counted, "the passphrase was typed and the identity unlocked"
    worst = max(counted, key=counted.__getitem__)
    assert counted[worst] <= bound, f"the window froze {counted[worst]} ms during: {worst} (bound {bound:.0f} ms)"
