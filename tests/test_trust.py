"""trust.py: inspecting and pinning organization certificates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from reviewer_app import cms, keys, trust

NOW = dt.datetime.now(dt.timezone.utc)


def certificate(
    name: str = "广州评审服务中心",
    key: object = None,
    not_before: dt.datetime = NOW - dt.timedelta(days=1),
    not_after: dt.datetime = NOW + dt.timedelta(days=365),
) -> x509.Certificate:
    key = key or keys.new_private_key()
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "评审机构")])
    builder = x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())  # type: ignore[union-attr]
    builder = builder.serial_number(x509.random_serial_number()).not_valid_before(not_before).not_valid_after(not_after)
    return builder.sign(key, hashes.SHA256())  # type: ignore[arg-type]


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def org() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = keys.new_private_key()
    return key, keys.make_self_signed(key, "广州评审服务中心", "广州评审服务中心", days=365)


def test_inspect_pem_and_der(org) -> None:
    cert = org[1]
    for data in (pem(cert), b"\n  " + pem(cert), cert.public_bytes(serialization.Encoding.DER)):
        info = trust.inspect_certificate(data)
        assert (info.subject_cn, info.organization) == ("广州评审服务中心", "广州评审服务中心")
        assert info.fingerprint == keys.fingerprint(cert)
        assert info.certificate == cert and not info.expired and info.is_valid_at()
        assert info.not_before < NOW < info.not_after


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: pem(certificate(key=rsa.generate_private_key(65537, 2048))), "ECDSA P-256"),
        (lambda: pem(certificate(key=ec.generate_private_key(ec.SECP384R1()))), "ECDSA P-256"),
        (lambda: pem(certificate(not_after=NOW - dt.timedelta(days=2), not_before=NOW - dt.timedelta(days=20))), "expired on"),
        (lambda: pem(certificate(not_before=NOW + dt.timedelta(days=3))), "valid only from"),
        (lambda: pem(certificate()) + pem(certificate()), "more than one certificate"),
        (lambda: b"", "not a certificate"),
        (lambda: b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "not a certificate"),
        (lambda: b"\x30\x82\x01\x00" + b"\x00" * 50, "not a certificate"),
        (lambda: b"0" * (70 * 1024), "not a certificate"),
    ],
)
def test_inspect_refuses(make, message: str) -> None:
    with pytest.raises(trust.CertificateRefused, match=message):
        trust.inspect_certificate(make())


def test_inspect_refuses_certificates_outside_rfc_5280(org) -> None:
    """Nonsense that cryptography would only warn about, or fail on with a non-ValueError."""
    parsed = asn1_x509.Certificate.load(org[1].public_bytes(serialization.Encoding.DER))
    parsed["tbs_certificate"]["serial_number"] = -5
    negative_serial = parsed.dump(force=True)
    der = org[1].public_bytes(serialization.Encoding.DER)
    version_13 = der.replace(b"\xa0\x03\x02\x01\x02", b"\xa0\x03\x02\x01\x0d", 1)
    assert version_13 != der
    for data in (negative_serial, version_13):
        with pytest.raises(trust.CertificateRefused, match="not a certificate"):
            trust.inspect_certificate(data)


def test_pin_list_remove(tmp_path: Path, org) -> None:
    trust_dir = tmp_path / "trust"
    assert trust.list_pinned(trust_dir) == [] and trust.pinned_certificates(trust_dir) == []
    cert = org[1]
    info = trust.pin(trust_dir, cert)
    trust.pin(trust_dir, cert)  # pinning again is harmless
    path = trust_dir / (keys.fingerprint_hex(info.fingerprint) + ".pem")
    assert [p.name for p in trust_dir.iterdir()] == [path.name]
    assert x509.load_pem_x509_certificate(path.read_bytes()) == cert
    assert [i.fingerprint for i in trust.list_pinned(trust_dir)] == [info.fingerprint]
    assert trust.pinned_certificates(trust_dir) == [cert]
    assert trust.remove(trust_dir, info.fingerprint.lower()) is True
    assert trust.remove(trust_dir, info.fingerprint) is False
    assert trust.pinned_certificates(trust_dir) == []


def test_pinned_certificates_verify_a_signature(tmp_path: Path, org) -> None:
    key, cert = org
    trust.pin(tmp_path, certificate("Someone else"))
    trust.pin(tmp_path, cert)
    signature = cms.sign_detached(b"SHA256SUMS content\n", cert, key)
    assert cms.verify_detached(b"SHA256SUMS content\n", signature, trust.pinned_certificates(tmp_path)) == cert


def test_pin_refuses_expired(tmp_path: Path) -> None:
    with pytest.raises(trust.CertificateRefused, match="expired"):
        trust.pin(tmp_path, certificate(not_before=NOW - dt.timedelta(days=9), not_after=NOW - dt.timedelta(days=1)))
    assert list(tmp_path.iterdir()) == []


def test_expired_pinned_certificate_is_listed_but_not_trusted(tmp_path: Path) -> None:
    old = certificate(not_before=NOW - dt.timedelta(days=9), not_after=NOW - dt.timedelta(days=1))
    (tmp_path / (keys.fingerprint_hex(keys.fingerprint(old)) + ".pem")).write_bytes(pem(old))
    [info] = trust.list_pinned(tmp_path)
    assert info.expired
    assert trust.pinned_certificates(tmp_path) == []


def test_damaged_or_misnamed_pinned_files_are_reported(tmp_path: Path, org) -> None:
    other = certificate("Impostor")
    misnamed = tmp_path / (keys.fingerprint_hex(keys.fingerprint(org[1])) + ".pem")
    misnamed.write_bytes(pem(other))  # the file name promises one certificate, holds another
    with pytest.raises(trust.CertificateRefused, match="damaged"):
        trust.pinned_certificates(tmp_path)
    misnamed.write_bytes(b"garbage")
    with pytest.raises(trust.CertificateRefused, match="damaged"):
        trust.list_pinned(tmp_path)
    assert trust.remove(tmp_path, keys.fingerprint(org[1]))
    (tmp_path / "README.txt").write_text("other files are ignored")
    assert trust.list_pinned(tmp_path) == []


def test_remove_refuses_a_non_fingerprint(tmp_path: Path) -> None:
    with pytest.raises(keys.NotAFingerprint, match="not a certificate fingerprint"):
        trust.remove(tmp_path, "../../etc/passwd")
