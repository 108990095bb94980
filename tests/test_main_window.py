"""The shell: home screen, menus, language, About, drag-and-drop."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTableWidget

from ui.about import AboutDialog
from ui.main_window import MainWindow
from reviewer_app import __version__


def make_window(qtbot, context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.attach_store(context.store)
    return window


def drop_files(window: MainWindow, paths: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    return event


def visible_message_box(name: str) -> QMessageBox:
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == name]
    boxes = [b for b in boxes if b.isVisible()]
    assert boxes, f"expected a visible message box named {name}"
    return boxes[-1]


def test_empty_library_explains_what_to_do_in_chinese(qtbot, app_context) -> None:
    window = make_window(qtbot, app_context)
    assert window.home.showing_empty_state()
    assert window.home.empty.title.text() == "还没有评审材料包"
    assert ".rvb" in window.home.empty.explanation.text()
    assert "打开材料包" in window.home.empty.open_button.text()
    assert [m.title() for m in (window.file_menu, window.settings_menu, window.help_menu)] == [
        "文件(&F)", "设置(&T)", "帮助(&H)"]  # Alt+S belongs to the score field
    assert window.windowTitle() == "专家评审"
    assert str(app_context.data_dir.root) in window.status_text.text()


def test_library_lists_imported_bundles(qtbot, app_context) -> None:
    with app_context.store.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO bundle (bundle_id, file_name, stored_path, application_name, applicant, stage, "
            "deadline, status, criteria_total, criteria_scored, imported_at) VALUES "
            "('b-1', 'a.rvb', 'x', '广州市智能网联汽车创新中心', '广州某汽车公司', '综合评审', "
            f"'{datetime(2026, 12, 20, 17, 0)}', 'in_review', 15, 6, '{datetime(2026, 11, 20)}')"
        )
    window = make_window(qtbot, app_context)
    assert not window.home.showing_empty_state()
    model = window.home.model
    assert model.rowCount() == 1
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row == ["广州市智能网联汽车创新中心", "广州某汽车公司", "综合评审", "2026-12-20 17:00", "评审中", "6/15"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "申报项目"


def test_switching_language_retranslates_live_and_is_remembered(qtbot, app_context) -> None:
    window = make_window(qtbot, app_context)
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    assert window.home.empty.title.text() == "No application bundles yet"
    assert app_context.settings.get("language") == "en"
    window.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)")
    assert app_context.settings.get("language") == "zh_CN"


def test_about_dialog_shows_the_version(qtbot, app_context) -> None:
    window = make_window(qtbot, app_context)
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    assert __version__ in dialog.version.text()
    assert "文泉驿" in dialog.body.text() or "WenQuanYi" in dialog.body.text()
    dialog.reject()


def test_dropping_a_non_bundle_is_refused_plainly(qtbot, app_context, tmp_path) -> None:
    window = make_window(qtbot, app_context)
    stray = tmp_path / "申报书.pdf"
    stray.write_bytes(b"%PDF-1.4")
    with qtbot.assertNotEmitted(window.bundle_chosen):
        drop_files(window, [stray])
    box = visible_message_box("refusalBox")
    assert "申报书.pdf" in box.text() and ".rvb" in box.text()
    box.close()


def test_dropping_a_bundle_file_hands_it_on(qtbot, app_context, tmp_path) -> None:
    window = make_window(qtbot, app_context)
    bundle = tmp_path / "app.rvb"
    bundle.write_bytes(b"PK")
    with qtbot.waitSignal(window.bundle_chosen) as chosen:
        drop_files(window, [bundle])
    assert chosen.args == [bundle]


def test_missing_bundle_file_is_refused(qtbot, app_context, tmp_path) -> None:
    window = make_window(qtbot, app_context)
    with qtbot.assertNotEmitted(window.bundle_chosen):
        window.open_bundle(tmp_path / "gone.rvb")
    box = visible_message_box("refusalBox")
    assert "gone.rvb" in box.text()
    box.close()


def test_open_shortcut_is_ctrl_o(qtbot, app_context) -> None:
    window = make_window(qtbot, app_context)
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert isinstance(window.status_text, QLabel)


def test_f1_lists_the_keyboard_shortcuts(qtbot, app_context) -> None:
    from ui.shortcuts import ShortcutsDialog

    window = make_window(qtbot, app_context)
    assert window.shortcuts_action.shortcut().toString() == "F1"
    window.shortcuts_action.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    table = dialog.findChild(QTableWidget, "shortcutsTable")
    keys = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert "F8" in keys and "Ctrl+O" in keys
    dialog.reject()
