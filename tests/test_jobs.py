"""Background jobs: results, progress and failures reach the GUI thread; cancel works."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QThread

from reviewer_app.errors import QT_TRANSLATE_NOOP, Cancelled, UserFacingError
from ui.jobs import JobContext, JobRunner


@pytest.fixture
def runner(qapp):
    jobs = JobRunner()
    yield jobs
    assert jobs.wait_for_all(10_000)


def test_result_and_progress_arrive_on_the_gui_thread(qtbot, runner) -> None:
    seen_threads: list[QThread] = []
    progress: list[tuple[int, int]] = []

    def work(context: JobContext, n: int) -> int:
        seen_threads.append(QThread.currentThread())
        for i in range(n):
            context.progress(i + 1, n)
        return n * 2

    job = runner.start(work, 5)
    job.progressed.connect(lambda done, total: progress.append((done, total)))
    results: list[object] = []
    job.succeeded.connect(lambda value: results.append((value, QThread.currentThread())))
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert seen_threads[0] is not qapp_thread()
    assert results == [(10, qapp_thread())]
    assert progress[-1] == (5, 5)


def qapp_thread() -> QThread:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().thread()


def test_large_progress_values_are_not_truncated(qtbot, runner) -> None:
    job = runner.start(lambda context: context.progress(3 * 2**30, 4 * 2**30))
    with qtbot.waitSignal(job.progressed, timeout=5000) as signal:
        pass
    assert signal.args == [3 * 2**30, 4 * 2**30]


def test_cancel_stops_the_work(qtbot, runner) -> None:
    started = threading.Event()

    def work(context: JobContext) -> None:
        started.set()
        while not context.cancelled():
            threading.Event().wait(0.01)
        raise Cancelled

    job = runner.start(work)
    assert started.wait(5)
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        job.cancel()


def test_user_facing_error_becomes_a_translated_sentence(qtbot, runner, app_context) -> None:
    def work(_context: JobContext) -> None:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The passphrase is wrong."))

    job = runner.start(work)
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        pass
    assert failed.args == ["口令不正确。"]


def test_unexpected_error_is_logged_and_reported_without_a_traceback(qtbot, runner, caplog) -> None:
    def work(_context: JobContext) -> None:
        raise ZeroDivisionError("boom")

    job = runner.start(work)
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(job.failed, timeout=5000) as failed:
        pass
    assert "Traceback" not in failed.args[0] and "ZeroDivisionError" not in failed.args[0]
    assert any(record.exc_info and record.exc_info[0] is ZeroDivisionError for record in caplog.records)


def test_translatable_parameters_are_translated_too(app_context) -> None:
    from PySide6.QtCore import QCoreApplication

    from reviewer_app.errors import Term

    error = UserFacingError(QT_TRANSLATE_NOOP("Errors", "The {name} declaration is empty."),
                            name=Term(QT_TRANSLATE_NOOP("Errors", "confidentiality")))
    assert error.message() == "The confidentiality declaration is empty."
    assert "confidentiality" not in error.message(QCoreApplication.translate)


def test_the_job_its_work_its_arguments_and_its_result_are_released_on_the_gui_thread(qtbot, runner) -> None:
    """A worker never drops the last reference to them: shiboken frees a Qt object's wrapper on
    the thread that drops it, which raced the GUI thread's own frees (a crash under load)."""
    import gc
    import time
    import weakref

    released: dict[str, str] = {}

    class Tracked:
        def __init__(self, name: str) -> None:
            weakref.finalize(self, lambda: released.setdefault(name, threading.current_thread().name))

    def work(_context: JobContext, _argument: Tracked, *, option: Tracked) -> Tracked:
        time.sleep(0.05)  # the GUI side lets go of everything while the worker still runs
        return Tracked("result")

    for outcome in ("succeeded", "failed"):
        released.clear()
        job = runner.start(work if outcome == "succeeded" else _fails, Tracked("argument"), option=Tracked("option"))
        weakref.finalize(job, lambda: released.setdefault("job", threading.current_thread().name))
        with qtbot.waitSignal(job.finished, timeout=5000):
            pass
        del job
        assert runner.wait_for_all(5000)
        qtbot.wait(50)
        gc.collect()
        main = threading.main_thread().name
        expected = {"argument", "option", "job"} | ({"result"} if outcome == "succeeded" else set())
        assert released == dict.fromkeys(expected, main), outcome


def _fails(_context: JobContext, _argument: object, *, option: object) -> None:
    raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The passphrase is wrong."))


def test_garbage_is_collected_on_the_gui_thread_only(qtbot, runner) -> None:
    """A cycle holding a Qt object, left behind while a worker allocates: freed by the GUI
    thread's timer, never by the worker (ui/collector.py)."""
    import gc
    import weakref

    from PySide6.QtCore import QObject

    assert not gc.isenabled()
    freed_on: list[str] = []

    def leave_a_cycle() -> None:
        holder = QObject()
        cycle: dict = {"holder": holder}
        cycle["self"] = cycle
        weakref.finalize(holder, lambda: freed_on.append(threading.current_thread().name))

    def allocate(_context: JobContext) -> list:
        return [[i] for i in range(20_000)]  # kept: far beyond the first generation's threshold

    leave_a_cycle()
    job = runner.start(allocate)
    kept: list = []
    job.succeeded.connect(kept.append)  # net allocations count, so the result stays
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: freed_on != [], timeout=5_000)
    assert freed_on == [threading.main_thread().name]


def test_a_full_collection_waits_until_the_oldest_generation_grew_by_a_quarter(runner) -> None:
    """A full collection walks every object and stops the window meanwhile; as in CPython, it
    runs only once the objects that reached the oldest generation since the last one make a
    quarter of it (ui/collector.py). Young collections go on meanwhile."""
    import gc
    import weakref

    from ui import collector
    from ui.collector import collect_if_due

    freed: list[str] = []
    gc.collect()
    collector._reset_oldest_generation_count()  # as after the collector's own full collection

    def old_garbage() -> None:
        cycle: dict = {"marker": _Marker()}
        cycle["self"] = cycle
        weakref.finalize(cycle["marker"], lambda: freed.append("old cycle"))
        holder = [cycle]
        gc.collect(1)  # survives, reachable: now in the oldest generation
        holder.clear()  # garbage only a full collection finds

    def make_full_collection_due_by_count() -> None:
        for _ in range(gc.get_threshold()[2] + 1):
            gc.collect(1)

    old_garbage()
    make_full_collection_due_by_count()
    collect_if_due()
    assert freed == []  # a few survivors: no full collection yet

    survivors = [[i] for i in range(len(gc.get_objects(2)) // 3)]
    make_full_collection_due_by_count()  # the survivors move to the oldest generation
    collect_if_due()
    assert freed == ["old cycle"]
    del survivors


class _Marker:
    pass
