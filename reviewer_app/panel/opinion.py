"""The group opinion (专家组意见) file format: frozen draft → each member's signature file → final file.

Three files travel between laptops (docs/formats.md "Group opinion"):

- the frozen draft `*.opinion.json`: the opinion as canonical JSON (`drafted`); its SHA-256 is
  what every member signs, so a draft changed after freezing no longer matches any signature;
- a member's signature file `*.opinion-sig`: a canonical ZIP of `statement.json` (the draft's
  SHA-256, bundle, application, signer, decision "agree" or "dissent", the dissent's reason)
  and `statement.json.p7s`, a detached CMS signature over it by the member's own key (the same
  profile as a package's SHA256SUMS.p7s: `openssl cms -verify` checks it, docs/verify.md);
- the final file `*.rvo`: a canonical ZIP of opinion.json, opinion.pdf (A4, Chinese, rendered
  from opinion.json and the statements; it prints the SHA-256 of opinion.json) and every
  member's statement and signature under signatures/.

The statement names the bundle and the application as well as the draft's SHA-256, so a
signature made for another application (or another draft) is refused, never counted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import struct
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from asn1crypto import cms as asn1_cms
from cryptography import x509

from reviewer_app import cms, keys
from reviewer_app.bundle.errors import BundleRefused
from reviewer_app.bundle.strictjson import dumps, format_time, loads
from reviewer_app.bundle.zipformat import CanonicalZipWriter
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError

FORMAT = "reviewer-app/group-opinion"
STATEMENT_FORMAT = "reviewer-app/group-opinion-signature"
VERSION = 1
AGREE, DISSENT = "agree", "dissent"
OPINION_JSON, OPINION_PDF = "opinion.json", "opinion.pdf"
STATEMENT_JSON, STATEMENT_SIGNATURE = "statement.json", "statement.json.p7s"
SIGNATURES_DIR = "signatures/"
DRAFT_SUFFIX, SIGNATURE_SUFFIX, FINAL_SUFFIX = ".opinion.json", ".opinion-sig", ".rvo"
MAX_FILE_BYTES = 64 << 20
MAX_MEMBER_BYTES = 32 << 20


class OpinionRefused(UserFacingError):
    """A draft, signature file or group opinion that cannot be accepted; the sentence says why."""


DAMAGED = QT_TRANSLATE_NOOP("Errors", "The file {file} is damaged or is not a group opinion file.")
RECUSED_SIGNER = QT_TRANSLATE_NOOP("Errors", "{name} recused from this application, so {name} does not sign its group opinion.")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def member_key(fingerprint: str) -> str:
    """A short, file-name-safe key for a member (the first 16 hex digits of the fingerprint)."""
    return keys.fingerprint_hex(fingerprint)[:16]


# --- canonical ZIP containers ------------------------------------------------------------------


def pack(members: Sequence[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    writer = CanonicalZipWriter(buffer)
    for name, data in members:
        writer.add(name, data)
    writer.finish()
    return buffer.getvalue()


def unpack(data: bytes, file: str) -> list[tuple[str, bytes]]:
    """The members of a container we wrote; any byte changed anywhere is refused.

    zipfile checks every member's CRC; rebuilding the canonical ZIP from the members and
    comparing it with the input catches a change in any header byte zipfile does not check.
    """
    if len(data) > MAX_FILE_BYTES:
        raise OpinionRefused(DAMAGED, file=file)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if any(info.file_size > MAX_MEMBER_BYTES for info in infos):
                raise OpinionRefused(DAMAGED, file=file)
            members = [(info.filename, archive.read(info)) for info in infos]
        if pack(members) != data:
            raise OpinionRefused(DAMAGED, file=file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, ValueError, OSError, EOFError, KeyError, IndexError, OverflowError, struct.error):
        # RuntimeError: a flag bit turned on "encryption"; NotImplementedError is a RuntimeError
        raise OpinionRefused(DAMAGED, file=file) from None
    return members


def _json(data: bytes, file: str) -> dict:
    try:
        return loads(data, file)
    except BundleRefused:
        raise OpinionRefused(DAMAGED, file=file) from None


# --- the draft ---------------------------------------------------------------------------------


def freeze(opinion: Mapping[str, object]) -> bytes:
    """The frozen draft's bytes (what every member signs, through its SHA-256)."""
    if opinion.get("format") != FORMAT or opinion.get("version") != VERSION:
        raise ValueError("not a group opinion document")
    return dumps(opinion)


