"""Enter presses the focused button, everywhere. Qt does this only inside dialogs; on a page of the
main window (e.g. 确认并开始评审 on the declarations page) a focused button answered Space alone."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterClicksFocusedButton(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.KeyPress and isinstance(watched, QPushButton)
                and isinstance(event, QKeyEvent) and event.key() in ENTER_KEYS
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
                and not isinstance(watched.window(), QDialog) and watched.isEnabled()):
            watched.animateClick()
            return True
        return False


def install_enter_clicks(app: QApplication) -> EnterClicksFocusedButton:
    enter = EnterClicksFocusedButton(app)
    app.installEventFilter(enter)
    return enter
