"""Detached CMS (PKCS#7 SignedData, DER) signatures over a byte string, with pinned signers.

Signing uses cryptography's PKCS7SignatureBuilder (detached, binary, SHA-256, the signer's
certificate included, signed attributes contentType/signingTime/messageDigest).

Independent check with stock OpenSSL (3.0, Debian 12), trusting only the pinned certificate:

    openssl cms -verify -binary -inform DER -in SHA256SUMS.p7s -content SHA256SUMS \\
        -CAfile signer-cert.pem -no-CApath -no-CAstore -out /dev/null

It prints "CMS Verification successful" and exits 0. What we found:
- Our certificates are self-signed end-entity certificates (CA:FALSE, KeyUsage
  digitalSignature+nonRepudiation, no ExtendedKeyUsage). Given as -CAfile, OpenSSL takes the
  self-signed certificate itself as the trust anchor, so neither `-noverify` nor
  `-partial_chain` is needed, and the default purpose (smimesign) passes because there is no
  ExtendedKeyUsage to contradict it; `-purpose any` is accepted too but not required.
- A signature by any other key fails with "Verify error: self-signed certificate", exit 4,
  even when the other certificate has the same subject name.
- `-no-CApath -no-CAstore` keep the system's CA store out of it, so the pinned certificate
  is the only thing trusted. `-binary` matters: without it OpenSSL would canonicalise line
  endings before hashing.
- OpenSSL also checks the certificate's validity period against the clock; to check an
  archived signature after the certificate expired add `-attime <unix time>`.

verify_detached() does the same checks itself: asn1crypto parses (its lazy, strict parser
makes malformed input easy to refuse), cryptography verifies the ECDSA signature. pyHanko's
CMS validation was not used: it is async-first and builds chains through a validation
context, while here pinning is one byte comparison. The signer's validity period is not
checked here (the clock of an offline laptop is not trustworthy and old packages must stay
verifiable); callers that care look at the returned certificate.
"""

from __future__ import annotations

import functools
import hashlib
import hmac

from asn1crypto import cms as asn1_cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError
from reviewer_app.keys import fingerprint, fingerprint_of_der, format_fingerprint, is_p256

MAX_SIGNATURE_BYTES = 256 * 1024
# Everything asn1crypto raises on bad input; its parsing is lazy, so these surface on access.
_PARSE_ERRORS = (ValueError, TypeError, KeyError, IndexError, OverflowError, UnsupportedAlgorithm)
_IMPLICIT_SET_TAG = 0xA0  # signedAttrs is [0] IMPLICIT SET OF ...
_SET_TAG = 0x31  # ... but the signature covers its DER with the universal SET OF tag (RFC 5652 §5.4)


class SignatureInvalid(UserFacingError):
    """A signature that does not hold, for whatever reason; the message says which.
    The kinds callers tell apart are subclasses (damaged, no signer: this class itself)."""


class SignatureMismatch(SignatureInvalid):
    """A well-formed signature over other content."""


class SignerUntrusted(SignatureInvalid):
    """Signed by a certificate not among the trusted ones; params["fingerprint"] names it."""


class SignatureUnsupported(SignatureInvalid):
    """A signature method outside the app's one profile."""


DAMAGED = QT_TRANSLATE_NOOP("Errors", "The signature file is damaged or is not a signature.")
MISMATCH = QT_TRANSLATE_NOOP("Errors", "The signature does not match the content.")
UNTRUSTED = QT_TRANSLATE_NOOP("Errors", "The content was signed by a certificate that is not trusted: {fingerprint}.")
UNSUPPORTED = QT_TRANSLATE_NOOP("Errors", "The signature uses a method this app does not accept.")
NO_SIGNER = QT_TRANSLATE_NOOP("Errors", "The signature does not say which certificate made it.")


def sign_detached(content: bytes, cert: x509.Certificate, private_key: ec.EllipticCurvePrivateKey) -> bytes:
    """A detached CMS SignedData (DER) over `content`, SHA-256, with the signer's certificate."""
    from cryptography.hazmat.primitives.serialization import pkcs7  # with the email package: ~6 ms a verifier never needs

    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(content)
        .add_signer(cert, private_key, hashes.SHA256())
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary])
    )


def _single_signer(signature_der: bytes) -> tuple[asn1_cms.SignedData, asn1_cms.SignerInfo]:
    info = asn1_cms.ContentInfo.load(signature_der, strict=True)
    if info["content_type"].native != "signed_data":
        raise SignatureInvalid(DAMAGED)
    signed_data = info["content"]
    if signed_data["encap_content_info"]["content_type"].native != "data":
        raise SignatureUnsupported(UNSUPPORTED)
    if signed_data["encap_content_info"]["content"].native is not None:
        raise SignatureInvalid(DAMAGED)  # an attached signature is not what we expect here
    signer_infos = signed_data["signer_infos"]
    if len(signer_infos) != 1:
        raise SignatureUnsupported(UNSUPPORTED)
    return signed_data, signer_infos[0]