def read_draft(data: bytes, file: str = "opinion.json") -> dict:
    """The opinion in a frozen draft; refused unless it is one we can read."""
    opinion = _json(data, file)
    if opinion.get("format") != FORMAT:
        raise OpinionRefused(DAMAGED, file=file)
    if opinion.get("version") != VERSION:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The group opinion {file} has format version {version}, which this app cannot read; update the app."), file=file, version=opinion.get("version"))
    if dumps(opinion) != data:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The group opinion draft {file} was changed after it was frozen."), file=file)
    if not _fits(opinion, _SCHEMA):
        raise OpinionRefused(DAMAGED, file=file)
    return opinion


# What opinion.json holds (docs/formats.md §12), checked whole before any of it is shown, signed or
# rendered: a draft made by hand with a field missing or of another type is refused as damaged.
_NUMBER, _OPTIONAL_NUMBER, _OPTIONAL_INT = "number", "number or null", "int or null"
_SCHEMA = {
    "format": str, "version": int, "bundle_id": str, "bundle_sums_sha256": str, "organization": str, "review_title": str, "session_date": str,
    "application": {"id": str, "title": str, "applicant": str},
    "panel": [{"fingerprint": str, "name": str, "field": str}],
    "leader": {"fingerprint": str, "named_at": ("seal", "panel")},
    "recused": [str], "not_returned": [str],
    "packages": [{"fingerprint": str, "revision": int, "score_sha256": str}],
    "method": {"statistic": ("trimmed_mean", "mean"), "trim": int, "trim_min": int, "outlier_share": _NUMBER},
    "scores": {
        "criteria": [{
            "id": str, "section": str, "title": str, "maximum": _NUMBER, "n": int, "mean": _OPTIONAL_NUMBER, "trimmed_mean": _OPTIONAL_NUMBER,
            "median": _OPTIONAL_NUMBER, "spread": _OPTIONAL_NUMBER, "used": _OPTIONAL_NUMBER,
            "scores": [{"fingerprint": str, "value": _NUMBER, "outlier": bool}],
        }],
        "members": [{"fingerprint": str, "total": _NUMBER, "maximum": _NUMBER, "scaled_total": _OPTIONAL_NUMBER, "recommendation": str}],
        "score": _OPTIONAL_NUMBER, "rubric_total": _NUMBER, "complete": bool,
    },
    "vetoes": [{"id": str, "title": str, "raised_by": [{"fingerprint": str, "reason": str}], "ruling": ("confirmed", "dismissed"), "reason": str}],
    "rechecks": [{"member": str, "criteria": [str], "question": str, "answer": ("amendment", "justification"), "detail": str, "revision": _OPTIONAL_INT}],
    "conclusion": {"id": str, "title": str},
    "strengths": str, "weaknesses": str, "conditions": str, "drafted_at": str,
}  # fmt: skip


def _fits(value: object, schema: object) -> bool:  # noqa: PLR0911 - one case a kind of field
    if isinstance(schema, dict):
        return isinstance(value, dict) and value.keys() == schema.keys() and all(_fits(value[k], t) for k, t in schema.items())
    if isinstance(schema, list):
        return isinstance(value, list) and all(_fits(item, schema[0]) for item in value)
    if isinstance(schema, tuple):
        return value in schema
    if schema in (_NUMBER, _OPTIONAL_NUMBER):
        return (value is None and schema == _OPTIONAL_NUMBER) or (isinstance(value, int | float) and not isinstance(value, bool))
    if schema == _OPTIONAL_INT:
        return value is None or (type(value) is int)
    if schema is int:
        return type(value) is int
    return isinstance(value, schema)  # type: ignore[arg-type]


def panel_fingerprints(opinion: Mapping[str, object]) -> list[str]:
    return [m["fingerprint"] for m in opinion["panel"]]  # type: ignore[index,union-attr]


def required_signers(opinion: Mapping[str, object]) -> list[str]:
    """Every panel member except those who recused themselves from this application."""
    recused = set(opinion.get("recused", []))  # type: ignore[arg-type]
    return [fp for fp in panel_fingerprints(opinion) if fp not in recused]


# --- a member's signature ----------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    signer: str  # fingerprint
    name: str
    decision: str  # AGREE | DISSENT
    reason: str
    signed_at: str
    statement: bytes
    signature: bytes


