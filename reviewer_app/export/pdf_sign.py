"""The score sheet's PDF signature: PAdES B-B (ETSI.CAdES.detached) by the expert's P-256 key.

pyHanko appends a visible signature field at the spot the sheet reserved for it (last page,
beside the handwritten signature) and signs the whole file. The field's appearance is a tiny
reportlab page (signer, time, certificate fingerprint) in the same embedded CJK font, imported
as a form XObject, so `pdffonts` still lists only embedded fonts.

`validate` is what the organization (and the app, right after signing) runs: exactly one
signature, of type /ETSI.CAdES.detached, covering the entire file with no later change, made
by exactly the pinned certificate (trust anchor = that certificate only; no network, no
revocation check: the certificates are self-signed and pinned by fingerprint).
Standard tools: `pdfsig score.pdf` and `pyhanko sign validate` (docs/verify.md).
"""

from __future__ import annotations

import binascii
import datetime as dt
import io
import uuid
from dataclasses import dataclass

from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.export.errors import PackageRefused, refuse

FIELD_NAME = "ExpertSignature"
MAX_PDF_BYTES = 64 << 20


@dataclass(frozen=True)
class PdfSignatureInfo:
    field_name: str
    signer_der: bytes
    signing_time: dt.datetime | None
    subject: str  # the document's /Subject (carries the SHA-256 of score.json)


def _refresh_asn1_maps() -> None:
    """Let asn1crypto see the OIDs that asn1crypto.tsp and pyHanko register when they load.

    asn1crypto builds each OID class's name -> OID map once, on first use. If our own CMS code
    (cms.py, a bundle's signature check) ran before pyHanko was imported, names pyHanko needs
    (e.g. signing_certificate_v2) would be missing; a stale map is rebuilt here.
    """
    import asn1crypto.tsp  # noqa: F401 - registers signing_certificate_v2 & co.
    import pyhanko.sign.general  # noqa: F401
    from asn1crypto.core import ObjectIdentifier

    pending = [ObjectIdentifier]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        reverse = cls.__dict__.get("_reverse_map")
        mapping = getattr(cls, "_map", None)
        if reverse is not None and mapping is not None and len(reverse) != len(set(mapping.values())):
            cls._reverse_map = {name: oid for oid, name in mapping.items()}


def _asn1_cert(cert):  # noqa: ANN001, ANN202
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


def _asn1_key(private_key):  # noqa: ANN001, ANN202
    from asn1crypto import keys as asn1_keys
    from cryptography.hazmat.primitives import serialization

    der = private_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return asn1_keys.PrivateKeyInfo.load(der)


def _appearance_pdf(width: float, height: float, lines: list[str]) -> bytes:
    """A one-page PDF of the field's size holding `lines`, in the embedded CJK font."""
    from reportlab.lib import colors
    from reportlab.pdfgen.canvas import Canvas

    from reviewer_app.pdf_fonts import FONT, register_fonts

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), initialFontName=FONT)
    canvas.setStrokeColor(colors.HexColor("#1F4E8C"))
    canvas.setLineWidth(1.2)
    canvas.roundRect(1, 1, width - 2, height - 2, 4)
    canvas.setFillColor(colors.HexColor("#1F4E8C"))
    size = 7.6
    y = height - 6 - size
    for index, line in enumerate(lines):
        canvas.setFont(FONT, size + (1.4 if index == 0 else 0))
        canvas.drawString(6, y, line)
        y -= size + 3.2
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _imported_page(data: bytes):  # noqa: ANN202 - pyhanko PdfContent
    """pyHanko's ImportedPdfPage, reading from memory instead of a file."""
    from pyhanko.pdf_utils.content import ImportedPdfPage
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.pdf_utils.reader import PdfFileReader

    class InMemoryPage(ImportedPdfPage):
        def render(self) -> bytes:
            writer = self._ensure_writer
            xobject = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(data)), page_ix=0)
            name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
            self.resources.xobject[name.decode("ascii")] = xobject
            x1, y1, x2, y2 = xobject.get_object()["/BBox"]
            self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
            return name + b" Do"

    return InMemoryPage("in-memory", 0)


