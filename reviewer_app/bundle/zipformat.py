"""The canonical stored-only ZIP layout of a bundle: written exactly one way, read only that way.

A general ZIP reader tolerates a lot (duplicate names, gaps, extra fields, data descriptors,
comments, bytes before or after the archive). A bundle must show every changed byte, so the
writer emits one canonical layout and the reader accepts nothing else:

- members back to back from offset 0, each a 30-byte local header, the name, the data;
- then the central directory, then a 22-byte end record, then end of file;
- every header field fixed: version 1.0, flags 0, method 0 (stored), DOS time 1980-01-01 00:00,
  no extra field, no comment, attributes 0, names printable ASCII;
- local header == central entry, sizes and CRC-32 equal, nothing between or after.

Any other byte in the ZIP structure therefore fails the byte-for-byte comparison with the
header the reader rebuilds from the central directory, and any byte of member data is
covered by SHA-256 (and the CRC, which the reader recomputes). No ZIP64: a bundle is < 4 GiB.

The reader works on an open binary file with seek/read (never mmap, never extraction), so
memory stays bounded by the central directory, which is itself bounded.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from reviewer_app.bundle.errors import BundleRefused, refuse
from reviewer_app.checksum import crc32
from reviewer_app.errors import QT_TRANSLATE_NOOP

LOCAL_SIGNATURE = b"PK\x03\x04"
CENTRAL_SIGNATURE = b"PK\x01\x02"
END_SIGNATURE = b"PK\x05\x06"
LOCAL = struct.Struct("<4sHHHHHIIIHH")
CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
END = struct.Struct("<4sHHHHIIH")

VERSION = 10  # "1.0": stored members, nothing else needed
DOS_TIME = 0
DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest DOS date: no real time leaks
MAX_ZIP_SIZE = 0xFFFFFFFF  # beyond this ZIP64 would be needed
MAX_MEMBERS = 2048
MAX_NAME_LENGTH = 64
_UNIX_MADE_BY = 3
_S_IFMT = 0o170000
_S_IFLNK = 0o120000
_ENCRYPTED_FLAG = 0x1


@dataclass(frozen=True)
class Member:
    """One member as laid out in the file: its local header starts at `header_offset`."""

    name: str
    header_offset: int
    size: int
    crc: int

    @property
    def data_offset(self) -> int:
        return self.header_offset + LOCAL.size + len(self.name)

    @property
    def end_offset(self) -> int:
        return self.data_offset + self.size


def local_header(name: str, size: int, crc: int) -> bytes:
    encoded = name.encode("ascii")
    return LOCAL.pack(LOCAL_SIGNATURE, VERSION, 0, 0, DOS_TIME, DOS_DATE, crc, size, size, len(encoded), 0) + encoded


def central_entry(member: Member) -> bytes:
    encoded = member.name.encode("ascii")
    fixed = CENTRAL.pack(
        CENTRAL_SIGNATURE, VERSION, VERSION, 0, 0, DOS_TIME, DOS_DATE, member.crc, member.size, member.size,
        len(encoded), 0, 0, 0, 0, 0, member.header_offset,
    )  # fmt: skip
    return fixed + encoded


def end_record(count: int, directory_size: int, directory_offset: int) -> bytes:
    return END.pack(END_SIGNATURE, 0, 0, count, count, directory_size, directory_offset, 0)


# --- writing ----------------------------------------------------------------------------------


class MemberSink:
    """File-like object a member's data is streamed into; tracks size, CRC-32 and SHA-256."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._start = handle.tell()
        self._written_back = self._start
        self.size = 0
        self.crc = 0
        self.sha256 = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.write_unhashed(data)
        self.crc = crc32(data, self.crc)
        self.sha256.update(data)
        return len(data)

    def write_unhashed(self, data: bytes | memoryview) -> int:
        """write(), leaving the CRC-32 and the SHA-256 to a caller that computes them on another
        thread and sets `crc` and `sha256` before the member is finished."""
        self._handle.write(data)
        self.size += len(data)
        return len(data)

    def start_writing_back(self) -> None:
        """Have the system start putting what this member holds so far on disk, without
        waiting (durable.start_writing_back): the final fsync of a large file then waits little."""
        from reviewer_app import durable  # not at the top: reading a bundle (`verify`) never writes

        end = self._start + self.size
        durable.start_writing_back(self._handle, self._written_back, end - self._written_back)
        self._written_back = end

    def flush(self) -> None:
        """age's writer flushes; the real flush happens when the bundle is finished."""


