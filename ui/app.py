"""Start-up of the GUI: application object, fonts, language, store, main window."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import as_file
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, Qt, QT_TRANSLATE_NOOP, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from reviewer_app import APP_NAME, ORG_NAME, __version__
from reviewer_app.assets import CJK_FONT_FAMILY, cjk_font, resource
from reviewer_app.datadir import DataDir
from reviewer_app.store.listing import read_library
from reviewer_app.settings import Settings
from ui.context import AppContext
from ui.crash import CrashHandler, configure_logging
from ui.display import missing_display
from ui.enter_key import install_enter_clicks
from ui.i18n import Translations
from ui.jobs import Job, JobContext, JobRunner
from ui.main_window import MainWindow
from ui.paths import resolve_data_root
from ui.screen_fit import install_screen_fit
from ui.single_instance import Claim, SingleInstance

if TYPE_CHECKING:
    from reviewer_app.demo_setup import DemoSession
    from reviewer_app.store.store import Store

log = logging.getLogger(__name__)


def create_application(argv: list[str]) -> QApplication:
    # Qt's own file dialogs everywhere: translated with the app, the same on every platform.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    app = QApplication.instance() or QApplication(argv)
    install_screen_fit(app)
    install_enter_clicks(app)
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


PREFERRED_WINDOW_SIZE = (1200, 780)
STORE_AT_THE_LATEST_MS = 500  # after the listed rows are shown, or this long after show if they are not painted


def place_window(window: MainWindow) -> None:
    """The saved place, else the preferred size; ScreenFit shrinks either to the screen on show."""
    saved = window.context.settings.get("window_geometry")
    if not saved or not window.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
        window.resize(*PREFERRED_WINDOW_SIZE)


def _startup_language(options: argparse.Namespace) -> str:
    """The language asked for on the command line, else the saved one (read without Qt)."""
    if options.lang:
        return options.lang
    try:
        root = resolve_data_root(options.data_dir) / ("demo" if options.demo else "")
        return Settings(root / "settings.json").get("language")
    except (OSError, ValueError):
        return "zh_CN"


NO_DISPLAY = QT_TRANSLATE_NOOP(
    "Startup",
    "reviewer-app cannot start: this computer has no screen it can show windows on "
    "(no DISPLAY or WAYLAND_DISPLAY, or the display does not answer); start it from a desktop session, "
    "or use `bash tools/run.sh demo`, which makes a virtual screen.")


def no_display_sentence(language: str) -> str:
    translator = QTranslator()
    with as_file(resource("translations", f"reviewer_{language}.qm")) as qm_path:
        translator.load(str(qm_path))
    return translator.translate("Startup", NO_DISPLAY) or NO_DISPLAY


def use_readable_locale(language: str) -> None:
    """Qt's file dialog shows dates and sizes in the system locale; under the bare C locale
    (servers, containers) that reads "1 12 2026". Give Qt the app's language instead."""
    if sys.platform == "win32" or os.environ.get("LC_ALL"):
        return
    name = "zh_CN.UTF-8" if language == "zh_CN" else "en_US.UTF-8"
    for variable in ("LC_TIME", "LC_NUMERIC"):
        current = os.environ.get(variable) or os.environ.get("LANG", "")
        if current.split(".")[0] in ("", "C", "POSIX"):
            os.environ[variable] = name


def cannot_start(message: str) -> int:
    QMessageBox.critical(None, QCoreApplication.translate("Startup", "Cannot start"), message)
    return 1


def run_gui(options: argparse.Namespace, started_at: float) -> int:
    language = _startup_language(options)
    if missing_display():
        print(no_display_sentence(language), file=sys.stderr)
        return 1
    use_readable_locale(language)
    signal.signal(signal.SIGINT, _interrupted_while_starting)
    app = create_application(sys.argv[:1])
    register_cjk_font(app)
    try:
        data_dir = resolve_data_dir(options)
        CrashHandler(configure_logging(data_dir.logs)).install()
        context = build_context(app, data_dir, options)
    except OSError as error:
        return cannot_start(str(error))
    instance = SingleInstance(data_dir.root)
    claim = instance.claim()
    if claim is Claim.HANDED_OVER:
        print(QCoreApplication.translate("Startup", "Expert Review is already open with this data folder; "
                                         "its window was brought to the front."), flush=True)
        return 0
    if claim is Claim.REFUSED:
        return cannot_start(refused_message(data_dir.root, instance.owner_pid))
    try:
        return _run_window(app, context, options, instance, started_at)
    finally:
        instance.release()


