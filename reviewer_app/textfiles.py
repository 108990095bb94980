"""Plain-text files as people in China save them: UTF-8 (with or without a byte-order mark),
UTF-16 with its mark (Notepad's "Unicode"), or GBK (Notepad and Excel on a Chinese Windows,
read as its superset GB18030)."""

from __future__ import annotations

import codecs

MAX_SHOWN_BYTES = 8 * 1024 * 1024  # the viewer shows no longer text: it is not a document to read on screen
_MARKS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes) -> str:
    """The text of `data`. Bytes that fit none of these encodings become U+FFFD, never an error:
    a reader should see the rest of the file."""
    for mark, encoding in _MARKS:
        if data.startswith(mark):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")
