"""Numbered schema migrations.

Each migration is plain SQL run in one transaction together with the bump of
PRAGMA user_version. Never edit a released migration; add a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the library list reads LATEST_VERSION at start-up, before SQLAlchemy is imported
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

MIGRATIONS += (
    Migration(
        3,
        "review workspace: declarations, scores, vetoes, defense notes, opinion",
        _run(
            """
            CREATE TABLE review (
                bundle_id TEXT PRIMARY KEY REFERENCES bundle(bundle_id) ON DELETE CASCADE,
                conflict TEXT,
                conflict_reason TEXT NOT NULL DEFAULT '',
                conflict_at TEXT,
                confidentiality_at TEXT,
                opinion TEXT NOT NULL DEFAULT '',
                recommendation TEXT NOT NULL DEFAULT '',
                updated_at TEXT
            )
            """,
            """
            CREATE TABLE score (
                bundle_id TEXT NOT NULL REFERENCES bundle(bundle_id) ON DELETE CASCADE,
                criterion_id TEXT NOT NULL,
                value REAL,
                comment TEXT NOT NULL DEFAULT '',
                updated_at TEXT NOT NULL,
                PRIMARY KEY (bundle_id, criterion_id)
            )
            """,
            """
            CREATE TABLE veto (
                bundle_id TEXT NOT NULL REFERENCES bundle(bundle_id) ON DELETE CASCADE,
                veto_id TEXT NOT NULL,
                raised INTEGER NOT NULL DEFAULT 0,
                reason TEXT NOT NULL DEFAULT '',
                updated_at TEXT NOT NULL,
                PRIMARY KEY (bundle_id, veto_id)
            )
            """,
            """
            CREATE TABLE defense_note (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                bundle_id TEXT NOT NULL REFERENCES bundle(bundle_id) ON DELETE CASCADE,
                asked_at TEXT NOT NULL,
                question TEXT NOT NULL DEFAULT '',
                answer TEXT NOT NULL DEFAULT '',
                criteria_json TEXT NOT NULL DEFAULT '[]',
                updated_at TEXT NOT NULL
            )
            """,
            "ALTER TABLE bundle ADD COLUMN bundle_key_age BLOB",
            "ALTER TABLE bundle ADD COLUMN organization_fingerprint TEXT NOT NULL DEFAULT ''",
        ),
    ),
)

MIGRATIONS += (
    Migration(
        4,
        "on-site inspection: checklist results, evidence, inspection log",
        _run(
            """
            CREATE TABLE inspection (
                bundle_id TEXT PRIMARY KEY REFERENCES bundle(bundle_id) ON DELETE CASCADE,
                started_at TEXT,
                finished_at TEXT,
                inspectors TEXT NOT NULL DEFAULT '',
                site_notes TEXT NOT NULL DEFAULT '',
                updated_at TEXT
            )
            """,
            """
            CREATE TABLE checklist_result (
                bundle_id TEXT NOT NULL REFERENCES bundle(bundle_id) ON DELETE CASCADE,
                item_id TEXT NOT NULL,
                result TEXT,
                note TEXT NOT NULL DEFAULT '',
                observed TEXT NOT NULL DEFAULT '',
                discrepancy INTEGER NOT NULL DEFAULT 0,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (bundle_id, item_id)
            )
            """,
            """
            CREATE TABLE evidence (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                bundle_id TEXT NOT NULL REFERENCES bundle(bundle_id) ON DELETE CASCADE,
                item_id TEXT,
                file_name TEXT NOT NULL,
                media_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                captured_at TEXT,
                gps_json TEXT,
                stored_name TEXT NOT NULL,
                display_name TEXT,
                width INTEGER,
                height INTEGER,
                imported_at TEXT NOT NULL,
                UNIQUE (bundle_id, sha256)
            )
            """,
        ),
    ),
)

MIGRATIONS += (
    Migration(
        5,
        "on-site inspection: item visits (for matching photos to items by capture time)",
        _run(
            """
            CREATE TABLE inspection_visit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                bundle_id TEXT NOT NULL REFERENCES bundle(bundle_id) ON DELETE CASCADE,
                item_id TEXT NOT NULL,
                at TEXT NOT NULL
            )
            """,
            "CREATE INDEX inspection_visit_bundle ON inspection_visit(bundle_id, at)",
        ),
    ),
)

# Signed revisions (issue 7, export): append-only. Keep this migration last; if another lands
# with the same number, renumber this one (nothing released uses it yet).
MIGRATIONS += (
    Migration(
        6,
        "signed revisions: score and recusal packages, amendments, exports",
        _run(
            """
            CREATE TABLE signed_revision (
                bundle_id TEXT NOT NULL REFERENCES bundle(bundle_id) ON DELETE CASCADE,
                revision INTEGER NOT NULL CHECK (revision >= 1),
                kind TEXT NOT NULL CHECK (kind IN ('score', 'recusal')),
                reason TEXT NOT NULL DEFAULT '',
                signed_at TEXT NOT NULL,
                expert_fingerprint TEXT NOT NULL,
                score_sha256 TEXT NOT NULL,
                package_sha256 TEXT NOT NULL,
                package_size INTEGER NOT NULL,
                package_file TEXT NOT NULL,
                file_name TEXT NOT NULL,
                score_json TEXT NOT NULL,
                PRIMARY KEY (bundle_id, revision)
            )
            """,
            """
            CREATE TRIGGER signed_revision_no_update BEFORE UPDATE ON signed_revision
            BEGIN SELECT RAISE(ABORT, 'a signed revision cannot be changed'); END
            """,
            """
            CREATE TRIGGER signed_revision_no_delete BEFORE DELETE ON signed_revision
            WHEN EXISTS (SELECT 1 FROM bundle WHERE bundle_id = OLD.bundle_id)
            BEGIN SELECT RAISE(ABORT, 'a signed revision cannot be deleted'); END
            """,
            """
            CREATE TABLE amendment (
                bundle_id TEXT PRIMARY KEY REFERENCES bundle(bundle_id) ON DELETE CASCADE,
                after_revision INTEGER NOT NULL,
                reason TEXT NOT NULL,
                started_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE package_export (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                bundle_id TEXT NOT NULL,
                revision INTEGER NOT NULL,
                path TEXT NOT NULL,
                exported_at TEXT NOT NULL,
                FOREIGN KEY (bundle_id, revision) REFERENCES signed_revision(bundle_id, revision) ON DELETE CASCADE
            )
            """,
        ),
    ),
)

# A signed review is read-only until an amendment opens it: the database itself refuses edits
# to what a signature covers, whatever code path tries (the workspace also refuses, politely).
LOCKED_TABLES = ("review", "score", "veto", "defense_note", "inspection", "checklist_result", "inspection_visit")
_LOCKED = (
    "EXISTS (SELECT 1 FROM signed_revision WHERE bundle_id = {row}.bundle_id) "
    "AND NOT EXISTS (SELECT 1 FROM amendment WHERE bundle_id = {row}.bundle_id) "
    "AND EXISTS (SELECT 1 FROM bundle WHERE bundle_id = {row}.bundle_id)"
)


def _lock_triggers() -> list[str]:
    statements = []
    for table in LOCKED_TABLES:
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            statements.append(
                f"CREATE TRIGGER {table}_locked_{event.lower()} BEFORE {event} ON {table} "
                f"WHEN {_LOCKED.format(row=row)} "
                "BEGIN SELECT RAISE(ABORT, 'this review is signed; start an amendment to change it'); END"
            )
    return statements


MIGRATIONS += (Migration(7, "signed reviews are read-only until amended", _run(*_lock_triggers())),)

# Every time is shown in the review's own zone (issue 13): the deadline is stored in UTC, so its
# offset as the bundle gave it is kept beside it.
MIGRATIONS += (
    Migration(8, "the deadline's UTC offset as the bundle states it",
              _run("ALTER TABLE bundle ADD COLUMN deadline_offset_minutes INTEGER")),
)

# Re-check (复核) files (issue 17): a request received from the leader is shown on the member's
# application until answered; a request the leader sent is listed in the panel view with its
# answer. The signed files are kept as they are (checked again whenever read).
MIGRATIONS += (
    Migration(
        9,
        "re-check requests received and sent, with their answers",
        _run(
            """
            CREATE TABLE recheck (
                bundle_id TEXT NOT NULL REFERENCES bundle(bundle_id) ON DELETE CASCADE,
                request_sha256 TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('received', 'sent')),
                request_file BLOB NOT NULL,
                kept_at TEXT NOT NULL,
                answer_file BLOB,
                answered_at TEXT,
                PRIMARY KEY (bundle_id, request_sha256, role)
            )
            """,
        ),
    ),
)

# The leader's panel view survives a restart (issue 17): the packages imported (kept as received
# when encrypted to the panel, else encrypted to the expert's own key: never in clear) and the
# veto rulings typed in the view.
MIGRATIONS += (
    Migration(
        10,
        "the panel view's imported packages and veto rulings",
        _run(
            """
            CREATE TABLE panel_package (
                bundle_id TEXT NOT NULL REFERENCES bundle(bundle_id) ON DELETE CASCADE,
                score_sha256 TEXT NOT NULL,
                file_name TEXT NOT NULL,
                package_age BLOB NOT NULL,
                kept_at TEXT NOT NULL,
                PRIMARY KEY (bundle_id, score_sha256)
            )
            """,
            """
            CREATE TABLE panel_ruling (
                bundle_id TEXT NOT NULL REFERENCES bundle(bundle_id) ON DELETE CASCADE,
                veto_id TEXT NOT NULL,
                ruling TEXT NOT NULL,
                reason TEXT NOT NULL,
                PRIMARY KEY (bundle_id, veto_id)
            )
            """,
        ),
    ),
)

# The declarations ask about each unit the application lists (issue 18): one explicit answer per
# unit, kept with the conflict-of-interest answer and signed in score.json.
MIGRATIONS += (
    Migration(11, "the expert's answer about each related unit the application lists",
              _run("ALTER TABLE review ADD COLUMN related_answers TEXT NOT NULL DEFAULT '[]'")),
)

LATEST_VERSION = MIGRATIONS[-1].version

