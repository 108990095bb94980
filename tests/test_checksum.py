"""reviewer_app.checksum.crc32 (ISA-L) gives exactly zlib's CRC-32, and it is the only CRC-32 the app computes."""

from __future__ import annotations

import os
import re
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.checksum import crc32

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("size", [0, 1, 2, 3, 7, 15, 16, 17, 63, 64, 65, 255, 4095, 65535, 65537, 1 << 20, (1 << 20) + 13])
def test_same_value_as_zlib_for_every_length(size: int) -> None:
    data = os.urandom(size)
    assert crc32(data) == zlib.crc32(data)
    assert crc32(memoryview(data)[1:]) == zlib.crc32(data[1:])  # an unaligned view, as the seal pipeline passes
    assert crc32(bytearray(data), 0xDEADBEEF) == zlib.crc32(data, 0xDEADBEEF)


@given(st.lists(st.binary(max_size=3000), max_size=8), st.integers(0, 0xFFFFFFFF))
def test_continued_over_pieces_like_zlib(pieces: list[bytes], start: int) -> None:
    ours, theirs = start, start
    for piece in pieces:
        ours, theirs = crc32(piece, ours), zlib.crc32(piece, theirs)
    assert ours == theirs == zlib.crc32(b"".join(pieces), start)


def test_known_values() -> None:
    assert crc32(b"") == 0 and crc32(b"", 5) == 5
    assert crc32(b"123456789") == 0xCBF43926  # the CRC-32/ISO-HDLC check value


def test_no_other_crc_in_the_app() -> None:
    """One way to compute a CRC-32: zlib's (five times slower) is not called anywhere in the app."""
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("reviewer_app", "ui")
        for path in (ROOT / folder).rglob("*.py")
        if path.name != "checksum.py" and re.search(r"\bzlib\.crc32\b|^\s*(import zlib|from zlib import)", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    ]
    assert offenders == []
