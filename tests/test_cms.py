"""cms.py: detached signatures, checked with the real `openssl cms -verify`, and fuzzed."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer_app import cms, keys
from reviewer_app.errors import UserFacingError

CONTENT = "".join(f"{i:064x}  payload/{i:03d}.age\n" for i in range(40)).encode()


class Signer:
    def __init__(self, name: str) -> None:
        self.key: ec.EllipticCurvePrivateKey = keys.new_private_key()
        self.cert: x509.Certificate = keys.make_self_signed(self.key, name, "评审机构", days=30)


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer("广州评审服务中心")


@pytest.fixture(scope="module")
def impostor() -> Signer:
    # Same subject name as the real signer: only the key (fingerprint) tells them apart.
    return Signer("广州评审服务中心")


@pytest.fixture(scope="module")
def signature(signer: Signer) -> bytes:
    return cms.sign_detached(CONTENT, signer.cert, signer.key)


def write_pem(path: Path, cert: x509.Certificate) -> Path:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def openssl_verify(tmp_path: Path, content: bytes, signature: bytes, pinned: x509.Certificate) -> subprocess.CompletedProcess[str]:
    """The command documented in cms.py and docs: trust only the pinned certificate."""
    (tmp_path / "SHA256SUMS").write_bytes(content)
    (tmp_path / "SHA256SUMS.p7s").write_bytes(signature)
    write_pem(tmp_path / "signer-cert.pem", pinned)
    return subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "SHA256SUMS.p7s", "-content", "SHA256SUMS",
         "-CAfile", "signer-cert.pem", "-no-CApath", "-no-CAstore", "-out", "/dev/null"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip


def flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


def test_openssl_verifies_our_signature(tmp_path: Path, signer: Signer, signature: bytes) -> None:
    result = openssl_verify(tmp_path, CONTENT, signature, signer.cert)
    assert result.returncode == 0, result.stderr
    assert "CMS Verification successful" in result.stderr


def test_we_verify_our_signature(signer: Signer, impostor: Signer, signature: bytes) -> None:
    found = cms.verify_detached(CONTENT, signature, [impostor.cert, signer.cert])
    assert found is signer.cert


def test_flipped_content_byte_fails_in_openssl_and_here(tmp_path: Path, signer: Signer, signature: bytes) -> None:
    tampered = flip(CONTENT, 100)
    result = openssl_verify(tmp_path, tampered, signature, signer.cert)
    assert result.returncode != 0
    assert "CMS Verification failure" in result.stderr
    with pytest.raises(cms.SignatureInvalid) as info:
        cms.verify_detached(tampered, signature, [signer.cert])
    assert str(info.value) == "The signature does not match the content."


def test_wrong_signer_fails_in_openssl_and_here(tmp_path: Path, signer: Signer, impostor: Signer, signature: bytes) -> None:
    result = openssl_verify(tmp_path, CONTENT, signature, impostor.cert)
    assert result.returncode != 0
    with pytest.raises(cms.SignatureInvalid) as info:
        cms.verify_detached(CONTENT, signature, [impostor.cert])
    shown = keys.format_fingerprint(keys.fingerprint(signer.cert))  # groups of four, as people compare them
    assert str(info.value) == f"The content was signed by a certificate that is not trusted: {shown}."
    assert info.value.params == {"fingerprint": shown}


def test_no_trusted_certificates(signature: bytes) -> None:
    with pytest.raises(cms.SignatureInvalid, match="not trusted"):
        cms.verify_detached(CONTENT, signature, [])


def test_signature_by_impostor_key_naming_the_pinned_certificate_fails(signer: Signer, impostor: Signer) -> None:
    """An impostor who copies the pinned certificate into the signature still lacks its key."""
    forged = cms.sign_detached(CONTENT, impostor.cert, impostor.key)
    with pytest.raises(cms.SignatureInvalid):
        cms.verify_detached(CONTENT, forged, [signer.cert])


def test_tampered_signature_value_fails(signer: Signer, signature: bytes) -> None:
    # The ECDSA signature value is the last element of the structure.
    with pytest.raises(cms.SignatureInvalid, match="does not match"):
        cms.verify_detached(CONTENT, flip(signature, len(signature) - 5), [signer.cert])


def test_openssl_made_signature_verifies_here(tmp_path: Path, signer: Signer) -> None:
    (tmp_path / "content").write_bytes(CONTENT)
    write_pem(tmp_path / "cert.pem", signer.cert)
    (tmp_path / "key.pem").write_bytes(
        signer.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    base = ["openssl", "cms", "-sign", "-binary", "-md", "sha256", "-in", "content", "-signer", "cert.pem", "-inkey", "key.pem", "-outform", "DER"]
    subprocess.run(base + ["-out", "detached.p7s"], cwd=tmp_path, check=True, capture_output=True)
    assert cms.verify_detached(CONTENT, (tmp_path / "detached.p7s").read_bytes(), [signer.cert]) is signer.cert
    subprocess.run(base + ["-nodetach", "-out", "attached.p7s"], cwd=tmp_path, check=True, capture_output=True)
    with pytest.raises(cms.SignatureInvalid):
        cms.verify_detached(CONTENT, (tmp_path / "attached.p7s").read_bytes(), [signer.cert])


def test_large_content_is_fast(signer: Signer) -> None:
    content = os.urandom(800_000)
    started = time.perf_counter()
    signature = cms.sign_detached(content, signer.cert, signer.key)
    assert cms.verify_detached(content, signature, [signer.cert]) is signer.cert
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("junk", [b"", b"\x30\x00", b"\x30\x80", b"not a signature", b"\x30" + b"\xff" * 9, b"x" * (300 * 1024)])
def test_junk_is_refused_plainly(signer: Signer, junk: bytes) -> None:
    with pytest.raises(cms.SignatureInvalid) as info:
        cms.verify_detached(CONTENT, junk, [signer.cert])
    assert str(info.value) == "The signature file is damaged or is not a signature."


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2048))
def test_fuzz_random_bytes(data: bytes) -> None:
    trusted = keys.make_self_signed(keys.new_private_key(), "fuzz", None, days=1)
    with pytest.raises(UserFacingError):
        cms.verify_detached(CONTENT, data, [trusted])


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_mutated_signature(signer: Signer, signature: bytes, data: st.DataObject) -> None:
    """Mutations give a plain refusal, or (if they hit only unsigned bytes) the pinned signer."""
    mutated = bytearray(signature)
    for _ in range(data.draw(st.integers(1, 4))):
        action = data.draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        position = data.draw(st.integers(0, max(len(mutated) - 1, 0)))
        if action == "flip" and mutated:
            mutated[position] ^= data.draw(st.integers(1, 255))
        elif action == "delete" and mutated:
            del mutated[position]
        elif action == "insert":
            mutated.insert(position, data.draw(st.integers(0, 255)))
        else:
            del mutated[position:]
    try:
        assert cms.verify_detached(CONTENT, bytes(mutated), [signer.cert]) is signer.cert
    except UserFacingError:
        pass
