"""One helper for background work: run a function on the thread pool, get its
progress and result back on the GUI thread through signals, cancel it.

The function receives a `JobContext` as its first argument; it reports with
`context.progress(done, total)` and polls `context.cancelled()` between chunks,
raising reviewer_app.errors.Cancelled to stop.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal

from reviewer_app.errors import Cancelled, UserFacingError
from ui.messages import translated

log = logging.getLogger(__name__)
GIL_SWITCH_INTERVAL = 0.001  # seconds


class JobContext:
    def __init__(self, job: Job) -> None:
        self._job = job

    def progress(self, done: int, total: int) -> None:
        self._job.relay("progressed", (done, total))

    def cancelled(self) -> bool:
        return self._job.cancel_requested.is_set()


class Job(QObject):
    """Handle to one background task. Signals arrive on the GUI thread.

    The worker never emits the public signals itself: it posts to a queued relay
    made when the job is created, and the relay emits from the GUI event loop. So
    the caller can connect after start() without missing an early result.
    """

    progressed = Signal(object, object)  # done, total (byte counts can exceed 32 bits)
    succeeded = Signal(object)
    failed = Signal(str)  # a plain sentence, already translated
    cancelled = Signal()
    finished = Signal()  # just before any of the three outcomes

    _relay = Signal(str, object)

    def __init__(self) -> None:
        super().__init__()
        self.cancel_requested = threading.Event()
        self._relay.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def relay(self, outcome: str, payload: object = None) -> None:
        """Called from the worker thread."""
        self._relay.emit(outcome, payload)

    def _deliver(self, outcome: str, payload: object) -> None:
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


class _Runnable(QRunnable):
    def __init__(self, job: Job, work: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job, self._work, self._args, self._kwargs = job, work, args, kwargs

    def run(self) -> None:
        job = self._job
        try:
            result = self._work(JobContext(job), *self._args, **self._kwargs)
        except Cancelled:
            job.relay("cancelled")
        except UserFacingError as error:
            job.relay("failed", translated(error))
        except Exception:  # noqa: BLE001 - report every failure, never lose it silently
            log.exception("background job failed")
            job.relay(
                "failed",
                QCoreApplication.translate(
                    "Jobs",
                    "Something unexpected went wrong. Your data is safe; "
                    "the details were written to the log file.",
                ),
            )
        else:
            job.relay("succeeded", result)


class JobRunner:
    """Starts jobs on a thread pool and keeps them alive until they finish."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool or QThreadPool.globalInstance()
        # Jobs share the GIL with the GUI thread. Python hands it over every 5 ms by default;
        # with a worker decrypting or importing, the window then waits several such slices per
        # frame. Every millisecond keeps it answering (tests/test_responsiveness.py).
        sys.setswitchinterval(GIL_SWITCH_INTERVAL)
        self._running: set[Job] = set()

    def start(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Job:
        job = Job()
        self._running.add(job)
        job.finished.connect(lambda: self._running.discard(job))
        self._pool.start(_Runnable(job, work, args, kwargs))
        return job

    def wait_for_all(self, msecs: int = 30_000) -> bool:
        """Used at shutdown so no job is cut off half-way."""
        return self._pool.waitForDone(msecs)
