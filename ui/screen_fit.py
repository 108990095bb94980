"""Every window inside the screen it opens on. Sizes chosen on a large monitor (a 900×1000 sheet
preview, a 1200×780 main window) leave buttons off a 1366×768 laptop screen, or off 1920×1080 at
150 % (1280×720 logical); this shrinks and moves any window that would not fit, when it is shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

# What the window manager adds around a window (title bar, borders) before the window exists.
FRAME_ALLOWANCE = QSize(16, 40)


def fitted(rect: QRect, available: QRect, frame: QSize, minimum: QSize) -> QRect:
    """`rect` (the client area) unchanged when it fits `available` with its frame; else shrunk to
    fit (never below the window's minimum size) and centred in `available`."""
    room = available.size() - frame
    if rect.width() <= room.width() and rect.height() <= room.height():
        return rect
    size = QSize(max(min(rect.width(), room.width()), minimum.width()),
                 max(min(rect.height(), room.height()), minimum.height()))
    result = QRect(QPoint(0, 0), size)
    # Centre the framed window: the title bar is above the client area.
    result.moveCenter(available.center() + QPoint(0, (frame.height() - frame.width()) // 2))
    return result


def frame_of(window: QWidget) -> QSize:
    extra = window.frameGeometry().size() - window.geometry().size()
    if extra.width() <= 0 and extra.height() <= 0:
        return FRAME_ALLOWANCE
    return extra


def fit_window(window: QWidget) -> None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    target = fitted(window.geometry(), screen.availableGeometry(), frame_of(window), window.minimumSize())
    if target != window.geometry():
        window.setGeometry(target)


class ScreenFit(QObject):
    """Application-wide event filter: fits every top-level window to its screen as it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            fit_window(watched)
        return False


def install_screen_fit(app: QApplication) -> ScreenFit:
    fit = ScreenFit(app)
    app.installEventFilter(fit)
    return fit
