"""Python's cyclic garbage collector runs on whichever thread happens to allocate. A cycle that
holds a Qt object's wrapper (a lambda connected to a widget's signal, say) can then be freed on a
worker thread, and shiboken releases the wrapper there while the GUI thread touches the same
bookkeeping: the app crashed now and then in the event loop while a worker imported or queried
(tests/test_workspace_responsiveness.py, 1 run in 3-5). So automatic collection is off and the
GUI thread collects on a timer, by the same per-generation thresholds Python itself uses.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 200  # how late a due collection may come; memory in unreachable cycles waits that long

_collector: _GuiThreadCollector | None = None


class _GuiThreadCollector(QObject):
    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(collect_if_due)
        self._timer.start()


def collect_on_the_gui_thread() -> None:
    """Call once on the GUI thread, before any worker thread starts (idempotent)."""
    global _collector
    if _collector is None:
        gc.disable()
        _collector = _GuiThreadCollector()


def collect_if_due() -> None:
    """The collection Python would have made by now, if any, on the calling (GUI) thread."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return
