"""An uncaught exception is logged with its traceback and explained in a dialog."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from ui.crash import CrashHandler, configure_logging


def test_uncaught_exception_goes_to_log_and_dialog(qtbot, qapp, tmp_path) -> None:
    log_file = configure_logging(tmp_path / "logs")
    handler = CrashHandler(log_file)
    try:
        raise ValueError("score table corrupted in memory")
    except ValueError:
        handler.handle(*sys.exc_info())

    def dialog() -> QMessageBox | None:
        boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "crashDialog" and w.isVisible()]
        return boxes[0] if boxes else None

    qtbot.waitUntil(lambda: dialog() is not None)
    box = dialog()
    assert str(log_file) in box.text()
    assert "ValueError" not in box.text()
    box.close()
    for handler_ in logging.getLogger().handlers:
        handler_.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "score table corrupted in memory" in logged


def test_real_excepthook_is_replaced(qapp, tmp_path) -> None:
    original = sys.excepthook
    try:
        handler = CrashHandler(configure_logging(tmp_path / "logs"))
        handler.install()
        assert sys.excepthook == handler.handle
    finally:
        sys.excepthook = original
