"""Importing ahead of need never makes PySide6 create classes on a worker thread.

PySide6 creates its classes lazily, on first use; two threads doing that at once crashed the
frozen app in shiboken (a worker imported the workspace's widget modules while the window was
being built). The worker may import only Qt-free core modules; the widget modules follow on
the GUI thread."""

from __future__ import annotations

import os
import subprocess
import sys

from ui.preload import CORE_MODULES_OF_THE_WORKSPACE, WORKSPACE_WIDGET_MODULES

PROBE = r"""
import importlib, sys, threading
real = importlib.import_module
calls = []
def recording(name, *args, **kwargs):
    calls.append((name, threading.current_thread() is threading.main_thread()))
    return real(name, *args, **kwargs)
importlib.import_module = recording
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ui.jobs import JobRunner
from ui.preload import Preloader, WORKSPACE_WIDGET_MODULES
app = QApplication([])
runner = JobRunner()
preloader = Preloader(runner)  # kept, as the main window keeps its own
preloader.start()
def check():
    if preloader.finished:
        app.quit()
timer = QTimer(); timer.timeout.connect(check); timer.start(20)
QTimer.singleShot(120_000, app.quit)
app.exec()
runner.wait_for_all()
for name, on_main in calls:
    print(name, on_main)
import gc
print("frozen", gc.get_freeze_count())
"""


def test_the_worker_imports_only_core_modules_and_the_gui_thread_the_widgets() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=180, check=True)
    *imports, frozen = result.stdout.splitlines()
    calls = [line.rsplit(" ", 1) for line in imports]
    off_main = {name for name, on_main in calls if on_main == "False"}
    on_main = {name for name, on_main in calls if on_main == "True"}
    assert set(CORE_MODULES_OF_THE_WORKSPACE) <= off_main, result.stdout
    # Libraries import some of their parts by name too ('.main', 'reviewer_app.bundle.reader'); none is Qt.
    assert not [name for name in off_main if name.startswith(("ui.", "PySide6", "shiboken6"))], result.stdout
    assert set(WORKSPACE_WIDGET_MODULES) <= on_main, result.stdout
    assert all(name.startswith("reviewer_app.") for name in CORE_MODULES_OF_THE_WORKSPACE)
    # What the imports made lives as long as the process: left out of every later full
    # collection, which would otherwise walk it and stop the window each time (ui/collector.py).
    assert int(frozen.removeprefix("frozen ")) > 50_000, frozen
