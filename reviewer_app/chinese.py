"""Simplified Chinese for documents the core writes itself (the organization's report.pdf).

The GUI translates through Qt; the core has no Qt, so it reads the same catalogue
(resources/translations/reviewer_zh_CN.ts) with the standard library. A message without a
finished translation keeps its English template, so a test can find what is missing.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ElementTree

from reviewer_app.assets import resource

CATALOGUE = ("translations", "reviewer_zh_CN.ts")


@functools.cache
def _catalogue() -> dict[tuple[str, str], str]:
    root = ElementTree.fromstring(resource(*CATALOGUE).read_bytes())
    found: dict[tuple[str, str], str] = {}
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished") or not translation.text:
                continue
            found[(name, message.findtext("source", ""))] = translation.text
    return found


def translate(context: str, text: str) -> str:
    """A `Translate` for UserFacingError.message(): the Chinese of `text`, or `text` itself."""
    return _catalogue().get((context, text), text)


def has(context: str, text: str) -> bool:
    """Whether `text` has a Chinese translation (one with Chinese characters in it)."""
    translation = _catalogue().get((context, text), "")
    return any("\u4e00" <= ch <= "\u9fff" for ch in translation)
