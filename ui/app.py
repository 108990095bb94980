"""Start-up of the GUI: application object, fonts, language, store, main window."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from dataclasses import dataclass
from importlib.resources import as_file
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from reviewer_app import APP_NAME, ORG_NAME, __version__
from reviewer_app.assets import CJK_FONT_FAMILY, cjk_font, resource
from reviewer_app.datadir import DataDir
from reviewer_app.settings import Settings
from ui.context import AppContext
from ui.crash import CrashHandler, configure_logging
from ui.i18n import Translations
from ui.jobs import JobContext, JobRunner
from ui.main_window import MainWindow
from ui.paths import resolve_data_root

if TYPE_CHECKING:
    from reviewer_app.demo_setup import DemoSession
    from reviewer_app.store.store import Store

log = logging.getLogger(__name__)


def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    # Fixed names keep QStandardPaths locations stable across versions.
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    with as_file(resource("icons", "app.svg")) as icon_path:
        app.setWindowIcon(QIcon(str(icon_path)))
    return app


def register_cjk_font(app: QApplication) -> str:
    """Register the shipped CJK font and make it the UI font, so a bare machine shows Chinese."""
    with as_file(cjk_font()) as font_path:
        font_id = QFontDatabase.addApplicationFont(str(font_path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    family = CJK_FONT_FAMILY if CJK_FONT_FAMILY in families else (families[0] if families else "")
    if family:
        font = QFont(app.font())
        font.setFamilies([family, *font.families()])
        app.setFont(font)
    else:
        log.error("could not register the shipped CJK font")
    return family


def resolve_data_dir(options: argparse.Namespace) -> DataDir:
    root = resolve_data_root(options.data_dir)
    if options.demo:
        root = root / "demo"
    return DataDir(root.resolve()).create()


def build_context(app: QApplication, data_dir: DataDir, options: argparse.Namespace) -> AppContext:
    settings = Settings(data_dir.settings)
    translations = Translations(app)
    translations.switch(options.lang or settings.get("language"))
    return AppContext(data_dir, settings, translations, JobRunner())


@dataclass(frozen=True)
class StartupState:
    store: Store
    has_identity: bool
    demo: DemoSession | None = None


def start_up_job(context: JobContext, data_dir: DataDir, demo: bool) -> StartupState:
    """Runs on a worker thread: importing sqlmodel and the crypto stack takes a few hundred ms,
    and building the demo world the first time some seconds."""
    from reviewer_app import identity
    from reviewer_app.store.database import open_store

    store = open_store(data_dir.database)
    demo_session = None
    if demo:
        from reviewer_app.demo_setup import prepare_demo

        demo_session = prepare_demo(data_dir, store, context.progress)
    return StartupState(store, identity.exists(data_dir.identity), demo_session)


def _restore_geometry(window: MainWindow) -> None:
    saved = window.context.settings.get("window_geometry")
    if not saved or not window.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
        window.resize(1200, 780)


def run_gui(options: argparse.Namespace, started_at: float) -> int:
    app = create_application(sys.argv[:1])
    register_cjk_font(app)
    try:
        data_dir = resolve_data_dir(options)
        CrashHandler(configure_logging(data_dir.logs)).install()
        context = build_context(app, data_dir, options)
    except OSError as error:
        QMessageBox.critical(None, QCoreApplication.translate("Startup", "Cannot start"), str(error))
        return 1
    window = MainWindow(context)
    _restore_geometry(window)
    window.show()
    store_job = context.jobs.start(start_up_job, context.data_dir, options.demo)
    if options.demo:
        window.show_status(QCoreApplication.translate("Startup", "Preparing the demo…"))
        store_job.progressed.connect(lambda done, total: window.show_status(
            QCoreApplication.translate("Startup", "Preparing the demo… {done}/{total}").format(done=done, total=total)))
    store_job.succeeded.connect(window.start_up)
    store_job.failed.connect(window.store_failed)
    if options.exit_when_ready:
        # Ready means usable: the store is open and the library's rows are on screen (or the
        # refusal to open it is). `finished` comes just before the outcome is handled, so the
        # zero timer fires after the library was filled and painted.
        store_job.finished.connect(lambda: QTimer.singleShot(0, lambda: _report_ready_and_quit(app, started_at)))
    status = app.exec()
    context.jobs.wait_for_all()
    if context.store is not None:
        context.store.close()
    return status


def _report_ready_and_quit(app: QApplication, started_at: float) -> None:
    print(f"ready_ms={round((time.perf_counter() - started_at) * 1000)}", flush=True)
    app.quit()
