"""Sealing and opening bundles: the happy paths, the reader API the GUI uses, and `reviewer-app verify`."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import struct
import zipfile
from pathlib import Path

import pyrage
import pytest
from bundle_fixtures import INSIDE_WINDOW, PASSPHRASE, SESSION_PASSPHRASE, VALID_FROM, VALID_UNTIL, base_bundle, large_bundle, world

from reviewer_app import keys
from reviewer_app.bundle import BundleRefused, Cancelled, open_bundle, unlock_bundle, verify_outer
from reviewer_app import agescrypt
from reviewer_app.bundle import layout
from reviewer_app.bundle.seal import generate_session_passphrase
from reviewer_app.bundle.verify_command import run as verify_run


def test_open_with_expert_identity() -> None:
    w = world()
    opened = open_bundle(base_bundle(), w.trusted, identity=w.recipient.unlocked, now=INSIDE_WINDOW)
    assert opened.application.id == "T-001" and opened.application.applicant == "广州测试科技有限公司"
    assert opened.review.title == "测试评审" and opened.review.window.valid_from == VALID_FROM
    assert [f.key for f in opened.facts] == ["applicant", "sales_3y"]
    assert opened.rubric.total == 20 and [s.id for s in opened.rubric.sections] == ["T", "F"]
    assert opened.checklist.item("K1").claims == ("sales_3y",)
    assert [p.name for p in opened.manifest.panel] == ["陈志远"]
    assert opened.manifest.organization_fingerprint == w.org.fingerprint
    assert [(m.id, m.title, m.media_type) for m in opened.materials] == [("M01", "申报书", "application/pdf"), ("M02", "场地照片", "image/png")]
    assert opened.materials[0].file_name == "申报书.pdf"
    document = opened.read_material("M01")
    assert document == (w.source / "materials" / "申报书.pdf").read_bytes()
    assert opened.read_material("M02") == (w.source / "materials" / "photo.png").read_bytes()
    with zipfile.ZipFile(base_bundle()) as archive:
        assert opened.sums_sha256 == hashlib.sha256(archive.read("SHA256SUMS")).hexdigest()
        # format version 2: the manifest signs each member's SHA-256, not the plaintext's
        assert opened.manifest.format_version == opened.verified.info.format_version == 2
        for material in opened.materials:
            assert material.member_sha256 == hashlib.sha256(archive.read(material.member)).hexdigest() and material.plaintext_sha256 == ""


def test_open_with_session_passphrase_and_with_kept_bundle_key() -> None:
    w = world()
    opened = open_bundle(base_bundle(), w.trusted, session_passphrase=f"  {SESSION_PASSPHRASE}\n", now=INSIDE_WINDOW)
    assert opened.bundle_key.startswith("# reviewer-app bundle")
    # The app keeps only the sealed file (and may keep the bundle key encrypted); reopening works later.
    again = unlock_bundle(verify_outer(base_bundle(), w.trusted), bundle_key=opened.bundle_key, now=INSIDE_WINDOW)
    assert again.read_material("M01") == opened.read_material("M01")
    assert again.manifest == opened.manifest


def test_large_material_streams_through_verification_with_progress() -> None:
    w = world()
    seen: list[tuple[int, int]] = []
    opened = open_bundle(large_bundle(), w.trusted, identity=w.recipient.unlocked, now=INSIDE_WINDOW, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] == large_bundle().stat().st_size
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) > 3
    assert len(opened.read_material("M03")) == 9 + 2_500_000


def test_cancel_stops_verification() -> None:
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        verify_outer(large_bundle(), world().trusted, cancelled=cancelled)


def test_trusted_certificates_may_be_loaded_lazily() -> None:
    w = world()
    verified = verify_outer(base_bundle(), lambda: [w.other_org.certificate, w.org.certificate])
    assert verified.info.organization_name == "测试评审机构"


def test_layout_is_canonical_stored_zip() -> None:
    data = base_bundle().read_bytes()
    with zipfile.ZipFile(base_bundle()) as archive:
        infos = archive.infolist()
        assert archive.testzip() is None
        assert archive.comment == b""
    names = [i.filename for i in infos]
    assert names == layout.canonical_order(True, True, 2)
    for info in infos:
        assert (info.compress_type, info.date_time, info.extra, info.flag_bits, info.external_attr) == (zipfile.ZIP_STORED, (1980, 1, 1, 0, 0, 0), b"", 0, 0)
    offsets = [i.header_offset for i in infos]
    assert offsets[0] == 0
    assert all(offsets[k + 1] == offsets[k] + 30 + len(infos[k].filename) + infos[k].file_size for k in range(len(infos) - 1))
    eocd = struct.unpack("<4sHHHHIIH", data[-22:])
    assert eocd[0] == b"PK\x05\x06" and eocd[6] + eocd[5] == len(data) - 22


def test_sealing_twice_gives_distinct_bundles() -> None:
    w = world()
    a, b = w.seal("twice-a.rvb"), w.seal("twice-b.rvb")
    assert a.bundle_id != b.bundle_id and a.sums_sha256 != b.sums_sha256


def test_passphrase_only_and_experts_only_bundles() -> None:
    w = world()
    only_session = w.seal("session-only.rvb", recipients=())
    with pytest.raises(BundleRefused, match="only be opened with the session passphrase"):
        open_bundle(only_session.path, w.trusted, identity=w.recipient.unlocked, now=INSIDE_WINDOW)
    assert open_bundle(only_session.path, w.trusted, session_passphrase=SESSION_PASSPHRASE, now=INSIDE_WINDOW).bundle_id == only_session.bundle_id
    only_experts = w.seal("experts-only.rvb", recipients=(w.recipient, w.stranger), session=None)
    with pytest.raises(BundleRefused, match="cannot be opened with a session passphrase"):
        open_bundle(only_experts.path, w.trusted, session_passphrase=SESSION_PASSPHRASE, now=INSIDE_WINDOW)
    for expert in (w.recipient, w.stranger):
        assert len(open_bundle(only_experts.path, w.trusted, identity=expert.unlocked, now=INSIDE_WINDOW).manifest.panel) == 2


def test_review_window_is_enforced_with_the_dates() -> None:
    w = world()
    verified = verify_outer(base_bundle(), w.trusted)
    with pytest.raises(BundleRefused) as early:
        unlock_bundle(verified, identity=w.recipient.unlocked, now=VALID_FROM - dt.timedelta(seconds=1))
    assert "from 2025-01-01 00:00 (UTC+08:00) to 2099-12-31 23:59 (UTC+08:00); that time has not come yet" in early.value.message()
    with pytest.raises(BundleRefused) as late:
        unlock_bundle(verified, session_passphrase=SESSION_PASSPHRASE, now=VALID_UNTIL + dt.timedelta(seconds=1))
    assert "that time is over" in late.value.message() and "2099-12-31 23:59 (UTC+08:00)" in late.value.message()
    unlock_bundle(verified, session_passphrase=SESSION_PASSPHRASE, now=VALID_UNTIL)  # the last second still counts


def test_not_a_recipient_and_wrong_passphrase() -> None:
    w = world()
    verified = verify_outer(base_bundle(), w.trusted)
    with pytest.raises(BundleRefused) as stranger:
        unlock_bundle(verified, identity=w.stranger.unlocked, now=INSIDE_WINDOW)
    assert "not sealed for you" in stranger.value.message() and keys.format_fingerprint(w.stranger.public.fingerprint) in stranger.value.message()
    with pytest.raises(BundleRefused, match="The session passphrase is wrong for this bundle."):
        unlock_bundle(verified, session_passphrase="Session-pass-word-2024", now=INSIDE_WINDOW)


def test_document_changed_after_opening_is_refused_on_read(tmp_path: Path) -> None:
    w = world()
    copy = tmp_path / "copy.rvb"
    shutil.copy(base_bundle(), copy)
    opened = open_bundle(copy, w.trusted, identity=w.recipient.unlocked, now=INSIDE_WINDOW)
    member = opened.verified.member(opened.material("M02").member)
    data = bytearray(copy.read_bytes())
    data[member.data_offset + member.size - 1] ^= 0x01
    copy.write_bytes(bytes(data))
    assert opened.read_material("M01").startswith(b"%PDF")
    with pytest.raises(BundleRefused, match=r"The file payload/003.age was changed after the bundle was checked."):
        opened.read_material("M02")


def test_session_passphrase_generator_is_strong_and_readable() -> None:
    from reviewer_app import passphrase

    phrases = {generate_session_passphrase() for _ in range(50)}
    assert len(phrases) == 50
    for phrase in phrases:
        passphrase.require_acceptable(phrase)
        assert len(phrase) == 24 and not set(phrase) & set("01lo")


@pytest.mark.parametrize("size", [0, 1, 65536, 65537, 200_000])
def test_age_scrypt_writer_interoperates_with_rage(size: int) -> None:
    plain = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    encrypted = agescrypt.encrypt(plain, "口令 pass", work_factor=10)
    assert pyrage.passphrase.decrypt(encrypted, "口令 pass") == plain
    with pytest.raises(pyrage.DecryptError):
        pyrage.passphrase.decrypt(encrypted, "口令 pas")


def test_verify_command_sound_and_unlocked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    w = world()
    cert = tmp_path / "org-cert.pem"
    cert.write_bytes(w.org.certificate.public_bytes(__import__("cryptography").hazmat.primitives.serialization.Encoding.PEM))
    passphrase = tmp_path / "pass"
    passphrase.write_text(PASSPHRASE + "\n", encoding="utf-8")
    session = tmp_path / "session"
    session.write_text(SESSION_PASSPHRASE + "\n", encoding="utf-8")
    assert verify_run([str(base_bundle()), "--org-cert", str(cert)]) == 0
    out = capsys.readouterr().out
    assert "base.rvb: sound" in out and keys.format_fingerprint(w.org.fingerprint) in out and "1 expert(s) and a session passphrase" in out
    assert verify_run([str(base_bundle()), "--org-cert", str(cert), "--identity", str(w.recipient.folder), "--passphrase-file", str(passphrase)]) == 0
    assert "2 decrypted and matching the signed manifest" in capsys.readouterr().out
    assert verify_run([str(base_bundle()), "--org-cert", str(cert), "--session-passphrase-file", str(session)]) == 0
    assert "application:    T-001 测试创新中心" in capsys.readouterr().out


def test_verify_command_faults_are_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    w = world()
    other = tmp_path / "other.pem"
    other.write_bytes(w.other_org.certificate.public_bytes(__import__("cryptography").hazmat.primitives.serialization.Encoding.PEM))
    assert verify_run([str(base_bundle()), "--org-cert", str(other)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert "sealed by an organization you have not confirmed" in captured.err and keys.format_fingerprint(w.org.fingerprint) in captured.err
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    cert = tmp_path / "org.pem"
    cert.write_bytes(w.org.certificate.public_bytes(__import__("cryptography").hazmat.primitives.serialization.Encoding.PEM))
    assert verify_run([str(base_bundle()), "--org-cert", str(cert), "--session-passphrase-file", str(wrong)]) == 1
    assert capsys.readouterr().err == "The session passphrase is wrong for this bundle.\n"
    assert verify_run([str(base_bundle()), "--org-cert", str(cert), "--identity", str(w.stranger.folder), "--passphrase-file", str(wrong)]) == 1
    assert capsys.readouterr().err == "The passphrase is wrong.\n"
    assert verify_run([str(tmp_path / "missing.rvb"), "--org-cert", str(cert)]) == 1
    assert "cannot be read: No such file or directory" in capsys.readouterr().err
    assert verify_run([str(base_bundle())]) == 2
    assert verify_run(["--bogus"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_verify_command_uses_the_apps_trust_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer_app import trust

    w = world()
    trust.pin(tmp_path / "data" / "trust", w.org.certificate)
    assert verify_run([str(base_bundle()), "--data-dir", str(tmp_path / "data")]) == 0
    assert "base.rvb: sound" in capsys.readouterr().out
    assert verify_run([str(base_bundle()), "--data-dir", str(tmp_path / "empty")]) == 1
    assert "No organization certificate is trusted yet" in capsys.readouterr().err


def test_sealing_reports_progress_and_refuses_a_material_changed_meanwhile(tmp_path: Path) -> None:
    from bundle_fixtures import write_source

    from reviewer_app.bundle import SealRefused
    from reviewer_app.bundle.seal import seal_bundle
    from reviewer_app.bundle.source import load_source

    w = world()
    source = load_source(write_source(tmp_path / "source", large=True))
    seen: list[tuple[int, int]] = []
    seal_bundle(source, tmp_path / "ok.rvb", w.org, [w.recipient.card], progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] == sum(p.stat().st_size for p in source.material_paths())

    def tamper(done: int, total: int) -> None:
        with open(source.material_paths()[-1], "r+b") as handle:  # the big document, still being read
            handle.seek(-1, 2)
            handle.write(b"!")

    with pytest.raises(SealRefused, match="changed while it was being sealed"):
        seal_bundle(source, tmp_path / "bad.rvb", w.org, [w.recipient.card], progress=tamper)
    assert not (tmp_path / "bad.rvb").exists() and not list(tmp_path.glob(".bad.rvb.*"))


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 300_000])
def test_age_stream_writer_and_random_access_reader_interoperate_with_age(tmp_path: Path, size: int) -> None:
    """Our age STREAM encryption opens with the `age` command and rage; files from `age -r` read at any offset."""
    import os
    import subprocess

    plain = os.urandom(size)
    identity = pyrage.x25519.Identity.generate()
    (tmp_path / "key.txt").write_text(f"{identity}\n", encoding="ascii")
    encryptor = agescrypt.StreamEncryptor([agescrypt.x25519_recipient_bytes(str(identity.to_public()))])
    ours = encryptor.header + b"".join(encryptor.feed(plain[i : i + 70_000]) for i in range(0, size, 70_000)) + encryptor.finish()
    (tmp_path / "ours.age").write_bytes(ours)
    assert subprocess.run(["age", "-d", "-i", tmp_path / "key.txt", tmp_path / "ours.age"], capture_output=True, check=True).stdout == plain
    assert pyrage.decrypt(ours, [identity]) == plain
    (tmp_path / "plain").write_bytes(plain)
    subprocess.run(["age", "-r", str(identity.to_public()), "-o", tmp_path / "theirs.age", tmp_path / "plain"], check=True)
    theirs = (tmp_path / "theirs.age").read_bytes()
    reader = agescrypt.PayloadReader(lambda offset, length: theirs[offset : offset + length], len(theirs), agescrypt.x25519_identity_bytes(str(identity)))
    assert reader.size == size
    for offset, length in [(0, size), (size // 2, 100_000), (max(0, size - 3), 10), (65530, 12)]:
        assert reader.read_at(offset, length) == plain[offset : offset + length]
    other = agescrypt.x25519_identity_bytes(str(pyrage.x25519.Identity.generate()))
    with pytest.raises(agescrypt.AgeError):
        agescrypt.PayloadReader(lambda offset, length: theirs[offset : offset + length], len(theirs), other)


def test_age_reader_refuses_a_cut_or_reordered_payload() -> None:
    identity = pyrage.x25519.Identity.generate()
    secret = agescrypt.x25519_identity_bytes(str(identity))
    whole = pyrage.encrypt(bytes(200_000), [identity.to_public()])
    payload_start = len(whole) - (200_000 + 4 * 16)
    cut = whole[: payload_start + 2 * agescrypt.SEALED_CHUNK]  # the second chunk was not the last one
    reader = agescrypt.PayloadReader(lambda o, n: cut[o : o + n], len(cut), secret)
    assert reader.read_at(0, 10) == bytes(10)
    with pytest.raises(agescrypt.AgeError):
        reader.read_at(100_000, 10)
    first, second = (whole[payload_start + i * agescrypt.SEALED_CHUNK : payload_start + (i + 1) * agescrypt.SEALED_CHUNK] for i in (0, 1))
    swapped = whole[:payload_start] + second + first + whole[payload_start + 2 * agescrypt.SEALED_CHUNK :]
    reader = agescrypt.PayloadReader(lambda o, n: swapped[o : o + n], len(swapped), secret)
    with pytest.raises(agescrypt.AgeError):
        reader.read_at(0, 10)


def test_material_stream_reads_any_range_without_decrypting_the_rest() -> None:
    w = world()
    opened = open_bundle(large_bundle(), w.trusted, identity=w.recipient.unlocked, now=INSIDE_WINDOW)
    whole = opened.read_material("M03")
    with opened.open_material("M03") as stream:
        assert stream.size == len(whole)
        for offset, length in [(0, 9), (1_234_567, 300_000), (len(whole) - 5, 100), (len(whole), 10)]:
            assert stream.read_at(offset, length) == whole[offset : offset + length]
        assert len(stream._reader._kept) <= stream._reader.KEPT_CHUNKS  # only a few chunks stay decrypted
    opened.check_material("M03")


def test_material_stream_refuses_a_document_changed_after_opening(tmp_path: Path) -> None:
    w = world()
    copy = tmp_path / "copy.rvb"
    shutil.copy(large_bundle(), copy)
    opened = open_bundle(copy, w.trusted, identity=w.recipient.unlocked, now=INSIDE_WINDOW)
    member = opened.verified.member(opened.material("M03").member)
    stream = opened.open_material("M03")
    with open(copy, "r+b") as handle:
        handle.seek(member.data_offset + member.size // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 1]))
    assert stream.read_at(0, 9) == b"%PDF-1.7\n"
    with pytest.raises(BundleRefused, match="was changed after the bundle was checked"):
        stream.read_at(member.size // 2 - 1000, 4096)
    stream.close()
    with pytest.raises(BundleRefused, match="was changed after the bundle was checked"):
        opened.check_material("M03")
