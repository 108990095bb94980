"""The score sheet's PDF signature: PAdES B-B (ETSI.CAdES.detached) by the expert's P-256 key.

pyHanko appends a visible signature field at the spot the sheet reserved for it (last page,
beside the handwritten signature) and signs the whole file. The field's appearance is a tiny
reportlab page (signer, time, certificate fingerprint) in the same embedded CJK font, imported
as a form XObject, so `pdffonts` still lists only embedded fonts.

`validate` is what the organization (and the app, right after signing) runs: exactly one
signature, of type /ETSI.CAdES.detached, covering the entire file with no later change, made
by exactly the pinned certificate (trust anchor = that certificate only; no network, no
revocation check: the certificates are self-signed and pinned by fingerprint). It reads the
PDF with PDFium and checks the CMS container with the package's own CMS code (cms.py):
pyHanko's full validation cost ~10 ms of CPU a sheet, too much for 10,000 packages.
Standard tools: `pdfsig score.pdf` and `pyhanko sign validate` (docs/verify.md).
"""

from __future__ import annotations

import binascii
import datetime as dt
import io
import uuid
from dataclasses import dataclass

from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.export.errors import refuse

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

    _rebuild_stale_maps()


def _rebuild_stale_maps() -> None:
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


CHANGED = QT_TRANSLATE_NOOP("Errors", "The PDF signature of score.pdf does not hold: the score sheet was changed after the expert signed it.")


DAMAGED = QT_TRANSLATE_NOOP("Errors", "score.pdf is damaged: it cannot be read as a signed PDF.")
PADES = "ETSI.CAdES.detached"
# The signed attributes pyHanko writes for PAdES B-B (CMSAlgorithmProtection allowed, checked).
_ATTRIBUTES = {"content_type", "message_digest", "signing_certificate_v2", "cms_algorithm_protection"}


class SignedSheet:
    """score.pdf opened once with PDFium (the engine of the experts' QtPdf viewer and of Chrome):
    its signature dictionaries, attached files, /Subject and text, for `validate`,
    `embedded_files` and sheet_check. Use it as a context manager (PDFium memory is freed on close)."""

    def __init__(self, pdf: bytes) -> None:
        import pypdfium2 as pdfium

        from reviewer_app.bundle.pdf_pages import PDFIUM_LOCK

        if len(pdf) > MAX_PDF_BYTES:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf is larger than a score sheet can be."))
        self.data = bytes(pdf)
        self._text: str | None = None
        self._lock = PDFIUM_LOCK  # pdfium is not thread-safe: held while the sheet is open (the viewer may draw a page)
        self._lock.acquire()
        try:
            self.document = pdfium.PdfDocument(self.data)
        except pdfium.PdfiumError:
            self._lock.release()
            raise refuse(DAMAGED) from None
        except BaseException:
            self._lock.release()
            raise

    def __enter__(self) -> SignedSheet:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.document.close()
        finally:
            self._lock.release()

    def signatures(self) -> list[tuple[bytes, list[int], str]]:
        """(/Contents bytes, /ByteRange, /SubFilter) of every signature PDFium finds."""
        import ctypes

        import pypdfium2.raw as pdfium_c

        found = []
        for index in range(pdfium_c.FPDF_GetSignatureCount(self.document.raw)):
            signature = pdfium_c.FPDF_GetSignatureObject(self.document.raw, index)
            size = pdfium_c.FPDFSignatureObj_GetContents(signature, None, 0)
            contents = ctypes.create_string_buffer(size)
            pdfium_c.FPDFSignatureObj_GetContents(signature, contents, size)
            count = pdfium_c.FPDFSignatureObj_GetByteRange(signature, None, 0)
            byte_range = (ctypes.c_int * count)()
            pdfium_c.FPDFSignatureObj_GetByteRange(signature, byte_range, count)
            size = pdfium_c.FPDFSignatureObj_GetSubFilter(signature, None, 0)
            sub_filter = ctypes.create_string_buffer(size)
            pdfium_c.FPDFSignatureObj_GetSubFilter(signature, sub_filter, size)
            found.append((contents.raw, list(byte_range), sub_filter.value.decode("latin-1")))
        return found

    def attachments(self) -> list[tuple[str, bytes]]:
        """The files attached to the document (its /EmbeddedFiles name tree), in order, decoded."""
        import pypdfium2 as pdfium

        found = []
        try:
            for index in range(self.document.count_attachments()):
                attachment = self.document.get_attachment(index)
                found.append((attachment.get_name(), bytes(attachment.get_data())))
        except pdfium.PdfiumError:
            raise refuse(DAMAGED) from None
        return found

    def subject(self) -> str:
        return self.document.get_metadata_value("Subject")

    def text(self) -> str:
        """The text of every page as PDFium extracts it (pages joined by a line break)."""
        import pypdfium2 as pdfium

        if self._text is None:
            parts = []
            try:
                for index in range(len(self.document)):
                    page = self.document[index]
                    text_page = page.get_textpage()
                    parts.append(text_page.get_text_range())
                    text_page.close()
                    page.close()
            except pdfium.PdfiumError:
                raise refuse(DAMAGED) from None
            self._text = "\n".join(parts).replace("\ufffe", "").replace("\x02", "")
        return self._text


