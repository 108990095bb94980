"""The longest event-loop turn while a workspace is built, shown, and each tab first shown.

    .venv/bin/python bench/workspace_turns.py [--rounds 3]

Three reviews: the built-in demo's first application (declarations to make, 6 materials), a
large one (30 criteria, 20 photos, 50 defense notes: bench/keystroke.py's), and the large one
with 100 photos imported from a folder and not yet placed on an item (their thumbnails shown). In a fresh process
each, with the real application object (its event filters) and the imports ahead of need done,
as when the expert has looked at the library a moment: the main window opens the bundle's
workspace (saved review read on a worker, pages built), shows it, the declarations are made
(demo), then each tab is shown once, 250 ms apart. A 1 ms timer on the GUI thread records each
gap between its ticks: the wall time (what the expert sees) and the GUI thread's CPU time in
it (time.thread_time: what the app itself spent, whatever the machine's load).

Baseline, alternated in the same run: the same workspace built in one turn, as before issue 16
(`Workspace(…)` at once, the application's event filters on). Printed: the largest turn by
step, for each; goal (issue 16): no turn over 50 ms, aim 30 ms.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

import common

CACHE = common.OUT / "workspace_turns"

CHILD = r'''
import importlib, json, shutil, sys, time
from pathlib import Path
sys.path[:0] = [sys.argv[4], sys.argv[5]]  # tests/ and bench/ (the large review's fixtures)
kind, folder, mode = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
from PySide6.QtCore import Qt, QTimer
from ui.app import create_application, register_cjk_font
from ui.i18n import Translations
from ui.jobs import JobRunner
from ui.context import AppContext
from ui.preload import CORE_MODULES_OF_THE_WORKSPACE, WORKSPACE_WIDGET_MODULES
from reviewer_app.datadir import DataDir
from reviewer_app.settings import Settings
from reviewer_app.services.bundles import reopen_bundle
from reviewer_app.store.database import open_store

app = create_application(sys.argv[:1])
register_cjk_font(app)
translations = Translations(app); translations.switch("zh_CN")
now = None
if kind == "demo":
    from reviewer_app import trust
    from reviewer_app.demo_setup import prepare_demo
    data_dir = DataDir(folder / "data")
    store = open_store(data_dir.database)
    expert = prepare_demo(data_dir, store).expert
    bundle_id = store.library_entries()[0].bundle_id
    trusted = trust.pinned_certificates(data_dir.trust)
else:
    import keystroke
    from bundle_fixtures import INSIDE_WINDOW, world
    if kind == "loose photos":
        keystroke.PHOTOS = 100
    data_dir, store, opened, expert = keystroke.prepare(folder)
    bundle_id, trusted, now = opened.bundle_id, world().trusted, INSIDE_WINDOW
    if kind == "loose photos":  # a phone's folder imported, not yet placed on the checklist's items
        store.inspections.assign_many({e.id: None for e in store.inspections.load(bundle_id).evidence})
opened = reopen_bundle(store, data_dir, bundle_id, trusted, expert, now=now)
for name in (*CORE_MODULES_OF_THE_WORKSPACE, *WORKSPACE_WIDGET_MODULES):
    importlib.import_module(name)
import ui.main_window
from ui.main_window import MainWindow
if mode == "at once":  # as before issue 16: one turn, the application's filters on
    import contextlib
    import ui.workspace.workspace as workspace_module
    workspace_module.application_filters_off = contextlib.nullcontext
    def at_once(self, workspace):
        while workspace.build_step():
            pass
        self._building = None
        self._install_workspace(workspace)
    MainWindow._continue_building = at_once
context = AppContext(data_dir, Settings(data_dir.settings), translations, JobRunner())
context.store, context.unlocked = store, expert
window = MainWindow(context)
window.resize(1366, 768)
window.show()
window.attach_store(store)

stage, wall, cpu = ["idle"], {}, {}
last = [time.perf_counter(), time.thread_time()]
def tick():
    now_wall, now_cpu = time.perf_counter(), time.thread_time()
    wall[stage[0]] = max(wall.get(stage[0], 0.0), (now_wall - last[0]) * 1000)
    cpu[stage[0]] = max(cpu.get(stage[0], 0.0), (now_cpu - last[1]) * 1000)
    last[:] = [now_wall, now_cpu]
ticker = QTimer(interval=1)
ticker.setTimerType(Qt.TimerType.PreciseTimer)
ticker.timeout.connect(tick)

def wait_for(condition, then):
    def poll():
        if condition(): then()
        else: QTimer.singleShot(5, poll)
    poll()

def start():
    last[:] = [time.perf_counter(), time.thread_time()]
    ticker.start()
    stage[0] = "workspace built"
    window.show_workspace(opened)
    wait_for(lambda: window.workspace is not None, shown)

def shown():
    stage[0] = "workspace shown"
    workspace = window.workspace
    def declare():
        stage[0] = "declarations made"
        page = workspace.declarations
        for question in page.units:
            question.none.setChecked(True)
        page.no_conflict.setChecked(True); page.pledge.setChecked(True); page.confirm.click()
        QTimer.singleShot(250, lambda: visit(0))  # meanwhile the review's tabs are shown
    if workspace.stack.currentIndex() == 1:
        QTimer.singleShot(250, lambda: visit(0))
    else:
        QTimer.singleShot(250, declare)

def visit(index):
    tabs = window.workspace.tabs
    if index == tabs.count():
        QTimer.singleShot(250, finish)
        return
    stage[0] = f"tab {index + 1} first shown"
    tabs.setCurrentIndex(index)
    QTimer.singleShot(250, lambda: visit(index + 1))

def finish():
    wall.pop("idle", None); cpu.pop("idle", None)
    print(json.dumps({"wall": wall, "cpu": cpu}))
    window.close_workspace()
    app.quit()

QTimer.singleShot(1500, start)
app.exec()
context.jobs.wait_for_all()
store.close()
'''


def prepare_demo_world() -> Path:
    world = CACHE / "demo-world"
    if not (world / "org" / "org-cert.pem").is_file():
        from reviewer_app.org.demo import build_demo_world

        shutil.rmtree(world, ignore_errors=True)
        build_demo_world(world)
    return world


def child(kind: str, mode: str, world: Path) -> common.Run:
    from reviewer_app.datadir import DataDir
    from reviewer_app.demo_setup import WORLD_DIR

    with tempfile.TemporaryDirectory(dir=CACHE) as folder:
        if kind == "demo":
            shutil.copytree(world, DataDir(Path(folder) / "data").create().root / WORLD_DIR)
        run = common.run([sys.executable, "-c", CHILD, kind, folder, mode, common.ROOT / "tests", common.ROOT / "bench"])
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    run.wall = max(figures["wall"].values()) / 1000
    run.stdout = json.dumps(figures)
    return run


def by_step(series: common.Series, measure: str) -> str:
    largest: dict[str, float] = {}
    for run in series.runs:
        for step, ms in json.loads(run.stdout)[measure].items():
            largest[step] = max(largest.get(step, 0.0), ms)
    return "; ".join(f"{step} {ms:.0f}" for step, ms in largest.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    world = prepare_demo_world()
    shapes = (("demo", "the demo's first application"), ("large", "a large review (30 criteria, 20 photos, 50 notes)"),
              ("loose photos", "the large review with 100 photos not yet placed on an item"))
    for kind, title in shapes:
        series = common.alternate({
            "built in parts": lambda kind=kind: child(kind, "in parts", world),
            "built at once (before)": lambda kind=kind: child(kind, "at once", world),
        }, args.rounds)
        parts, at_once = series.values()
        common.report(f"{title}: the longest event-loop turn, opening to every tab shown", parts, at_once, goal=None)
        for measured in (parts, at_once):
            print(f"   {measured.name}, largest turn by step, wall ms: {by_step(measured, 'wall')}")
            print(f"   {measured.name}, GUI thread CPU ms in it: {by_step(measured, 'cpu')}")


if __name__ == "__main__":
    main()