class CanonicalZipWriter:
    """Writes members in the order given, then the directory. The handle must be seekable.

    A streamed member gets a placeholder header that is patched once its size and CRC are
    known, so the finished file has no data descriptors.
    """

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._members: list[Member] = []
        self._names: set[str] = set()

    def add(self, name: str, data: bytes) -> tuple[Member, str]:
        """Add a member held in memory; returns it and its SHA-256 (hex)."""
        return self.add_streamed(name, lambda sink: sink.write(data))

    def add_streamed(self, name: str, produce: Callable[[MemberSink], object]) -> tuple[Member, str]:
        """Add a member whose data `produce` writes into the sink; returns it and its SHA-256 (hex)."""
        if name in self._names or not is_safe_name(name):
            raise ValueError(f"bad or repeated member name {name!r}")
        offset = self._handle.tell()
        self._handle.write(local_header(name, 0, 0))
        sink = MemberSink(self._handle)
        produce(sink)
        end = self._handle.tell()
        if end > MAX_ZIP_SIZE:
            raise ValueError("a bundle must stay below 4 GiB")
        self._handle.seek(offset)
        self._handle.write(local_header(name, sink.size, sink.crc))
        self._handle.seek(end)
        member = Member(name, offset, sink.size, sink.crc)
        self._members.append(member)
        self._names.add(name)
        return member, sink.sha256.hexdigest()

    def finish(self) -> None:
        # Members may have been written out of order (seal writes the documents before the
        # manifest that lists their digests); the directory lists them in the file's order.
        self._members.sort(key=lambda member: member.header_offset)
        position = 0
        for member in self._members:
            if member.header_offset != position:
                raise ValueError("the members do not follow each other from the start of the file")
            position = member.end_offset
        self._handle.seek(position)
        directory_offset = position
        directory = b"".join(central_entry(member) for member in self._members)
        self._handle.write(directory)
        self._handle.write(end_record(len(self._members), len(directory), directory_offset))
        if self._handle.tell() > MAX_ZIP_SIZE:
            raise ValueError("a bundle must stay below 4 GiB")


# --- reading ----------------------------------------------------------------------------------


def is_safe_name(name: str) -> bool:
    """Printable ASCII, relative, no '..', no backslash or colon, no empty part."""
    return (
        0 < len(name) <= MAX_NAME_LENGTH
        and all(0x21 <= ord(ch) < 0x7F for ch in name)
        and "\\" not in name
        and ":" not in name  # "C:/…" is absolute on Windows; "a:b" an alternate data stream
        and not name.startswith("/")
        and all(part not in ("", ".", "..") for part in name.split("/"))
    )


def _describe_unsafe(raw: bytes) -> BundleRefused:
    shown = raw.decode("utf-8", "backslashreplace")[:80]
    if raw.startswith(b"/") or (len(raw) > 1 and raw[1:2] == b":"):
        return refuse(QT_TRANSLATE_NOOP("Errors", "The bundle contains a member with an absolute path, {name}, which could write outside its folder."), name=shown)
    if b".." in raw.replace(b"\\", b"/").split(b"/"):
        return refuse(QT_TRANSLATE_NOOP("Errors", "The bundle contains a member named {name}, whose \"..\" could write outside its folder."), name=shown)
    if b"\\" in raw:
        return refuse(QT_TRANSLATE_NOOP("Errors", "The bundle contains a member named {name} with a backslash, which is not allowed."), name=shown)
    return refuse(QT_TRANSLATE_NOOP("Errors", "The bundle contains a member with a name that is not allowed: {name}."), name=shown)


def _read_exact(handle: BinaryIO, offset: int, length: int) -> bytes:
    handle.seek(offset)
    data = handle.read(length)
    if len(data) != length:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The bundle file is shorter than its own table of contents says; it may have been cut off while copying."))
    return data


def _end_record(handle: BinaryIO, file_size: int) -> tuple[int, int, int]:
    """(member count, directory size, directory offset), from the 22 bytes at the very end."""
    starts_like_zip = _read_exact(handle, 0, min(4, file_size)) == LOCAL_SIGNATURE
    tail_start = max(0, file_size - END.size - 0xFFFF)
    tail = _read_exact(handle, tail_start, file_size - tail_start)
    found = tail.rfind(END_SIGNATURE)
    if found < 0 or found + END.size > len(tail):
        if not starts_like_zip:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "This file is not a review bundle (it is not a ZIP archive)."))
        raise _truncated()
    if found + END.size < len(tail):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The bundle has {count} unexpected bytes after its end."), count=len(tail) - found - END.size)
    _, disk, directory_disk, disk_count, count, directory_size, directory_offset, comment = END.unpack(tail[-END.size :])
    if (disk, directory_disk, comment) != (0, 0, 0) or disk_count != count:
        raise _damaged_directory()
    if count == 0 or count > MAX_MEMBERS:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The bundle has {count} members, which no bundle has."), count=count)
    if directory_size > count * (CENTRAL.size + MAX_NAME_LENGTH):  # never read a huge "directory" into memory
        raise _damaged_directory()
    if directory_offset + directory_size != file_size - END.size:
        if not starts_like_zip and directory_offset + directory_size < file_size - END.size:
            raise refuse(
                QT_TRANSLATE_NOOP("Errors", "The bundle has {count} unexpected bytes before its first member."),
                count=file_size - END.size - directory_offset - directory_size,
            )
        raise _damaged_directory()
    return count, directory_size, directory_offset


