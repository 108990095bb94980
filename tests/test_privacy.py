"""A lost laptop reveals as little as possible: the data folder is the user's alone (issue 14)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reviewer_app import datadir
from reviewer_app.datadir import DataDir
from reviewer_app.store.database import open_store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_folder_and_database_are_readable_by_the_user_alone(tmp_path: Path) -> None:
    assert os.name != "nt"  # this test runs where files have modes (the Windows path is below)
    data = DataDir(tmp_path / "data").create()
    store = open_store(data.database)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE probe (x)")
        connection.exec_driver_sql("INSERT INTO probe VALUES ('GPS 23.1, 113.3')")
    assert mode(data.root) == 0o700
    assert mode(data.bundles) == 0o700 and mode(data.logs) == 0o700
    assert mode(data.database) == 0o600
    wal = data.database.with_name(data.database.name + "-wal")
    assert wal.exists() and mode(wal) == 0o600  # SQLite gives its journal the database's mode
    store.engine.dispose()


def test_an_existing_open_data_folder_is_tightened(tmp_path: Path) -> None:
    root = tmp_path / "old"
    root.mkdir(mode=0o755)
    os.chmod(root, 0o755)
    database = root / "reviewer.db"
    database.write_bytes(b"")
    os.chmod(database, 0o644)
    data = DataDir(root).create()
    assert mode(data.root) == 0o700 and mode(database) == 0o600


def test_nothing_breaks_where_files_have_no_modes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows (os.name == "nt") the profile folder's ACL is already private: no chmod."""
    calls: list[object] = []
    monkeypatch.setattr(datadir.os, "name", "nt")
    monkeypatch.setattr(datadir.os, "chmod", lambda *args: calls.append(args))
    data = DataDir(tmp_path / "win").create()
    assert data.root.is_dir() and not calls


def test_a_file_system_refusing_modes_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise PermissionError("operation not permitted")  # e.g. a FAT stick in portable mode

    monkeypatch.setattr(datadir.os, "chmod", refuse)
    data = DataDir(tmp_path / "stick").create()
    assert data.root.is_dir() and data.database.exists()
