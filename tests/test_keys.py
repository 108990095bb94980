"""keys.py: certificates, fingerprints and PKCS#12 files, checked against stock OpenSSL."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import shutil
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from reviewer_app import durable, keys
from reviewer_app.errors import UserFacingError
from reviewer_app.passphrase import WeakPassphrase

PASSPHRASE = "红色狐狸跳了7次!abc"


def run(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=check)


@pytest.fixture(scope="module")
def key_and_cert() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = keys.new_private_key()
    return key, keys.make_self_signed(key, "张三", "华南理工大学", days=30)


@pytest.fixture(scope="module")
def p12_file(tmp_path_factory: pytest.TempPathFactory, key_and_cert) -> Path:
    path = tmp_path_factory.mktemp("p12") / "expert.p12"
    keys.write_pkcs12(path, *key_and_cert, PASSPHRASE, friendly_name="张三")
    return path


def openssl_pkcs12_info(path: Path, passphrase: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # file: keeps the passphrase out of the process list; an empty one needs pass: (file: refuses it)
    if not passphrase:
        return run("openssl", "pkcs12", "-info", "-noout", "-in", str(path), "-passin", "pass:")
    passfile = tmp_path / "pass.txt"
    passfile.write_text(passphrase, encoding="utf-8")
    return run("openssl", "pkcs12", "-info", "-noout", "-in", str(path), "-passin", f"file:{passfile}")


# ---------------------------------------------------------------- certificates


def test_self_signed_certificate_profile(key_and_cert) -> None:
    key, cert = key_and_cert
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "张三"
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "华南理工大学"
    assert cert.issuer == cert.subject
    assert isinstance(cert.signature_hash_algorithm, hashes.SHA256)
    assert keys.is_p256(cert.public_key()) and cert.public_key() == key.public_key()
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign and not usage.value.key_encipherment
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    cert.verify_directly_issued_by(cert)


def test_ca_flag_allows_certificate_signing() -> None:
    cert = keys.make_self_signed(keys.new_private_key(), "Org CA", None, days=1, ca=True)
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    assert cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    assert not cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)


def test_other_curves_are_refused() -> None:
    with pytest.raises(ValueError):
        keys.make_self_signed(ec.generate_private_key(ec.SECP384R1()), "x", None, days=1)


def test_openssl_reads_utf8_subject(key_and_cert, tmp_path: Path) -> None:
    pem = tmp_path / "c.pem"
    pem.write_bytes(keys.certificate_pem(key_and_cert[1]).encode())
    out = run("openssl", "x509", "-noout", "-subject", "-nameopt", "oneline,-esc_msb", "-in", str(pem), check=True).stdout
    assert out.strip() == "subject=CN = 张三, O = 华南理工大学"


def test_fingerprint_matches_openssl(key_and_cert, tmp_path: Path) -> None:
    pem = tmp_path / "c.pem"
    pem.write_bytes(keys.certificate_pem(key_and_cert[1]).encode())
    out = run("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", str(pem), check=True).stdout
    assert keys.fingerprint(key_and_cert[1]) == out.strip().split("=", 1)[1]


def test_one_fingerprint_format_and_every_spelling_accepted(key_and_cert, tmp_path: Path) -> None:
    fp = keys.fingerprint(key_and_cert[1])
    shown = keys.format_fingerprint(fp)
    groups = shown.split(" ")
    assert len(groups) == 16 and all(re.fullmatch(r"[0-9A-F]{4}", g) for g in groups)
    pem = tmp_path / "c.pem"
    pem.write_bytes(keys.certificate_pem(key_and_cert[1]).encode())
    openssl_line = run("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", str(pem), check=True).stdout
    digits = "".join(groups)
    spellings = [fp, fp.lower(), shown, shown.lower(), digits, digits.lower(), openssl_line, " ".join(fp.split(":")),
                 "\n".join(shown[i : i + 19] for i in range(0, len(shown), 20)), "-".join(groups)]
    for spelling in spellings:
        assert keys.fingerprint_hex(spelling) == digits, spelling
        assert keys.format_fingerprint(spelling) == shown, spelling
        assert keys.same_fingerprint(spelling, fp)
    for wrong in ("", digits[:-1], digits + "0", digits[:-1] + "G", "B1CA B6B0", fp.replace(":", "/")):
        with pytest.raises(keys.NotAFingerprint) as refused:
            keys.fingerprint_hex(wrong)
        assert "64" in str(refused.value)


# ---------------------------------------------------------------- PKCS#12


def test_pkcs12_round_trip(p12_file: Path, key_and_cert) -> None:
    key, cert = keys.read_pkcs12(p12_file, PASSPHRASE)
    assert cert == key_and_cert[1]
    assert key.private_numbers() == key_and_cert[0].private_numbers()
    assert (p12_file.stat().st_mode & 0o777) == 0o600


def test_openssl_reports_the_required_encryption(p12_file: Path, tmp_path: Path) -> None:
    result = openssl_pkcs12_info(p12_file, PASSPHRASE, tmp_path)
    assert result.returncode == 0, result.stderr
    report = result.stdout + result.stderr
    assert re.search(r"^MAC: sha256, Iteration 600000$", report, re.M)
    bags = re.findall(r"PBES2, PBKDF2, AES-256-CBC, Iteration 600000, PRF hmacWithSHA256", report)
    assert len(bags) == 2  # the certificate bag and the shrouded key bag
    assert "Shrouded Keybag: PBES2" in report


def test_openssl_refuses_wrong_and_empty_passphrase(p12_file: Path, tmp_path: Path) -> None:
    for wrong in ("红色狐狸跳了8次!abc", ""):
        result = openssl_pkcs12_info(p12_file, wrong, tmp_path)
        assert result.returncode != 0
        assert "Mac verify error" in result.stderr


def test_wrong_passphrase_is_a_user_facing_error(p12_file: Path) -> None:
    with pytest.raises(keys.WrongPassphrase) as info:
        keys.read_pkcs12(p12_file, "wrong passphrase")
    assert str(info.value) == "The passphrase is wrong."


def test_passphrase_is_normalised(tmp_path: Path, key_and_cert) -> None:
    path = tmp_path / "e.p12"
    decomposed = "Cafe\u0301 au lait 42!"
    keys.write_pkcs12(path, *key_and_cert, decomposed, friendly_name="x")
    assert keys.read_pkcs12(path, "Café au lait 42!")[1] == key_and_cert[1]


def test_passphrase_outside_the_bmp_works_with_openssl(tmp_path: Path, key_and_cert) -> None:
    path = tmp_path / "e.p12"
    passphrase = "😀𠀀 beyond BMP 9"
    keys.write_pkcs12(path, *key_and_cert, passphrase, friendly_name="x")
    assert keys.read_pkcs12(path, passphrase)[1] == key_and_cert[1]
    assert openssl_pkcs12_info(path, passphrase, tmp_path).returncode == 0


def test_mac_key_derivation_matches_the_library(quick_p12: bytes) -> None:
    """Our RFC 7292 KDF reproduces the MAC cryptography computes (at 1,000 rounds)."""
    pfx = asn1_pkcs12.Pfx.load(quick_p12)
    mac_data = pfx["mac_data"]
    key = keys._pkcs12_mac_key(PASSPHRASE, mac_data["mac_salt"].native, mac_data["iterations"].native)
    expected = hmac.new(key, pfx["auth_safe"]["content"].native, hashlib.sha256).digest()
    assert expected == mac_data["mac"]["digest"].native


@pytest.fixture
def library_reader_calls(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every file handed to cryptography's PKCS#12 reader (which holds the GIL while it runs)."""
    calls: list[bytes] = []
    library_reader = pkcs12.load_key_and_certificates

    def counted(data: bytes, password: bytes | None):  # noqa: ANN202 - the library's own result
        calls.append(data)
        return library_reader(data, password)

    monkeypatch.setattr(pkcs12, "load_key_and_certificates", counted)
    return calls


