"""The committed test-vector bundle (tests/vectors/bundle-v1) still opens: format version 1 is stable.

Nothing is regenerated here; tests/vectors/generate.py made the files once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from reviewer_app import identity, keys
from reviewer_app.bundle import open_bundle
from reviewer_app.bundle.verify_command import run as verify_run

VECTOR = Path(__file__).resolve().parent / "vectors" / "bundle-v1"


def expected() -> dict:
    return json.loads((VECTOR / "expected.json").read_text(encoding="utf-8"))


def test_vector_bundle_is_unchanged() -> None:
    assert hashlib.sha256((VECTOR / "bundle.rvb").read_bytes()).hexdigest() == expected()["bundle_sha256"]


def test_vector_opens_with_the_expert_identity_and_the_session_passphrase() -> None:
    facts = expected()
    org_cert = keys.load_certificate_file(VECTOR / "org-cert.pem")
    assert keys.fingerprint(org_cert) == facts["organization_fingerprint"]
    now = dt.datetime.fromisoformat(facts["open_at"])
    expert = identity.unlock(VECTOR / "expert", (VECTOR / "expert" / "PASSPHRASE").read_text(encoding="utf-8").strip())
    assert expert.fingerprint == facts["expert_fingerprint"]
    session = (VECTOR / "SESSION_PASSPHRASE").read_text(encoding="utf-8").strip()
    for opened in (
        open_bundle(VECTOR / "bundle.rvb", [org_cert], identity=expert, now=now),
        open_bundle(VECTOR / "bundle.rvb", [org_cert], session_passphrase=session, now=now),
    ):
        assert (opened.bundle_id, opened.sums_sha256) == (facts["bundle_id"], facts["sums_sha256"])
        assert opened.rubric.total == 20 and opened.application.id == "T-001"
        digests = {m.file_name: hashlib.sha256(opened.read_material(m.id)).hexdigest() for m in opened.materials}
        assert digests == facts["materials_sha256"]


def test_vector_passes_the_command_line_check(capsys) -> None:  # noqa: ANN001
    assert verify_run([str(VECTOR / "bundle.rvb"), "--org-cert", str(VECTOR / "org-cert.pem")]) == 0
    assert expected()["sums_sha256"] in capsys.readouterr().out
