"""identity.py and card_pdf.py: the expert's keys, passphrase changes, enrolment card."""

from __future__ import annotations

import json
import dataclasses
import os
import shutil
import subprocess
from pathlib import Path

import pyrage
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer_app import card_pdf, durable, identity, keys
from reviewer_app import agescrypt
from reviewer_app.errors import UserFacingError
from reviewer_app.identity import ExpertProfile, InvalidCard, InvalidProfile
from reviewer_app.passphrase import WeakPassphrase

PASSPHRASE = "红色狐狸跳了7次!abc"
NEW_PASSPHRASE = "Blue-heron 42 waits"
PROFILE = ExpertProfile(
    name="张伟", field="技术", affiliation="华南理工大学", title="教授", phone="+86 139-2741-5863", email="zw@scut.edu.cn"
)


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture(scope="module")
def identity_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("data") / "identity"
    directory.mkdir()  # an empty directory is fine to create into
    identity.create_identity(directory, PROFILE, PASSPHRASE)
    return directory


@pytest.fixture(scope="module")
def unlocked(identity_dir: Path) -> identity.UnlockedIdentity:
    return identity.unlock(identity_dir, PASSPHRASE)


@pytest.fixture()
def copy_dir(identity_dir: Path, tmp_path: Path) -> Path:
    """A private copy to change (copying costs nothing; creating costs two key derivations)."""
    return Path(shutil.copytree(identity_dir, tmp_path / "identity"))


@pytest.fixture(scope="module")
def card(identity_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = tmp_path_factory.mktemp("card") / "card.json"
    identity.export_card(identity_dir, path)
    return json.loads(path.read_text(encoding="utf-8"))


def card_bytes(card: dict) -> bytes:
    return json.dumps(card, ensure_ascii=False).encode()


def foreign_certificate(name: str = PROFILE.name, org: str = PROFILE.affiliation, curve: ec.EllipticCurve = ec.SECP256R1()) -> x509.Certificate:
    recipient = str(pyrage.x25519.Identity.generate().to_public())
    from asn1crypto import core

    extension = x509.UnrecognizedExtension(identity.AGE_RECIPIENT_OID, core.UTF8String(recipient).dump())
    key = ec.generate_private_key(curve)
    if isinstance(curve, ec.SECP256R1):
        return keys.make_self_signed(key, name, org, days=30, extra_extensions=[extension])
    import datetime as dt

    from cryptography.hazmat.primitives import hashes

    subject = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.timezone.utc)
    builder = x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
    builder = builder.serial_number(1).not_valid_before(now).not_valid_after(now + dt.timedelta(days=1))
    return builder.sign(key, hashes.SHA256())


# ---------------------------------------------------------------- profile


def test_profile_round_trip_and_normalisation() -> None:
    profile = ExpertProfile(name="  张伟 ", field="技术 ", phone="13927415863").validated()
    assert profile.name == "张伟" and profile.field == "技术"
    assert ExpertProfile.from_dict(profile.to_dict()) == profile
    assert set(PROFILE.to_dict()) == {"name", "field", "affiliation", "title", "phone", "email"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": " "}, "Enter your name."),
        ({"field": ""}, "Enter your field of expertise."),
        ({"phone": "call me"}, "The phone number call me does not look right."),
        ({"phone": "12345"}, "The phone number 12345 does not look right."),
        ({"email": "no-at-sign"}, "The email address no-at-sign does not look right."),
        ({"name": "张" * 65}, "The name is too long (at most 64 characters) or contains a line break."),
        ({"title": "a\nb"}, "The title is too long (at most 64 characters) or contains a line break."),
    ],
)
def test_implausible_profiles(changes: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidProfile) as info:
        ExpertProfile(**{**PROFILE.to_dict(), **changes}).validated()
    assert str(info.value) == message


@pytest.mark.parametrize("data", [[], {"name": "x"}, {"name": "x", "field": 1}, {**PROFILE.to_dict(), "age": "50"}])
def test_profile_from_untrusted_data(data: object) -> None:
    with pytest.raises(InvalidProfile):
        ExpertProfile.from_dict(data)


# ---------------------------------------------------------------- created identity


def test_identity_files(identity_dir: Path) -> None:
    assert identity.exists(identity_dir)
    assert sorted(p.name for p in identity_dir.iterdir()) == sorted(identity.IDENTITY_FILES)
    for name in identity.SECRET_FILES:
        assert ((identity_dir / name).stat().st_mode & 0o777) == 0o600
    for name, data in snapshot(identity_dir).items():
        assert b"PRIVATE KEY" not in data and b"AGE-SECRET-KEY" not in data, name
        assert PASSPHRASE.encode() not in data, name
    assert [p.name for p in identity_dir.parent.iterdir()] == ["identity"]  # no staging left


