"""`reviewer-org verify` on the demo world: every demo package is sound (also on worker
processes), the sealed-bundle records round-trip, and the organization folder is checked."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from package_fixtures import demo_packages, opened_bundle, org_age_identity, org_passphrase_args, world_dir  # noqa: F401 - fixture
from reviewer_app.errors import UserFacingError
from reviewer_app.org import demo_content, verify_packages
from reviewer_app.org import sealed as ledger


def test_every_demo_package_is_sound(world_dir: Path, demo_packages: list[Path]) -> None:  # noqa: F811
    reports = verify_packages.verify_all(demo_packages, world_dir / "org", jobs=1, age_identity=org_age_identity(world_dir))
    assert all(r.ok for r in reports), [r.message for r in reports if not r.ok]
    experts = {(r.document.application.id, r.document.expert.name) for r in reports if r.document}
    assert len(experts) == len(demo_content.EXPERTS) * len(demo_content.APPLICATIONS), "every expert answers every bundle"
    kinds = sorted((r.document.kind, r.document.revision.number) for r in reports if r.document)
    assert kinds.count(("recusal", 1)) == 1 and ("score", 2) in kinds
    with_photos = [r for r in reports if r.document and r.document.attachments]
    assert with_photos and with_photos[0].document.inspection is not None
    vetoed = [r for r in reports if r.document and r.document.vetoes_raised]
    assert [r.document.expert.name for r in vetoed] == ["黄建国"]


def test_verification_on_worker_processes_gives_the_same_reports(world_dir: Path, demo_packages: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setattr(verify_packages, "PARALLEL_FROM", 1)
    parallel = verify_packages.verify_all(demo_packages + [world_dir / "org" / "org-cert.pem"], world_dir / "org", jobs=2, age_identity=org_age_identity(world_dir))
    serial = verify_packages.verify_all(demo_packages + [world_dir / "org" / "org-cert.pem"], world_dir / "org", jobs=1, age_identity=org_age_identity(world_dir))
    assert [(r.path, r.ok, r.message, r.score_sha256) for r in parallel] == [(r.path, r.ok, r.message, r.score_sha256) for r in serial]
    assert not parallel[-1].ok and "not a score package" in parallel[-1].message
    assert all(r.spec is not None for r in parallel if r.ok)
    # Lean documents (the commands'): the same on workers, without the texts no output shows.
    lean = verify_packages.verify_all(demo_packages, world_dir / "org", jobs=2, age_identity=org_age_identity(world_dir), lean_documents=True)
    lean_serial = verify_packages.verify_all(demo_packages, world_dir / "org", jobs=1, age_identity=org_age_identity(world_dir), lean_documents=True)
    assert [r.document for r in lean] == [r.document for r in lean_serial] and all(r.ok for r in lean)
    full = [r.document for r in serial[:-1]]
    assert any(d.opinion and d.notes for d in full) and not any(r.document.opinion or r.document.notes or r.document.attachments for r in lean)
    assert [(d.expert, d.revision, d.total, [c.score for c in d.criteria], d.vetoes) for d in full] == [
        (r.document.expert, r.document.revision, r.document.total, [c.score for c in r.document.criteria], r.document.vetoes) for r in lean
    ]


def test_sealed_records_round_trip(world_dir: Path, tmp_path: Path) -> None:
    opened = opened_bundle(world_dir, "GZ-2025-ZZ-03")
    ledger.record_from_opened(tmp_path, opened)
    record = ledger.load_record(tmp_path, opened.bundle_id)
    assert record is not None
    assert record.sums_sha256 == opened.sums_sha256 and record.spec == opened.spec
    assert record.application == opened.application and len(record.panel) == len(demo_content.EXPERTS)
    assert ledger.load_record(tmp_path, "no-such-bundle") is None and ledger.load_record(tmp_path, "../../etc") is None
    assert [r.bundle_id for r in ledger.all_records(tmp_path)] == [opened.bundle_id]
    path = ledger.sealed_dir(tmp_path) / f"{opened.bundle_id}.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"total": 100', '"total": 99'), encoding="utf-8")
    with pytest.raises(ledger.LedgerError, match="damaged"):
        ledger.load_record(tmp_path, opened.bundle_id)


def test_record_from_source_is_what_cmd_seal_writes(world_dir: Path, tmp_path: Path) -> None:
    from reviewer_app import keys
    from reviewer_app.bundle.seal import SealedBundle
    from reviewer_app.org import roster

    opened = opened_bundle(world_dir, "GZ-2025-ZZ-07")

    @dataclasses.dataclass
    class Source:  # what load_source returns, as far as the record needs it
        application: object
        spec: object

        def review(self, name: str):  # noqa: ANN202
            return dataclasses.replace(opened.review, organization=name)

    sealed = SealedBundle(opened.path, opened.bundle_id, opened.sums_sha256, 1, (), True)
    org = keys.OrgCredentials(keys.load_certificate_file(world_dir / "org" / keys.ORG_CERT_FILE), keys.new_private_key())
    cards = roster.all_cards(world_dir / "org")
    ledger.record_from_source(tmp_path, sealed, Source(opened.application, opened.spec), org, cards)
    record = ledger.load_record(tmp_path, opened.bundle_id)
    assert record is not None and record.session_passphrase and len(record.panel) == len(cards)
    assert record.organization_fingerprint == org.fingerprint
    assert record.window == opened.review.window  # signing times are checked against it


def test_the_organization_folder_must_make_sense(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match="does not exist"):
        verify_packages.Organization(tmp_path / "missing")
    with pytest.raises(UserFacingError, match="No expert is enrolled"):
        verify_packages.Organization(tmp_path)


def test_cli_usage_errors(world_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from reviewer_app.org.cli import main

    assert main(["verify", str(tmp_path), "--org", str(world_dir / "org")]) == 1
    assert "No score package was given" in capsys.readouterr().err
    assert main(["verify", "--org", str(world_dir / "org")]) == 2
