"""Guards against Qt-binding releases that would crash a long review session (docs/decisions.md)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def test_void_calls_do_not_leak_references_to_none(qapp) -> None:
    tree = QTreeWidget()
    item = QTreeWidgetItem(["criterion", ""])
    tree.addTopLevelItem(item)
    before = sys.getrefcount(None)
    for number in range(2000):
        item.setText(1, str(number))
    assert sys.getrefcount(None) - before > -100, "this PySide6 build drops references to None"