def test_a_key_whose_certificate_is_known_opens_without_the_library_reader(
    p12_file: Path, key_and_cert, library_reader_calls: list[bytes]
) -> None:
    key, cert = keys.read_pkcs12(p12_file, PASSPHRASE, certificate=key_and_cert[1])
    assert cert == key_and_cert[1] and key.private_numbers() == key_and_cert[0].private_numbers()
    with pytest.raises(keys.WrongPassphrase):
        keys.read_pkcs12(p12_file, "红色狐狸跳了8次!abc", certificate=key_and_cert[1])  # a typo: no stall either
    assert library_reader_calls == []
    assert keys.read_pkcs12(p12_file, PASSPHRASE)[1] == cert  # without it: the library reads the whole file
    assert library_reader_calls == [p12_file.read_bytes()]


def test_a_key_of_another_certificate_is_refused(p12_file: Path, tmp_path: Path, key_and_cert) -> None:
    other = keys.make_self_signed(keys.new_private_key(), "张三", "华南理工大学", days=30)
    with pytest.raises(keys.KeyMismatch, match="does not hold the key of its certificate"):
        keys.read_pkcs12(p12_file, PASSPHRASE, certificate=other)
    legacy = openssl_export(tmp_path, key_and_cert, PASSPHRASE, "-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES")
    with pytest.raises(keys.KeyMismatch):  # the library's way as well
        keys.read_pkcs12(legacy, PASSPHRASE, certificate=other)