def _truncated() -> BundleRefused:
    return refuse(QT_TRANSLATE_NOOP("Errors", "The bundle file is incomplete: its end is missing, so it may have been cut off while copying."))


def _damaged_directory() -> BundleRefused:
    return refuse(QT_TRANSLATE_NOOP("Errors", "The bundle's table of contents is damaged or was changed."))


def _parse_directory(directory: bytes, count: int, file_size: int) -> list[Member]:
    members: list[Member] = []
    seen: set[str] = set()
    position = 0
    for _ in range(count):
        if position + CENTRAL.size > len(directory):
            raise _damaged_directory()
        fields = CENTRAL.unpack_from(directory, position)
        (signature, made_by, _, flags, method, _, _, crc, compressed, size, name_length, extra_length, comment_length, _, _, attributes, offset) = fields
        if signature != CENTRAL_SIGNATURE:
            raise _damaged_directory()
        end = position + CENTRAL.size + name_length
        raw_name = directory[position + CENTRAL.size : end]
        if end > len(directory) or len(raw_name) != name_length:
            raise _damaged_directory()
        name = _checked_name(raw_name, seen)
        _check_entry_kind(name, made_by, flags, method, attributes, compressed, size, file_size)
        members.append(Member(name, offset, size, crc))
        expected = central_entry(members[-1])
        if directory[position : end + extra_length + comment_length] != expected:
            raise _header_changed(name, "table of contents")
        position = end
    if position != len(directory):
        raise _damaged_directory()
    return members


def _checked_name(raw: bytes, seen: set[str]) -> str:
    try:
        name = raw.decode("ascii")
    except UnicodeDecodeError:
        raise _describe_unsafe(raw) from None
    if not is_safe_name(name) or name.endswith("/"):
        raise _describe_unsafe(raw)
    if name in seen:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The bundle contains the member {name} more than once."), name=name)
    seen.add(name)
    return name


def _check_entry_kind(name: str, made_by: int, flags: int, method: int, attributes: int, compressed: int, size: int, file_size: int) -> None:
    if made_by >> 8 == _UNIX_MADE_BY and (attributes >> 16) & _S_IFMT == _S_IFLNK:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The bundle member {name} is a link, which a bundle may not contain."), name=name)
    if flags & _ENCRYPTED_FLAG:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The bundle member {name} uses ZIP encryption, which bundles never do."), name=name)
    if method != 0:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The bundle member {name} is compressed; the organization stores every member uncompressed."), name=name)
    if size > file_size or compressed > file_size:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "The bundle member {name} claims to be {size} bytes long, more than the whole file."),
            name=name,
            size=max(size, compressed),
        )


def _header_changed(name: str, where: str) -> BundleRefused:
    if where == "table of contents":
        return refuse(QT_TRANSLATE_NOOP("Errors", "The table-of-contents entry of {name} was changed after the organization sealed the bundle."), name=name)
    return refuse(QT_TRANSLATE_NOOP("Errors", "The ZIP header of {name} was changed after the organization sealed the bundle."), name=name)


def read_layout(handle: BinaryIO, file_size: int) -> list[Member]:
    """The members of a canonical bundle ZIP, after checking every structural byte."""
    if file_size > MAX_ZIP_SIZE:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The file is larger than 4 GiB, which no bundle is."))
    count, directory_size, directory_offset = _end_record(handle, file_size)
    directory = _read_exact(handle, directory_offset, directory_size)
    members = _parse_directory(directory, count, file_size)
    position = 0
    for member in members:
        if member.header_offset != position:
            raise _layout_gap(member, position)
        if member.end_offset > directory_offset:
            raise refuse(
                QT_TRANSLATE_NOOP("Errors", "The bundle member {name} claims to be {size} bytes long, more than the file holds."),
                name=member.name,
                size=member.size,
            )
        if _read_exact(handle, position, LOCAL.size + len(member.name)) != local_header(member.name, member.size, member.crc):
            raise _header_changed(member.name, "local")
        position = member.end_offset
    if position != directory_offset:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The bundle has {count} unexplained bytes before its table of contents."), count=directory_offset - position)
    return members


def _layout_gap(member: Member, position: int) -> BundleRefused:
    if member.header_offset > position:
        return refuse(
            QT_TRANSLATE_NOOP("Errors", "The bundle has {count} unexplained bytes before the member {name}."),
            count=member.header_offset - position,
            name=member.name,
        )
    return refuse(QT_TRANSLATE_NOOP("Errors", "The bundle member {name} overlaps the member before it."), name=member.name)
