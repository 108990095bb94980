"""`reviewer-org verify` for group opinions (*.rvo), and the one function other code reads them with.

A group opinion is sound when (docs/verify.md "Group opinion"):
1. the file is intact (any changed byte is refused) and opinion.json is a frozen draft we read;
2. the organization sealed its bundle (ORG/sealed/), with the same SHA256SUMS digest and
   application, and the opinion's panel is the sealed panel, member for member; when the
   organization named a leader at sealing, the opinion's leader is that member (named_at "seal");
3. every statement is signed (CMS) by the enrolled certificate of a member of that panel, for
   this bundle, this application and this very opinion.json, at a time the certificate was valid
   and before any revocation of that member (`reviewer-org revoke`; a retired key's signatures
   still count, as for packages); every member who did not recuse agreed or dissented (a dissent
   carries its reason);
4. the packages it cites are sound and each is the latest revision of that member the
   organization was given (in the same `verify` call);
5. the PDF shows opinion.json's SHA-256, the conclusion and every member's decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.org import roster
from reviewer_app.org import sealed as ledger
from reviewer_app.panel import opinion as opinions
from reviewer_app.panel.opinion import OpinionRefused, VerifiedOpinion

MAX_BYTES = opinions.MAX_FILE_BYTES


def expand(paths: Sequence[str | Path]) -> list[Path]:
    """The group opinion files among `paths` (a folder stands for the *.rvo files in it)."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found.extend(sorted(path.glob(f"*{opinions.FINAL_SUFFIX}")))
        elif path.suffix == opinions.FINAL_SUFFIX:
            found.append(path)
    return found