@pytest.mark.parametrize("passphrase", ["Cafe\u0301 au lait 42!", "😀𠀀 beyond BMP 9"])
def test_the_known_certificate_way_reads_the_same_passphrase_bytes(
    tmp_path: Path, key_and_cert, passphrase: str, library_reader_calls: list[bytes]
) -> None:
    path = tmp_path / "e.p12"
    keys.write_pkcs12(path, *key_and_cert, passphrase, friendly_name="x")
    typed = unicodedata.normalize("NFC", passphrase)  # what another keyboard may send
    assert keys.read_pkcs12(path, typed, certificate=key_and_cert[1])[0].private_numbers() == key_and_cert[0].private_numbers()
    assert library_reader_calls == []


@pytest.fixture(scope="module")
def quick_p12(key_and_cert) -> bytes:
    """The app's PKCS#12 layout at 1,000 rounds, so that a fuzz example takes milliseconds."""
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(1000)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(PASSPHRASE.encode("utf-8"))
    )
    return pkcs12.serialize_key_and_certificates(b"x", *key_and_cert, None, encryption)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_fuzz_a_changed_key_file_gives_the_right_key_or_a_plain_refusal(quick_p12: bytes, key_and_cert, data) -> None:
    """Whatever byte changes, the known-certificate way gives the expert's own key or a refusal a
    person can read (a change in the MAC or the certificate bag, which it does not read, is no
    harm: the key must still belong to the certificate)."""
    changed = bytearray(quick_p12)
    changed[data.draw(st.integers(0, len(changed) - 1))] ^= data.draw(st.integers(1, 255))
    try:
        key, cert = keys.load_pkcs12(bytes(changed), PASSPHRASE, source="x.p12", certificate=key_and_cert[1])
    except UserFacingError:
        return
    assert key.private_numbers() == key_and_cert[0].private_numbers() and cert == key_and_cert[1]


