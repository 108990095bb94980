"""Re-check (复核) requests and answers: small signed files exchanged on a USB stick.

- The request `<application>-<member>.recheck`: a canonical ZIP of `request.json` (bundle,
  application, leader, member, the criteria, the question, when) and `request.json.p7s`, a
  detached CMS signature by the leader's key.
- The answer `<application>-<member>.recheck-answer`: `answer.json` (the SHA-256 of the
  request's request.json, bundle, application, member, and either `"amendment"` with the new
  revision's number and score.json SHA-256, or `"justification"` with the member's written
  reason for keeping the score) and `answer.json.p7s`, signed by the member's key.

Both are checked against the bundle's signed panel list only: the signer's certificate travels
in the signature and must have the fingerprint the panel names (docs/formats.md §13). The same
checks with openssl: docs/verify.md §6 applies to `*.json` + `*.json.p7s` alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reviewer_app import cms, keys
from reviewer_app.bundle.strictjson import dumps, format_time
from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.panel.opinion import DAMAGED, VERSION, OpinionRefused, _json, certificate_named, pack, sha256, unpack

REQUEST_FORMAT, ANSWER_FORMAT = "reviewer-app/recheck-request", "reviewer-app/recheck-answer"
REQUEST_JSON, ANSWER_JSON = "request.json", "answer.json"
REQUEST_SUFFIX, ANSWER_SUFFIX = ".recheck", ".recheck-answer"
AMENDMENT, JUSTIFICATION = "amendment", "justification"
NOT_ADDRESSED_TO_YOU = QT_TRANSLATE_NOOP("Errors", "This re-check request is addressed to another panel member.")


def _signed(data: bytes, name: str, fmt: str, signer_field: str, file: str) -> dict:
    members = dict(unpack(data, file))
    if sorted(members) != [name, name + ".p7s"]:
        raise OpinionRefused(DAMAGED, file=file)
    content, signature = members[name], members[name + ".p7s"]
    document = _json(content, file)
    if document.get("format") != fmt or document.get("version") != VERSION or dumps(document) != content:
        raise OpinionRefused(DAMAGED, file=file)
    signer = document.get(signer_field)
    if not isinstance(signer, str):
        raise OpinionRefused(DAMAGED, file=file)
    try:
        cms.verify_detached(content, signature, [certificate_named(signature, signer, file)])
    except cms.SignatureInvalid as exc:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The signature in {file} does not hold: {reason}"), file=file, reason=exc.message()) from None
    document["_sha256"] = sha256(content)
    return document


@dataclass(frozen=True)
class Request:
    bundle_id: str
    application_id: str
    leader: str
    member: str
    criteria: tuple[str, ...]
    question: str
    asked_at: str
    sha256: str  # of request.json: what the answer names


def make_request(*, bundle_id: str, application_id: str, panel: Sequence[str], criteria: Sequence[str], member: str, question: str, certificate, private_key, now: dt.datetime) -> bytes:  # noqa: ANN001
    leader = keys.fingerprint(certificate)
    if leader not in panel or member not in panel:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "A re-check is asked by a panel member of a panel member."))
    if not criteria or not question.strip():
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "A re-check request names at least one criterion and asks a question."))
    content = dumps({
        "format": REQUEST_FORMAT, "version": VERSION, "bundle_id": bundle_id, "application_id": application_id,
        "leader": leader, "member": member, "criteria": list(criteria), "question": question.strip(), "asked_at": format_time(now),
    })  # fmt: skip
    return pack([(REQUEST_JSON, content), (REQUEST_JSON + ".p7s", cms.sign_detached(content, certificate, private_key))])


NOT_THE_LEADER = QT_TRANSLATE_NOOP("Errors", "The re-check request {file} was not signed by this application's panel leader, whom the organization named in the bundle.")


def read_request(data: bytes, *, bundle_id: str, application_id: str, panel: Sequence[str], file: str, named_leader: str = "") -> Request:
    """A request for this bundle and application, signed by a member of its panel for a member
    (by the leader when the bundle names one: `named_leader`, a fingerprint, or "")."""
    d = _signed(data, REQUEST_JSON, REQUEST_FORMAT, "leader", file)
    if d.get("bundle_id") != bundle_id or d.get("application_id") != application_id:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The file {file} was made for another application."), file=file)
    if d["leader"] not in panel or d.get("member") not in panel:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The file {file} comes from someone who is not on this application's panel."), file=file)
    if named_leader and d["leader"] != named_leader:
        raise OpinionRefused(NOT_THE_LEADER, file=file)
    criteria, question = d.get("criteria"), d.get("question")
    if not isinstance(criteria, list) or not criteria or not all(isinstance(c, str) for c in criteria) or not isinstance(question, str):
        raise OpinionRefused(DAMAGED, file=file)
    return Request(bundle_id, application_id, d["leader"], d["member"], tuple(criteria), question, str(d.get("asked_at", "")), d["_sha256"])


@dataclass(frozen=True)
class Answer:
    request: Request
    answer: str  # AMENDMENT | JUSTIFICATION
    revision: int | None
    score_sha256: str
    justification: str
    answered_at: str

    def record(self, amendment_reason: str = "") -> dict:
        """The group opinion's re-check entry (org/opinion_draft.Recheck fields)."""
        detail = amendment_reason if self.answer == AMENDMENT else self.justification
        return {"member": self.request.member, "criteria": self.request.criteria, "question": self.request.question, "answer": self.answer, "detail": detail, "revision": self.revision}