def _check_algorithms(signer: asn1_cms.SignerInfo) -> None:
    if signer["digest_algorithm"]["algorithm"].native != "sha256":
        raise SignatureUnsupported(UNSUPPORTED)
    if signer["signature_algorithm"]["algorithm"].native != "sha256_ecdsa":
        raise SignatureUnsupported(UNSUPPORTED)


def _signed_attribute(signer: asn1_cms.SignerInfo, name: str) -> object:
    values = [attr["values"] for attr in signer["signed_attrs"] if attr["type"].native == name]
    if len(values) != 1 or len(values[0]) != 1:
        raise SignatureInvalid(DAMAGED)
    return values[0][0].native


def _matches_sid(cert: asn1_x509.Certificate, sid: asn1_cms.SignerIdentifier) -> bool:
    if sid.name == "issuer_and_serial_number":
        # The serial first: comparing names (normalised) is the slow part, and serials differ.
        return cert.serial_number == sid.chosen["serial_number"].native and same_name(cert.issuer, sid.chosen["issuer"])
    if sid.name == "subject_key_identifier":
        return cert.key_identifier == sid.chosen.native
    return False


def same_name(one: asn1_x509.Name, other: asn1_x509.Name) -> bool:
    """X.500 name equality; the same bytes settle it at once (asn1crypto's comparison normalises
    every string first, which is slow)."""
    return one.dump() == other.dump() or one == other


def _embedded_certificates(signed_data: asn1_cms.SignedData) -> list[asn1_x509.Certificate]:
    certificates = signed_data["certificates"]
    if certificates.native is None:
        return []
    return [choice.chosen for choice in certificates if choice.name == "certificate"]


def _pinned_candidates(
    signed_data: asn1_cms.SignedData, signer: asn1_cms.SignerInfo, trusted: list[x509.Certificate]
) -> list[x509.Certificate]:
    """The trusted certificates the signer identifier names (no chain building, no TOFU).

    Usually one; two only if the same key was certified twice (same key identifier).
    """
    sid = signer["sid"]
    named = [cert for cert in trusted if _matches_sid(_asn1_certificate(_der(cert)), sid)]
    if named:
        return named
    embedded = [cert for cert in _embedded_certificates(signed_data) if _matches_sid(cert, sid)]
    if embedded:
        raise SignerUntrusted(UNTRUSTED, fingerprint=format_fingerprint(fingerprint_of_der(embedded[0].dump())))
    raise SignatureInvalid(NO_SIGNER)


@functools.lru_cache(maxsize=4096)
def _asn1_certificate(der: bytes) -> asn1_x509.Certificate:
    """Parsed once a process: a roster's certificates are compared with every package's signer."""
    return asn1_x509.Certificate.load(der)


def _der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def _signature_holds(signer: asn1_cms.SignerInfo, signed_attrs: bytes, cert: x509.Certificate) -> bool:
    public_key = cert.public_key()
    if not is_p256(public_key):
        raise SignatureUnsupported(UNSUPPORTED)
    if not signed_attrs or signed_attrs[0] != _IMPLICIT_SET_TAG:
        raise SignatureInvalid(DAMAGED)
    try:
        public_key.verify(  # type: ignore[union-attr]
            signer["signature"].native, bytes([_SET_TAG]) + signed_attrs[1:], ec.ECDSA(hashes.SHA256())
        )
    except InvalidSignature:
        return False
    return True


def verify_detached(content: bytes, signature_der: bytes, trusted_certs: list[x509.Certificate]) -> x509.Certificate:
    """Check a detached CMS signature over `content`; return the pinned certificate that made it.

    The signer must be byte-identical to one of `trusted_certs` (no chain building).
    Raises SignatureInvalid, with a plain sentence, on any failure or malformed input.
    """
    if len(signature_der) > MAX_SIGNATURE_BYTES:
        raise SignatureInvalid(DAMAGED)
    try:
        signed_data, signer = _single_signer(signature_der)
        # The bytes as received, taken before anything below parses the attributes: asn1crypto
        # re-encodes a parsed SET from its children, which costs ~2 ms a signature.
        signed_attrs = signer["signed_attrs"].dump()
        _check_algorithms(signer)
        if not signed_attrs:
            raise SignatureUnsupported(UNSUPPORTED)
        if _signed_attribute(signer, "content_type") != "data":
            raise SignatureInvalid(DAMAGED)
        message_digest = _signed_attribute(signer, "message_digest")
        if not isinstance(message_digest, bytes):
            raise SignatureInvalid(DAMAGED)
        candidates = _pinned_candidates(signed_data, signer, trusted_certs)
        if not hmac.compare_digest(message_digest, hashlib.sha256(content).digest()):
            raise SignatureMismatch(MISMATCH)
        for cert in candidates:
            if _signature_holds(signer, signed_attrs, cert):
                return cert
    except _PARSE_ERRORS:
        raise SignatureInvalid(DAMAGED) from None
    raise SignatureMismatch(MISMATCH)
