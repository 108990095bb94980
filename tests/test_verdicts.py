"""`reviewer-org verify` remembers what it found sound (ORG/verified.json); `aggregate` takes
those files from their score.json alone, and checks in full anything else: a package changed
after verify, a forged verdict, a verdict given under another roster (a revocation since)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pyrage
import pytest

from package_fixtures import demo_packages, members_of, org_age_identity, org_passphrase_args, plain, repack, world_dir  # noqa: F401 - fixtures
from reviewer_app.org import age_key, roster, verdicts, verify_packages
from reviewer_app.org.cli import main


@pytest.fixture()
def world(world_dir: Path, demo_packages: list[Path], tmp_path: Path) -> Path:  # noqa: F811
    """A copy of the demo organization and its packages, so that verdicts and revocations stay here."""
    shutil.copytree(world_dir / "org", tmp_path / "org")
    (tmp_path / "org" / verdicts.FILE_NAME).unlink(missing_ok=True)  # another test may have run verify on the shared world
    (tmp_path / "packages").mkdir()
    for path in demo_packages:
        shutil.copy(path, tmp_path / "packages" / path.name)
    return tmp_path


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    checked: list[str] = []
    verify_one = verify_packages.verify_one
    monkeypatch.setattr(verify_packages, "verify_one", lambda path, org: checked.append(Path(path).name) or verify_one(path, org))
    return checked


def _aggregate(world: Path, out: str, *extra: str) -> int:
    return main(["aggregate", str(world / "packages"), "--org", str(world / "org"), "--out", str(world / out), "--jobs", "1", *org_passphrase_args(world), *extra])


def test_aggregate_takes_what_verify_found_sound_without_checking_it_again(world: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # noqa: ANN001
    assert main(["verify", str(world / "packages"), "--org", str(world / "org"), "--jobs", "1", *org_passphrase_args(world)]) == 0
    sound = len(json.loads((world / "org" / verdicts.FILE_NAME).read_text(encoding="utf-8"))["entries"])
    assert sound == len(list((world / "packages").glob("*.rvs")))
    capsys.readouterr()
    checked = _counting(monkeypatch)
    assert _aggregate(world, "reused") == 0
    assert checked == []
    reused = (world / "reused" / "results.csv").read_bytes()
    monkeypatch.setattr(verdicts, "load", lambda *_: {})  # the same aggregation, every package checked in full
    assert _aggregate(world, "checked") == 0
    assert len(checked) == sound
    assert (world / "checked" / "results.csv").read_bytes() == reused


def test_a_package_changed_after_verify_is_refused_by_aggregate(world: Path, world_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # noqa: ANN001, F811
    assert main(["verify", str(world / "packages"), "--org", str(world / "org"), "--jobs", "1", *org_passphrase_args(world)]) == 0
    victim = sorted((world / "packages").glob("*.rvs"))[0]
    original = dict(members_of(plain(world_dir, victim)))
    members = [(name, data.replace(b'"score": ', b'"score":  ', 1) if name == "score.json" else data) for name, data in original.items()]
    assert dict(members)["score.json"] != original["score.json"]  # one byte more in a signed member, signature kept
    tampered = repack(members, sums=original["SHA256SUMS"], signature=original["SHA256SUMS.p7s"])
    victim.write_bytes(pyrage.encrypt(tampered, [pyrage.x25519.Recipient.from_str(age_key.recipient(world / "org"))]))
    capsys.readouterr()
    checked = _counting(monkeypatch)
    assert _aggregate(world, "r") == 1
    assert checked == [victim.name]
    assert "score.json was changed" in capsys.readouterr().err


def test_a_forged_verdict_is_not_believed(world: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["verify", str(world / "packages"), "--org", str(world / "org"), "--jobs", "1", *org_passphrase_args(world)]) == 0
    path = world / "org" / verdicts.FILE_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = next(iter(data["entries"].values()))
    data["entries"]["0" * 64] = entry  # a verdict for a file verify never saw, without the key
    path.write_text(json.dumps(data), encoding="utf-8")
    assert verdicts.load(world / "org", org_age_identity(world)) == {}
    checked = _counting(monkeypatch)
    assert _aggregate(world, "r") == 0
    assert len(checked) == len(list((world / "packages").glob("*.rvs")))


def test_a_revocation_after_verify_voids_the_verdicts(world: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # noqa: ANN001
    assert main(["verify", str(world / "packages"), "--org", str(world / "org"), "--jobs", "1", *org_passphrase_args(world)]) == 0
    reports = verify_packages.verify_all(sorted((world / "packages").glob("*.rvs")), world / "org", jobs=1, age_identity=org_age_identity(world))
    signer = reports[0].document.expert
    roster.revoke(world / "org", signer.fingerprint, dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc), "key lost")
    capsys.readouterr()
    checked = _counting(monkeypatch)
    assert _aggregate(world, "r") == 1
    assert len(checked) == len(reports)
    assert "revoked" in capsys.readouterr().err


def test_a_record_changed_after_verify_voids_its_bundles_verdicts(world: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # noqa: ANN001
    """The state hashes the organization's record of each bundle as stored (not parsed): a byte
    changed in one record sends that bundle's packages, and only those, to the full check."""
    from reviewer_app.org import sealed as ledger

    assert main(["verify", str(world / "packages"), "--org", str(world / "org"), "--jobs", "1", *org_passphrase_args(world)]) == 0
    reports = verify_packages.verify_all(sorted((world / "packages").glob("*.rvs")), world / "org", jobs=1, age_identity=org_age_identity(world))
    bundle = reports[0].document.bundle.bundle_id
    record = ledger.record_path(world / "org", bundle)
    record.write_bytes(record.read_bytes() + b"\n")  # the same record, one byte more
    assert ledger.load_record(world / "org", bundle) is not None and ledger.record_path(world / "org", "../x") is None
    capsys.readouterr()
    checked = _counting(monkeypatch)
    assert _aggregate(world, "r") == 0
    assert sorted(checked) == sorted(Path(r.path).name for r in reports if r.document.bundle.bundle_id == bundle)
    record.unlink()  # no record at all: checked in full, and refused
    checked.clear()
    assert _aggregate(world, "r2") == 1
    assert checked and "no record of sealing" in capsys.readouterr().err


def test_verdicts_stay_with_their_organization_key(world: Path) -> None:
    verdict = verdicts.Verdict("bundle", "a" * 64, "state", (("{name} signed late.", (("name", "林晓梅"),)),))
    assert verdicts.save(world / "org", org_age_identity(world), {"f" * 64: verdict})
    assert verdicts.load(world / "org", org_age_identity(world)) == {"f" * 64: verdict}
    assert verdicts.load(world / "org", pyrage.x25519.Identity.generate()) == {}
    assert verdicts.load(world / "org", None) == {}
    (world / "org" / verdicts.FILE_NAME).write_bytes(b"\x00not json")
    assert verdicts.load(world / "org", org_age_identity(world)) == {}
