"""Engine factory and the upgrade procedure.

Durability: WAL + synchronous=FULL, so every committed transaction survives a
killed process or a power cut. SQLite DDL is transactional, but Python's sqlite3
module opens transactions lazily and not before DDL; we switch it to autocommit
and emit BEGIN ourselves so each migration really runs in one transaction.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.pool import QueuePool

from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError
from reviewer_app.store.migrations import MIGRATIONS, Migration
from reviewer_app.store.store import Store

log = logging.getLogger(__name__)


class StoreError(UserFacingError):
    """The database cannot be used."""


class SchemaTooNew(StoreError):
    """The database was written by a newer version of the app."""


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=FULL",
        "PRAGMA foreign_keys=ON",
        "PRAGMA busy_timeout=5000",
    ):
        cursor.execute(pragma)
    cursor.close()


def _begin_immediate(connection) -> None:  # noqa: ANN001 - SQLAlchemy Connection
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_sqlite_engine(path: Path) -> Engine:
    """An engine on `path` with our durability settings; does not migrate."""
    engine = create_engine(
        f"sqlite:///{path}",
        poolclass=QueuePool,
        pool_size=2,
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def schema_version(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.exec_driver_sql("PRAGMA user_version").scalar_one())


def _backup(path: Path, from_version: int) -> Path:
    """Copy the database aside with SQLite's online backup (consistent even in WAL mode)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{from_version}-{stamp}.bak")
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def migrate(engine: Engine, path: Path, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the schema to the newest version; returns the version reached."""
    latest = migrations[-1].version if migrations else 0
    current = schema_version(engine)
    if current > latest:
        raise SchemaTooNew(
            QT_TRANSLATE_NOOP(
                "Errors",
                "This data was saved by a newer version of the app (data version {found}, "
                "this app knows up to {known}). Please install the newer version; nothing was changed.",
            ),
            found=current,
            known=latest,
        )
    pending = [m for m in migrations if m.version > current]
    if pending and current > 0:
        log.info("backed up database to %s", _backup(path, current))
    for migration in pending:
        with engine.begin() as connection:
            migration.apply(connection)
            connection.exec_driver_sql(f"PRAGMA user_version={int(migration.version)}")
        log.info("migrated database to version %d (%s)", migration.version, migration.name)
    return latest


def open_store(path: Path, migrations: Sequence[Migration] = MIGRATIONS) -> Store:
    """Open (creating if needed) the database at `path` and migrate it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_sqlite_engine(path)
    try:
        migrate(engine, path, migrations)
    except (sqlite3.DatabaseError, SQLAlchemyDatabaseError) as error:
        engine.dispose()
        raise StoreError(
            QT_TRANSLATE_NOOP("Errors", "The app's data file {path} cannot be read: {reason}."),
            path=str(path),
            reason=str(getattr(error, "orig", error)),
        ) from error
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)
