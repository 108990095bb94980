"""The store: durable settings, numbered migrations, backups, refusals."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection

from reviewer_app.library import ReviewStatus
from reviewer_app.store.database import SchemaTooNew, StoreError, create_sqlite_engine, migrate, open_store
from reviewer_app.store.migrations import LATEST_VERSION, MIGRATIONS, Migration


def user_version(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()


def test_new_database_is_migrated_durable_and_empty(tmp_path: Path) -> None:
    store = open_store(tmp_path / "r.db")
    try:
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2  # FULL
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert store.library_entries() == []
    finally:
        store.close()
    assert user_version(tmp_path / "r.db") == LATEST_VERSION
    assert not list(tmp_path.glob("*.bak")), "a brand-new database needs no backup"


def test_database_from_older_schema_is_backed_up_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    engine = create_sqlite_engine(path)
    migrate(engine, path, MIGRATIONS[:1])
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO bundle (bundle_id, file_name, stored_path, application_name, applicant, "
            "stage, status, criteria_total, criteria_scored, imported_at) VALUES "
            "('b-1', 'a.rvb', 'bundles/a.rvb', '广州市智能装备创新中心', '广州某公司', '综合评审', "
            "'in_review', 15, 4, '2026-11-01 09:00:00')"
        )
    engine.dispose()
    assert user_version(path) == 1

    store = open_store(path)
    try:
        [entry] = store.library_entries()
    finally:
        store.close()
    assert entry.application_name == "广州市智能装备创新中心"
    assert entry.status is ReviewStatus.IN_REVIEW
    assert (entry.criteria_scored, entry.criteria_total) == (4, 15)
    assert user_version(path) == LATEST_VERSION
    [backup] = tmp_path.glob("r.db.v1-*.bak")
    assert user_version(backup) == 1
    with sqlite3.connect(backup) as connection:
        assert connection.execute("SELECT bundle_id FROM bundle").fetchall() == [("b-1",)]


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    open_store(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version=99")
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew) as refused:
        open_store(path)
    assert "newer version" in refused.value.message()
    assert "99" in refused.value.message() and str(LATEST_VERSION) in refused.value.message()
    assert path.read_bytes() == before


def test_failed_migration_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    open_store(path).close()

    def half_done(connection: Connection) -> None:
        connection.exec_driver_sql("CREATE TABLE half (x INTEGER)")
        connection.exec_driver_sql("INSERT INTO half VALUES (1)")
        raise RuntimeError("power cut in the middle of a migration")

    broken = (*MIGRATIONS, Migration(LATEST_VERSION + 1, "broken", half_done))
    with pytest.raises(RuntimeError):
        open_store(path, broken)
    assert user_version(path) == LATEST_VERSION
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half" not in tables


def test_a_file_that_is_not_a_database_is_refused_plainly(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError) as refused:
        open_store(path)
    assert str(path) in refused.value.message()


def test_committed_rows_survive_without_clean_shutdown(tmp_path: Path) -> None:
    """WAL + synchronous=FULL: a row is on disk once its transaction commits."""
    path = tmp_path / "r.db"
    store = open_store(path)
    with store.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO bundle (bundle_id, file_name, stored_path, application_name, applicant, imported_at) "
            f"VALUES ('b-2', 'b.rvb', 'x', 'app', 'who', '{datetime(2026, 11, 2).isoformat(' ')}')"
        )
    # Read through a second, independent connection while the first is still open.
    with sqlite3.connect(path) as other:
        assert other.execute("SELECT count(*) FROM bundle").fetchone() == (1,)
    store.close()