def sign(draft: bytes, *, decision: str, reason: str, certificate, private_key, name: str, now: dt.datetime) -> bytes:  # noqa: ANN001 - x509 certificate, EC key
    """A member's signature file over the frozen draft: agreement, or dissent with its reason."""
    opinion = read_draft(draft)
    signer = keys.fingerprint(certificate)
    if signer not in panel_fingerprints(opinion):
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "You are not on the panel of this group opinion, so you cannot sign it."))
    if signer not in required_signers(opinion):
        raise OpinionRefused(RECUSED_SIGNER, name=panel_name(opinion, signer))
    if decision not in (AGREE, DISSENT):
        raise ValueError(decision)
    reason = reason.strip()
    if decision == DISSENT and not reason:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "A dissent needs a written reason."))
    statement = dumps({
        "format": STATEMENT_FORMAT, "version": VERSION,
        "opinion_sha256": sha256(draft), "bundle_id": opinion["bundle_id"], "application_id": opinion["application"]["id"],
        "signer": signer, "name": name, "decision": decision, "reason": reason, "signed_at": format_time(now),
    })  # fmt: skip
    return pack([(STATEMENT_JSON, statement), (STATEMENT_SIGNATURE, cms.sign_detached(statement, certificate, private_key))])


def check_statement(opinion: Mapping[str, object], draft: bytes, statement: bytes, signature: bytes, certificates: Mapping[str, object], file: str) -> Statement:
    """The member's statement after checking its signature and that it is about this very draft."""
    data = _json(statement, file)
    if data.get("format") != STATEMENT_FORMAT or data.get("version") != VERSION or dumps(data) != statement:
        raise OpinionRefused(DAMAGED, file=file)
    signer = data.get("signer")
    if not isinstance(signer, str) or signer not in panel_fingerprints(opinion):
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The signature file {file} comes from someone who is not on this application's panel."), file=file)
    if signer not in required_signers(opinion):
        raise OpinionRefused(RECUSED_SIGNER, name=panel_name(opinion, signer))
    certificate = certificates.get(signer)
    if certificate is None:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The signer of {file} is not enrolled with the organization."), file=file)
    try:
        made_by = cms.verify_detached(statement, signature, [certificate])  # type: ignore[list-item]
    except cms.SignatureInvalid as exc:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The signature in {file} does not hold: {reason}"), file=file, reason=exc.message()) from None
    if keys.fingerprint(made_by) != signer:
        raise OpinionRefused(DAMAGED, file=file)
    if data.get("bundle_id") != opinion["bundle_id"] or data.get("application_id") != opinion["application"]["id"]:  # type: ignore[index]
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The signature file {file} was made for another application."), file=file)
    if data.get("opinion_sha256") != sha256(draft):
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The signature file {file} was made for another version of the group opinion (the draft was changed after it was frozen)."), file=file)
    decision, reason = data.get("decision"), data.get("reason")
    if decision not in (AGREE, DISSENT) or not isinstance(reason, str) or (decision == DISSENT and not reason.strip()):
        raise OpinionRefused(DAMAGED, file=file)
    return Statement(signer, str(data.get("name", "")), decision, reason, str(data.get("signed_at", "")), statement, signature)


def read_signature_file(data: bytes, opinion: Mapping[str, object], draft: bytes, certificates: Mapping[str, object], file: str) -> Statement:
    members = dict(unpack(data, file))
    if sorted(members) != sorted([STATEMENT_JSON, STATEMENT_SIGNATURE]):
        raise OpinionRefused(DAMAGED, file=file)
    return check_statement(opinion, draft, members[STATEMENT_JSON], members[STATEMENT_SIGNATURE], certificates, file)


def certificate_named(signature: bytes, fingerprint: str, file: str) -> x509.Certificate:
    """The certificate inside `signature` whose SHA-256 fingerprint is `fingerprint` (the pin)."""
    try:
        signed_data = asn1_cms.ContentInfo.load(signature, strict=True)["content"]
        for choice in signed_data["certificates"] or []:
            der = choice.chosen.dump()
            if keys.fingerprint_of_der(der) == fingerprint:
                return keys.load_certificate(der)
    except (ValueError, TypeError, KeyError, IndexError):
        pass
    raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The file {file} was not signed by the panel member it names."), file=file)


