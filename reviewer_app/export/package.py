"""Score packages (`*.rvs`): write one (signed, atomically) and read one back (strictly).

Layout (DESIGN §8, docs/formats.md "Score package"): a canonical stored-only ZIP, written by
the bundle's `CanonicalZipWriter` and read by its strict `read_layout`, with the members

    score.pdf            the score sheet, PAdES-signed by the expert (pdf_sign)
    score.json           the same content as data (score_json), its SHA-256 is the package
                         fingerprint printed in the PDF's footer and /Subject
    attachments/NNN.ext  photos and evidence, bytes as the expert imported them
    SHA256SUMS           GNU sha256sum lines for every member above, in this order
    SHA256SUMS.p7s       detached CMS (DER) over SHA256SUMS by the expert's certificate

`read_package` checks, before believing anything: the ZIP layout byte for byte, the member
names and order, the CMS signature against the given (pinned) certificates and its canonical
encoding, every member's SHA-256 and CRC; only then parses score.json, ties it to the signer,
the attachments and the PDF, validates the PDF signature with the same certificate, and checks
that the signed PDF says what score.json says (export/sheet_check.py).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reviewer_app import cms, durable, keys
from reviewer_app.bundle.errors import BundleRefused
from reviewer_app.bundle.zipformat import CanonicalZipWriter, Member, read_layout
from reviewer_app import sha256sums
from reviewer_app.checksum import crc32
from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.export import confidential, pdf_sign, score_json, sheet_check, sheet_pdf
from reviewer_app.export.errors import PackageRefused, PackageSignerUntrusted, refuse
from reviewer_app.export.score_json import AttachmentInput, ScoreDocument

SUFFIX = ".rvs"
SCORE_PDF = "score.pdf"
SCORE_JSON = "score.json"
SUMS = "SHA256SUMS"
SUMS_SIGNATURE = "SHA256SUMS.p7s"
ATTACHMENT = re.compile(r"^attachments/(\d{3})\.(jpg|png|pdf|txt|bin)$")
LIMITS = {SCORE_PDF: pdf_sign.MAX_PDF_BYTES, SCORE_JSON: 8 << 20, SUMS: 256 << 10, SUMS_SIGNATURE: 64 << 10}
MAX_ATTACHMENT_BYTES = 1 << 30
MAX_ATTACHMENTS = 999
CHUNK = 1 << 20
PARTIAL_SUFFIX = ".part"  # an export cut short leaves .NAME.XXXX.part; the next export removes it
CHANGED = QT_TRANSLATE_NOOP("Errors", "The member {member} was changed after the expert signed the package.")
UNTRUSTED = QT_TRANSLATE_NOOP("Errors", "The package was signed by an expert who is not trusted here (certificate fingerprint {fingerprint}).")


@dataclass(frozen=True)
class BuiltPackage:
    """A signed package in memory, ready to be written (or stored) as it is."""

    data: bytes
    document: ScoreDocument
    score_json: bytes
    score_sha256: str
    sha256: str  # of the whole package file

    @property
    def file_name(self) -> str:
        return default_file_name(self.document)


@dataclass(frozen=True)
class VerifiedPackage:
    """A package whose every byte was found to be what the named expert signed."""

    source: str
    size: int
    document: ScoreDocument
    score_json: bytes
    score_sha256: str
    signer: object  # cryptography x509.Certificate (the pinned one)
    signer_fingerprint: str
    members: tuple[str, ...]


def default_file_name(doc: ScoreDocument) -> str:
    """ASCII only, so any USB stick and any shell takes it: APP-ID-FINGERPRINT8-rN.rvs."""
    app = re.sub(r"[^A-Za-z0-9_.-]+", "_", doc.application.id).strip("._") or "application"
    kind = "recusal-" if doc.is_recusal else ""
    return f"{kind}{app}-{keys.fingerprint_hex(doc.expert.fingerprint)[:8]}-r{doc.revision.number}{SUFFIX}"


# --- writing ----------------------------------------------------------------------------------


def make_package(
    doc: ScoreDocument,
    *,
    certificate,  # noqa: ANN001 - cryptography x509.Certificate of the expert
    private_key,  # noqa: ANN001
    handwritten_png: bytes | None,
    attachments: Sequence[AttachmentInput] = (),
    recommendations: list[tuple[str, str]] | None = None,
    location: str = "",
    self_check: bool = True,
) -> BuiltPackage:
    """Render, sign and pack `doc`. `attachments` are the inputs `doc.attachments` was made from."""
    if keys.fingerprint(certificate) != doc.expert.fingerprint:
        raise ValueError("the document names another expert than the signing certificate")
    if len(attachments) != len(doc.attachments):
        raise ValueError("attachments do not match the document")
    json_bytes = score_json.to_json(doc)
    score_sha256 = score_json.fingerprint_of(json_bytes)
    originals = {ref.member: item.data for ref, item in zip(doc.attachments, attachments, strict=True)}
    drawn = {ref.member: item.preview or item.data for ref, item in zip(doc.attachments, attachments, strict=True)}
    sheet = sheet_pdf.render(doc, score_sha256, handwritten_png=handwritten_png, images=drawn, recommendations=recommendations)
    reason = f"{'回避声明' if doc.is_recusal else '专家评分表'} 第 {doc.revision.number} 版"
    if doc.revision.number > 1 and doc.revision.reason:
        reason += f"（修订：{doc.revision.reason[:200]}）"
    signed_pdf = pdf_sign.sign_pdf(
        sheet.pdf,
        page=sheet.signature_page,
        box=sheet.signature_box,
        certificate=certificate,
        private_key=private_key,
        signer_name=doc.expert.name,
        signer_field=doc.expert.field,
        fingerprint=doc.expert.fingerprint,
        signed_at=doc.revision.signed_at,
        reason=reason,
        location=location,
        embedded=(sheet_check.EMBEDDED_NAME, json_bytes, sheet_check.EMBEDDED_TYPE),  # the PDF carries the data it shows
    )
    members: list[tuple[str, bytes]] = [(SCORE_PDF, signed_pdf), (SCORE_JSON, json_bytes)]
    members += [(ref.member, originals[ref.member]) for ref in doc.attachments]
    buffer = io.BytesIO()
    writer = CanonicalZipWriter(buffer)
    sums = sha256sums.render((writer.add(name, data)[1], name) for name, data in members)
    writer.add(SUMS, sums)
    writer.add(SUMS_SIGNATURE, cms.sign_detached(sums, certificate, private_key))
    writer.finish()
    data = buffer.getvalue()
    if self_check:
        read_package(data, [certificate])
    return BuiltPackage(data, doc, json_bytes, score_sha256, hashlib.sha256(data).hexdigest())


def write_atomically(path: Path, data: bytes) -> Path:
    """Write the package so that `path` is either absent/unchanged or complete (durable.write_with)."""

    def write_chunks(handle: BinaryIO) -> None:
        view = memoryview(data)
        for start in range(0, len(view), CHUNK * 8):
            handle.write(view[start : start + CHUNK * 8])

    durable.write_with(Path(path), write_chunks, temp_suffix=PARTIAL_SUFFIX)
    return Path(path)


def export(built: BuiltPackage, folder: Path, file_name: str | None = None, *, recipients: Sequence[str] = (), identities: Sequence[object] = ()) -> Path:
    """Write `built` into `folder` (atomically); refuses to overwrite a different file.

    With `recipients` (confidential.recipients_for) the file is the signed ZIP encrypted to
    them; `identities` (the expert's own age key) let a second export of the same revision
    recognise the file already there."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PackageRefused(QT_TRANSLATE_NOOP("Errors", "The folder {folder} does not exist or is not a folder."), folder=str(folder))
    target = folder / (file_name or built.file_name)
    for leftover in folder.glob(f".{target.name}.*{PARTIAL_SUFFIX}"):  # an export killed half-way (never a file of ours)
        leftover.unlink(missing_ok=True)
    if target.exists():
        try:
            same = target.is_file() and confidential.same_content(target.read_bytes(), built.data, identities)
        except OSError:
            same = False
        if same:
            return target
        raise PackageRefused(QT_TRANSLATE_NOOP("Errors", "A different file named {file} is already in {folder}; it was not replaced."), file=target.name, folder=str(folder))
    try:
        return write_atomically(target, confidential.encrypt(built.data, recipients) if recipients else built.data)
    except OSError as exc:
        raise PackageRefused(
            QT_TRANSLATE_NOOP("Errors", "The package cannot be written to {folder}: {reason}."), folder=str(folder), reason=exc.strerror or type(exc).__name__
        ) from None


# --- reading ----------------------------------------------------------------------------------


def _open(source: Path | bytes) -> tuple[BinaryIO, int, str]:
    if isinstance(source, (bytes, bytearray)):
        return io.BytesIO(source), len(source), "(in memory)"
    path = Path(source)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the caller
    except IsADirectoryError:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "{file} is a folder, not a score package."), file=str(path)) from None
    except OSError as exc:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The package {file} cannot be read: {reason}."), file=str(path), reason=exc.strerror or str(exc)) from None
    mode = os.fstat(handle.fileno()).st_mode
    if not stat.S_ISREG(mode):
        handle.close()
        raise refuse(QT_TRANSLATE_NOOP("Errors", "{file} is not a regular file, so it cannot be a score package."), file=str(path))
    return handle, os.fstat(handle.fileno()).st_size, str(path)