def _read(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The file {file} cannot be read: {reason}."), file=path.name, reason=exc.strerror or str(exc)) from None
    return data


def _certificates(org_dir: Path, record: ledger.SealedRecord) -> dict[str, object]:
    """The enrolled certificates of the sealed panel (a member no longer enrolled signs nothing)."""
    found = {}
    for member in record.panel:
        if roster.is_enrolled(org_dir, member.fingerprint):
            found[member.fingerprint] = roster.lookup(org_dir, member.fingerprint, allow_expired=True).certificate
    return found


def check_fits(draft: dict, record, file: str) -> None:  # noqa: ANN001 - sealed.SealedRecord (or opinion_draft.panel_of_opened on a member's laptop)
    """Refuse an opinion that is not about `record`'s sealed bundle and application, names another
    panel, or another leader than the one named at sealing (here and on each member's laptop)."""
    if draft.get("bundle_sums_sha256") != record.sums_sha256 or draft.get("application", {}).get("id") != record.application.id:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The group opinion {file} does not match the bundle the organization sealed."), file=file)
    if opinions.panel_fingerprints(draft) != [m.fingerprint for m in record.panel]:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The group opinion {file} names another panel than the one sealed in the bundle."), file=file)
    leader = draft.get("leader") or {}
    if (leader.get("fingerprint"), leader.get("named_at")) != ((record.leader, "seal") if record.leader else (leader.get("fingerprint"), "panel")):
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The group opinion {file} does not name the leader the organization named when it sealed the bundle."), file=file)


def check_current(draft: dict, latest: dict[str, tuple[int, str]], file: str) -> None:
    """Refuse an opinion that does not count a member's latest signed score sheet known here
    (`latest`: fingerprint -> (revision, score.json SHA-256)): on the leader's laptop before
    assembling, on a member's before signing; the organization refuses it later anyway."""
    cited = {p["fingerprint"]: p for p in draft["packages"]}
    for fingerprint, (revision, score_sha256) in latest.items():
        c = cited.get(fingerprint)
        if c is None or c["revision"] < revision or (c["revision"] == revision and c["score_sha256"] != score_sha256):
            raise OpinionRefused(
                QT_TRANSLATE_NOOP("Errors", "The group opinion {file} does not count the latest signed score sheet of {name} (revision {revision}); the leader drafts it again with that package."),
                file=file, name=opinions.panel_name(draft, fingerprint), revision=revision,
            )  # fmt: skip


def read_verified(path: Path, org_dir: Path, packages: Sequence[object] | None) -> VerifiedOpinion:
    """The verified opinion in `path`, or OpinionRefused with one sentence.

    `packages`: the sound package reports (org.verify_packages.PackageReport) the opinion's
    citations are checked against; None skips that check (the caller says so to the user).
    """
    path = Path(path)
    data = _read(path)
    members = dict(opinions.unpack(data, path.name))
    draft = opinions.read_draft(members.get(opinions.OPINION_JSON, b""), path.name)
    record = ledger.load_record(org_dir, str(draft.get("bundle_id", "")))
    if record is None:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The group opinion {file} answers a bundle this organization did not seal."), file=path.name)
    check_fits(draft, record, path.name)
    certificates = _certificates(org_dir, record)
    verified = opinions.read_final(data, certificates, path.name)
    _check_signing_times(verified, certificates, roster.revocations(org_dir), path.name)
    if packages is not None:
        _check_citations(verified, packages, path.name)
    return verified


def _check_signing_times(verified: VerifiedOpinion, certificates: dict[str, object], revocations: dict[str, object], file: str) -> None:
    """As for a package (org/verify_packages.py): a statement made while its certificate was not
    valid, or once the organization had revoked the member, does not count."""
    for statement in verified.statements:
        try:
            signed_at = dt.datetime.fromisoformat(statement.signed_at)
        except ValueError:
            raise OpinionRefused(opinions.DAMAGED, file=file) from None
        if signed_at.tzinfo is None:
            raise OpinionRefused(opinions.DAMAGED, file=file)
        certificate = certificates[statement.signer]
        name = opinions.panel_name(verified.opinion, statement.signer)
        if not certificate.not_valid_before_utc <= signed_at <= certificate.not_valid_after_utc:  # type: ignore[attr-defined]
            raise OpinionRefused(
                QT_TRANSLATE_NOOP("Errors", "{name} signed the group opinion {file} on {signed}, when the certificate was not valid (valid from {start} to {end})."),
                name=name, file=file, signed=_when(signed_at), start=_when(certificate.not_valid_before_utc), end=_when(certificate.not_valid_after_utc),  # type: ignore[attr-defined]
            )  # fmt: skip
        revocation = revocations.get(statement.signer)
        if revocation is not None and signed_at >= revocation.effective_from:  # type: ignore[attr-defined]
            raise OpinionRefused(
                QT_TRANSLATE_NOOP("Errors", "{name} signed the group opinion {file} on {signed}, after the organization revoked this expert from {start} ({reason})."),
                name=name, file=file, signed=_when(signed_at), start=_when(revocation.effective_from), reason=revocation.reason,  # type: ignore[attr-defined]
            )  # fmt: skip


def _when(moment: dt.datetime) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")


def _check_citations(verified: VerifiedOpinion, reports: Sequence[object], file: str) -> None:
    bundle_id = verified.opinion["bundle_id"]
    latest: dict[str, object] = {}
    for report in reports:
        doc = getattr(report, "document", None)
        if doc is None or doc.bundle.bundle_id != bundle_id:
            continue
        known = latest.get(doc.expert.fingerprint)
        if known is None or doc.revision.number > known.document.revision.number:  # type: ignore[attr-defined]
            latest[doc.expert.fingerprint] = report
    cited = {c["fingerprint"]: c for c in verified.opinion["packages"]}
    for fingerprint, citation in cited.items():
        report = latest.get(fingerprint)
        if report is None:
            raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The group opinion {file} is based on a score package that was not given (or was refused); give the panel's packages with it."), file=file)
        if citation["score_sha256"] != report.score_sha256:  # type: ignore[attr-defined]
            raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The group opinion {file} is based on a score package that is not the latest revision the organization has."), file=file)
    missing_recusal = [fp for fp in verified.opinion["recused"] if fp not in cited or not latest[fp].document.is_recusal]  # type: ignore[attr-defined]
    if missing_recusal or set(latest) - set(cited):
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The group opinion {file} leaves out a member's score package or counts a recusal that is not one."), file=file)


def same_application(verified: Sequence[tuple[Path, VerifiedOpinion]]) -> list[tuple[list[Path], OpinionRefused]]:
    """Different opinions given for the same application (the files and their sentence): which
    one's ruling counts must not depend on the order the files were given in. The same opinion
    twice (the file given again, or a copy) is one."""
    by_bundle: dict[str, list[tuple[Path, VerifiedOpinion]]] = {}
    for path, opinion in verified:
        by_bundle.setdefault(opinion.opinion["bundle_id"], []).append((path, opinion))
    return [
        ([Path(p) for p, _ in group], OpinionRefused(
            QT_TRANSLATE_NOOP("Errors", "More than one group opinion was given for {application} ({files}); give only the one the panel signed last."),
            application=group[0][1].opinion["application"]["id"], files=", ".join(Path(p).name for p, _ in group),
        ))  # fmt: skip
        for group in by_bundle.values()
        if len({(v.opinion_sha256, tuple(s.statement for s in v.statements)) for _, v in group}) > 1
    ]
