"""SQLite failures while the expert works, told as one plain sentence that says what was not saved."""

from __future__ import annotations

import sqlite3
from enum import StrEnum

from sqlalchemy.exc import DBAPIError

from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError

# SQLite primary result codes (https://sqlite.org/rescode.html); extended codes carry them in the low byte.
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 5, 6, 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 13, 14, 26


class StorageProblem(StrEnum):
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    BUSY = "busy"
    IO_ERROR = "io_error"
    DAMAGED = "damaged"
    OTHER = "other"


PROBLEMS = {
    SQLITE_FULL: StorageProblem.DISK_FULL,
    SQLITE_READONLY: StorageProblem.READ_ONLY,
    SQLITE_CANTOPEN: StorageProblem.READ_ONLY,
    SQLITE_BUSY: StorageProblem.BUSY,
    SQLITE_LOCKED: StorageProblem.BUSY,
    SQLITE_IOERR: StorageProblem.IO_ERROR,
    SQLITE_CORRUPT: StorageProblem.DAMAGED,
    SQLITE_NOTADB: StorageProblem.DAMAGED,
}

SENTENCES = {
    StorageProblem.DISK_FULL: QT_TRANSLATE_NOOP(
        "Errors", "Not saved: your change to {what}. The disk is full. Everything before it is saved; "
        "free some space and the change is saved automatically."),
    StorageProblem.READ_ONLY: QT_TRANSLATE_NOOP(
        "Errors", "Not saved: your change to {what}. The data folder cannot be written (read-only). "
        "Everything before it is saved; the app keeps trying."),
    StorageProblem.BUSY: QT_TRANSLATE_NOOP(
        "Errors", "Not saved yet: your change to {what}. Another program is using your data file. "
        "Everything before it is saved; the app keeps trying."),
    StorageProblem.IO_ERROR: QT_TRANSLATE_NOOP(
        "Errors", "Not saved: your change to {what}. The disk reported a read/write error. "
        "Everything before it is saved; the app keeps trying. Check the disk or USB stick."),
    StorageProblem.DAMAGED: QT_TRANSLATE_NOOP(
        "Errors", "Not saved: your change to {what}. The data file is damaged. Everything before it "
        "was saved; do not close the app, and ask for help."),
    StorageProblem.OTHER: QT_TRANSLATE_NOOP(
        "Errors", "Not saved: your change to {what}. The data file refused it ({detail}). "
        "Everything before it is saved; the app keeps trying."),
}


class StorageFailure(UserFacingError):
    """A write that did not happen; `problem` says why, the sentence says what was not saved."""

    def __init__(self, problem: StorageProblem, what: str, detail: str = "") -> None:
        super().__init__(SENTENCES[problem], what=what, detail=detail)
        self.problem = problem


def is_storage_error(error: BaseException) -> bool:
    return isinstance(error, (DBAPIError, sqlite3.Error))


def classify(error: BaseException) -> StorageProblem:
    """Which of the plain problems a SQLite error is (by its result code, not its English text)."""
    original = error.orig if isinstance(error, DBAPIError) else error
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(code, int):
        return PROBLEMS.get(code & 0xFF, StorageProblem.OTHER)
    return StorageProblem.OTHER


def storage_failure(error: BaseException, what: str) -> StorageFailure:
    original = error.orig if isinstance(error, DBAPIError) else error
    return StorageFailure(classify(error), what, str(original))