def refused_message(root: object, pid: int) -> str:
    return QCoreApplication.translate(
        "Startup",
        "Expert Review is already running with the data folder {folder} (process {pid}), but it does not answer. "
        "Two windows on one folder would overwrite each other's work, so this one does not start. "
        "Close the other window, or end that process, then start again.").format(folder=root, pid=pid)


def _interrupted_while_starting(_number: int, _frame: object) -> None:
    raise SystemExit(130)  # Ctrl+C before the window is up: stop quietly, nothing is open yet


def close_on_interrupt(window: MainWindow) -> None:
    """Ctrl+C in the terminal closes the window as the Quit menu does (everything is saved).
    Python handles signals only while it runs, so a timer wakes it up now and then."""
    # Closed from the event loop, not inside the handler: Python runs the handler between two
    # bytecodes of whatever the GUI thread is doing, an import say, and closing waits for the
    # workers, which may wait for that import's lock (a deadlock seen with imports ahead of need).
    signal.signal(signal.SIGINT, lambda _number, _frame: QTimer.singleShot(0, window.close))
    timer = QTimer(window)
    timer.timeout.connect(lambda: None)
    timer.start(300)


def start_store(window: MainWindow, demo: bool) -> Job:
    """Open the store (and on the demo's first start build its world) on a worker thread; the
    demo's progress is shown in the middle of the window, not in the status bar."""
    store_job = window.context.jobs.start(start_up_job, window.context.data_dir, demo)
    if demo:
        window.show_preparing()
        store_job.progressed.connect(window.show_preparing)
    store_job.succeeded.connect(window.start_up)
    store_job.failed.connect(window.store_failed)
    return store_job


def _run_window(app: QApplication, context: AppContext, options: argparse.Namespace,
                instance: SingleInstance, started_at: float) -> int:
    window = MainWindow(context)
    instance.show_requested.connect(window.bring_to_front)
    close_on_interrupt(window)
    place_window(window)
    # The library's rows straight from the database file (read-only, stdlib sqlite3): no
    # SQLAlchemy to import first. The store itself opens on a worker once they are painted;
    # an Open pressed meanwhile waits for it (MainWindow.with_store).
    listed = None if options.demo else read_library(context.data_dir.database)
    if listed is not None:
        window.home.set_entries(listed)
    window.show()
    report = (lambda: _report_ready(started_at)) if options.exit_when_ready else None
    if listed is None:
        # First start, a schema to migrate, a damaged file or the demo: the store answers. Ready
        # means usable: the store is open and the library's rows are on screen (or the refusal
        # to open it is). `finished` comes just before the outcome is handled, so the zero
        # timer fires after the library was filled.
        store_job = start_store(window, options.demo)
        if report:
            store_job.finished.connect(lambda: QTimer.singleShot(0, report))
            store_job.finished.connect(lambda: QTimer.singleShot(0, app.quit))
    else:
        started: list[Job] = []

        def open_store_in_background() -> None:
            if started:
                return
            started.append(start_store(window, demo=False))
            if report:
                started[0].finished.connect(lambda: QTimer.singleShot(0, app.quit))  # leave nothing half-open

        rows = window.home.table.viewport() if listed else window.home.empty
        after_first_paint(rows, lambda: (report and report(), open_store_in_background()))
        # A window that is not painted (started minimized, on another desktop) still opens the store.
        QTimer.singleShot(STORE_AT_THE_LATEST_MS, open_store_in_background)
    status = app.exec()
    context.jobs.wait_for_all()
    if context.store is not None:
        context.store.close()
    return status


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # once this paint is done
        return False


def after_first_paint(widget: QWidget, then: Callable[[], object]) -> None:
    """Call `then` once `widget` has been painted (its pixels are on screen)."""
    _FirstPaint(widget, then)


def _report_ready(started_at: float) -> None:
    print(f"ready_ms={round((time.perf_counter() - started_at) * 1000)}", flush=True)