def _layout(handle: BinaryIO, size: int) -> list[Member]:
    try:
        return read_layout(handle, size)
    except BundleRefused as exc:
        # The strict reader speaks of bundles; the same faults in a package, in the same words.
        detail = exc.message()
        for old, new in (("review bundle", "score package"), ("the organization sealed", "the expert signed"), ("organization", "expert"), ("bundle", "package")):
            detail = detail.replace(old, new)
        raise refuse(QT_TRANSLATE_NOOP("Errors", "{detail}"), detail=detail) from None


def _read(handle: BinaryIO, member: Member, limit: int) -> bytes:
    if member.size > limit:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The package member {member} is larger than such a member may be."), member=member.name)
    handle.seek(member.data_offset)
    data = handle.read(member.size)
    if len(data) != member.size:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The package file is shorter than its own table of contents says; it may have been cut off while copying."))
    return data


def _check_names(members: list[Member]) -> None:
    names = [m.name for m in members]
    if len(names) < 4 or names[-2:] != [SUMS, SUMS_SIGNATURE]:
        if SUMS_SIGNATURE not in names or SUMS not in names:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The package has no {member}, so nobody can tell whether the expert signed it."), member=SUMS_SIGNATURE if SUMS_SIGNATURE not in names else SUMS)
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The members of the package are not in the order the app writes them; the file was rearranged after signing."))
    if names[:2] != [SCORE_PDF, SCORE_JSON]:
        for required in (SCORE_PDF, SCORE_JSON):
            if required not in names:
                raise refuse(QT_TRANSLATE_NOOP("Errors", "The package is missing its {member}."), member=required)
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The members of the package are not in the order the app writes them; the file was rearranged after signing."))
    attachments = names[2:-2]
    if len(attachments) > MAX_ATTACHMENTS:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The package carries more attachments than a score package may."))
    for expected, name in enumerate(attachments, 1):
        match = ATTACHMENT.match(name)
        if match is None:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The package contains the member {member}, which a score package does not have."), member=name)
        if int(match.group(1)) != expected:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The attachments of the package are not numbered in order; the file was rearranged after signing."))


