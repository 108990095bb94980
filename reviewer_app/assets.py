"""Access to files shipped in `resources/`, the same way in development and in the frozen build."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

CJK_FONT_FILE = "wqy-microhei.ttc"
CJK_FONT_FAMILY = "WenQuanYi Micro Hei"


def resource(*parts: str) -> Traversable:
    """The shipped resource at resources/<parts...>."""
    node = resources.files("resources")
    for part in parts:
        node = node / part
    return node


def cjk_font() -> Traversable:
    """The shipped CJK font (TrueType collection, subfont 0 is the proportional face)."""
    return resource("fonts", CJK_FONT_FILE)