@pytest.mark.parametrize("iterations", [0, -1000, 1 << 30, 1 << 70])
def test_an_impossible_round_count_is_refused_plainly(quick_p12: bytes, key_and_cert, iterations: int) -> None:
    """Also a count that would hold the unlock for an hour (2**30 rounds): refused at once."""
    pfx = asn1_pkcs12.Pfx.load(quick_p12)
    safes = asn1_pkcs12.AuthenticatedSafe.load(pfx["auth_safe"]["content"].native)
    bags = asn1_pkcs12.SafeContents.load(safes[1]["content"].native)
    bags[0]["bag_value"]["encryption_algorithm"]["parameters"]["key_derivation_func"]["parameters"]["iteration_count"] = iterations
    safes[1]["content"] = asn1_pkcs12.SafeContents(list(bags)).dump(force=True)
    changed = asn1_pkcs12.Pfx({"version": "v3", "auth_safe": {"content_type": "data", "content": safes.dump(force=True)},
                               "mac_data": pfx["mac_data"]}).dump()
    started = time.monotonic()
    with pytest.raises(UserFacingError):
        keys.load_pkcs12(changed, PASSPHRASE, source="x.p12", certificate=key_and_cert[1])
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("iterations", [0, 1 << 30])
def test_a_mac_asking_for_impossible_rounds_is_refused_at_once(quick_p12: bytes, iterations: int) -> None:
    """The MAC's count is what OpenSSL's reader (other layouts) derives first."""
    pfx = asn1_pkcs12.Pfx.load(quick_p12)
    mac_data = asn1_pkcs12.MacData({"mac": pfx["mac_data"]["mac"], "mac_salt": pfx["mac_data"]["mac_salt"], "iterations": iterations})
    changed = asn1_pkcs12.Pfx({"version": "v3", "auth_safe": pfx["auth_safe"], "mac_data": mac_data}).dump()
    started = time.monotonic()
    with pytest.raises(UserFacingError, match="damaged"):
        keys.load_pkcs12(changed, PASSPHRASE, source="x.p12")
    assert time.monotonic() - started < 5


def openssl_export(tmp_path: Path, key_and_cert, passphrase: str, *options: str) -> Path:
    key, cert = key_and_cert
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    (tmp_path / "cert.pem").write_bytes(keys.certificate_pem(cert).encode("ascii"))
    (tmp_path / "pass.txt").write_text(passphrase, encoding="utf-8")
    out = tmp_path / "openssl.p12"
    run("openssl", "pkcs12", "-export", "-inkey", str(tmp_path / "key.pem"), "-in", str(tmp_path / "cert.pem"),
        "-passout", f"file:{tmp_path / 'pass.txt'}", "-out", str(out), *options, check=True)
    return out


def test_a_file_openssl_wrote_opens_either_way(tmp_path: Path, key_and_cert, library_reader_calls: list[bytes]) -> None:
    """OpenSSL 3's own PKCS#12 (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC, 2048 rounds, a Chinese
    passphrase) opens by the known-certificate way: the same PBES2 and passphrase bytes."""
    path = openssl_export(tmp_path, key_and_cert, PASSPHRASE, "-keypbe", "AES-256-CBC", "-macalg", "sha256")
    assert keys.read_pkcs12(path, PASSPHRASE, certificate=key_and_cert[1])[0].private_numbers() == key_and_cert[0].private_numbers()
    assert library_reader_calls == []
    with pytest.raises(keys.WrongPassphrase):
        keys.read_pkcs12(path, PASSPHRASE + "x", certificate=key_and_cert[1])