def make_answer(request: Request, *, answer: str, certificate, private_key, now: dt.datetime, justification: str = "", revision: int | None = None, score_sha256: str = "") -> bytes:  # noqa: ANN001
    if keys.fingerprint(certificate) != request.member:
        raise OpinionRefused(NOT_ADDRESSED_TO_YOU)
    if answer == JUSTIFICATION and not justification.strip():
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "Keeping the score needs a written justification."))
    if answer == AMENDMENT and (not revision or revision < 2 or len(score_sha256) != 64):
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "Answer the re-check with the amended revision of your score sheet."))
    if answer not in (AMENDMENT, JUSTIFICATION):
        raise ValueError(answer)
    content = dumps({
        "format": ANSWER_FORMAT, "version": VERSION, "request_sha256": request.sha256, "bundle_id": request.bundle_id,
        "application_id": request.application_id, "member": request.member, "answer": answer,
        "revision": revision if answer == AMENDMENT else None, "score_sha256": score_sha256 if answer == AMENDMENT else "",
        "justification": justification.strip() if answer == JUSTIFICATION else "", "answered_at": format_time(now),
    })  # fmt: skip
    return pack([(ANSWER_JSON, content), (ANSWER_JSON + ".p7s", cms.sign_detached(content, certificate, private_key))])


def request_named(data: bytes, file: str) -> str | None:
    """The SHA-256 of the request an answer file names, before any check (read_answer checks)."""
    try:
        named = _json(dict(unpack(data, file)).get(ANSWER_JSON, b""), file).get("request_sha256")
    except OpinionRefused:
        return None
    return named if isinstance(named, str) else None


def check_answer_signature(data: bytes, file: str) -> None:
    """OpinionRefused unless `data` is an answer file whose signature holds."""
    _signed(data, ANSWER_JSON, ANSWER_FORMAT, "member", file)


def read_answer(data: bytes, request: Request, file: str) -> Answer:
    """The member's signed answer to exactly this request."""
    d = _signed(data, ANSWER_JSON, ANSWER_FORMAT, "member", file)
    if d.get("request_sha256") != request.sha256 or d.get("bundle_id") != request.bundle_id or d.get("application_id") != request.application_id:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The file {file} answers another re-check request."), file=file)
    if d["member"] != request.member:  # its signature holds, but for someone the request did not ask
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The file {file} was signed by another panel member than the one the re-check request was addressed to."), file=file)
    kind, revision, justification = d.get("answer"), d.get("revision"), d.get("justification")
    valid = (kind == AMENDMENT and type(revision) is int and revision >= 2) or (kind == JUSTIFICATION and isinstance(justification, str) and justification.strip())
    if not valid:
        raise OpinionRefused(DAMAGED, file=file)
    return Answer(request, kind, revision if kind == AMENDMENT else None, str(d.get("score_sha256", "")), justification or "", str(d.get("answered_at", "")))
