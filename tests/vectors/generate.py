"""Make the committed test-vector bundle of the format version `seal` writes (run by hand, never
by the tests).

    .venv/bin/python tests/vectors/generate.py

Writes into tests/vectors/bundle-vN/ (N: layout.FORMAT_VERSION; the folders of older versions
stay as they were made, by the app of their time): the sealed bundle, the organization certificate, one
expert identity (with its PASSPHRASE), the SESSION_PASSPHRASE, the source folder it was sealed
from, and expected.json with the values test_bundle_vectors.py checks. New keys each time, so
regenerating changes every file; commit them together.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent))

from bundle_fixtures import small_spec, write_source  # noqa: E402

from reviewer_app import identity, keys  # noqa: E402
from reviewer_app.bundle import layout  # noqa: E402
from reviewer_app.bundle.seal import seal_bundle  # noqa: E402
from reviewer_app.bundle.source import load_source  # noqa: E402
from reviewer_app.keys import certificate_pem  # noqa: E402

OUT = HERE / f"bundle-v{layout.FORMAT_VERSION}"
EXPERT_PASSPHRASE = "Vector-expert-pass-2025"
SESSION_PASSPHRASE = "Vector-session-pass-2025"


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as temp:
        org = keys.create_org_credentials(Path(temp) / "org", "测试向量评审机构", "Vector-org-pass-2025")
        (OUT / "org-cert.pem").write_text(certificate_pem(org.certificate), encoding="ascii")
        expert_dir = OUT / "expert"
        public = identity.create_identity(expert_dir, identity.ExpertProfile("测试专家", "技术", "测试大学"), EXPERT_PASSPHRASE)
        (expert_dir / "PASSPHRASE").write_text(EXPERT_PASSPHRASE + "\n", encoding="utf-8")
        (OUT / "SESSION_PASSPHRASE").write_text(SESSION_PASSPHRASE + "\n", encoding="utf-8")
        source = write_source(OUT / "source", spec=small_spec())
        card = identity.read_card(identity.card_bytes(public))
        sealed = seal_bundle(
            load_source(source), OUT / "bundle.rvb", org, [card], SESSION_PASSPHRASE,
            issued_at=dt.datetime(2025, 5, 1, tzinfo=dt.timezone.utc), scrypt_work_factor=10,
        )  # fmt: skip
    materials = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((OUT / "source" / "materials").iterdir())}
    expected = {
        "bundle_id": sealed.bundle_id,
        "sums_sha256": sealed.sums_sha256,
        "bundle_sha256": hashlib.sha256((OUT / "bundle.rvb").read_bytes()).hexdigest(),
        "organization_fingerprint": org.fingerprint,
        "expert_fingerprint": public.fingerprint,
        "materials_sha256": materials,
        "open_at": "2025-06-01T12:00:00+08:00",
    }
    (OUT / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
