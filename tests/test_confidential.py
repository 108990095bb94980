"""Confidential score packages (issue 14, DESIGN §8): a lost USB stick reveals nothing.

The exported `.rvs` is the signed ZIP encrypted with age to the organization and the bundle's
panel (as its signed manifest lists them); the organization opens it with its own key; stock
`age -d` opens it too (docs/verify.md); a plain version-1 package is still read.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pyrage
import pytest

from package_fixtures import PASSPHRASE_FILE, demo_review, fill_review, opened_bundle, org_age_identity, org_passphrase_args, package_of, plain, plain_of, world_dir  # noqa: F401 - fixture
from reviewer_app import identity
from reviewer_app.export import confidential
from reviewer_app.services import signing as revisions
from reviewer_app.org import age_key
from reviewer_app.org.cli import main
from reviewer_app.org.demo_scores import signature_png
from reviewer_app.org.verify_packages import Organization, verify_one
from test_export_revisions import SELF_BUILT, store, wu  # noqa: F401 - fixtures

ALLIANCE = "GZ-2025-ZZ-03"


def test_a_demo_package_on_a_stick_reveals_nothing(world_dir: Path) -> None:
    data = package_of(world_dir, ALLIANCE, "lin-xiaomei").read_bytes()  # carries two photos
    inside = plain(world_dir, package_of(world_dir, ALLIANCE, "lin-xiaomei"))
    assert data.startswith(confidential.AGE_MAGIC) and inside.startswith(confidential.ZIP_MAGIC)
    photo = inside[inside.index(b"\xff\xd8\xff") :][:16]  # a photo's first 16 bytes: 3 bytes turn up in ~1 MB of ciphertext by chance
    for secret in (b"%PDF-1.", b"score.json", photo, "广州".encode(), "推荐".encode(), b"attachments/"):
        assert secret in inside and secret not in data


def test_the_bundle_manifest_names_the_organization_and_every_panel_member(world_dir: Path) -> None:
    opened = opened_bundle(world_dir, SELF_BUILT)
    listed = opened.manifest.package_recipients
    assert listed[0] == age_key.recipient(world_dir / "org")
    cards = [identity.load_public(folder) for folder in sorted((world_dir / "experts").iterdir())]
    assert set(listed[1:]) == {card.age_recipient for card in cards} and len(listed) == len(cards) + 1


def test_each_panel_member_and_the_organization_can_read_it_and_nobody_else(world_dir: Path) -> None:
    path = package_of(world_dir, SELF_BUILT, "chen-zhiyuan")
    data = path.read_bytes()
    folder = world_dir / "experts" / "huang-jianguo"  # another member of the panel
    member = identity.unlock(folder, (folder / PASSPHRASE_FILE).read_text(encoding="utf-8").strip())
    assert pyrage.decrypt(data, [member.age_identity]) == plain(world_dir, path)
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(data, [pyrage.x25519.Identity.generate()])


def test_verify_opens_it_with_the_organization_key_and_still_reads_plain_packages(world_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = package_of(world_dir, SELF_BUILT, "chen-zhiyuan")
    refused = verify_one(path, Organization(world_dir / "org"))
    assert not refused.ok and "no key to open it was given" in refused.message
    assert verify_one(path, Organization(world_dir / "org", age_identity=org_age_identity(world_dir))).ok
    stranger = verify_one(path, Organization(world_dir / "org", age_identity=pyrage.x25519.Identity.generate()))
    assert not stranger.ok and "encrypted for other readers" in stranger.message
    version1 = tmp_path / "v1.rvs"
    version1.write_bytes(plain_of(world_dir, SELF_BUILT, "chen-zhiyuan"))
    assert verify_one(version1, Organization(world_dir / "org")).ok  # no key needed for a plain package
    assert main(["verify", str(path), "--org", str(world_dir / "org")]) == 1
    assert "Give the organization passphrase" in capsys.readouterr().err
    assert main(["verify", str(path), str(version1), "--org", str(world_dir / "org"), *org_passphrase_args(world_dir)]) == 0
    assert "2 package(s) sound" in capsys.readouterr().out
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    assert main(["verify", str(path), "--org", str(world_dir / "org"), "--passphrase-file", str(wrong)]) == 1
    assert "does not open" in capsys.readouterr().err


def test_the_app_exports_it_encrypted_and_can_still_show_what_was_signed(world_dir: Path, wu, store, data_dir, tmp_path: Path) -> None:  # noqa: ANN001
    signer, opened = wu
    fill_review(store, opened.bundle_id, demo_review(world_dir, SELF_BUILT, "wu-peishan").state)
    signed = revisions.sign_revision(store, data_dir, opened, signer.unlocked, signature_png("吴佩珊"))
    usb = tmp_path / "usb"
    usb.mkdir()
    exported = revisions.export_package(signed, usb, store=store, opened=opened, expert=signer.unlocked)
    data = exported.read_bytes()
    assert data.startswith(confidential.AGE_MAGIC) and b"%PDF" not in data
    assert pyrage.decrypt(data, [org_age_identity(world_dir)]) == signed.package.data
    assert pyrage.decrypt(data, [signer.unlocked.age_identity]) == signed.package.data  # the expert's own key too
    assert verify_one(exported, Organization(world_dir / "org", age_identity=org_age_identity(world_dir))).ok
    again = revisions.export_package(signed, usb, store=store, opened=opened, expert=signer.unlocked)
    assert again == exported and exported.read_bytes() == data  # the same revision again: left as it is
    assert revisions.export_revision(store, data_dir, signer.unlocked, opened.bundle_id, 1, usb, opened=opened) == exported
    assert revisions.revision_pdf(store, data_dir, signer.unlocked, opened.bundle_id, 1) == signed.pdf  # shown and printed from the own copy


def test_init_makes_the_age_key_and_an_older_organization_can_add_it(world_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    (tmp_path / "pass").write_text("Org-pass-phrase-2026\n", encoding="utf-8")
    new = tmp_path / "new-org"
    assert main(["init", "--org", str(new), "--name", "测试评审机构", "--passphrase-file", str(tmp_path / "pass")]) == 0
    assert age_key.exists(new) and age_key.unlock(new, "Org-pass-phrase-2026").to_public().__str__() == age_key.recipient(new)
    assert b"AGE-SECRET-KEY" not in (new / age_key.IDENTITY_FILE).read_bytes()  # passphrase-protected like org.p12
    old = tmp_path / "old-org"
    shutil.copytree(new, old)
    for name in (age_key.IDENTITY_FILE, age_key.RECIPIENT_FILE):
        (old / name).unlink()
    from bundle_fixtures import write_source

    source = write_source(tmp_path / "source")
    card = next((world_dir / "org" / "roster").glob("*.json"))
    (old / "roster").mkdir(exist_ok=True)
    shutil.copy(card, old / "roster" / card.name)
    seal = ["seal", str(source), "--org", str(old), "--recipients", card.stem, "-o", str(tmp_path / "x.rvb"), "--passphrase-file", str(tmp_path / "pass")]
    capsys.readouterr()
    assert main(seal) == 1
    assert "--add-age-identity" in capsys.readouterr().err and not (tmp_path / "x.rvb").exists()
    assert main(["init", "--org", str(old), "--add-age-identity", "--passphrase-file", str(tmp_path / "pass")]) == 0
    assert main(["init", "--org", str(old), "--add-age-identity", "--passphrase-file", str(tmp_path / "pass")]) == 1  # never replaced
    assert "already has an age key" in capsys.readouterr().err
    assert main(seal) == 0


def test_stock_age_decrypts_a_package_with_the_organization_identity(world_dir: Path, tmp_path: Path) -> None:
    identity_file = tmp_path / "org-age.txt"
    identity_file.write_bytes(pyrage.passphrase.decrypt((world_dir / "org" / age_key.IDENTITY_FILE).read_bytes(), (world_dir / "org" / PASSPHRASE_FILE).read_text(encoding="utf-8").strip()))
    path = package_of(world_dir, ALLIANCE, "lin-xiaomei")
    subprocess.run(["age", "-d", "-i", str(identity_file), "-o", str(tmp_path / "p.zip"), str(path)], check=True, timeout=60)
    assert hashlib.sha256((tmp_path / "p.zip").read_bytes()).digest() == hashlib.sha256(plain(world_dir, path)).digest()
