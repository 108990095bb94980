"""Sealing encrypts each document through a ring of reused buffers (reviewer_app/bundle/seal.py):
stock `age` must still decrypt every member, whatever the size against the 1 MiB batches, and a
document that grows, shrinks or changes while it is sealed is refused."""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from bundle_fixtures import INSIDE_WINDOW, world, write_source

from reviewer_app.bundle import SealRefused, open_bundle
from reviewer_app.bundle.seal import seal_bundle
from reviewer_app.bundle.source import load_source
from reviewer_app.org import tomlwrite

SIZES = {"empty": 0, "one": 1, "chunk": 65536, "batch": 16 * 65536, "batch-plus": 16 * 65536 + 1, "three": 3 * 16 * 65536 - 5}


def _source(folder: Path) -> Path:
    write_source(folder)
    data = _load_toml(folder / "review.toml")
    for name, size in SIZES.items():
        (folder / "materials" / f"{name}.txt").write_bytes(os.urandom(size).hex()[:size].encode())
        data["materials"].append({"id": f"X-{name}", "title": name, "file": f"materials/{name}.txt"})
    (folder / "review.toml").write_text(tomlwrite.dumps(data), encoding="utf-8")
    return folder


def _load_toml(path: Path) -> dict:
    import tomllib

    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_every_member_opens_with_stock_age(tmp_path: Path) -> None:
    w = world()
    source = load_source(_source(tmp_path / "source"))
    bundle = seal_bundle(source, tmp_path / "sizes.rvb", w.org, [w.recipient.card]).path
    opened = open_bundle(bundle, w.trusted, identity=w.recipient.unlocked, now=INSIDE_WINDOW)
    (tmp_path / "bundle-key.txt").write_text(opened.bundle_key, encoding="ascii")
    with zipfile.ZipFile(bundle) as archive:
        assert archive.testzip() is None  # every member's CRC-32, computed on the hashing thread, is right
        for material in opened.materials:
            (tmp_path / "member.age").write_bytes(archive.read(material.member))
            plain = subprocess.run(["age", "-d", "-i", tmp_path / "bundle-key.txt", tmp_path / "member.age"], capture_output=True, check=True).stdout
            assert plain == (source.folder / next(m.file for m in source.materials if m.id == material.id)).read_bytes(), material.title
            opened.check_material(material.id)
    assert {m.title for m in opened.materials} >= set(SIZES)


@pytest.mark.parametrize("change", ["grows", "shrinks", "flips"])
def test_a_document_changed_while_sealing_is_refused(tmp_path: Path, change: str) -> None:
    w = world()
    source = load_source(_source(tmp_path / "source"))
    target = source.folder / "materials" / "three.txt"
    done = []

    def tamper(_done: int, _total: int) -> None:
        if done:
            return
        done.append(1)
        with open(target, "r+b") as handle:
            if change == "grows":
                handle.seek(0, 2)
                handle.write(b"more")
            elif change == "shrinks":
                handle.truncate(2 * 16 * 65536 + 7)
            else:
                handle.seek(-1, 2)
                last = handle.read(1)[0]
                handle.seek(-1, 2)
                handle.write(bytes([last ^ 1]))

    with pytest.raises(SealRefused, match="three.txt changed while it was being sealed"):
        seal_bundle(source, tmp_path / "bad.rvb", w.org, [w.recipient.card], progress=tamper)
    assert not (tmp_path / "bad.rvb").exists() and not list(tmp_path.glob(".bad.rvb.*"))


@pytest.mark.parametrize("size", [0, 1, 65536, 65537, 5 * 65536 + 3])
def test_in_memory_encryption_opens_with_stock_age_for_every_recipient(tmp_path: Path, size: int) -> None:
    """agescrypt.encrypt_to (signed packages: the expert's own copy and the confidential export)."""
    import pyrage

    from reviewer_app import agescrypt

    plain = os.urandom(size)
    people = [pyrage.x25519.Identity.generate() for _ in range(3)]
    (tmp_path / "file.age").write_bytes(agescrypt.encrypt_to(plain, [str(p.to_public()) for p in people]))
    for number, person in enumerate(people):
        (tmp_path / f"key{number}.txt").write_text(f"{person}\n", encoding="ascii")
        assert subprocess.run(["age", "-d", "-i", tmp_path / f"key{number}.txt", tmp_path / "file.age"], capture_output=True, check=True).stdout == plain


def test_a_disk_failure_while_writing_refuses_the_seal_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writing thread meets a full disk halfway through a document: the seal stops with the
    error instead of waiting for buffers that will never come back, and no file is left."""
    import errno

    from reviewer_app.bundle import zipformat

    w = world()
    source = load_source(_source(tmp_path / "source"))
    real = zipformat.MemberSink.write_unhashed
    writes = []

    def fills_up(self: zipformat.MemberSink, data: bytes) -> int:
        writes.append(len(data))
        if len(writes) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(zipformat.MemberSink, "write_unhashed", fills_up)
    with pytest.raises(OSError, match="No space left"):
        seal_bundle(source, tmp_path / "full.rvb", w.org, [w.recipient.card])
    assert not (tmp_path / "full.rvb").exists() and not list(tmp_path.glob(".full.rvb.*"))
