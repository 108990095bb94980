"""The app on a real laptop: no display, a second start on the same data folder, Qt's own dialogs
in Chinese, windows that fit the screen, times in one zone, the demo's first start."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile, QRect, QSize, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QTreeView

from gui_helpers import type_text
from ui.main_window import MainWindow
from ui.screen_fit import FRAME_ALLOWANCE, fitted, install_screen_fit
from ui.single_instance import LOCK_FILE_NAME, Claim, SingleInstance
from ui.times import shown_time, zone_name

ROOT = Path(__file__).resolve().parent.parent
BEIJING = timezone(timedelta(hours=8))


def app_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "ui.launcher", *args]


def gui_env(**changes: str | None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


# -- no display -----------------------------------------------------------------------------------
@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="Windows and macOS always have a display")
@pytest.mark.parametrize("display", [None, ":97"], ids=["no DISPLAY", "DISPLAY nobody answers"])
def test_no_display_is_one_plain_sentence_and_exit_1(tmp_path: Path, display: str | None) -> None:
    env = gui_env(QT_QPA_PLATFORM=None, WAYLAND_DISPLAY=None, DISPLAY=display)
    result = subprocess.run(app_command("--data-dir", str(tmp_path / "data"), "--lang", "zh_CN"),
                            capture_output=True, text=True, timeout=60, env=env, check=False)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "屏幕" in lines[0] and "tools/run.sh demo" in lines[0]
    assert "Traceback" not in result.stderr and "xcb" not in result.stderr
    assert not (tmp_path / "data").exists(), "nothing is created when the app cannot show itself"


# -- one app per data folder -----------------------------------------------------------------------
def test_second_start_on_the_same_folder_brings_the_first_to_the_front(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    running = SingleInstance(data)
    assert running.claim() is Claim.CLAIMED
    try:
        second = subprocess.Popen(app_command("--data-dir", str(data), "--lang", "en"), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, env=gui_env(QT_QPA_PLATFORM="offscreen"))
        with qtbot.waitSignal(running.show_requested, timeout=30_000):
            pass
        out, err = second.communicate(timeout=30)
        assert second.returncode == 0, err
        assert "already open" in out and "brought to the front" in out
        database = data / "reviewer.db"
        assert not database.exists() or database.stat().st_size == 0, "the second start must not open the store"
    finally:
        running.release()


def test_the_running_window_comes_to_the_front(qtbot, app_context) -> None:
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    window.showMinimized()
    instance = SingleInstance(app_context.data_dir.root)
    assert instance.claim() is Claim.CLAIMED
    instance.show_requested.connect(window.bring_to_front)
    try:
        instance.show_requested.emit()
        assert not window.isMinimized()
        assert "又被启动" in window.status_text.text()
    finally:
        instance.release()


def test_a_folder_held_by_a_run_that_does_not_answer_is_refused_plainly(qapp, tmp_path: Path) -> None:
    from ui.app import refused_message

    other_run = QLockFile(str(tmp_path / LOCK_FILE_NAME))  # held, but nobody listens for show requests
    assert other_run.tryLock(0)
    try:
        second = SingleInstance(tmp_path)
        assert second.claim() is Claim.REFUSED
        assert second.owner_pid == os.getpid()
        message = refused_message(tmp_path, second.owner_pid)
        assert str(tmp_path) in message and str(os.getpid()) in message
    finally:
        other_run.unlock()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; Windows ends processes with TerminateProcess")
def test_a_crashed_run_does_not_lock_the_folder_forever(qapp, tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom PySide6.QtCore import QLockFile\n"
         f"lock = QLockFile({str(tmp_path / LOCK_FILE_NAME)!r})\nassert lock.tryLock(0)\nprint('locked', flush=True)\n"
         "time.sleep(60)\n"], stdout=subprocess.PIPE, text=True, env=gui_env())
    with holder.stdout:
        assert holder.stdout.readline().strip() == "locked"
        assert SingleInstance(tmp_path).claim() is Claim.REFUSED
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    after_crash = SingleInstance(tmp_path)
    assert after_crash.claim() is Claim.CLAIMED
    after_crash.release()


# -- Qt's own dialogs --------------------------------------------------------------------------------
def test_file_dialog_is_chinese_with_readable_dates(qtbot, app_context, tmp_path: Path) -> None:
    folder = tmp_path / "U盘"
    folder.mkdir()
    (folder / "申报书.rvb").write_bytes(b"x" * 37_400)
    dialog = QFileDialog(None, "打开", str(folder), "材料包 (*.rvb)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels and "文件名称(&N)：" in labels
    assert not [text for text in labels if re.search("[A-Za-z]", re.sub(r"\(&\w\)", "", text))]
    view = dialog.findChild(QTreeView, "treeView")
    qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) == 1, timeout=20_000)
    header = [view.model().headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert header == ["名称", "体积", "类型", "修改日期"]


def test_system_dates_follow_the_language_under_the_bare_c_locale(tmp_path: Path) -> None:
    script = ("import sys\nfrom ui.app import use_readable_locale\nuse_readable_locale('zh_CN')\n"
              "from PySide6.QtCore import QDateTime, QDate, QTime, QLocale\n"
              "from PySide6.QtWidgets import QApplication\napp = QApplication(sys.argv)\n"
              "print(QLocale.system().toString(QDateTime(QDate(2026, 12, 1), QTime(9, 5)), QLocale.FormatType.ShortFormat))\n")
    env = gui_env(LANG="C.UTF-8", LC_ALL=None, LC_TIME=None, LC_NUMERIC=None, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env,
                            check=True)
    assert result.stdout.strip() == "2026/12/1 09:05"


# -- windows fit the screen --------------------------------------------------------------------------
def test_a_window_too_large_for_the_screen_is_shrunk_and_centred() -> None:
    laptop = QRect(0, 0, 1366, 728)  # 1366×768 less a 40-px taskbar
    result = fitted(QRect(0, 0, 900, 1000), laptop, FRAME_ALLOWANCE, QSize(200, 200))
    assert laptop.contains(result.adjusted(-8, -32, 8, 8))
    assert result.width() == 900 and result.height() == 728 - FRAME_ALLOWANCE.height()
    small = QRect(100, 100, 400, 300)
    assert fitted(small, laptop, FRAME_ALLOWANCE, QSize(0, 0)) == small, "a window that fits is left where it is"


def test_screen_fit_shrinks_a_dialog_as_it_is_shown(qtbot, qapp) -> None:
    fit = install_screen_fit(qapp)
    try:
        dialog = QDialog()
        qtbot.addWidget(dialog)
        dialog.resize(900, 3000)
        dialog.show()
        available = dialog.screen().availableGeometry()
        assert available.contains(dialog.frameGeometry())
    finally:
        qapp.removeEventFilter(fit)


# -- one time zone ------------------------------------------------------------------------------------
def test_times_are_shown_in_the_review_zone_with_its_name_when_the_laptop_differs(app_context) -> None:
    deadline = datetime(2027, 12, 2, 23, 59, tzinfo=BEIJING)
    laptop_offset = datetime.now().astimezone().utcoffset()
    text = shown_time(deadline, BEIJING)
    if laptop_offset == timedelta(hours=8):
        assert text == "2027-12-02 23:59"
    else:
        assert text == "2027-12-02 23:59（北京时间 UTC+8）"
    utc_moment = datetime(2027, 12, 2, 15, 59, tzinfo=timezone.utc)
    assert shown_time(utc_moment, BEIJING).startswith("2027-12-02 23:59"), "converted to the review's zone"
    assert zone_name(timedelta(hours=5, minutes=30)) == "UTC+5:30"
    assert zone_name(timedelta(hours=-3)) == "UTC-3"


def test_library_says_how_to_open_and_enter_opens_with_the_same_deadline(qtbot, demo_context) -> None:
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.show()
    window.attach_store(demo_context.store)
    hint = window.home.hint
    assert hint.isVisible() and "双击" in hint.text() and "回车" in hint.text()
    deadline_cell = window.home.model.index(0, 3).data()
    assert deadline_cell.startswith("20")
    assert window.home.table.hasFocus() or window.home.table.currentIndex().isValid()
    qtbot.keyClick(window.home.table, Qt.Key.Key_Return)  # nothing selected by hand: the first one opens
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=60_000)
    assert deadline_cell in window.workspace.subtitle.text()


# -- first start of the demo ----------------------------------------------------------------------------
def test_preparing_the_demo_is_shown_in_the_middle_of_the_window(qtbot, app_context) -> None:
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    window.show_preparing(3, 10)
    page = window.home.preparing
    assert page.isVisible() and not window.home.empty.isVisible()
    assert "演示" in page.title.text()
    assert page.bar.value() == 3 and page.bar.maximum() == 10
    window.attach_store(app_context.store)  # the demo world is ready: the library replaces it
    assert not page.isVisible()


@pytest.mark.skipif(sys.platform == "win32", reason="a console Ctrl+C is not a signal one can send on Windows")
def test_ctrl_c_in_the_terminal_closes_the_app_like_quit(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = subprocess.Popen(app_command("--data-dir", str(data)), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, env=gui_env(QT_QPA_PLATFORM="offscreen"))
    deadline = time.monotonic() + 60
    # The store is created on a worker started after the window is shown and Ctrl+C is routed to
    # it; waiting for the database (not a fixed sleep) keeps this right on a loaded machine.
    while not (data / "reviewer.db").is_file():
        assert time.monotonic() < deadline and app.poll() is None, "the app did not start"
        time.sleep(0.2)
    time.sleep(0.5)
    app.send_signal(signal.SIGINT)
    try:
        _out, err = app.communicate(timeout=20)
    finally:
        if app.poll() is None:  # it did not close: do not leave it running after the test
            app.kill()
            app.communicate()
    assert app.returncode == 0, err
    assert "KeyboardInterrupt" not in err and "Traceback" not in err
    assert "window_geometry" in (data / "settings.json").read_text(encoding="utf-8"), "closed as Quit does"
    assert not (data / LOCK_FILE_NAME).exists(), "the data folder is released"


# -- Enter, Help -------------------------------------------------------------------------------------------
def test_enter_on_the_focused_confirm_button_starts_the_review(qtbot, qapp, demo_context) -> None:
    from ui.enter_key import install_enter_clicks

    enter = install_enter_clicks(qapp)  # as ui.app.create_application does
    try:
        window = MainWindow(demo_context)
        qtbot.addWidget(window)
        window.show()
        window.attach_store(demo_context.store)
        qtbot.keyClick(window.home.table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.workspace is not None, timeout=60_000)
        page = window.workspace.declarations
        for question in page.units:  # one answer per unit the application lists
            question.none.setChecked(True)
        page.no_conflict.setChecked(True)
        page.pledge.setChecked(True)
        page.confirm.setFocus()
        qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.workspace.stack.currentIndex() == 1)
    finally:
        qapp.removeEventFilter(enter)


@pytest.mark.parametrize(("language", "words"), [("zh_CN", ["双击", "回车键", "签署与导出"]),
                                                 ("en", ["double-click", "Enter", "Sign and export"])])
def test_help_has_an_illustrated_guide_in_both_languages(qtbot, app_context, language: str, words: list[str]) -> None:
    from PySide6.QtGui import QImage, QTextDocument
    from PySide6.QtCore import QUrl

    from ui.guide import GuideDialog

    app_context.translations.switch(language)
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    window.guide_action.trigger()
    guide = next(w for w in window.findChildren(GuideDialog))
    qtbot.waitUntil(guide.isVisible)
    text = guide.browser.toPlainText()
    assert all(word in text for word in words), text[:300]
    for picture in ("library.png", "declarations.png", "scoring.png", "signing.png"):
        data = guide.browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(picture))
        image = data if isinstance(data, QImage) else QImage.fromData(data)
        assert not image.isNull() and image.width() == 560, picture
    available = guide.screen().availableGeometry()
    assert guide.width() <= available.width() and guide.height() <= available.height()


@pytest.mark.slow
def test_first_start_of_the_demo_shows_its_progress_then_the_library(qtbot, qapp, tmp_path: Path) -> None:
    """The real start-up job on an empty demo folder: the demo world is built (about half a minute)."""
    from reviewer_app.datadir import DataDir
    from reviewer_app.settings import Settings
    from ui.app import start_store
    from ui.context import AppContext
    from ui.i18n import Translations
    from ui.jobs import JobRunner

    data_dir = DataDir(tmp_path / "demo").create()
    translations = Translations(qapp)
    translations.switch("zh_CN")
    context = AppContext(data_dir, Settings(data_dir.settings), translations, JobRunner())
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    try:
        job = start_store(window, demo=True)
        page = window.home.preparing
        assert page.isVisible() and not window.home.empty.isVisible(), "no invitation to open a bundle meanwhile"
        steps: list[int] = []
        job.progressed.connect(lambda done, _total: steps.append(page.bar.value()))
        qtbot.waitUntil(lambda: window.home.library.isVisible(), timeout=300_000)
        assert steps and max(steps) > 0, "the bar moved"
        assert window.home.model.rowCount() == 2
        assert "演示" in window.windowTitle()
    finally:
        context.jobs.wait_for_all()
        if context.store is not None:
            context.store.close()
        translations.switch("en")


def test_enter_in_the_new_passphrase_changes_it_and_does_not_close_the_dialog(qtbot, demo_context) -> None:
    from reviewer_app.demo_setup import WORLD_DIR, demo_expert_id
    from reviewer_app.org.demo import PASSPHRASE_FILE
    from ui.identity_dialog import IdentityDialog

    expert_dir = demo_context.data_dir.root / WORLD_DIR / "experts" / demo_expert_id()
    passphrase = (expert_dir / PASSPHRASE_FILE).read_text(encoding="utf-8").strip()

    dialog = IdentityDialog(demo_context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.passphrase_tab)
    tab = dialog.passphrase_tab
    new = "松柏-Lantern-93-春雨-Quartz"
    type_text(qtbot, tab.old, passphrase)
    type_text(qtbot, tab.fields.new_edit, new)
    type_text(qtbot, tab.fields.confirm_edit, new)
    assert tab.change_button.isEnabled()
    qtbot.keyClick(tab.fields.confirm_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(tab.message.text()), timeout=60_000)
    assert dialog.isVisible(), "Enter must not close the dialog"
    assert "已更改" in tab.message.text() or "changed" in tab.message.text()


def test_quitting_while_the_store_opens_leaves_nothing_on_screen(qtbot, qapp, app_context) -> None:
    """Quit (or Ctrl+C) before the store is open: when it arrives, no library and no enrolment
    wizard appear, so the process ends and releases the data folder."""
    from PySide6.QtWidgets import QApplication

    from ui.app import StartupState

    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    store, app_context.store = app_context.store, None
    window.close()
    window.start_up(StartupState(store=store, has_identity=False))
    window.store_failed("x")
    assert app_context.store is store, "kept so that it is closed on exit"
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == []


def test_ctrl_c_closes_from_the_event_loop_not_inside_the_handler(qtbot, app_context) -> None:
    """Python runs a signal handler between two bytecodes of whatever the GUI thread does (an
    import holding its lock, say); closing waits for the workers, which may wait for that lock.
    So the handler only asks for the close; the event loop does it."""
    from ui.app import close_on_interrupt

    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    previous = signal.getsignal(signal.SIGINT)
    try:
        close_on_interrupt(window)
        signal.getsignal(signal.SIGINT)(signal.SIGINT, None)
        assert window.isVisible() and not window.closed, "not closed inside the handler"
        qtbot.waitUntil(lambda: window.closed, timeout=5_000)
    finally:
        signal.signal(signal.SIGINT, previous)
