"""Numbered schema migrations.

Each migration is plain SQL run in one transaction together with the bump of
PRAGMA user_version. Never edit a released migration; add a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def _run(*statements: str) -> Callable[[Connection], None]:
    def apply(connection: Connection) -> None:
        for statement in statements:
            connection.exec_driver_sql(statement)

    return apply


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "bundle library",
        _run(
            """
            CREATE TABLE bundle (
                bundle_id TEXT PRIMARY KEY,
                file_name TEXT NOT NULL,
                stored_path TEXT NOT NULL,
                application_name TEXT NOT NULL,
                applicant TEXT NOT NULL,
                stage TEXT NOT NULL DEFAULT '',
                deadline TEXT,
                status TEXT NOT NULL DEFAULT 'not_started',
                criteria_total INTEGER NOT NULL DEFAULT 0,
                criteria_scored INTEGER NOT NULL DEFAULT 0,
                imported_at TEXT NOT NULL
            )
            """,
        ),
    ),
    Migration(
        2,
        "last opened time, bundle digest",
        _run(
            "ALTER TABLE bundle ADD COLUMN last_opened_at TEXT",
            "ALTER TABLE bundle ADD COLUMN sums_sha256 TEXT NOT NULL DEFAULT ''",
        ),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version