def validate(pdf: bytes | SignedSheet, certificate, *, moment: dt.datetime | None = None) -> PdfSignatureInfo:  # noqa: ANN001 - cryptography x509.Certificate
    """Check the one signature of `pdf` against exactly `certificate`; PackageRefused otherwise.

    PDFium finds the signature dictionary; the CMS container is checked by cms.verify_detached
    (the same code as the package's SHA256SUMS.p7s: pinned signer, signed attributes, ECDSA over
    them, message digest over the ByteRange), plus PAdES' ESS signing-certificate-v2 attribute.
    The ByteRange must cover the whole file except its /Contents hex string, which must be the
    canonical container; so no byte of the file can change after signing, and no incremental
    update can follow. `moment` is accepted for callers' sake: the certificate is the trust
    anchor itself, so (as with pyHanko's validation before) its validity period is the caller's
    check (verify_packages checks it at the signing time)."""
    del moment
    if isinstance(pdf, SignedSheet):
        return _validate(pdf, certificate)
    with SignedSheet(pdf) as sheet:
        return _validate(sheet, certificate)


def _validate(sheet: SignedSheet, certificate) -> PdfSignatureInfo:  # noqa: ANN001
    from cryptography.hazmat.primitives.serialization import Encoding

    from reviewer_app import cms

    signatures = sheet.signatures()
    if not signatures:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf carries no PDF signature."))
    if len(signatures) != 1:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf carries {count} PDF signatures; a score sheet has exactly one."), count=len(signatures))
    contents, byte_range, sub_filter = signatures[0]
    if sub_filter != PADES:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The PDF signature of score.pdf is not a PAdES signature."))
    data = sheet.data
    if len(byte_range) != 4 or byte_range[0] != 0 or min(byte_range) < 0 or byte_range[1] > byte_range[2] or byte_range[2] + byte_range[3] > len(data):
        raise refuse(DAMAGED)
    container = _container(contents)
    signed = data[: byte_range[1]] + data[byte_range[2] : byte_range[2] + byte_range[3]]
    try:
        cms.verify_detached(signed, container, [certificate])
    except cms.SignerUntrusted:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf was signed with another certificate than the package.")) from None
    except cms.SignatureMismatch:
        raise refuse(CHANGED) from None
    except cms.SignatureInvalid:
        raise refuse(DAMAGED) from None
    if not _pades_attributes_hold(container, certificate):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The PDF signature of score.pdf does not lead to the expert's certificate."))
    if byte_range[2] + byte_range[3] != len(data):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf was changed after it was signed: the signature no longer covers the whole file."))
    if not _contents_are_canonical(data[byte_range[1] : byte_range[2]], contents, container, certificate):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf was changed after it was signed: the space reserved for its signature holds other bytes."))
    return PdfSignatureInfo(FIELD_NAME, certificate.public_bytes(Encoding.DER), None, sheet.subject())


