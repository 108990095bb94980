"""reviewer_app.durable: atomic replacement, owner-only modes, USB sticks without modes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reviewer_app import durable


def test_write_replaces_atomically_with_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "secret.bin"
    durable.write_bytes(target, b"old")
    assert stat.S_IMODE(target.stat().st_mode) == durable.PUBLIC
    durable.write_bytes(target, b"new", mode=durable.PRIVATE)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == durable.PRIVATE
    assert [p.name for p in tmp_path.iterdir()] == ["secret.bin"]


def test_a_failing_writer_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    durable.write_bytes(target, b"old")

    def fail(handle: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        durable.write_with(target, fail)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.bin"]


def test_a_stick_without_modes_or_folder_fsync_is_fine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """FAT/exFAT: chmod is refused (EPERM), fsync on a folder too (vfat via FUSE)."""
    real_fsync = os.fsync

    def refuse_chmod(path: object, mode: int) -> None:
        raise PermissionError(1, "Operation not permitted", str(path))

    def fsync_files_only(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(22, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(os, "chmod", refuse_chmod)
    monkeypatch.setattr(os, "fsync", fsync_files_only)
    durable.write_bytes(tmp_path / "package.rvs", b"data")
    durable.copy_file(tmp_path / "package.rvs", tmp_path / "copy.rvs")
    assert (tmp_path / "copy.rvs").read_bytes() == b"data"


def test_streamed_writer_returns_its_result(tmp_path: Path) -> None:
    assert durable.write_with(tmp_path / "x", lambda handle: handle.write(b"abc")) == 3


def test_rename_folder_replaces_only_an_empty_folder(tmp_path: Path) -> None:
    staging, target = tmp_path / ".staging", tmp_path / "target"
    staging.mkdir()
    (staging / "a").write_bytes(b"a")
    target.mkdir()
    durable.rename_folder(staging, target)
    assert (target / "a").read_bytes() == b"a" and not staging.exists()

    other = tmp_path / ".other"
    other.mkdir()
    with pytest.raises(OSError):
        durable.rename_folder(other, target)
    assert (target / "a").read_bytes() == b"a"


def test_write_bytes_refuses_text(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        durable.write_bytes(tmp_path / "x", "text")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_windows_retries_a_rename_a_scanner_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace
    attempts: list[str] = []

    def busy_twice(source: object, target: object) -> None:
        attempts.append(str(target))
        if len(attempts) <= 2:
            raise PermissionError(13, "Access is denied")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(durable.sys, "platform", "win32")
    monkeypatch.setattr(os, "replace", busy_twice)
    durable.write_bytes(tmp_path / "sheet.pdf", b"%PDF")
    assert len(attempts) == 3 and (tmp_path / "sheet.pdf").read_bytes() == b"%PDF"

    def always_busy(source: object, target: object) -> None:
        attempts.append(str(target))
        raise PermissionError(13, "Access is denied")

    attempts.clear()
    monkeypatch.setattr(os, "replace", always_busy)
    with pytest.raises(PermissionError):
        durable.write_bytes(tmp_path / "sheet.pdf", b"new")
    assert len(attempts) == 6 and (tmp_path / "sheet.pdf").read_bytes() == b"%PDF"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]
