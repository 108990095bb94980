"""Listing the library with the standard library's sqlite3, without SQLAlchemy.

The store lists on its own connection with it; start-up lists read-only before the store (and
SQLAlchemy, a few hundred milliseconds to import) is opened, so the rows are on screen at once
(ui/app.py). Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import datetime
from pathlib import Path

from reviewer_app.library import LibraryEntry, ReviewStatus
from reviewer_app.store.migrations import LATEST_VERSION
from reviewer_app.timestamps import in_offset

# Most recently used first (SQLite sorts NULL last in a descending order: never opened at the end).
LIBRARY_QUERY = (
    "SELECT bundle_id, application_name, applicant, stage, deadline, deadline_offset_minutes, status, "
    "criteria_scored, criteria_total, file_name FROM bundle ORDER BY last_opened_at DESC, imported_at DESC"
)


def library_entries(connection: sqlite3.Connection) -> list[LibraryEntry]:
    """Every imported bundle, most recently used first, from a connection to a current schema."""
    return [_entry(*row) for row in connection.execute(LIBRARY_QUERY)]


def read_library(database: Path) -> list[LibraryEntry] | None:
    """The library read without the store, or None when only the store may answer: no database
    yet, a schema that is not exactly the current one (migrations pending, or a newer app's data),
    or a file SQLite cannot read. Read-only: it never creates, migrates or locks anything for long."""
    if not database.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)) as connection:
            if connection.execute("PRAGMA user_version").fetchone()[0] != LATEST_VERSION:
                return None
            return library_entries(connection)
    except (sqlite3.Error, ValueError):
        return None  # the store opens it and says plainly what is wrong


def _entry(bundle_id: str, name: str, applicant: str, stage: str, deadline: str | None, offset_minutes: int | None,
           status: str, scored: int, total: int, file_name: str) -> LibraryEntry:
    return LibraryEntry(bundle_id, name, applicant, stage, _stored_moment(deadline, offset_minutes), ReviewStatus(status),
                        scored, total, file_name)


def _stored_moment(text: str | None, offset_minutes: int | None) -> datetime | None:
    """A moment as SQLAlchemy keeps it on SQLite ('2099-12-31 15:59:59.000000'), in the bundle's zone."""
    return in_offset(None if text is None else datetime.fromisoformat(text), offset_minutes)
