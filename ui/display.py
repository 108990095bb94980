"""Is there a screen to show the window on? Asked before Qt is started, because Qt aborts the
whole process (SIGABRT) when its platform plugin finds no display."""

from __future__ import annotations

import ctypes
import os
import sys

# Qt platforms that draw somewhere other than a desktop session (tests, VNC, a framebuffer).
_NON_DESKTOP_PLATFORMS = ("offscreen", "minimal", "vnc", "linuxfb", "eglfs", "vkkhrdisplay")


def missing_display() -> bool:
    """True when the Linux/BSD GUI would find no X11 or Wayland display to open."""
    if sys.platform in ("win32", "darwin"):
        return False
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0]
    if platform in _NON_DESKTOP_PLATFORMS:
        return False
    if os.environ.get("WAYLAND_DISPLAY") and platform != "xcb":
        return False
    display = os.environ.get("DISPLAY", "")
    return not display or not _x_server_answers(display)


def _x_server_answers(display: str) -> bool:
    """Connect once through libxcb (the library Qt's own xcb plugin uses); without libxcb,
    let Qt try and report."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)
