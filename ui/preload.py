"""Import ahead of need: what opening a bundle and showing its workspace will import.

Those modules (bundle reader, store models, workspace pages, the PDF and signing stack) take
about a second to import on this kind of machine. Imported on the GUI thread when the expert
first opens a bundle, they froze the window for that long; imported here, on a worker while
the expert looks at the library, they are ready when needed. Only the Qt-free core modules
are imported on the worker; the widget modules follow on the GUI thread, one module per turn
of the event loop (leaves first, so each turn imports one small module), because PySide6
creates its classes lazily and that is not safe from two threads at once.

Opening waits for this (`Preloader.then`) rather than importing on the GUI thread.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ui.collector import freeze_long_lived
from ui.jobs import JobContext, JobRunner

log = logging.getLogger(__name__)

CORE_MODULES_OF_THE_WORKSPACE = (
    "reviewer_app.identity",
    "reviewer_app.trust",
    "reviewer_app.bundle",
    "reviewer_app.services.bundles",
    "reviewer_app.services.carry_over",
    "reviewer_app.services.evidence",
    "reviewer_app.services.signing",
    "reviewer_app.review.state",
    "reviewer_app.review.completeness",
    "reviewer_app.review.inspection_rules",
    "reviewer_app.review.score_entry",
    "reviewer_app.store.reviews",
    "reviewer_app.store.inspections",
    "reviewer_app.store.failures",
    "reviewer_app.panel.packages",
    "reviewer_app.panel.opinion",
    "reviewer_app.org.aggregate",
    "reviewer_app.org.opinion_draft",
    "reviewer_app.panel.recheck",
    "reviewer_app.services.rechecks",
    "reviewer_app.services.panel",
    "reviewer_app.bundle.pdf_pages",
    "reviewer_app.demo_setup",
)
# In dependency order, leaves first: each import on the GUI thread is one small module.
WORKSPACE_WIDGET_MODULES = (
    "ui.passphrase_widgets",
    "ui.bundle_opening",
    "ui.workspace.score_input",
    "ui.workspace.page",
    "ui.workspace.session",
    "ui.workspace.inspection",
    "ui.workspace.declarations",
    "ui.workspace.notes",
    "ui.workspace.opinion",
    "ui.workspace.scoring",
    "ui.pdf_helpers",
    "ui.page_view",
    "ui.materials",
    "ui.signature_pad",
    "ui.sheet_printing",
    "ui.workspace.overview",
    "ui.workspace.signing",
    "ui.workspace.recheck_banner",
    "ui.panel.demo_signers",
    "ui.panel.panel_view",
    "ui.workspace.workspace",
)


def next_turn(action: Callable[[], object]) -> None:
    """Run `action` on a later turn of the event loop, after the input, paint and timer events
    waiting now. A real 1 ms timer, not singleShot(0): Qt posts a zero-delay call as an event,
    and a chain of them is served before any timer (a watcher's tick, a repaint) comes due."""
    QTimer.singleShot(1, action)


def preload_workspace_modules() -> None:
    """Import the Qt-free core modules a workspace needs, on the calling (worker) thread."""
    for name in CORE_MODULES_OF_THE_WORKSPACE:
        importlib.import_module(name)


def _preload(_context: JobContext) -> None:
    preload_workspace_modules()


class Preloader(QObject):
    """Imports ahead of need once, then runs whatever waited for it (on the GUI thread)."""

    done = Signal()
    _finished_queued = Signal()

    def __init__(self, jobs: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._started = False
        self._waiting: list[Callable[[], object]] = []
        self._finished_queued.connect(self._run_waiting, Qt.ConnectionType.QueuedConnection)
        self.finished = all(name in sys.modules for name in (*CORE_MODULES_OF_THE_WORKSPACE, *WORKSPACE_WIDGET_MODULES))

    def start(self) -> None:
        if self._started or self.finished:
            return
        self._started = True
        job = self._jobs.start(_preload)
        job.succeeded.connect(lambda _result: next_turn(self._import_next_widget_module))
        job.failed.connect(lambda _message: self._finish())  # opening imports what it needs itself

    def then(self, action: Callable[[], object]) -> None:
        """Run `action` now if everything is imported, else as soon as it is."""
        if self.finished:
            action()
            return
        # A list, not a single-shot connection: PySide releases a single-shot slot as it is
        # called, and an action that runs a dialog's event loop would run on without it.
        self._waiting.append(action)
        self.start()

    def _import_next_widget_module(self) -> None:
        missing = [name for name in WORKSPACE_WIDGET_MODULES if name not in sys.modules]
        if not missing:
            self._finish()
            return
        try:
            importlib.import_module(missing[0])
        except Exception:  # noqa: BLE001 - a broken installation: opening meets the error and reports it
            log.exception("importing %s ahead of need failed", missing[0])
            self._finish()
            return
        next_turn(self._import_next_widget_module)

    def _finish(self) -> None:
        """Whatever waits runs next (after a failure it imports what it needs itself): from a
        queued slot of this object, not from inside the timer's call, since an action may run a
        dialog's own event loop."""
        self.finished = True
        freeze_long_lived()  # the modules just imported live as long as the process
        self._finished_queued.emit()

    def _run_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()
        self.done.emit()
