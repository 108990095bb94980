"""The shipped CJK font for every PDF the app writes (reportlab embeds it as a subset)."""

from __future__ import annotations

from importlib.resources import as_file

from reviewer_app import assets

FONT = "WQYMicroHei"
MONO_FONT = "WQYMicroHeiMono"
_SUBFONTS = {FONT: 0, MONO_FONT: 1}  # the .ttc holds the proportional and the monospaced face


def register_fonts() -> None:
    """Register both faces with reportlab once per process."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    missing = [name for name in _SUBFONTS if name not in pdfmetrics.getRegisteredFontNames()]
    if not missing:
        return
    with as_file(assets.cjk_font()) as path:
        for name in missing:
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=_SUBFONTS[name]))
