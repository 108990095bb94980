"""Import ahead of need: what opening a bundle and showing its workspace will import.

Those modules (bundle reader, store models, workspace pages, the PDF and signing stack) take
about a second to import on this kind of machine. Imported on the GUI thread when the expert
first opens a bundle, they froze the window for that long; imported here, on a worker while
the expert looks at the library, they are ready when needed. Only the Qt-free core modules
are imported on the worker; the workspace's widget modules follow on the GUI thread, one per
turn of the event loop, because PySide6 creates its classes lazily and that is not safe from
two threads at once.
"""

from __future__ import annotations

import importlib
import sys

from PySide6.QtCore import QTimer

from ui.jobs import JobContext, JobRunner


def _preload(_context: JobContext) -> None:
    from ui.bundle_opening import preload_workspace_modules

    preload_workspace_modules()


def _import_widget_modules_one_by_one() -> None:
    """The workspace's widget modules, on the GUI thread (PySide6 must not create its classes
    from two threads), one per turn of the event loop so no single stall is long."""
    from ui.bundle_opening import WORKSPACE_WIDGET_MODULES

    missing = [name for name in WORKSPACE_WIDGET_MODULES if name not in sys.modules]
    if missing:
        importlib.import_module(missing[0])
        QTimer.singleShot(0, _import_widget_modules_one_by_one)


def start_preloading(jobs: JobRunner) -> None:
    job = jobs.start(_preload)
    job.succeeded.connect(lambda _result: QTimer.singleShot(0, _import_widget_modules_one_by_one))
