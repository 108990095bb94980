"""Every file the app writes goes through here, so that it survives a crash or a power cut.

A write goes to a temporary file in the same folder (so the final rename stays on one file
system), is flushed and fsynced, gets its permissions, and replaces the target in one rename;
then the folder itself is fsynced so that the rename is on disk too. `path` therefore holds
either its old content or all of the new one, never a mix.

The same code runs on Linux, macOS and Windows and on FAT/exFAT USB sticks:
- permissions are set with os.chmod on the temporary file (os.fchmod does not exist on
  Windows before Python 3.13); a file system without modes (FAT, exFAT) refuses chmod, which
  is fine: there is nothing to protect there;
- a folder cannot be opened on Windows, and some USB file systems refuse fsync on a folder;
  there the rename is as durable as the OS makes it, and the write still succeeds.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

PUBLIC = 0o644
PRIVATE = 0o600  # owner only: secrets, keys, passphrase files
TEMP_SUFFIX = ".tmp"
_COPY_CHUNK = 1 << 20
_WINDOWS_RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)  # then one last try that raises

_T = TypeVar("_T")


def write_bytes(path: Path, data: bytes, *, mode: int = PUBLIC) -> None:
    """Replace `path` with `data` atomically and durably."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"write_bytes takes bytes, not {type(data).__name__}")
    write_with(path, lambda handle: handle.write(data), mode=mode)


def write_text(path: Path, text: str, *, mode: int = PUBLIC) -> None:
    write_bytes(path, text.encode("utf-8"), mode=mode)


def copy_file(source: Path, target: Path, *, mode: int = PUBLIC) -> None:
    """Copy `source` to `target` atomically and durably (streamed, for large files)."""
    with open(source, "rb") as src:
        write_with(target, lambda out: shutil.copyfileobj(src, out, _COPY_CHUNK), mode=mode)


def write_with(path: Path, produce: Callable[[BinaryIO], _T], *, mode: int = PUBLIC, temp_suffix: str = TEMP_SUFFIX) -> _T:
    """Atomically replace `path` with what `produce` writes into the handle it is given.

    The handle is opened for reading too ("w+b"), for writers that seek back. Returns what
    `produce` returns. On any failure the temporary file is removed and `path` is untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=temp_suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "w+b") as handle:
            result = produce(handle)
            handle.flush()
            os.fsync(handle.fileno())
        set_mode(Path(temp_name), mode)
        _replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)
    return result


def start_writing_back(handle: BinaryIO, offset: int, length: int) -> None:
    """Ask the system to start writing `length` bytes of `handle` from `offset` to disk now,
    without waiting for it, so that the fsync closing a large file finds little left to do (for
    a sealed 1 GiB bundle it waited 0.43 s, longer than encrypting). On Linux posix_fadvise's
    DONTNEED starts the write-back of those dirty pages; elsewhere this does nothing and the
    fsync writes everything, as before. Durability rests on that fsync either way."""
    if length > 0 and hasattr(os, "posix_fadvise"):
        handle.flush()
        os.posix_fadvise(handle.fileno(), offset, length, os.POSIX_FADV_DONTNEED)


def set_mode(path: Path, mode: int) -> None:
    """Set permissions where the file system has them (FAT/exFAT and Windows ACLs: skipped)."""
    try:
        os.chmod(path, mode)
    except OSError:
        pass  # a FAT/exFAT stick has no permissions to set


def replace(source: Path, target: Path) -> None:
    """Rename `source` over `target` (one step) and make the rename durable."""
    _replace(source, target)
    sync_folder(Path(target).parent)


def _replace(source: str | Path, target: Path) -> None:
    """os.replace, retried for a moment on Windows, where a virus scanner or the search indexer
    briefly holding the file makes the rename fail with "access denied"."""
    for delay in _WINDOWS_RETRY_DELAYS if sys.platform == "win32" else ():
        try:
            os.replace(source, target)
            return
        except PermissionError:
            time.sleep(delay)
    os.replace(source, target)


def rename_folder(staging: Path, target: Path) -> None:
    """Move a finished staging folder to `target`, which must be absent or empty, durably.

    Windows cannot rename onto an existing folder, even an empty one, so an empty `target`
    is removed first; a full one makes the rename fail (OSError) and stays as it is.
    """
    target = Path(target)
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
    os.rename(staging, target)
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """fsync a folder so renames and deletions in it reach the disk, where the OS allows it.

    Windows cannot open a folder as a file (and NTFS journals renames itself); some USB file
    systems refuse fsync on a folder. Neither is an error.
    """
    if sys.platform == "win32":
        return
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # vfat via FUSE and similar refuse it
    finally:
        os.close(fd)
