"""`reviewer-app verify` with a key on a big bundle: the documents are decrypted while the file
is still being hashed (verify_outer's `while_hashing`), and every fault is still reported the
way the outer check words it."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyrage
import pytest
from bundle_fixtures import PASSPHRASE, SESSION_PASSPHRASE, base_bundle, large_bundle, world
from cryptography.hazmat.primitives.serialization import Encoding

from reviewer_app import agescrypt
from reviewer_app.bundle import reader
from reviewer_app.bundle.verify_command import run as verify_run


@pytest.fixture
def overlapped(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every bundle counts as big; records each bundle handed over before its documents were hashed."""
    monkeypatch.setattr(reader, "_PARALLEL_FROM", 0)
    seen: list[str] = []
    original = reader._verify_all_but_documents

    def recording(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - same signature
        verified = original(*args, **kwargs)
        seen.append(verified.path.name)
        return verified

    monkeypatch.setattr(reader, "_verify_all_but_documents", recording)
    return seen


def _files(tmp_path: Path) -> tuple[Path, Path, Path]:
    w = world()
    cert = tmp_path / "org.pem"
    cert.write_bytes(w.org.certificate.public_bytes(Encoding.PEM))
    session = tmp_path / "session"
    session.write_text(SESSION_PASSPHRASE + "\n", encoding="utf-8")
    passphrase = tmp_path / "pass"
    passphrase.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return cert, session, passphrase


def _flip(path: Path, offset: int) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0x40]))


def test_documents_are_decrypted_while_the_file_is_hashed(tmp_path: Path, overlapped: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    cert, session, passphrase = _files(tmp_path)
    assert verify_run([str(large_bundle()), "--org-cert", str(cert), "--session-passphrase-file", str(session)]) == 0
    out = capsys.readouterr().out
    assert "large.rvb: sound" in out and "3 decrypted and matching the signed manifest" in out
    assert overlapped == ["large.rvb"]
    w = world()
    assert verify_run([str(large_bundle()), "--org-cert", str(cert), "--identity", str(w.recipient.folder), "--passphrase-file", str(passphrase)]) == 0
    assert "3 decrypted and matching the signed manifest" in capsys.readouterr().out
    assert overlapped == ["large.rvb", "large.rvb"]


def test_a_changed_document_is_reported_by_the_outer_check_not_by_decryption(tmp_path: Path, overlapped: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    cert, session, _ = _files(tmp_path)
    copy = tmp_path / "copy.rvb"
    shutil.copy(large_bundle(), copy)
    verified = reader.verify_outer(copy, world().trusted)
    big = max(verified.members, key=lambda m: m.size)
    _flip(copy, big.data_offset + big.size // 2)
    assert verify_run([str(copy), "--org-cert", str(cert), "--session-passphrase-file", str(session)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"The file {big.name} was changed after the organization sealed the bundle.\n" and captured.out == ""
    assert overlapped == ["copy.rvb"]  # the documents were being decrypted when the change was found


def test_faults_before_the_documents_are_refused_as_before(tmp_path: Path, overlapped: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    cert, _, _ = _files(tmp_path)
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    assert verify_run([str(large_bundle()), "--org-cert", str(cert), "--session-passphrase-file", str(wrong)]) == 1
    assert capsys.readouterr().err == "The session passphrase is wrong for this bundle.\n"
    copy = tmp_path / "copy.rvb"
    shutil.copy(large_bundle(), copy)
    bundle_json = reader.verify_outer(copy, world().trusted).member("bundle.json")
    _flip(copy, bundle_json.data_offset + 10)
    assert verify_run([str(copy), "--org-cert", str(cert), "--session-passphrase-file", str(tmp_path / "session")]) == 1
    assert capsys.readouterr().err == "The file bundle.json was changed after the organization sealed the bundle.\n"
    assert overlapped == ["large.rvb"]  # bundle.json is checked before anything is handed over


@pytest.mark.parametrize("size", [0, 1, 65536, 65537, 16 * 65536, 16 * 65536 + 1, 40 * 65536 + 7])
def test_streamed_decryption_of_files_from_stock_age(tmp_path: Path, size: int) -> None:
    """decrypt_stream reuses its buffers: each chunk handed over is right, at every batch boundary."""
    plain = os.urandom(size)
    identity = pyrage.x25519.Identity.generate()
    (tmp_path / "plain").write_bytes(plain)
    subprocess.run(["age", "-r", str(identity.to_public()), "-o", tmp_path / "file.age", tmp_path / "plain"], check=True)
    sha, pieces = hashlib.sha256(), []

    def consume(piece: memoryview) -> None:
        sha.update(piece)
        pieces.append(bytes(piece))

    length = (tmp_path / "file.age").stat().st_size
    with open(tmp_path / "file.age", "rb") as handle:
        got = agescrypt.decrypt_stream(agescrypt.file_reader_into(handle, 0), length, agescrypt.x25519_identity_bytes(str(identity)), consume, batch=3)
    assert got == size and b"".join(pieces) == plain and sha.hexdigest() == hashlib.sha256(plain).hexdigest()
    assert all(len(p) == agescrypt.CHUNK for p in pieces[:-1])
    cut = (tmp_path / "file.age").read_bytes()[: length - 1]
    (tmp_path / "cut.age").write_bytes(cut)
    with open(tmp_path / "cut.age", "rb") as handle, pytest.raises(agescrypt.AgeError):
        agescrypt.decrypt_stream(agescrypt.file_reader_into(handle, 0), len(cut), agescrypt.x25519_identity_bytes(str(identity)), lambda _: None)


def test_streamed_decryption_without_positional_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no os.preadv: the reader seeks and reads into the buffer instead."""
    plain = os.urandom(3 * 65536 + 11)
    identity = pyrage.x25519.Identity.generate()
    (tmp_path / "file.age").write_bytes(pyrage.encrypt(plain, [identity.to_public()]))
    monkeypatch.delattr(os, "preadv")
    pieces: list[bytes] = []
    with open(tmp_path / "file.age", "rb") as handle:
        reader = agescrypt.file_reader_into(handle, 0)
        size = agescrypt.decrypt_stream(reader, (tmp_path / "file.age").stat().st_size, agescrypt.x25519_identity_bytes(str(identity)), lambda p: pieces.append(bytes(p)))
    assert size == len(plain) and b"".join(pieces) == plain


@pytest.mark.parametrize("bundle", [base_bundle, large_bundle], ids=["small", "big"])
def test_the_outer_check_loads_only_what_it_needs(tmp_path: Path, bundle: Callable[[], Path]) -> None:
    """`reviewer-app verify` without a key never reads a manifest or signs anything, so it does
    not pay for the rubric's model or the CMS signing module (with the email package it pulls
    in): together ~15 ms of every check's start (issue 16: the outer check within 1.1× openssl)."""
    cert, _, _ = _files(tmp_path)
    probe = (
        "import sys\n"
        "from ui.launcher import main\n"
        f"code = main(['verify', {str(bundle())!r}, '--org-cert', {str(cert)!r}])\n"
        "unwanted = ['reviewer_app.rubric', 'cryptography.hazmat.primitives.serialization.pkcs7', 'email.message', 'PySide6']\n"
        "print(code, [name for name in unwanted if name in sys.modules])\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.splitlines()[-1] == "0 []", result.stdout + result.stderr
