"""The SHA256SUMS member of bundles and packages: GNU `sha256sum` text format, strictly."""

from __future__ import annotations

import re
from collections.abc import Iterable

_LINE = re.compile(r"([0-9a-f]{64})  ([!-~]{1,64})")


def render(entries: Iterable[tuple[str, str]]) -> bytes:
    """(hex digest, member name) pairs as `sha256sum` writes them, one per line."""
    return "".join(f"{digest}  {name}\n" for digest, name in entries).encode("ascii")


def parse(data: bytes) -> list[tuple[str, str]] | None:
    """The (digest, name) pairs, or None when `data` is not exactly that format
    (ASCII, final newline, lower-case hex, two spaces, printable names, no name twice)."""
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        return None
    if not text.endswith("\n"):
        return None
    entries = []
    for line in text[:-1].split("\n"):
        match = _LINE.fullmatch(line)
        if not match:
            return None
        entries.append((match.group(1), match.group(2)))
    if len({name for _, name in entries}) != len(entries):
        return None
    return entries