def _parse_sums(sums: bytes) -> list[tuple[str, str]]:
    entries = sha256sums.parse(sums)
    if entries is None:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The SHA256SUMS of this package is malformed."))
    return entries


def _check_signature(sums: bytes, signature: bytes, trusted: Sequence[object]):  # noqa: ANN202 - x509.Certificate
    from reviewer_app.bundle.signature import _is_canonical

    try:
        signer = cms.verify_detached(sums, signature, list(trusted))
    except cms.SignatureInvalid as exc:
        if isinstance(exc, cms.SignerUntrusted):
            raise PackageSignerUntrusted(UNTRUSTED, fingerprint=exc.params["fingerprint"]) from None
        if isinstance(exc, cms.SignatureMismatch):
            raise refuse(QT_TRANSLATE_NOOP("Errors", "SHA256SUMS and its signature SHA256SUMS.p7s do not match: one of them was changed after the expert signed the package.")) from None
        if isinstance(exc, cms.SignatureUnsupported):
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The signature SHA256SUMS.p7s uses a method this app does not accept.")) from None
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The signature SHA256SUMS.p7s is damaged or was changed.")) from None
    if not _is_canonical(signature, signer):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The signature SHA256SUMS.p7s is damaged or was changed."))
    return signer


def _hash(handle: BinaryIO, member: Member) -> tuple[str, int]:
    handle.seek(member.data_offset)
    sha = hashlib.sha256()
    crc = 0
    remaining = member.size
    while remaining:
        chunk = handle.read(min(CHUNK, remaining))
        if not chunk:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The package file is shorter than its own table of contents says; it may have been cut off while copying."))
        sha.update(chunk)
        crc = crc32(chunk, crc)
        remaining -= len(chunk)
    return sha.hexdigest(), crc


