"""Uncaught exceptions: logged with their traceback to the log file, shown to the
expert as a plain message, never a silent exit."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("reviewer_app.crash")

LOG_FILE_NAME = "reviewer-app.log"
_HANDLER_NAME = "reviewer-app-file"


def configure_logging(logs_dir: Path) -> Path:
    """Log to a rotating file in `logs_dir`, replacing any file handler set up before."""
    logs_dir.mkdir(parents=True, exist_ok=True)
    log_file = logs_dir / LOG_FILE_NAME
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return log_file


def crash_message(log_file: Path) -> str:
    return QCoreApplication.translate(
        "Crash",
        "Something unexpected went wrong. Everything you entered up to now is saved.\n\n"
        "The details were written to:\n{log_file}\n\n"
        "If this happens again, please send that file to the review organization.",
    ).format(log_file=log_file)


class CrashHandler(QObject):
    """Replaces sys.excepthook and threading.excepthook while the GUI runs."""

    _report = Signal()

    def __init__(self, log_file: Path) -> None:
        super().__init__()
        self.log_file = log_file
        self._dialog: QMessageBox | None = None  # held so Python does not delete a parentless box
        # Queued: the dialog opens from the GUI thread's event loop, whatever thread failed.
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        self._report.emit()

    def _show(self) -> None:
        if self._dialog is not None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("Crash", "Unexpected problem"),
            crash_message(self.log_file),
            parent=QApplication.activeWindow(),
        )
        box.setObjectName("crashDialog")
        box.finished.connect(self._dialog_closed)
        self._dialog = box
        box.open()

    def _dialog_closed(self) -> None:
        if self._dialog is not None:
            self._dialog.deleteLater()
        self._dialog = None