def _container(contents: bytes) -> bytes:
    """The DER of the CMS container in /Contents (without the zero padding after it)."""
    from asn1crypto import cms as asn1_cms

    try:
        return asn1_cms.ContentInfo.load(contents, strict=False).dump()
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        raise refuse(DAMAGED) from None


def _pades_attributes_hold(container: bytes, certificate) -> bool:  # noqa: ANN001
    """Only the signed attributes PAdES B-B uses; signing-certificate-v2 names `certificate` by
    its SHA-256 (and issuer and serial, when given); CMSAlgorithmProtection, if present, agrees."""
    import hashlib

    from asn1crypto import cms as asn1_cms
    from cryptography.hazmat.primitives.serialization import Encoding

    _load_ess_names()
    der = certificate.public_bytes(Encoding.DER)
    try:
        signer = asn1_cms.ContentInfo.load(container, strict=True)["content"]["signer_infos"][0]
        attributes = {attribute["type"].native: attribute["values"] for attribute in signer["signed_attrs"]}
        if len(attributes) != len(signer["signed_attrs"]) or not set(attributes) <= _ATTRIBUTES or "signing_certificate_v2" not in attributes:
            return False
        if len(attributes["signing_certificate_v2"]) != 1:
            return False
        named = attributes["signing_certificate_v2"][0]["certs"][0]
        if named["hash_algorithm"]["algorithm"].native != "sha256" or named["cert_hash"].native != hashlib.sha256(der).digest():
            return False
        issuer_serial = named["issuer_serial"]
        if issuer_serial.native is not None:
            from asn1crypto import x509 as asn1_x509

            from reviewer_app.cms import same_name

            cert = asn1_x509.Certificate.load(der)
            if issuer_serial["serial_number"].native != cert.serial_number or not any(same_name(cert.issuer, name.chosen) for name in issuer_serial["issuer"]):
                return False
        if "cms_algorithm_protection" in attributes:
            protection = attributes["cms_algorithm_protection"][0]
            if protection["digest_algorithm"]["algorithm"].native != "sha256" or protection["signature_algorithm"]["algorithm"].native != "sha256_ecdsa":
                return False
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError):
        return False
    return True


def _load_ess_names() -> None:
    """asn1crypto.tsp names signing_certificate_v2 (see _refresh_asn1_maps); once a process."""
    global _ess_loaded
    if not _ess_loaded:
        import asn1crypto.tsp  # noqa: F401 - registers signing_certificate_v2 & co.

        _rebuild_stale_maps()
        _ess_loaded = True


_ess_loaded = False


def embedded_files(pdf: bytes | SignedSheet) -> list[tuple[str, bytes]]:
    """The files attached to the document (its /EmbeddedFiles name tree), in order; call it only
    on a PDF that `validate` accepted."""
    if isinstance(pdf, SignedSheet):
        return pdf.attachments()
    with SignedSheet(pdf) as sheet:
        return sheet.attachments()


def _contents_are_canonical(gap: bytes, contents: bytes, container: bytes, certificate) -> bool:  # noqa: ANN001
    """Whether the only bytes no signature covers, /Contents <…>, are exactly what the signer wrote.

    The ByteRange leaves out the hex string of the CMS container. Validators ignore what follows
    the DER (zero padding), the case of the hex digits, and the container's unsigned parts
    (a second certificate, the outer algorithm set, …), so such changes would go unnoticed.
    Required here: the container is byte for byte the one rebuilt from the pinned certificate
    and the signed parts (as for the bundle's signatures), in upper-case hex, then only "0"s,
    and it is the /Contents PDFium read.
    """
    from reviewer_app.bundle.signature import _is_canonical

    padding = len(gap) - 2 - 2 * len(container)
    if padding < 0 or gap != b"<" + container.hex().upper().encode("ascii") + b"0" * padding + b">":
        return False
    if contents != container + bytes(padding // 2):
        return False
    return _is_canonical(container, certificate)
