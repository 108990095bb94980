"""The ZIP CRC-32 of bundles and packages: one function, computed by ISA-L.

zlib's crc32 costs ~0.5 s of CPU per GiB on the machines we measured, a quarter of sealing a
large document; ISA-L's (python-isal) gives the same values about five times faster. Every
CRC-32 the app computes goes through `crc32`, so the two can never disagree."""

from __future__ import annotations


def crc32(data: bytes | bytearray | memoryview, value: int = 0) -> int:
    """The CRC-32 of `data` continuing from `value` (0 to start), as zlib.crc32 gives it."""
    # Imported here, not at the top: `reviewer-app verify` reads the ZIP layout first thing
    # and its start-up time is measured; the lookup costs well under a microsecond per call.
    from isal import isal_zlib

    return isal_zlib.crc32(data, value)