def certificates_carried(signature_files: Sequence[tuple[str, bytes]], opinion: Mapping[str, object]) -> dict[str, object]:
    """On the leader's laptop (no roster): each signer's certificate as carried in their signature,
    kept only when its fingerprint is on the opinion's panel (the bundle's signed list)."""
    found: dict[str, object] = {}
    panel = panel_fingerprints(opinion)
    for file, data in signature_files:
        members = dict(unpack(data, file))
        signer = _json(members.get(STATEMENT_JSON, b"{}"), file).get("signer")
        if isinstance(signer, str) and signer in panel:
            found[signer] = certificate_named(members.get(STATEMENT_SIGNATURE, b""), signer, file)
    return found


# --- the final file ----------------------------------------------------------------------------


def assemble(draft: bytes, signature_files: Sequence[tuple[str, bytes]], certificates: Mapping[str, object]) -> bytes:
    """The final group opinion: refused until every required member agreed or dissented."""
    from reviewer_app.panel import opinion_pdf

    opinion = read_draft(draft)
    statements: dict[str, Statement] = {}
    files: dict[str, str] = {}
    for file, data in signature_files:
        statement = read_signature_file(data, opinion, draft, certificates, file)
        earlier = statements.get(statement.signer)
        if earlier is not None and (earlier.decision, earlier.reason) != (statement.decision, statement.reason):
            raise OpinionRefused(
                QT_TRANSLATE_NOOP("Errors", "{name} signed this group opinion twice with different decisions ({first}, {second}); keep only the file that says what they decided."),
                name=panel_name(opinion, statement.signer), first=files[statement.signer], second=file,
            )  # fmt: skip
        if earlier is None:  # the same decision twice (a file copied twice, or signed again): the first is kept
            statements[statement.signer], files[statement.signer] = statement, file
    _check_complete(opinion, statements)
    ordered = [statements[fp] for fp in panel_fingerprints(opinion) if fp in statements]
    pdf = opinion_pdf.render(opinion, sha256(draft), ordered)
    members = [(OPINION_JSON, draft), (OPINION_PDF, pdf)]
    for s in ordered:
        members += [(f"{SIGNATURES_DIR}{member_key(s.signer)}.json", s.statement), (f"{SIGNATURES_DIR}{member_key(s.signer)}.json.p7s", s.signature)]
    return pack(members)


def panel_name(opinion: Mapping[str, object], fingerprint: str) -> str:
    """The member's name as the bundle's panel list gives it (a statement's own name is the signer's say)."""
    return next((m["name"] for m in opinion["panel"] if m["fingerprint"] == fingerprint), "?")  # type: ignore[index,union-attr]


def _check_complete(opinion: Mapping[str, object], statements: Mapping[str, Statement]) -> None:
    missing = [m["name"] for m in opinion["panel"] if m["fingerprint"] in required_signers(opinion) and m["fingerprint"] not in statements]  # type: ignore[index,union-attr]
    if missing:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "These panel members have neither signed nor dissented yet: {names}."), names="、".join(missing))


@dataclass(frozen=True)
class VerifiedOpinion:
    """A group opinion whose every signature held (read_final)."""

    opinion: dict
    opinion_sha256: str
    statements: tuple[Statement, ...]
    pdf: bytes

    @property
    def dissents(self) -> list[Statement]:
        return [s for s in self.statements if s.decision == DISSENT]


def read_final(data: bytes, certificates: Mapping[str, object], file: str) -> VerifiedOpinion:
    """Check a final group opinion file against the members' certificates (fingerprint → cert)."""
    from reviewer_app.panel import opinion_pdf

    members = unpack(data, file)
    names = [name for name, _ in members]
    if names[:2] != [OPINION_JSON, OPINION_PDF] or len(names) % 2:
        raise OpinionRefused(DAMAGED, file=file)
    draft, pdf = members[0][1], members[1][1]
    opinion = read_draft(draft, file)
    statements: dict[str, Statement] = {}
    for (name, statement), (sig_name, signature) in zip(members[2::2], members[3::2], strict=True):
        if not name.startswith(SIGNATURES_DIR) or sig_name != name + ".p7s":
            raise OpinionRefused(DAMAGED, file=file)
        checked = check_statement(opinion, draft, statement, signature, certificates, file)
        if name != f"{SIGNATURES_DIR}{member_key(checked.signer)}.json" or checked.signer in statements:
            raise OpinionRefused(DAMAGED, file=file)
        statements[checked.signer] = checked
    _check_complete(opinion, statements)
    opinion_pdf.check_agreement(pdf, opinion, sha256(draft), list(statements.values()), file)
    return VerifiedOpinion(opinion, sha256(draft), tuple(statements.values()), pdf)