def test_age_identity_is_encrypted_with_the_passphrase_only(identity_dir: Path) -> None:
    data = (identity_dir / identity.AGE_IDENTITY_FILE).read_bytes()
    header = data.split(b"\n---", 1)[0].split(b"\n")
    assert header[0] == b"age-encryption.org/v1"
    stanzas = [line for line in header if line.startswith(b"-> ")]
    assert len(stanzas) == 1 and stanzas[0].startswith(b"-> scrypt ")


def test_public_identity(identity_dir: Path) -> None:
    public = identity.load_public(identity_dir)
    assert public.profile == PROFILE
    assert public.age_recipient == (identity_dir / identity.AGE_RECIPIENT_FILE).read_text().strip()
    assert public.age_recipient.startswith("age1")
    assert identity.certificate_age_recipient(public.certificate) == public.age_recipient
    out = subprocess.run(
        ["openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", str(identity_dir / identity.CERT_FILE)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert public.fingerprint == out.strip().split("=", 1)[1]
    assert public.certificate.not_valid_after_utc - public.certificate.not_valid_before_utc >= __import__("datetime").timedelta(days=5 * 365)


def test_unlock(unlocked: identity.UnlockedIdentity, identity_dir: Path) -> None:
    assert unlocked.private_key.public_key() == unlocked.certificate.public_key()
    assert str(unlocked.age_identity.to_public()) == unlocked.age_recipient
    assert unlocked.public == identity.load_public(identity_dir)
    assert "private_key" not in repr(unlocked) and "AGE-SECRET" not in repr(unlocked)


def test_signing_key_alone(unlocked: identity.UnlockedIdentity, identity_dir: Path, copy_dir: Path) -> None:
    public, private_key = identity.unlock_signing_key(identity_dir, PASSPHRASE)
    assert public == unlocked.public and private_key.private_numbers() == unlocked.private_key.private_numbers()
    with pytest.raises(keys.WrongPassphrase):
        identity.unlock_signing_key(identity_dir, NEW_PASSPHRASE)
    other = identity.create_identity(copy_dir.parent / "other", PROFILE, PASSPHRASE)
    shutil.copyfile(copy_dir.parent / "other" / identity.P12_FILE, copy_dir / identity.P12_FILE)  # another expert's key file
    for unlock in (identity.unlock, identity.unlock_signing_key):
        with pytest.raises(keys.KeyMismatch):
            unlock(copy_dir, PASSPHRASE)
    assert other.fingerprint != public.fingerprint


def test_age_cli_encrypts_to_the_expert(unlocked: identity.UnlockedIdentity, tmp_path: Path) -> None:
    """A bundle key encrypted with stock age opens with the unlocked identity, and vice versa."""
    encrypted = subprocess.run(
        ["age", "-r", unlocked.age_recipient], input=b"bundle key", capture_output=True, check=True
    ).stdout
    assert pyrage.decrypt(encrypted, [unlocked.age_identity]) == b"bundle key"


def test_decrypted_identity_file_works_with_age_cli(identity_dir: Path, unlocked: identity.UnlockedIdentity, tmp_path: Path) -> None:
    plain = pyrage.passphrase.decrypt((identity_dir / identity.AGE_IDENTITY_FILE).read_bytes(), PASSPHRASE)
    assert f"# public key: {unlocked.age_recipient}".encode() in plain
    key_file = tmp_path / "key.txt"
    key_file.write_bytes(plain)
    message = tmp_path / "m.age"
    message.write_bytes(pyrage.encrypt(b"hello", [pyrage.x25519.Recipient.from_str(unlocked.age_recipient)]))
    result = subprocess.run(["age", "-d", "-i", str(key_file), str(message)], capture_output=True, check=True)
    assert result.stdout == b"hello"


def test_wrong_passphrase_changes_nothing(identity_dir: Path) -> None:
    before = snapshot(identity_dir)
    with pytest.raises(keys.WrongPassphrase) as info:
        identity.unlock(identity_dir, "红色狐狸跳了8次!abc")
    assert str(info.value) == "The passphrase is wrong."
    assert snapshot(identity_dir) == before


def test_create_refuses_an_existing_identity(identity_dir: Path) -> None:
    before = snapshot(identity_dir)
    with pytest.raises(identity.IdentityError, match="already exists"):
        identity.create_identity(identity_dir, PROFILE, NEW_PASSPHRASE)
    assert snapshot(identity_dir) == before


def test_create_refuses_a_weak_or_personal_passphrase(tmp_path: Path) -> None:
    for weak in ("password123", "张伟的安全密码9号!", "Tz#2741586!q"):
        with pytest.raises(WeakPassphrase):
            identity.create_identity(tmp_path / "identity", PROFILE, weak)
    assert list(tmp_path.iterdir()) == []


def test_create_refuses_an_implausible_profile(tmp_path: Path) -> None:
    with pytest.raises(InvalidProfile):
        identity.create_identity(tmp_path / "identity", ExpertProfile(name="", field="技术"), NEW_PASSPHRASE)
    assert not identity.exists(tmp_path / "identity")


def test_failure_midway_leaves_no_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(*args: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(identity, "encrypt_age_identity", disk_full)  # after expert.p12 was written
    with pytest.raises(OSError):
        identity.create_identity(tmp_path / "identity", PROFILE, NEW_PASSPHRASE)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(identity.IdentityError, match="No identity"):
        identity.load_public(tmp_path / "identity")


def test_damaged_public_files_are_reported(copy_dir: Path) -> None:
    (copy_dir / identity.AGE_RECIPIENT_FILE).write_text(str(pyrage.x25519.Identity.generate().to_public()))
    with pytest.raises(identity.IdentityError, match="damaged"):
        identity.load_public(copy_dir)


# ---------------------------------------------------------------- passphrase change


def test_change_with_wrong_old_passphrase_changes_nothing(copy_dir: Path) -> None:
    before = snapshot(copy_dir)
    with pytest.raises(keys.WrongPassphrase):
        identity.change_passphrase(copy_dir, "not the passphrase", NEW_PASSPHRASE)
    assert snapshot(copy_dir) == before


def test_change_to_weak_or_same_passphrase_is_refused(copy_dir: Path) -> None:
    before = snapshot(copy_dir)
    with pytest.raises(WeakPassphrase):
        identity.change_passphrase(copy_dir, PASSPHRASE, "qwerty12345")
    with pytest.raises(UserFacingError, match="same as the old"):
        identity.change_passphrase(copy_dir, PASSPHRASE, PASSPHRASE)
    assert snapshot(copy_dir) == before


@pytest.mark.slow
def test_wizard_revision_that_fails_leaves_the_keys_the_expert_saw(copy_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = identity.load_public(copy_dir)
    leftover = copy_dir.with_name(f".{copy_dir.name}.discarded-0000")
    leftover.mkdir()  # from an earlier revision a crash cut short

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(identity, "_write_new_identity", disk_full)
    renamed = dataclasses.replace(PROFILE, name="张伟明")
    with pytest.raises(OSError):
        identity.revise_new_identity(copy_dir, PASSPHRASE, renamed, NEW_PASSPHRASE)
    assert identity.unlock(copy_dir, PASSPHRASE).fingerprint == before.fingerprint
    assert [p.name for p in copy_dir.parent.iterdir() if p.name.startswith(".")] == []
    monkeypatch.undo()
    public, remade = identity.revise_new_identity(copy_dir, PASSPHRASE, renamed, NEW_PASSPHRASE)
    assert remade and public.profile.name == "张伟明" and public.fingerprint != before.fingerprint
    assert identity.unlock(copy_dir, NEW_PASSPHRASE).fingerprint == public.fingerprint
    assert [p.name for p in copy_dir.parent.iterdir() if p.name.startswith(".")] == []


@pytest.mark.slow
def test_change_passphrase(copy_dir: Path, unlocked: identity.UnlockedIdentity) -> None:
    identity.change_passphrase(copy_dir, PASSPHRASE, NEW_PASSPHRASE)
    assert sorted(p.name for p in copy_dir.iterdir()) == sorted(identity.IDENTITY_FILES)
    again = identity.unlock(copy_dir, NEW_PASSPHRASE)
    assert again.fingerprint == unlocked.fingerprint
    assert str(again.age_identity) == str(unlocked.age_identity)
    with pytest.raises(keys.WrongPassphrase):
        identity.unlock(copy_dir, PASSPHRASE)


class SimulatedCrash(BaseException):
    pass


@pytest.mark.slow
def test_crash_between_the_two_replacements_is_completed_on_load(copy_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace
    calls: list[str] = []

    def replace_then_crash(src: object, dst: object) -> None:
        if str(dst).endswith(identity.AGE_IDENTITY_FILE):
            raise SimulatedCrash()
        calls.append(str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(durable.os, "replace", replace_then_crash)
    with pytest.raises(SimulatedCrash):
        identity.change_passphrase(copy_dir, PASSPHRASE, NEW_PASSPHRASE)
    monkeypatch.setattr(durable.os, "replace", real_replace)
    assert any(c.endswith(identity.P12_FILE) for c in calls)
    assert (copy_dir / identity.COMMIT_MARKER).exists()  # half done: p12 new, age file old
    new_age_file = (copy_dir / (identity.AGE_IDENTITY_FILE + identity.PENDING_SUFFIX)).read_bytes()

    identity.load_public(copy_dir)  # recovery finishes the change
    assert sorted(p.name for p in copy_dir.iterdir()) == sorted(identity.IDENTITY_FILES)
    assert (copy_dir / identity.AGE_IDENTITY_FILE).read_bytes() == new_age_file
    keys.read_pkcs12(copy_dir / identity.P12_FILE, NEW_PASSPHRASE)
    # (that new_age_file opens with NEW_PASSPHRASE is what test_change_passphrase shows)


def test_crash_before_commit_keeps_the_old_passphrase(copy_dir: Path) -> None:
    before = snapshot(copy_dir)
    for name in identity.SECRET_FILES:  # new files written, marker never reached
        (copy_dir / (name + identity.PENDING_SUFFIX)).write_bytes(b"written")
    (copy_dir / ".age-identity.age.new.x1y2z3.tmp").write_bytes(b"half written")
    identity.load_public(copy_dir)
    assert snapshot(copy_dir) == before


# ---------------------------------------------------------------- profile update


def test_update_profile(copy_dir: Path) -> None:
    changed = ExpertProfile(**{**PROFILE.to_dict(), "title": "研究员", "phone": "020-8711 0000", "field": "产业"})
    public = identity.update_profile(copy_dir, changed)
    assert identity.load_public(copy_dir).profile == changed == public.profile
    assert public.fingerprint == identity.load_public(copy_dir).fingerprint


@pytest.mark.parametrize("field_name", ["name", "affiliation"])
def test_update_profile_refuses_certificate_fields(copy_dir: Path, field_name: str) -> None:
    before = snapshot(copy_dir)
    with pytest.raises(InvalidProfile, match="part of your certificate"):
        identity.update_profile(copy_dir, ExpertProfile(**{**PROFILE.to_dict(), field_name: "李四"}))
    assert snapshot(copy_dir) == before


# ---------------------------------------------------------------- enrolment card


def test_card_contents(card: dict, identity_dir: Path, tmp_path: Path) -> None:
    assert set(card) == set(identity.CARD_KEYS)
    assert (card["format"], card["version"]) == ("reviewer-enrolment-card", 1)
    assert card["profile"] == PROFILE.to_dict()
    pem = tmp_path / "c.pem"
    pem.write_text(card["certificate_pem"])
    out = subprocess.run(["openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", str(pem)], capture_output=True, text=True, check=True)
    assert card["fingerprint_sha256"] == keys.format_fingerprint(out.stdout)  # groups of four, as on the PDF
    parsed = identity.read_card(card_bytes(card))
    assert parsed.fingerprint == identity.load_public(identity_dir).fingerprint
    assert parsed.age_recipient == card["age_recipient"]
    assert parsed.profile == PROFILE and parsed.created_at.tzinfo is not None


def test_card_from_file_with_bom(card: dict, tmp_path: Path) -> None:
    path = tmp_path / "card.json"
    path.write_bytes(b"\xef\xbb\xbf" + card_bytes(card))  # as Windows Notepad saves it
    assert keys.format_fingerprint(identity.read_card(path).fingerprint) == card["fingerprint_sha256"]


def _tampered(card: dict, what: str) -> bytes:
    changed = json.loads(json.dumps(card))
    other = foreign_certificate()
    if what == "fingerprint":
        fp = changed["fingerprint_sha256"]
        changed["fingerprint_sha256"] = ("0" if fp[0] != "0" else "1") + fp[1:]
    elif what == "age recipient":
        changed["age_recipient"] = str(pyrage.x25519.Identity.generate().to_public())
    elif what == "name":
        changed["profile"]["name"] = "李四"
    elif what == "affiliation":
        changed["profile"]["affiliation"] = "中山大学"
    elif what == "certificate swapped":
        changed["certificate_pem"] = keys.certificate_pem(other)
        changed["fingerprint_sha256"] = keys.fingerprint(other)
    elif what == "certificate and recipient swapped, no extension":
        bare = keys.make_self_signed(keys.new_private_key(), PROFILE.name, PROFILE.affiliation, days=30)
        changed["certificate_pem"] = keys.certificate_pem(bare)
        changed["fingerprint_sha256"] = keys.fingerprint(bare)
    elif what == "P-384":
        p384 = foreign_certificate(curve=ec.SECP384R1())
        changed["certificate_pem"] = keys.certificate_pem(p384)
        changed["fingerprint_sha256"] = keys.fingerprint(p384)
    elif what == "certificate bytes":
        pem = changed["certificate_pem"]
        changed["certificate_pem"] = pem[:100] + ("A" if pem[100] != "A" else "B") + pem[101:]
    elif what == "two certificates":
        changed["certificate_pem"] += keys.certificate_pem(other)
    elif what == "version":
        changed["version"] = 2
    elif what == "version true":
        changed["version"] = True
    elif what == "format":
        changed["format"] = "something-else"
    elif what == "missing key":
        del changed["created_at"]
    elif what == "extra key":
        changed["comment"] = "hi"
    elif what == "created_at":
        changed["created_at"] = "yesterday"
    elif what == "naive created_at":
        changed["created_at"] = "2025-01-01T10:00:00"
    elif what == "profile extra":
        changed["profile"]["salary"] = "1"
    return card_bytes(changed)


TAMPERINGS = [
    ("fingerprint", "does not match its certificate"),
    ("age recipient", "damaged or was changed"),
    ("name", "name on the enrolment card does not match"),
    ("affiliation", "name on the enrolment card does not match"),
    ("certificate swapped", "damaged or was changed"),
    ("certificate and recipient swapped, no extension", "damaged or was changed"),
    ("P-384", "kind of key"),
    ("certificate bytes", "damaged or was changed"),
    ("two certificates", "damaged or was changed"),
    ("version", "newer version"),
    ("version true", "newer version"),
    ("format", "not an enrolment card"),
    ("missing key", "damaged or was changed"),
    ("extra key", "damaged or was changed"),
    ("created_at", "damaged or was changed"),
    ("naive created_at", "damaged or was changed"),
    ("profile extra", "damaged or was changed"),
]


@pytest.mark.parametrize(("what", "message"), TAMPERINGS)
def test_tampered_card_is_refused(card: dict, what: str, message: str) -> None:
    with pytest.raises(InvalidCard, match=message):
        identity.read_card(_tampered(card, what))


def test_expired_card_certificate_is_refused(card: dict) -> None:
    from asn1crypto import core

    extension = x509.UnrecognizedExtension(identity.AGE_RECIPIENT_OID, core.UTF8String(card["age_recipient"]).dump())
    expired = keys.make_self_signed(keys.new_private_key(), PROFILE.name, PROFILE.affiliation, days=0, extra_extensions=[extension])
    changed = {**card, "certificate_pem": keys.certificate_pem(expired), "fingerprint_sha256": keys.fingerprint(expired)}
    with pytest.raises(InvalidCard, match="expired on"):
        identity.read_card(card_bytes(changed))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not an enrolment card"),
        (b"\xff\xfe\x00", "not an enrolment card"),
        (b"[1, 2]", "not an enrolment card"),
        (b'{"format": "reviewer-enrolment-card", "format": "x"}', "damaged"),
        (b'{"format": "reviewer-enrolment-card", "version": NaN}', "damaged"),
        (b"[" * 50_000 + b"]" * 10_000, "not an enrolment card"),
        (b" " * (64 * 1024 + 1), "too large"),
    ],
)
def test_malformed_card_bytes(data: bytes, message: str) -> None:
    with pytest.raises(InvalidCard, match=message):
        identity.read_card(data)


def test_card_file_problems(tmp_path: Path) -> None:
    with pytest.raises(InvalidCard, match="cannot be read"):
        identity.read_card(tmp_path / "missing.json")
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (1 << 20))
    with pytest.raises(InvalidCard, match="too large"):
        identity.read_card(big)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4096))
def test_fuzz_card_bytes(data: bytes) -> None:
    with pytest.raises(UserFacingError):
        identity.read_card(data)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_card_byte_mutations(card: dict, data: st.DataObject) -> None:
    """Damage anywhere (JSON syntax, PEM, fingerprint, recipient) gives a plain refusal or an equal card."""
    mutated = bytearray(card_bytes(card))
    for _ in range(data.draw(st.integers(1, 3))):
        position = data.draw(st.integers(0, len(mutated) - 1))
        if data.draw(st.booleans()):
            mutated[position] = data.draw(st.sampled_from(b'{}[]",:0123456789abcdefABCDEF \\n-+.eE/='))
        else:
            mutated[position : position + 1] = data.draw(st.binary(max_size=4))
    try:
        parsed = identity.read_card(bytes(mutated))
    except UserFacingError:
        return
    assert keys.same_fingerprint(parsed.fingerprint, card["fingerprint_sha256"])
    assert parsed.age_recipient == card["age_recipient"] and parsed.profile.name == PROFILE.name


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=10,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_card_fields(card: dict, data: st.DataObject) -> None:
    changed = json.loads(json.dumps(card))
    target = changed["profile"] if data.draw(st.booleans()) else changed
    key = data.draw(st.sampled_from(sorted(target) + ["unexpected"]))
    if data.draw(st.booleans()) and key in target:
        del target[key]
    else:
        target[key] = data.draw(JSON_VALUES)
    try:
        parsed = identity.read_card(card_bytes(changed))
    except UserFacingError:
        return
    assert keys.same_fingerprint(parsed.fingerprint, card["fingerprint_sha256"])  # only harmless changes pass


# ---------------------------------------------------------------- printable card


def test_card_pdf(identity_dir: Path, tmp_path: Path) -> None:
    public = identity.load_public(identity_dir)
    path = tmp_path / "card.pdf"
    card_pdf.write_card_pdf(public, path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info and "595.276 x 841.89" in info  # one A4 page
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5:-3] == ["yes", "yes"] for line in fonts), fonts  # embedded, subset
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "评审专家注册卡" in text and "Expert enrolment card" in text and "组织核对签字" in text
    assert PROFILE.name in text and PROFILE.affiliation in text
    for group in keys.format_fingerprint(public.fingerprint).split():
        assert group in text
    assert public.age_recipient[:31] in text and public.age_recipient[31:] in text
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 10_000


