"""The committed test-vector bundles (tests/vectors/bundle-vN) still open: every format version
the app ever wrote stays readable (docs/formats.md §6).

Nothing is regenerated here; tests/vectors/generate.py made each folder once, with the app of
its time: bundle-v1 before format version 2 existed (the manifest signs each document's
plaintext SHA-256), bundle-v2 after (it signs each encrypted member's SHA-256).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from reviewer_app import identity, keys
from reviewer_app.bundle import open_bundle
from reviewer_app.bundle.verify_command import run as verify_run

VECTORS = Path(__file__).resolve().parent / "vectors"
VERSIONS = [1, 2]


def vector(version: int) -> Path:
    return VECTORS / f"bundle-v{version}"


def expected(version: int) -> dict:
    return json.loads((vector(version) / "expected.json").read_text(encoding="utf-8"))


def test_every_version_the_app_writes_has_a_vector() -> None:
    from reviewer_app.bundle import layout

    assert sorted(int(p.name.removeprefix("bundle-v")) for p in VECTORS.glob("bundle-v*")) == VERSIONS == list(layout.READABLE_VERSIONS)
    assert layout.FORMAT_VERSION == VERSIONS[-1]


@pytest.mark.parametrize("version", VERSIONS)
def test_vector_bundle_is_unchanged(version: int) -> None:
    assert hashlib.sha256((vector(version) / "bundle.rvb").read_bytes()).hexdigest() == expected(version)["bundle_sha256"]
    with zipfile.ZipFile(vector(version) / "bundle.rvb") as archive:
        assert json.loads(archive.read("bundle.json"))["format_version"] == version


@pytest.mark.parametrize("version", VERSIONS)
def test_vector_opens_with_the_expert_identity_and_the_session_passphrase(version: int) -> None:
    folder, facts = vector(version), expected(version)
    org_cert = keys.load_certificate_file(folder / "org-cert.pem")
    assert keys.fingerprint(org_cert) == facts["organization_fingerprint"]
    now = dt.datetime.fromisoformat(facts["open_at"])
    expert = identity.unlock(folder / "expert", (folder / "expert" / "PASSPHRASE").read_text(encoding="utf-8").strip())
    assert expert.fingerprint == facts["expert_fingerprint"]
    session = (folder / "SESSION_PASSPHRASE").read_text(encoding="utf-8").strip()
    for opened in (
        open_bundle(folder / "bundle.rvb", [org_cert], identity=expert, now=now),
        open_bundle(folder / "bundle.rvb", [org_cert], session_passphrase=session, now=now),
    ):
        assert (opened.bundle_id, opened.sums_sha256) == (facts["bundle_id"], facts["sums_sha256"])
        assert opened.rubric.total == 20 and opened.application.id == "T-001"
        assert opened.manifest.format_version == opened.verified.info.format_version == version
        digests = {m.file_name: hashlib.sha256(opened.read_material(m.id)).hexdigest() for m in opened.materials}
        assert digests == facts["materials_sha256"]
        for material in opened.materials:
            opened.check_material(material.id)
            with opened.open_material(material.id) as stream:
                assert hashlib.sha256(stream.read_at(0, stream.size)).hexdigest() == facts["materials_sha256"][material.file_name]
            if version == 1:  # the manifest signs the plaintext
                assert material.plaintext_sha256 == facts["materials_sha256"][material.file_name] and material.member_sha256 == ""
            else:  # the manifest signs the member, as SHA256SUMS lists it
                assert material.member_sha256 == opened.verified.digests[material.member] and material.plaintext_sha256 == ""


@pytest.mark.parametrize("version", VERSIONS)
def test_vector_passes_the_command_line_check(version: int, capsys) -> None:  # noqa: ANN001
    folder = vector(version)
    assert verify_run([str(folder / "bundle.rvb"), "--org-cert", str(folder / "org-cert.pem")]) == 0
    assert expected(version)["sums_sha256"] in capsys.readouterr().out
    # with the session passphrase every document is decrypted (the review window runs to 2099)
    assert verify_run([str(folder / "bundle.rvb"), "--org-cert", str(folder / "org-cert.pem"), "--session-passphrase-file", str(folder / "SESSION_PASSPHRASE")]) == 0
    assert "materials:      2 decrypted" in capsys.readouterr().out