def read_score_json(source: Path | bytes) -> bytes:
    """Only the score.json of a package, from its table of contents; for a file whose every byte
    was verified before (org/verdicts.py), never to decide whether a package is sound."""
    handle, size, _ = _open(source)
    with handle:
        members = _layout(handle, size)
        _check_names(members)
        return _read(handle, members[1], LIMITS[SCORE_JSON])


def read_package(source: Path | bytes, trusted_certs: Sequence[object]) -> VerifiedPackage:
    """Verify a package against pinned expert certificates; PackageRefused names the first fault."""
    handle, size, label = _open(source)
    with handle:
        if size > 0xFFFFFFFF:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The file is larger than 4 GiB, which no score package is."))
        members = _layout(handle, size)
        _check_names(members)
        by_name = {m.name: m for m in members}
        sums = _read(handle, by_name[SUMS], LIMITS[SUMS])
        signature = _read(handle, by_name[SUMS_SIGNATURE], LIMITS[SUMS_SIGNATURE])
        signer = _check_signature(sums, signature, trusted_certs)
        entries = _parse_sums(sums)
        listed = [name for _, name in entries]
        present = [m.name for m in members[:-2]]
        for name in present:
            if name not in listed:
                raise refuse(QT_TRANSLATE_NOOP("Errors", "The package contains the member {member}, which is not listed in SHA256SUMS: it was added after the expert signed."), member=name)
        if len(set(listed)) != len(listed):
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The SHA256SUMS of this package is malformed."))
        for name in listed:
            if name not in present:
                raise refuse(QT_TRANSLATE_NOOP("Errors", "The member {member} listed in SHA256SUMS is missing from the package."), member=name)
        if listed != present:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The members of the package are not in the order the app writes them; the file was rearranged after signing."))
        expected = {name: digest for digest, name in entries}
        digests: dict[str, str] = {}
        for member in members:
            limit = LIMITS.get(member.name, MAX_ATTACHMENT_BYTES)
            if member.size > limit:
                raise refuse(QT_TRANSLATE_NOOP("Errors", "The package member {member} is larger than such a member may be."), member=member.name)
            digest, crc = _hash(handle, member)
            if member.name in expected and digest != expected[member.name]:
                raise refuse(CHANGED, member=member.name)
            if crc != member.crc:
                raise refuse(QT_TRANSLATE_NOOP("Errors", "The ZIP checksum of {member} was changed after the expert signed the package."), member=member.name)
            digests[member.name] = digest
        json_bytes = _read(handle, by_name[SCORE_JSON], LIMITS[SCORE_JSON])
        pdf = _read(handle, by_name[SCORE_PDF], LIMITS[SCORE_PDF])
    if hashlib.sha256(json_bytes).hexdigest() != digests[SCORE_JSON] or hashlib.sha256(pdf).hexdigest() != digests[SCORE_PDF]:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The package file changed while it was being checked."))
    doc = score_json.parse(json_bytes)
    signer_fingerprint = keys.fingerprint(signer)
    if doc.expert.fingerprint != signer_fingerprint:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "score.json names the expert certificate {named}, but the package was signed with {signer}."),
            named=keys.format_fingerprint(doc.expert.fingerprint),
            signer=keys.format_fingerprint(signer_fingerprint),
        )
    score_json.check_consistency(doc)
    attachment_members = [m.name for m in members[2:-2]]
    if [a.member for a in doc.attachments] != attachment_members:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The attachments listed in score.json are not the attachments in the package."))
    for ref in doc.attachments:
        if by_name[ref.member].size != ref.size or digests[ref.member] != ref.sha256 or not ref.member.endswith(score_json.EXTENSIONS.get(ref.media_type, ".bin")):
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The attachment {member} is not the one score.json describes."), member=ref.member)
    score_sha256 = digests[SCORE_JSON]
    with pdf_sign.SignedSheet(pdf) as sheet:  # one PDFium load for the signature, the attached data and the text
        info = pdf_sign.validate(sheet, signer, moment=doc.revision.signed_at)
        if score_sha256 not in info.subject:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf and score.json do not belong together: the PDF was made for other score data."))
        sheet_check.check_agreement(sheet, json_bytes, doc)
    return VerifiedPackage(label, size, doc, json_bytes, score_sha256, signer, signer_fingerprint, tuple(m.name for m in members))
