"""Re-check (复核) files on both laptops, kept in the store (issue 17).

Member: a request from the leader's stick is checked (signed by a member of this application's
panel, for this bundle and application, addressed to this expert) and kept; it is shown on the
application until the member answers it, with an amended revision of their own (listed from the
store's signed revisions) or a signed justification.

Leader: each request sent is kept; an answer file brought back is checked against the request it
names and kept with it, so the panel view shows every request's state and the group opinion
records the answered ones.

No-peeking rule (DESIGN §3): `own_sheet_signed` says whether this expert has signed a score
sheet for the application; nothing of the others' scores is shown before.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.panel import recheck
from reviewer_app.panel.opinion import OpinionRefused
from reviewer_app.store.rechecks import RECEIVED, SENT, KeptRecheck
from reviewer_app.store.store import Store

OUTSTANDING = "outstanding"


@dataclass(frozen=True)
class Recheck:
    request: recheck.Request
    answer: recheck.Answer | None
    kept_at: str

    @property
    def state(self) -> str:
        """OUTSTANDING, recheck.AMENDMENT or recheck.JUSTIFICATION."""
        return OUTSTANDING if self.answer is None else self.answer.answer


def _panel(opened) -> list[str]:  # noqa: ANN001 - bundle.reader.OpenedBundle
    return [m.fingerprint for m in opened.manifest.panel]


def read_request(opened, data: bytes, file: str) -> recheck.Request:  # noqa: ANN001
    named_leader = opened.manifest.leader  # `seal --leader`, or "" when the panel chooses on the day
    request = recheck.read_request(data, bundle_id=opened.bundle_id, application_id=opened.application.id, panel=_panel(opened), file=file, named_leader=named_leader)
    if not set(request.criteria) <= {c.id for c in opened.spec.rubric.criteria()}:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The re-check request {file} names a criterion this application's rubric does not have."), file=file)
    return request


def _loaded(opened, kept: KeptRecheck) -> Recheck:  # noqa: ANN001
    request = read_request(opened, kept.request_file, "request")
    answer = recheck.read_answer(kept.answer_file, request, "answer") if kept.answer_file else None
    return Recheck(request, answer, kept.kept_at)


# --- the member's side -------------------------------------------------------------------------


def receive(store: Store, opened, data: bytes, file: str, own_fingerprint: str) -> recheck.Request:  # noqa: ANN001
    """Keep a request addressed to this expert (OpinionRefused with one sentence otherwise)."""
    request = read_request(opened, data, file)
    if request.member != own_fingerprint:
        raise OpinionRefused(recheck.NOT_ADDRESSED_TO_YOU)
    store.rechecks.keep(opened.bundle_id, request.sha256, RECEIVED, data)
    return request


def received(store: Store, opened) -> list[Recheck]:  # noqa: ANN001
    return [_loaded(opened, kept) for kept in store.rechecks.all(opened.bundle_id, RECEIVED)]


def outstanding(store: Store, opened) -> list[Recheck]:  # noqa: ANN001
    """The requests this member has not answered yet (shown on the application)."""
    return [r for r in received(store, opened) if r.answer is None]


def record_answer(store: Store, opened, request: recheck.Request, answer: bytes) -> None:  # noqa: ANN001
    recheck.read_answer(answer, request, "answer")  # only a sound answer to this request is kept
    store.rechecks.answer(opened.bundle_id, request.sha256, RECEIVED, answer)


@dataclass(frozen=True)
class Amendment:
    revision: int
    score_sha256: str
    reason: str
    signed_at: str


def amendments(store: Store, bundle_id: str) -> list[Amendment]:
    """The expert's signed score revisions after the first, newest first (what an answer by
    amendment can name)."""
    rows = [r for r in store.signatures.revisions(bundle_id) if r.kind == "score" and r.revision >= 2]
    return [Amendment(r.revision, r.score_sha256, r.reason, r.signed_at.isoformat()) for r in reversed(rows)]


def own_sheet_signed(store: Store, bundle_id: str, own_fingerprint: str) -> bool:
    """True once this expert has signed a score sheet (not a recusal) for the application."""
    return any(r.kind == "score" and r.expert_fingerprint == own_fingerprint for r in store.signatures.revisions(bundle_id))


def own_latest(store: Store, bundle_id: str, own_fingerprint: str) -> tuple[int, str] | None:
    """(revision, score.json SHA-256) of this expert's latest signed revision for the application."""
    rows = [r for r in store.signatures.revisions(bundle_id) if r.expert_fingerprint == own_fingerprint]
    return (rows[-1].revision, rows[-1].score_sha256) if rows else None


# --- the leader's side -------------------------------------------------------------------------


def record_sent(store: Store, opened, data: bytes) -> recheck.Request:  # noqa: ANN001
    request = read_request(opened, data, "request")
    store.rechecks.keep(opened.bundle_id, request.sha256, SENT, data)
    return request


def sent(store: Store, opened) -> list[Recheck]:  # noqa: ANN001
    return [_loaded(opened, kept) for kept in store.rechecks.all(opened.bundle_id, SENT)]


def import_answer(store: Store, opened, data: bytes, file: str) -> recheck.Answer:  # noqa: ANN001
    """Keep a member's answer with the request it answers (one sentence when it answers none
    of the requests sent from this laptop for this application)."""
    asked = {r.request.sha256: r.request for r in sent(store, opened)}
    request = asked.get(recheck.request_named(data, file) or "")
    if request is None:
        recheck.check_answer_signature(data, file)  # a damaged file says so first
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The file {file} answers a re-check request that was not sent from this laptop for this application."), file=file)
    answer = recheck.read_answer(data, request, file)
    store.rechecks.answer(opened.bundle_id, request.sha256, SENT, data)
    return answer
