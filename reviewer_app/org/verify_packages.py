"""`reviewer-org verify`: is each returned score package sound and an answer we asked for?

For every package, in this order (the first fault is reported, as one sentence):
1. the package itself (export.package.read_package): canonical ZIP, SHA256SUMS signed (CMS)
   by a certificate pinned in the roster, every member's digest, score.json well-formed and
   naming the signer, attachments as listed, the PDF's PAdES signature by the same
   certificate over the whole file, the PDF made for this score.json;
2. the expert: the roster card of the signer names the same person and field;
3. the bundle: the organization recorded sealing it (ORG/sealed/, see org/sealed.py) with the
   same SHA-256 of SHA256SUMS, for the same application and organization, and the expert was
   on its panel (unless it could be opened with the session passphrase);
4. completeness against the recorded rubric (score_json.check_answers): every criterion of the
   expert's field scored on its step, comments where required, vetoes and recommendation
   valid, declarations made; a recusal must declare the conflict with a reason.

Many packages are checked on several processes (`jobs`), each loading the roster once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError
from reviewer_app.export import package as packages
from reviewer_app.export import score_json
from reviewer_app.export.errors import PackageRefused, refuse
from reviewer_app.export.score_json import ScoreDocument
from reviewer_app.org import roster
from reviewer_app.org import sealed as ledger

PARALLEL_FROM = 48
INTERNAL = "The package could not be checked because of an error in this toolkit; please report it"  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class PackageReport:
    """The verdict on one package; `document` is set only when it is sound."""

    path: str
    ok: bool
    message: str
    document: ScoreDocument | None = None
    score_sha256: str = ""
    spec: object | None = field(default=None, repr=False, compare=False)  # rubric.ReviewSpec of the bundle

    def describe(self) -> str:
        if not self.ok or self.document is None:
            return self.message
        doc = self.document
        who = f"{doc.expert.name}（{doc.expert.field}）"
        app = f"{doc.application.id} {doc.application.title}"
        if doc.is_recusal:
            return f"{who} recusal for {app}, revision {doc.revision.number}"
        return f"{who} for {app}, revision {doc.revision.number}, total {score_json._number(doc.total)}/{score_json._number(doc.maximum)}"


class Organization:
    """What verification needs from the organization folder, loaded once: roster and ledger."""

    def __init__(self, org_dir: Path) -> None:
        self.org_dir = Path(org_dir)
        if not self.org_dir.is_dir():
            raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The organization folder {folder} does not exist."), folder=str(org_dir))
        self.cards = {card.fingerprint: card for card in roster.all_cards(self.org_dir)}
        if not self.cards:
            raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "No expert is enrolled in {folder}, so no package can be trusted."), folder=str(org_dir))
        self.certificates = [card.certificate for card in self.cards.values()]
        self._records: dict[str, ledger.SealedRecord | None] = {}

    def record(self, bundle_id: str) -> ledger.SealedRecord | None:
        if bundle_id not in self._records:
            self._records[bundle_id] = ledger.load_record(self.org_dir, bundle_id)
        return self._records[bundle_id]


def _same_field(doc: ScoreDocument, enrolled: str, spec: object) -> bool:
    if doc.expert.field == enrolled:
        return True
    resolved = spec.field_named(enrolled) if spec is not None else None  # type: ignore[attr-defined]
    return resolved is not None and resolved.id == doc.expert.field_id and doc.expert.field in (resolved.id, resolved.title)


def check(source: Path | bytes, org: Organization) -> tuple[packages.VerifiedPackage, ledger.SealedRecord]:
    """Verify one package for `org`; PackageRefused (or another UserFacingError) on the first fault."""
    try:
        verified = packages.read_package(source, org.certificates)
    except PackageRefused as exc:
        if exc.template == packages.UNTRUSTED:
            raise refuse(
                QT_TRANSLATE_NOOP("Errors", "The package was signed by an expert who is not in the roster (certificate fingerprint {fingerprint})."), **exc.params
            ) from None
        raise
    doc = verified.document
    card = org.cards[verified.signer_fingerprint]
    if doc.expert.name != card.profile.name:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "score.json names the expert {named}, but the roster enrolled this certificate for {enrolled}."),
            named=doc.expert.name,
            enrolled=card.profile.name,
        )
    record = org.record(doc.bundle.bundle_id)
    if record is None:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "The package answers bundle {bundle_id}, which this organization has no record of sealing."),
            bundle_id=doc.bundle.bundle_id,
        )
    if doc.bundle.sums_sha256 != record.sums_sha256:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "The package answers another version of bundle {bundle_id} than the one this organization sealed."),
            bundle_id=doc.bundle.bundle_id,
        )
    if doc.bundle.organization_fingerprint != record.organization_fingerprint:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The package names another organization than the one that sealed its bundle."))
    if (doc.application.id, doc.application.title, doc.application.applicant) != (record.application.id, record.application.title, record.application.applicant):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The package names another application than the bundle {bundle_id} it answers."), bundle_id=doc.bundle.bundle_id)
    if not _same_field(doc, card.profile.field, record.spec):
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "The package gives the expert's field as {field}, but the roster enrolled {name} for {enrolled}."),
            field=doc.expert.field,
            name=card.profile.name,
            enrolled=card.profile.field,
        )
    panel = {member.fingerprint for member in record.panel}
    if panel and not record.session_passphrase and verified.signer_fingerprint not in panel:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "{name} is not on the panel of bundle {bundle_id}."), name=doc.expert.name, bundle_id=doc.bundle.bundle_id)
    score_json.check_answers(doc, record.spec)
    return verified, record


def verify_one(path: str | Path, org: Organization) -> PackageReport:
    try:
        verified, record = check(Path(path), org)
    except UserFacingError as exc:
        return PackageReport(str(path), False, exc.message())
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the check of the others
        return PackageReport(str(path), False, f"{INTERNAL} ({type(exc).__name__}: {exc})")
    report = PackageReport(str(path), True, "", verified.document, verified.score_sha256, record.spec)
    return PackageReport(report.path, True, report.describe(), report.document, report.score_sha256, record.spec)


_worker_org: Organization | None = None


def _init_worker(org_dir: str) -> None:
    global _worker_org
    _worker_org = Organization(Path(org_dir))


def _verify_in_worker(path: str) -> PackageReport:
    assert _worker_org is not None
    report = verify_one(path, _worker_org)
    return PackageReport(report.path, report.ok, report.message, report.document, report.score_sha256, None)


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a folder stands for the *.rvs files in it (sorted)."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        found.extend(sorted(path.glob(f"*{packages.SUFFIX}")) if path.is_dir() else [path])
    return found


def verify_all(paths: Sequence[str | Path], org_dir: Path, *, jobs: int | None = None) -> list[PackageReport]:
    """A report per package, in the order given.

    Byte-identical copies (the same SHA-256, e.g. a package handed in twice or copied into two
    folders) are verified once; the others on one worker process per core (spawned, so it
    works the same on Windows)."""
    org = Organization(org_dir)
    groups = _identical_copies(paths)
    unique = [group[0] for group in groups.values()]
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs <= 1 or len(unique) < PARALLEL_FROM:
        verdicts = [verify_one(p, org) for p in unique]
    else:
        verdicts = _verify_on_workers(unique, org, org_dir, jobs)
    by_path: dict[str, PackageReport] = {}
    for group, verdict in zip(groups.values(), verdicts, strict=True):
        for path in group:
            by_path[str(path)] = PackageReport(str(path), verdict.ok, verdict.message, verdict.document, verdict.score_sha256, verdict.spec)
    return [by_path[str(p)] for p in paths]


def _identical_copies(paths: Sequence[str | Path]) -> dict[str, list[str | Path]]:
    """Paths grouped by the SHA-256 of their bytes (first seen first); an unreadable file is its own group."""
    import hashlib

    groups: dict[str, list[str | Path]] = {}
    for index, path in enumerate(paths):
        try:
            with open(path, "rb") as handle:
                key = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            key = f"unreadable-{index}"  # verify_one words the refusal
        groups.setdefault(key, []).append(path)
    return groups


def _verify_on_workers(paths: Sequence[str | Path], org: Organization, org_dir: Path, jobs: int) -> list[PackageReport]:
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # no fork of a process that may run threads
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(str(org_dir),)) as pool:
        reports = list(pool.map(_verify_in_worker, [str(p) for p in paths], chunksize=max(1, len(paths) // (jobs * 8))))
    specs = {}
    for report in reports:
        if report.ok and report.document is not None:
            bundle_id = report.document.bundle.bundle_id
            if bundle_id not in specs:
                record = org.record(bundle_id)
                specs[bundle_id] = record.spec if record else None
    return [PackageReport(r.path, r.ok, r.message, r.document, r.score_sha256, specs.get(r.document.bundle.bundle_id) if r.document else None) for r in reports]
