"""Start-up lists the library before the store opens, and an Open pressed meanwhile is honoured.

The rows come from the database file read-only with the standard library (reviewer_app/library.py),
so the window is usable without importing SQLAlchemy first; the store opens on a worker right after.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from bundle_fixtures import INSIDE_WINDOW, world
from PySide6.QtCore import Qt

from reviewer_app import trust
from reviewer_app.bundle import open_bundle
from reviewer_app.datadir import DataDir
from reviewer_app.store.listing import read_library
from reviewer_app.services.bundles import import_bundle
from reviewer_app.store.database import open_store
from reviewer_app.store.migrations import LATEST_VERSION, MIGRATIONS


def library_of(data_dir: DataDir, bundles: int = 2) -> DataDir:
    """An enrolled expert who trusts the organization and has imported `bundles` bundles."""
    w = world()
    shutil.copytree(w.recipient.folder, data_dir.identity, dirs_exist_ok=True)
    trust.pin(data_dir.trust, w.org.certificate)
    store = open_store(data_dir.database)
    try:
        for _ in range(bundles):
            sealed = w.seal(f"startup-{uuid.uuid4().hex}.rvb", session=None)
            opened = open_bundle(sealed.path, w.trusted, identity=w.recipient.unlocked, now=INSIDE_WINDOW)
            import_bundle(store, data_dir, opened, w.recipient.unlocked)
            sealed.path.unlink()
    finally:
        store.close()
    return data_dir


def test_the_light_read_lists_what_the_store_lists_and_changes_nothing(data_dir: DataDir) -> None:
    library_of(data_dir)
    store = open_store(data_dir.database)
    with store.engine.begin() as connection:  # a review in progress and a recent opening change the order
        connection.exec_driver_sql("UPDATE bundle SET status = 'in_review', criteria_scored = 1, "
                                   "last_opened_at = '2026-11-30 08:00:00.000000' WHERE rowid = 1")
    expected = store.library_entries()
    store.close()
    before = data_dir.database.read_bytes()
    listed = read_library(data_dir.database)
    assert listed == expected and len(listed) == 2
    assert listed[0].status == "in_review" and listed[0].deadline is not None and listed[0].deadline.utcoffset() is not None
    assert data_dir.database.read_bytes() == before


def test_the_light_read_leaves_to_the_store_what_only_it_may_answer(data_dir: DataDir, tmp_path: Path) -> None:
    assert read_library(tmp_path / "nothing.db") is None, "no database yet: the store creates it"
    assert not (tmp_path / "nothing.db").exists()
    assert data_dir.database.stat().st_size == 0  # made private by DataDir.create, still empty
    assert read_library(data_dir.database) is None
    assert data_dir.database.stat().st_size == 0
    older = open_store(data_dir.database, MIGRATIONS[:-1])  # migrations pending: the store migrates first
    older.close()
    assert read_library(data_dir.database) is None
    newer = tmp_path / "newer.db"
    with sqlite3.connect(newer) as connection:
        connection.execute(f"PRAGMA user_version={LATEST_VERSION + 1}")
    assert read_library(newer) is None, "a newer app's data: the store refuses it in a sentence"
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"not a database at all" * 100)
    assert read_library(damaged) is None
    assert damaged.read_bytes() == b"not a database at all" * 100


def test_a_bundle_opened_before_the_store_is_open_opens_once_it_is(qtbot, qapp, data_dir: DataDir) -> None:
    from reviewer_app.identity import unlock
    from reviewer_app.settings import Settings
    from bundle_fixtures import PASSPHRASE
    from ui.app import register_cjk_font, start_store
    from ui.context import AppContext
    from ui.i18n import Translations
    from ui.jobs import JobRunner
    from ui.main_window import MainWindow

    library_of(data_dir, bundles=1)
    register_cjk_font(qapp)
    translations = Translations(qapp)
    translations.switch("zh_CN")
    context = AppContext(data_dir, Settings(data_dir.settings), translations, JobRunner())
    context.unlocked = unlock(data_dir.identity, PASSPHRASE)
    window = MainWindow(context)
    qtbot.addWidget(window)
    try:
        window.home.set_entries(read_library(data_dir.database))
        window.show()
        qtbot.waitExposed(window)
        assert window.home.model.rowCount() == 1 and context.store is None
        qtbot.keyClick(window.home.table, Qt.Key.Key_Return)
        assert window.workspace is None
        assert window.status_text.text() == "正在打开您的数据…"
        start_store(window, demo=False)
        qtbot.waitUntil(lambda: window.workspace is not None, timeout=60_000)
        assert window.workspace.session.opened.bundle_id == window.home.model.entry(0).bundle_id
    finally:
        window.close_workspace()
        context.jobs.wait_for_all()
        if context.store is not None:
            context.store.close()
        translations.switch("en")


def run_app(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "share"), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "ui.launcher", *args], capture_output=True, text=True, timeout=120,
                          env=env, check=False)


@pytest.mark.parametrize("schema", ["current", "older"])
def test_exit_when_ready_reports_once_and_leaves_the_store_opened_and_migrated(tmp_path: Path, schema: str) -> None:
    data_dir = DataDir(tmp_path / "data").create()
    if schema == "current":  # the rows are listed before the store opens
        library_of(data_dir, bundles=2)
    else:  # a migration pending: the store migrates, then lists
        open_store(data_dir.database, MIGRATIONS[:-1]).close()
    result = run_app("--data-dir", str(data_dir.root), "--exit-when-ready", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"ready_ms=\d+\n", result.stdout), result.stdout
    assert "Traceback" not in result.stderr
    with sqlite3.connect(data_dir.database) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    log = (data_dir.logs / "reviewer-app.log").read_text(encoding="utf-8")
    assert not re.search(r" (WARNING|ERROR|CRITICAL) ", log), log


def test_opening_does_not_wait_forever_when_an_import_ahead_of_need_fails(qtbot, monkeypatch) -> None:
    import ui.preload
    from ui.jobs import JobRunner

    monkeypatch.setattr(ui.preload, "CORE_MODULES_OF_THE_WORKSPACE", ())
    monkeypatch.setattr(ui.preload, "WORKSPACE_WIDGET_MODULES", ("ui.no_such_module_here",))
    jobs = JobRunner()
    preloader = ui.preload.Preloader(jobs)
    ran: list[str] = []
    preloader.then(lambda: ran.append("opened"))
    qtbot.waitUntil(lambda: ran == ["opened"], timeout=10_000)
    assert preloader.finished
    preloader.then(lambda: ran.append("again"))
    assert ran == ["opened", "again"], "once finished, at once"
    jobs.wait_for_all()