def test_another_layout_is_read_by_the_library(tmp_path: Path, key_and_cert, library_reader_calls: list[bytes]) -> None:
    """A file this app never wrote (3DES, SHA-1 MAC) still opens, by cryptography's reader."""
    path = openssl_export(tmp_path, key_and_cert, PASSPHRASE, "-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES",
                          "-macalg", "sha1")
    assert keys.read_pkcs12(path, PASSPHRASE, certificate=key_and_cert[1])[1] == key_and_cert[1]
    assert library_reader_calls == [path.read_bytes()]
    with pytest.raises(keys.WrongPassphrase):
        keys.read_pkcs12(path, "wrong passphrase", certificate=key_and_cert[1])


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "pem"])
def test_damaged_key_file_is_not_a_wrong_passphrase(tmp_path: Path, p12_file: Path, key_and_cert, damage: str) -> None:
    data = p12_file.read_bytes()
    damaged = {
        "truncate": data[: len(data) // 2],
        "garbage": os.urandom(len(data)),
        "empty": b"",
        "pem": b"-----BEGIN CERTIFICATE-----\n",
    }[damage]
    path = tmp_path / "bad.p12"
    path.write_bytes(damaged)
    for certificate in (None, key_and_cert[1]):
        with pytest.raises(keys.KeyFileError) as info:
            keys.read_pkcs12(path, PASSPHRASE, certificate=certificate)
        assert "damaged" in str(info.value)


def test_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(keys.KeyFileError, match="does not exist"):
        keys.read_pkcs12(tmp_path / "nothing.p12", PASSPHRASE)


def test_empty_passphrase_is_never_used_for_writing(tmp_path: Path, key_and_cert) -> None:
    with pytest.raises(ValueError):
        keys.write_pkcs12(tmp_path / "x.p12", *key_and_cert, "", friendly_name="x")
    assert not (tmp_path / "x.p12").exists()


# ---------------------------------------------------------------- atomic writes


def test_atomic_write_replaces_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    durable.write_bytes(target, b"old")
    durable.write_bytes(target, b"new" * 1000, mode=durable.PRIVATE)
    assert target.read_bytes() == b"new" * 1000
    assert (target.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["file.bin"]


def test_atomic_write_failure_keeps_old_content(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    durable.write_bytes(target, b"old")
    with pytest.raises(TypeError):
        durable.write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.bin"]


# ---------------------------------------------------------------- organization credentials


ORG_PASSPHRASE = "Seal-the-bundles 2025!"


@pytest.fixture(scope="module")
def org_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("org") / "org"
    keys.create_org_credentials(directory, "广州评审服务中心", ORG_PASSPHRASE)
    return directory


def test_org_credentials_round_trip(org_dir: Path, tmp_path: Path) -> None:
    loaded = keys.load_org_credentials(org_dir, ORG_PASSPHRASE)
    assert loaded.name == "广州评审服务中心"
    pem_cert = keys.load_certificate_file(org_dir / keys.ORG_CERT_FILE)
    assert pem_cert == loaded.certificate
    assert loaded.fingerprint == keys.fingerprint(pem_cert)
    assert "private_key" not in repr(loaded)
    assert openssl_pkcs12_info(org_dir / keys.ORG_KEY_FILE, ORG_PASSPHRASE, tmp_path).returncode == 0


def test_org_credentials_are_never_overwritten(org_dir: Path) -> None:
    before = (org_dir / keys.ORG_KEY_FILE).read_bytes()
    with pytest.raises(UserFacingError, match="already exists"):
        keys.create_org_credentials(org_dir, "Another", ORG_PASSPHRASE)
    assert (org_dir / keys.ORG_KEY_FILE).read_bytes() == before


def test_org_wrong_passphrase(org_dir: Path) -> None:
    with pytest.raises(keys.WrongPassphrase):
        keys.load_org_credentials(org_dir, "Seal-the-bundles 2024!")


def test_org_key_opens_by_the_published_certificate(org_dir: Path, tmp_path: Path, library_reader_calls: list[bytes]) -> None:
    """org-cert.pem names the key org.p12 must hold: opened by its key bag alone; a replaced
    org-cert.pem is refused with what is wrong; without one, org.p12 alone decides as before."""
    published = keys.load_certificate_file(org_dir / keys.ORG_CERT_FILE)
    assert keys.load_org_credentials(org_dir, ORG_PASSPHRASE).certificate == published
    assert library_reader_calls == []
    replaced = Path(shutil.copytree(org_dir, tmp_path / "replaced"))
    other = keys.make_self_signed(keys.new_private_key(), "广州评审服务中心", "广州评审服务中心", days=30)
    (replaced / keys.ORG_CERT_FILE).write_text(keys.certificate_pem(other), encoding="ascii")
    with pytest.raises(keys.KeyMismatch) as refused:
        keys.load_org_credentials(replaced, ORG_PASSPHRASE)
    assert str(replaced / keys.ORG_KEY_FILE) in str(refused.value)
    (replaced / keys.ORG_CERT_FILE).unlink()
    assert keys.load_org_credentials(replaced, ORG_PASSPHRASE).certificate == published
    assert library_reader_calls == [(org_dir / keys.ORG_KEY_FILE).read_bytes()]


def test_org_weak_passphrase_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WeakPassphrase):
        keys.create_org_credentials(tmp_path / "org", "Review Org", "password1")
    assert not (tmp_path / "org" / keys.ORG_KEY_FILE).exists()
