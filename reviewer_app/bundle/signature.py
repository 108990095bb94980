"""The organization's detached CMS signatures, checked strictly enough that no byte can change.

`cms.verify_detached` proves the signed content and pins the signer. A CMS file also holds
bytes no signature covers (version numbers, the outer digest-algorithm set, the embedded
certificate, the signer identifier, which is compared by meaning, not bytes); here the whole
file must equal the one rebuilt from the pinned certificate and the signed parts, so a changed
byte anywhere is still caught.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reviewer_app.bundle.errors import BundleRefused, refuse
from reviewer_app.errors import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from cryptography import x509


def verify_signature(content: bytes, signature: bytes, trusted: Sequence[x509.Certificate], *, content_name: str, signature_name: str) -> x509.Certificate:
    """The pinned certificate that signed `content`; BundleRefused naming the member otherwise."""
    from reviewer_app import cms

    if not trusted:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "No organization certificate is trusted yet, so the bundle cannot be checked; import the organization's certificate first."))
    try:
        signer = cms.verify_detached(content, signature, list(trusted))
    except cms.SignatureInvalid as exc:
        raise _refusal(exc, content_name, signature_name) from None
    if not is_canonical_signature(signature, signer):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The file {member} was changed after the organization sealed the bundle."), member=signature_name)
    return signer


def _refusal(exc: Exception, content_name: str, signature_name: str) -> BundleRefused:
    from reviewer_app import cms

    if isinstance(exc, cms.SignerUntrusted):
        return refuse(
            QT_TRANSLATE_NOOP("Errors", "This bundle was sealed by an organization you have not confirmed (certificate fingerprint {fingerprint})."),
            fingerprint=exc.params["fingerprint"],
        )
    if isinstance(exc, cms.SignatureMismatch):
        return refuse(
            QT_TRANSLATE_NOOP("Errors", "The file {member} and its signature {signature} do not match: one of them was changed after the organization sealed the bundle."),
            member=content_name,
            signature=signature_name,
        )
    if isinstance(exc, cms.SignatureUnsupported):
        return refuse(QT_TRANSLATE_NOOP("Errors", "The signature {member} uses a method this app does not accept."), member=signature_name)
    return refuse(QT_TRANSLATE_NOOP("Errors", "The signature {member} is damaged or was changed."), member=signature_name)


def is_canonical_signature(signature: bytes, signer: x509.Certificate) -> bool:
    """Whether `signature` is byte for byte the CMS file the organization's software writes.

    Rebuilt from constants, the pinned certificate and the two signed parts (signed attributes
    and signature value, which the signature check covered), then compared with the input.
    """
    from asn1crypto import cms as asn1_cms
    from asn1crypto import core
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    try:
        signer_info = asn1_cms.ContentInfo.load(signature, strict=True)["content"]["signer_infos"][0]
        cert = asn1_x509.Certificate.load(signer.public_bytes(Encoding.DER))
        sha256 = asn1_cms.DigestAlgorithm({"algorithm": "sha256", "parameters": core.Null()})
        expected = asn1_cms.ContentInfo(
            {
                "content_type": "signed_data",
                "content": asn1_cms.SignedData(
                    {
                        "version": "v1",
                        "digest_algorithms": [sha256],
                        "encap_content_info": {"content_type": "data"},
                        "certificates": [cert],
                        "signer_infos": [
                            asn1_cms.SignerInfo(
                                {
                                    "version": "v1",
                                    "sid": asn1_cms.SignerIdentifier(
                                        {"issuer_and_serial_number": {"issuer": cert.issuer, "serial_number": cert.serial_number}}
                                    ),
                                    "digest_algorithm": sha256,
                                    "signed_attrs": signer_info["signed_attrs"],
                                    "signature_algorithm": {"algorithm": "sha256_ecdsa"},
                                    "signature": signer_info["signature"],
                                }
                            )
                        ],
                    }
                ),
            }
        )
        return expected.dump() == signature
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError):
        return False


_is_canonical = is_canonical_signature  # the name export/package.py imported first
