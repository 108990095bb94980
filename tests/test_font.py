"""The shipped CJK font is registered, so a machine without Chinese fonts shows Chinese."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QFontInfo, QRawFont

from reviewer_app.assets import CJK_FONT_FAMILY, cjk_font
from ui.app import register_cjk_font


def test_shipped_font_is_registered_and_covers_chinese(qapp) -> None:
    assert cjk_font().is_file()
    family = register_cjk_font(qapp)
    assert family == CJK_FONT_FAMILY
    assert CJK_FONT_FAMILY in QFontDatabase.families()
    assert qapp.font().families()[0] == CJK_FONT_FAMILY
    raw = QRawFont.fromFont(qapp.font())
    assert raw.isValid() and raw.familyName() == CJK_FONT_FAMILY
    assert all(raw.supportsCharacter(ord(ch)) for ch in "评审专家材料包回避声明保密承诺")
    assert QFontInfo(qapp.font()).family() == CJK_FONT_FAMILY
