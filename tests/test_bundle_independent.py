"""docs/verify.md's commands, run exactly as written, with stock openssl, sha256sum, unzip and age."""

from __future__ import annotations

import hashlib
import json
import os
import pty
import re
import select
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from bundle_fixtures import SESSION_PASSPHRASE, base_bundle, rewrite_manifest, world
from cryptography.hazmat.primitives.serialization import Encoding

DOC = Path(__file__).resolve().parents[1] / "docs" / "verify.md"


def sh_blocks() -> list[str]:
    """The ```sh blocks of docs/verify.md marked <!-- bundle-check -->, in order."""
    return re.findall(r"<!-- bundle-check -->\n```sh\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)


def run_blocks(blocks: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    script = "set -euo pipefail\n" + "\n".join(blocks)
    return subprocess.run(["bash", "-c", script], cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    w = world()
    folder = tmp_path_factory.mktemp("independent")
    cert = folder / "org-cert.pem"
    cert.write_bytes(w.org.certificate.public_bytes(Encoding.PEM))
    age_identity = folder / "expert-age.txt"
    age_identity.write_text(str(w.recipient.unlocked.age_identity) + "\n", encoding="ascii")
    return {"BUNDLE": str(base_bundle()), "ORG_CERT": str(cert), "EXPERT_AGE_IDENTITY": str(age_identity)}


def test_the_doc_has_the_commands_the_design_names() -> None:
    assert len(sh_blocks()) == 3
    text = "\n".join(sh_blocks())
    assert "jq -r '.materials[] | \"\\(.member_sha256)  \\(.member)\"' manifest.json | sha256sum -c --strict -" in text
    assert "openssl cms -verify -binary -inform DER -in SHA256SUMS.p7s -content SHA256SUMS" in text
    assert "sha256sum -c --strict SHA256SUMS" in text
    assert 'age -d -i "$EXPERT_AGE_IDENTITY" -o bundle-key.txt keys/recipients.age' in text


def test_documented_commands_pass_on_a_sealed_bundle(inputs: dict[str, str], tmp_path: Path) -> None:
    result = run_blocks(sh_blocks(), inputs, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("CMS Verification successful") == 2
    assert "SHA256:" in result.stdout.upper().replace(" ", "") or "Fingerprint=" in result.stdout
    for member in ("keys/recipients.age", "payload/000.age", "payload/003.age", "bundle.json"):
        assert f"{member}: OK" in result.stdout
    for member in ("payload/002.age", "payload/003.age"):  # SHA256SUMS, then the manifest's member_sha256
        assert result.stdout.count(f"{member}: OK") == 2
    with zipfile.ZipFile(base_bundle()) as archive:
        assert all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())
    for member, name in (("payload/002.age", "申报书.pdf"), ("payload/003.age", "photo.png")):
        assert f"{member}: decrypted, {(world().source / 'materials' / name).stat().st_size} bytes as signed" in result.stdout


def test_the_decrypted_document_is_the_sealed_file(inputs: dict[str, str], tmp_path: Path) -> None:
    result = run_blocks([*sh_blocks(), "sha256sum document"], inputs, tmp_path)  # the loop leaves the last one
    assert result.returncode == 0, result.stderr
    expected = (world().source / "materials" / "photo.png").read_bytes()
    assert f"{hashlib.sha256(expected).hexdigest()}  document" in result.stdout


def test_documented_commands_catch_a_manifest_naming_other_bytes(inputs: dict[str, str], tmp_path: Path) -> None:
    """A manifest signed by the organization whose member_sha256 is not the member's (SHA256SUMS,
    re-signed too, is right): the manifest check fails, naming the member."""
    changed = tmp_path / "changed.rvb"
    changed.write_bytes(rewrite_manifest(base_bundle(), lambda m: m["materials"][1].update(member_sha256="ab" * 32)))
    result = run_blocks(sh_blocks(), {**inputs, "BUNDLE": str(changed)}, tmp_path)
    assert result.returncode != 0
    assert "payload/003.age: FAILED" in result.stdout and result.stderr.count("CMS Verification successful") == 2


def test_documented_commands_catch_a_document_of_another_size(inputs: dict[str, str], tmp_path: Path) -> None:
    changed = tmp_path / "changed.rvb"
    changed.write_bytes(rewrite_manifest(base_bundle(), lambda m: m["materials"][0].update(size=m["materials"][0]["size"] - 1)))
    result = run_blocks(sh_blocks(), {**inputs, "BUNDLE": str(changed)}, tmp_path)
    assert result.returncode != 0 and "payload/002.age: NOT the signed size" in result.stdout


def test_documented_commands_fail_on_a_changed_bundle(inputs: dict[str, str], tmp_path: Path) -> None:
    data = bytearray(Path(inputs["BUNDLE"]).read_bytes())
    with zipfile.ZipFile(base_bundle()) as archive:
        info = archive.getinfo("payload/002.age")
    data[info.header_offset + 30 + len(info.filename) + 100] ^= 0x01  # inside the stored data
    changed = tmp_path / "changed.rvb"
    changed.write_bytes(bytes(data))
    result = run_blocks(sh_blocks()[:2], {**inputs, "BUNDLE": str(changed)}, tmp_path)
    assert result.returncode != 0
    assert "payload/002.age" in result.stdout + result.stderr  # unzip's CRC check or sha256sum names it


def test_sha256sum_alone_catches_a_change_even_with_a_fixed_crc(inputs: dict[str, str], tmp_path: Path) -> None:
    from bundle_fixtures import members_of, write_canonical

    members = [(n, d[:-1] + bytes([d[-1] ^ 1]) if n == "payload/002.age" else d) for n, d in members_of(base_bundle())]
    changed = tmp_path / "changed.rvb"
    changed.write_bytes(write_canonical(members))  # CRCs recomputed, so unzip is content
    result = run_blocks(sh_blocks()[:2], {**inputs, "BUNDLE": str(changed)}, tmp_path)
    assert result.returncode != 0 and "payload/002.age: FAILED" in result.stdout


def test_documented_commands_catch_an_unlisted_member(inputs: dict[str, str], tmp_path: Path) -> None:
    extended = tmp_path / "extended.rvb"
    extended.write_bytes(Path(inputs["BUNDLE"]).read_bytes())
    with zipfile.ZipFile(extended, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr("payload/099.age", b"smuggled")
    result = run_blocks(sh_blocks()[:2], {**inputs, "BUNDLE": str(extended)}, tmp_path)
    assert result.returncode != 0 and "payload/099.age" in result.stdout


def test_manifest_decrypted_by_age_matches_the_app(inputs: dict[str, str], tmp_path: Path) -> None:
    result = run_blocks(sh_blocks()[:2] + ["age -d -i \"$EXPERT_AGE_IDENTITY\" -o bundle-key.txt keys/recipients.age",
                                            "age -d -i bundle-key.txt payload/000.age"], inputs, tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout[result.stdout.index("{") :])
    assert manifest["format"] == "reviewer-app/bundle-manifest" and manifest["materials"][0]["member"] == "payload/002.age"


def test_session_passphrase_route_with_stock_age(tmp_path: Path) -> None:
    """The ```text command (age asks on the terminal): typed into a pseudo-terminal here."""
    with zipfile.ZipFile(base_bundle()) as archive:
        (tmp_path / "passphrase.age").write_bytes(archive.read("keys/passphrase.age"))
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes age
        os.chdir(tmp_path)
        os.execvp("age", ["age", "-d", "-o", "bundle-key.txt", "passphrase.age"])
    output, typed, deadline = b"", False, time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if not typed and b"passphrase" in output.lower():
            os.write(fd, SESSION_PASSPHRASE.encode() + b"\n")
            typed = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, output
    key = (tmp_path / "bundle-key.txt").read_text(encoding="ascii")
    assert re.search(r"^AGE-SECRET-KEY-1[0-9A-Z]+$", key, flags=re.MULTILINE)