def sign_pdf(
    pdf: bytes,
    *,
    page: int,
    box: tuple[float, float, float, float],
    certificate,  # noqa: ANN001 - cryptography x509.Certificate
    private_key,  # noqa: ANN001 - cryptography EllipticCurvePrivateKey
    signer_name: str,
    signer_field: str,
    fingerprint: str,
    signed_at: dt.datetime,
    reason: str,
    location: str = "",
    embedded: tuple[str, bytes, str] | None = None,
    field_name: str = FIELD_NAME,
) -> bytes:
    """`pdf` with a visible PAdES B-B signature field at `box` on `page`, signed by the expert.

    `embedded` (name, data, MIME type): a file attached to the document in the same revision as
    the signature, so the signature covers it (score.json: the PDF carries the data it shows)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter
    from pyhanko.stamp import StaticStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    _refresh_asn1_maps()
    cert = _asn1_cert(certificate)
    # An empty registry: the signer's certificate is embedded once and nothing else, so that the
    # container has one canonical form (validate() insists on it).
    signer = signers.SimpleSigner(signing_cert=cert, signing_key=_asn1_key(private_key), cert_registry=SimpleCertificateStore())
    hexfp = fingerprint.replace(":", "")
    lines = [
        "电子签名（PAdES）",
        f"签名人：{signer_name}（{signer_field}）" if signer_field else f"签名人：{signer_name}",
        f"时间：{signed_at:%Y-%m-%d %H:%M %z}",
        f"证书 SHA-256：{hexfp[:16]}",
        f"{hexfp[16:48]}…",
    ]
    width, height = box[2] - box[0], box[3] - box[1]
    style = StaticStampStyle(border_width=0, background=_imported_page(_appearance_pdf(width, height, lines)), background_opacity=1.0)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=True)
    if embedded is not None:
        from pyhanko.pdf_utils import embed

        name, data, media_type = embedded
        stream = embed.EmbeddedFileObject.from_file_data(writer, data, params=embed.EmbeddedFileParams(embed_checksum=False), mime_type=media_type)
        embed.embed_file(writer, embed.FileSpec(file_spec_string=name, file_name=name, embedded_data=stream, description="signed score data"))
    fields.append_signature_field(writer, SigFieldSpec(field_name, on_page=page, box=tuple(round(v, 2) for v in box)))
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
        name=signer_name,
    )
    out = signers.PdfSigner(meta, signer, stamp_style=style).sign_pdf(writer)
    return out.getvalue()


def embedded_files(pdf: bytes) -> list[tuple[str, bytes]]:
    """The files attached to the document (its /EmbeddedFiles name tree), in order; call it only
    on a PDF that `validate` accepted. PackageRefused when the tree is not the flat one we write."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        root = PdfFileReader(io.BytesIO(pdf), strict=True).root
        if "/Names" not in root or "/EmbeddedFiles" not in root["/Names"]:
            return []
        tree = root["/Names"]["/EmbeddedFiles"]
        if "/Kids" in tree:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf lists its attached files in a way this app does not write."))
        names = tree["/Names"]
        found = []
        for index in range(0, len(names) - 1, 2):
            spec = names[index + 1]
            found.append((str(names[index]), spec["/EF"]["/F"].data))
        if len(names) % 2:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf lists its attached files in a way this app does not write."))
        return found
    except PackageRefused:
        raise
    except Exception:  # noqa: BLE001 - hostile input: any parse failure is a refusal
        raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf is damaged: it cannot be read as a signed PDF.")) from None


def _contents_are_canonical(pdf: bytes, signature, certificate) -> bool:  # noqa: ANN001 - pyhanko EmbeddedPdfSignature
    """Whether the only bytes no signature covers, /Contents <…>, are exactly what the signer wrote.

    The ByteRange leaves out the hex string of the CMS container. Validators ignore what follows
    the DER (zero padding), the case of the hex digits, and the container's unsigned parts
    (a second certificate, the outer algorithm set, …), so such changes would go unnoticed.
    Required here: the container is byte for byte the one rebuilt from the pinned certificate
    and the signed parts (as for the bundle's signatures), in upper-case hex, then only "0"s.
    """
    from asn1crypto import cms as asn1_cms

    from reviewer_app.bundle.signature import _is_canonical

    byte_range = [int(v) for v in signature.sig_object["/ByteRange"]]
    if len(byte_range) != 4 or byte_range[0] != 0:
        return False
    gap = pdf[byte_range[1] : byte_range[2]]
    contents = bytes(signature.sig_object["/Contents"])
    der = asn1_cms.ContentInfo.load(contents, strict=False).dump()
    padding = len(gap) - 2 - 2 * len(der)
    if padding < 0 or gap != b"<" + der.hex().upper().encode("ascii") + b"0" * padding + b">":
        return False
    return _is_canonical(der, certificate)


CHANGED = QT_TRANSLATE_NOOP("Errors", "The PDF signature of score.pdf does not hold: the score sheet was changed after the expert signed it.")


def validate(pdf: bytes, certificate, *, moment: dt.datetime | None = None) -> PdfSignatureInfo:  # noqa: ANN001 - cryptography x509.Certificate
    """Check the one signature of `pdf` against exactly `certificate`; PackageRefused otherwise.

    `moment`: when the certificate must have been valid (the signing time score.json states,
    which the organization bounds by the review window); default now."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if len(pdf) > MAX_PDF_BYTES:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf is larger than a score sheet can be."))
    _refresh_asn1_maps()
    cert = _asn1_cert(certificate)
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=True)
        signatures = reader.embedded_signatures
        if not signatures:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf carries no PDF signature."))
        if len(signatures) != 1:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf carries {count} PDF signatures; a score sheet has exactly one."), count=len(signatures))
        signature = signatures[0]
        if signature.sig_object.get("/SubFilter") != "/ETSI.CAdES.detached":
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The PDF signature of score.pdf is not a PAdES signature."))
        signer = signature.signer_cert
        if signer is None or signer.dump() != cert.dump():
            raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf was signed with another certificate than the package."))
        gap_is_canonical = _contents_are_canonical(pdf, signature, certificate)
        context = ValidationContext(trust_roots=[cert], allow_fetching=False, revocation_mode="soft-fail", moment=moment)
        status = validate_pdf_signature(signature, context)
        info = reader.trailer_view.get("/Info")
        info = info.get_object() if info is not None else None
        subject = str(info.get("/Subject", "")) if info is not None else ""
    except PackageRefused:
        raise
    except (PdfError, SignatureValidationError, ValueError, KeyError, TypeError, IndexError, AttributeError, OverflowError, RecursionError):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf is damaged: it cannot be read as a signed PDF.")) from None
    except Exception:  # noqa: BLE001 - hostile input: pyHanko's parser may fail in any way (zlib, struct, …)
        raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf is damaged: it cannot be read as a signed PDF.")) from None
    if not (status.intact and status.valid):
        raise refuse(CHANGED)
    if not status.trusted:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The PDF signature of score.pdf does not lead to the expert's certificate."))
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE or status.modification_level not in (None, ModificationLevel.NONE):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf was changed after it was signed: the signature no longer covers the whole file."))
    if not gap_is_canonical:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf was changed after it was signed: the space reserved for its signature holds other bytes."))
    return PdfSignatureInfo(FIELD_NAME, cert.dump(), status.signer_reported_dt, subject)
