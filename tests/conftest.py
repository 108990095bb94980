"""Test set-up: offscreen Qt, a throw-away HOME, compiled translations.

Tests never touch the real user data dir or settings: HOME and the XDG dirs point
into a temporary folder for the whole session and QStandardPaths runs in test mode.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen:"):  # offscreen with a given screen stays
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    home = Path(tempfile.mkdtemp(prefix="reviewer-test-home-"))
    os.environ["HOME"] = str(home)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[name] = str(home / name.lower())
    os.environ.setdefault("XDG_RUNTIME_DIR", str(home / "runtime"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, exist_ok=True)
    # The GUI tests check the Chinese UI, so the .qm files must match the .ts sources.
    subprocess.run([sys.executable, str(ROOT / "tools" / "translations.py"), "build"], check=True)


@pytest.fixture(scope="session", autouse=True)
def _qt_test_mode() -> None:
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread():
    """Once a JobRunner has turned automatic collection over to the GUI thread's timer
    (ui/collector.py), tests that never spin the event loop still get their collections."""
    yield
    import gc

    _delete_this_tests_widgets_now()
    gc.unfreeze()  # a window's imports ahead of need froze what this test made (ui/collector.py)
    if not gc.isenabled():
        from ui.collector import collect_if_due

        collect_if_due()


def _delete_this_tests_widgets_now() -> None:
    """pytest-qt closes a test's widgets with deleteLater(), which only the next event loop
    serves: the next test's, while its own workers run. They are deleted here instead, once
    every worker is done, so that one test's teardown never overlaps another's work."""
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    if QCoreApplication.instance() is None:
        return
    QThreadPool.globalInstance().waitForDone(60_000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def screenshot_folder(tmp_path: Path) -> Path:
    """Where a test saves the screenshots it takes: the test's own folder, so that running the
    tests never changes the working tree; docs/screenshots with REVIEWER_SCREENSHOTS=1, to
    refresh the documentation's pictures (`REVIEWER_SCREENSHOTS=1 bash tools/run.sh test -k panel`)."""
    import os

    return ROOT / "docs" / "screenshots" if os.environ.get("REVIEWER_SCREENSHOTS") == "1" else tmp_path


@pytest.fixture
def data_dir(tmp_path: Path):
    from reviewer_app.datadir import DataDir

    return DataDir(tmp_path / "data").create()


@pytest.fixture
def app_context(qapp, data_dir):
    """A GUI context in Simplified Chinese (the default) with an opened store."""
    from reviewer_app.settings import Settings
    from reviewer_app.store.database import open_store
    from ui.app import register_cjk_font
    from ui.context import AppContext
    from ui.i18n import Translations
    from ui.jobs import JobRunner

    register_cjk_font(qapp)
    translations = Translations(qapp)
    assert translations.switch("zh_CN"), "the zh_CN translation must be built"
    context = AppContext(data_dir, Settings(data_dir.settings), translations, JobRunner())
    context.store = open_store(data_dir.database)
    yield context
    context.jobs.wait_for_all()
    context.store.close()
    translations.switch("en")


@pytest.fixture(scope="session")
def demo_world_dir(tmp_path_factory) -> Path:
    """The demo world (`reviewer-org demo`), built once per test session."""
    from reviewer_app.org.demo import build_demo_world

    root = tmp_path_factory.mktemp("demo") / "world"
    build_demo_world(root)
    return root


@pytest.fixture
def demo_context(app_context, demo_world_dir):
    """An app context in which the demo expert has enrolled, trusts the demo organization,
    has imported the demo bundles and has typed the passphrase (as `reviewer-app --demo`)."""
    import shutil

    from reviewer_app.demo_setup import WORLD_DIR, prepare_demo

    shutil.copytree(demo_world_dir, app_context.data_dir.root / WORLD_DIR)
    demo = prepare_demo(app_context.data_dir, app_context.store)
    app_context.unlocked = demo.expert
    return app_context


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item):  # noqa: ANN201
    """A GUI test that fails while a refused value is on screen would otherwise hang in teardown:
    closing the window asks "leave anyway?" in a modal box nobody answers. Answer it there (only
    in teardown), so the failure is reported instead of the run timing out."""
    from PySide6.QtWidgets import QMessageBox

    original = QMessageBox.question
    QMessageBox.question = lambda *_args, **_kwargs: QMessageBox.StandardButton.Yes  # type: ignore[method-assign]
    try:
        yield
    finally:
        QMessageBox.question = original  # type: ignore[method-assign]