def test_identity_file_is_plain_age_at_ages_own_work_factor(identity_dir: Path) -> None:
    """rage opens it, and its work factor is age's default rather than one calibrated to the machine
    (rage refuses, at unlock time, a factor it thinks too slow for the machine as loaded then)."""
    data = (identity_dir / identity.AGE_IDENTITY_FILE).read_bytes()
    stanza = data.split(b"\n")[1].split(b" ")
    assert stanza[:2] == [b"->", b"scrypt"] and int(stanza[3]) == agescrypt.DEFAULT_WORK_FACTOR
    assert b"AGE-SECRET-KEY-" in pyrage.passphrase.decrypt(data, PASSPHRASE)


def test_passphrase_decryption_opens_what_rage_wrote_and_refuses_the_rest() -> None:
    plain = b"AGE-SECRET-KEY-1 stand-in\n" * 5000  # several STREAM chunks
    written_by_rage = pyrage.passphrase.encrypt(plain, "口令 pass")  # calibrated work factor
    assert agescrypt.decrypt_with_passphrase(written_by_rage, "口令 pass") == plain
    with pytest.raises(agescrypt.WrongPassphrase):
        agescrypt.decrypt_with_passphrase(written_by_rage, "口令 pasS")
    ours = agescrypt.encrypt(plain, "口令 pass", work_factor=10)
    for position in (len(ours) // 2, len(ours) - 1):  # a payload byte, the last tag byte
        flipped = bytearray(ours)
        flipped[position] ^= 1
        with pytest.raises(agescrypt.AgeError):
            agescrypt.decrypt_with_passphrase(bytes(flipped), "口令 pass")
    with pytest.raises(agescrypt.AgeError):
        agescrypt.decrypt_with_passphrase(ours[:-20], "口令 pass")  # cut off
    with pytest.raises(agescrypt.AgeError) as too_costly:
        agescrypt.decrypt_with_passphrase(ours, "口令 pass", max_work_factor=9)
    assert not isinstance(too_costly.value, agescrypt.WrongPassphrase)
    header_changed = ours.replace(b"-> scrypt ", b"-> scrypt  ", 1)
    with pytest.raises(agescrypt.AgeError):
        agescrypt.decrypt_with_passphrase(header_changed, "口令 pass")
