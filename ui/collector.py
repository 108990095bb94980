"""Python's cyclic garbage collector runs on whichever thread happens to allocate. A cycle that
holds a Qt object's wrapper (a lambda connected to a widget's signal, say) can then be freed on a
worker thread, and shiboken releases the wrapper there while the GUI thread touches the same
bookkeeping: the app crashed now and then in the event loop while a worker imported or queried
(tests/test_workspace_responsiveness.py, 1 run in 3-5). So automatic collection is off and the
GUI thread collects on a timer, by the same rules Python itself uses.

A full collection walks every object the process holds and stops the window meanwhile (100-280
ms over the ~280,000 objects of a long run, measured with gc.callbacks). So the modules imported
ahead of need, which live as long as the process, are frozen out of collections once imported
(`freeze_long_lived`), and a full collection runs only when the objects that survived into the
oldest generation since the last one reach a quarter of it, as CPython does.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 200  # how late a due collection may come; memory in unreachable cycles waits that long
FULL_COLLECTION_GROWTH = 0.25  # CPython's own rule (long_lived_pending > long_lived_total / 4)

_collector: _GuiThreadCollector | None = None


class _GuiThreadCollector(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.oldest_after_full = len(gc.get_objects(2))
        self.moves_counted, self.grown = -1, False  # the last count of the oldest generation
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
    if thresholds[2] and counts[2] > thresholds[2] and _oldest_generation_grew():
        gc.collect(2)
        _reset_oldest_generation_count()
        return
    for generation in (1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return


def _oldest_generation_grew() -> bool:
    """Counting the oldest generation lists it (a few ms for a large one): done again only after
    a young collection has moved objects into it since the last count."""
    if _collector is None:
        return True
    moves = gc.get_count()[2]
    if moves != _collector.moves_counted:
        _collector.moves_counted = moves
        _collector.grown = len(gc.get_objects(2)) - _collector.oldest_after_full > _collector.oldest_after_full * FULL_COLLECTION_GROWTH
    return _collector.grown


def freeze_long_lived() -> None:
    """Leave everything alive now out of every later collection (gc.freeze): call once the
    process's long-lived objects (imported modules, classes, functions) exist. Objects frozen
    are still freed by reference counting; only cycles among them would stay."""
    gc.freeze()
    _reset_oldest_generation_count()


def _reset_oldest_generation_count() -> None:
    if _collector is not None:
        _collector.oldest_after_full = len(gc.get_objects(2))
        _collector.moves_counted, _collector.grown = -1, False
