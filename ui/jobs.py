"""One helper for background work: run a function on the thread pool, get its
progress and result back on the GUI thread through signals, cancel it.

The function receives a `JobContext` as its first argument; it reports with
`context.progress(done, total)` and polls `context.cancelled()` between chunks,
raising reviewer_app.errors.Cancelled to stop.
"""

from __future__ import annotations

import itertools
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal

from reviewer_app.errors import Cancelled, UserFacingError
from ui.collector import collect_on_the_gui_thread
from ui.messages import translated

log = logging.getLogger(__name__)
GIL_SWITCH_INTERVAL = 0.001  # seconds


class JobContext:
    """What the work function gets: progress reports and the cancel flag, never the Job itself."""

    def __init__(self, number: int, relay: _Relay, cancel_requested: threading.Event) -> None:
        self._number, self._relay, self._cancel_requested = number, relay, cancel_requested

    def progress(self, done: int, total: int) -> None:
        self._relay.posted.emit(self._number, "progressed", [(done, total), None])

    def cancelled(self) -> bool:
        return self._cancel_requested.is_set()


class Job(QObject):
    """Handle to one background task. Signals arrive on the GUI thread, from the event loop, so
    the caller can connect after start() without missing an early result."""

    progressed = Signal(object, object)  # done, total (byte counts can exceed 32 bits)
    succeeded = Signal(object)
    failed = Signal(str)  # a plain sentence, already translated
    cancelled = Signal()
    finished = Signal()  # just before any of the three outcomes

    def __init__(self) -> None:
        super().__init__()
        self.cancel_requested = threading.Event()

    def deliver(self, outcome: str, payload: object) -> None:
        if outcome == "progressed":
            self.progressed.emit(*payload)
            return
        self.finished.emit()  # first, so progress dialogs close before the outcome is shown
        if outcome == "succeeded":
            self.succeeded.emit(payload)
        elif outcome == "failed":
            self.failed.emit(payload)
        elif outcome == "cancelled":
            self.cancelled.emit()

    def cancel(self) -> None:
        self.cancel_requested.set()


class _Relay(QObject):
    """The runner's post box on the GUI thread. Workers post to it by job number and hand back
    the work, its arguments and its result in a list the GUI thread empties: a worker never
    holds a Job and never drops the last reference to a Qt object made on the GUI thread
    (shiboken frees such a wrapper on the dropping thread, racing the GUI thread's own frees:
    a crash in BindingManager::releaseWrapper seen under load)."""

    posted = Signal(int, str, object)  # job number, outcome, [payload, what to release here]

    def __init__(self) -> None:
        super().__init__()
        self.jobs: dict[int, Job] = {}
        self.posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def _deliver(self, number: int, outcome: str, box: list) -> None:
        payload, _released_here = box
        box.clear()
        job = self.jobs.get(number)
        if job is None:
            return
        if outcome != "progressed":
            del self.jobs[number]
        job.deliver(outcome, payload)


class _Runnable(QRunnable):
    def __init__(self, number: int, relay: _Relay, cancel_requested: threading.Event, parts: list) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._number, self._relay, self._cancel_requested, self._parts = number, relay, cancel_requested, parts

    def run(self) -> None:
        parts, self._parts = self._parts, []
        outcome, box = _run_work(parts, JobContext(self._number, self._relay, self._cancel_requested))
        del parts
        self._relay.posted.emit(self._number, outcome, box)


def _run_work(parts: list, context: JobContext) -> tuple[str, list]:
    """Runs the work; returns the outcome and [payload, parts] for the GUI thread to release."""
    work, args, kwargs = parts
    try:
        result = work(context, *args, **kwargs)
    except Cancelled:
        return "cancelled", [None, parts]
    except UserFacingError as error:
        return "failed", [translated(error), parts]
    except Exception:  # noqa: BLE001 - report every failure, never lose it silently
        log.exception("background job failed")
        return "failed", [QCoreApplication.translate(
            "Jobs", "Something unexpected went wrong. Your data is safe; the details were written to the log file."), parts]
    return "succeeded", [result, parts]


class JobRunner:
    """Starts jobs on a thread pool; a job stays alive (on the GUI thread) until it finished."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool or QThreadPool.globalInstance()
        # Jobs share the GIL with the GUI thread. Python hands it over every 5 ms by default;
        # with a worker decrypting or importing, the window then waits several such slices per
        # frame. Every millisecond keeps it answering (tests/test_responsiveness.py).
        sys.setswitchinterval(GIL_SWITCH_INTERVAL)
        collect_on_the_gui_thread()  # before any worker: no Qt wrapper is ever freed on one
        self._relay = _Relay()
        self._numbers = itertools.count(1)

    def start(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Job:
        job = Job()
        number = next(self._numbers)
        self._relay.jobs[number] = job
        self._pool.start(_Runnable(number, self._relay, job.cancel_requested, [work, args, kwargs]))
        return job

    def wait_for_all(self, msecs: int = 30_000) -> bool:
        """Used at shutdown so no job is cut off half-way."""
        return self._pool.waitForDone(msecs)
