"""`reviewer-org verify`: is each returned score package sound and an answer we asked for?

For every package, in this order (the first fault is reported, as one sentence):
1. the package itself (export.package.read_package): canonical ZIP, SHA256SUMS signed (CMS)
   by a certificate pinned in the roster, every member's digest, score.json well-formed and
   naming the signer, attachments as listed, the PDF's PAdES signature by the same
   certificate over the whole file, the PDF made for this score.json;
2. the expert: the roster card of the signer names the same person and field;
3. the bundle: the organization recorded sealing it (ORG/sealed/, see org/sealed.py) with the
   same SHA-256 of SHA256SUMS, for the same application and organization, and the expert was
   on its panel as sealed (also when the bundle opens with the session passphrase);
4. the time: signed after the bundle was issued and inside its review window (else refused, or
   with `accept_out_of_window` counted and flagged), while the expert's certificate was valid
   (so an expired certificate still verifies what it signed in time), and before any
   revocation of the expert took effect;
5. completeness against the recorded rubric (score_json.check_answers): every criterion of the
   expert's field scored on its step, comments where required, vetoes and recommendation
   valid, declarations made; a recusal must declare the conflict with a reason.

Across the packages given (`check_chains`): every amendment names the exact previous revision
(its number and the SHA-256 of its score.json) and that revision is among the packages, and
lists exactly what it changed against it (score_json.check_changes); two different packages with the same revision from one expert are a conflict (a stolen key?).

Many packages are checked on several processes (`jobs`), each loading the roster once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyrage

from reviewer_app import keys
from reviewer_app.errors import QT_TRANSLATE_NOOP, Translate, UserFacingError
from reviewer_app.export import confidential
from reviewer_app.export import package as packages
from reviewer_app.export import score_json
from reviewer_app.export.errors import PackageSignerUntrusted, refuse
from reviewer_app.export.score_json import ScoreDocument
from reviewer_app.org import roster
from reviewer_app.org import sealed as ledger
from reviewer_app.org import verdicts
from reviewer_app.org.conflicts import declared_relations

PARALLEL_FROM = 48
MAX_ENCRYPTED_BYTES = (4 << 30) + (1 << 20)  # a package below 4 GiB plus age's overhead
INTERNAL = "The package could not be checked because of an error in this toolkit; please report it"  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class Sentence:
    """A refusal or flag kept as template and parameters (it crosses process boundaries), so
    that the command line shows it in English and the report in Chinese."""

    template: str
    params: tuple[tuple[str, object], ...] = ()

    @staticmethod
    def of(error: UserFacingError) -> Sentence:
        return Sentence(error.template, tuple(error.params.items()))

    def text(self, translate: Translate | None = None) -> str:
        return UserFacingError(self.template, **dict(self.params)).message(translate)


@dataclass(frozen=True)
class PackageReport:
    """The verdict on one package; `document` is set only when it is sound."""

    path: str
    ok: bool
    message: str
    document: ScoreDocument | None = None
    score_sha256: str = ""
    spec: object | None = field(default=None, repr=False, compare=False)  # rubric.ReviewSpec of the bundle
    flags: tuple[Sentence, ...] = ()  # counted, but to be looked at (signed outside the review window)
    error: Sentence | None = field(default=None, repr=False, compare=False)  # why it was refused
    conflict: bool = False  # one of two different packages with the same revision from one expert
    file_sha256: str = ""  # of the file as handed in (the package index of the report lists it)

    @property
    def file_name(self) -> str:
        """What reports show: the file's name, never a local path."""
        return Path(self.path).name

    def reason(self, translate: Translate | None = None) -> str:
        return self.error.text(translate) if self.error is not None else self.message

    def flag_texts(self, translate: Translate | None = None) -> tuple[str, ...]:
        return tuple(flag.text(translate) for flag in self.flags)

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
    """What verification needs from the organization folder, loaded once: roster, revocations, ledger.

    A damaged roster card is skipped (`skipped_cards` names it); it never stops the others."""

    def __init__(self, org_dir: Path, *, accept_out_of_window: bool = False, age_identity: object | None = None) -> None:
        self.org_dir = Path(org_dir)
        self.accept_out_of_window = accept_out_of_window
        self.age_identity = age_identity  # opens confidential packages (org/age_key.py)
        if not self.org_dir.is_dir():
            raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The organization folder {folder} does not exist."), folder=str(org_dir))
        cards, self.skipped_cards = roster.usable_cards(self.org_dir)
        self.cards = {card.fingerprint: card for card in cards}
        self.revocations = roster.revocations(self.org_dir)
        if not self.cards:
            raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "No expert is enrolled in {folder}, so no package can be trusted."), folder=str(org_dir))
        self.certificates = [card.certificate for card in self.cards.values()]
        self._records: dict[str, ledger.SealedRecord | None] = {}
        self._roster_state: str | None = None
        self._states: dict[str, str] = {}

    def record(self, bundle_id: str) -> ledger.SealedRecord | None:
        if bundle_id not in self._records:
            self._records[bundle_id] = ledger.load_record(self.org_dir, bundle_id)
        return self._records[bundle_id]

    def state(self, bundle_id: str) -> str:
        """A digest of everything a package's verdict depends on besides its own bytes: the
        checking code, the out-of-window setting, the roster and revocations, and the
        organization's record of the bundle (see org/verdicts.py)."""
        if self._roster_state is None:
            digest = hashlib.sha256(_checks_version() + bytes([self.accept_out_of_window]))
            for folder in (roster.ROSTER_DIR, roster.REVOKED_DIR):
                for path in sorted((self.org_dir / folder).glob("*")) if (self.org_dir / folder).is_dir() else ():
                    digest.update(path.name.encode("utf-8") + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
            self._roster_state = digest.hexdigest()
        if bundle_id not in self._states:
            self._states[bundle_id] = hashlib.sha256(f"{self._roster_state}\0{bundle_id}\0".encode() + self._record_bytes(bundle_id)).hexdigest()
        return self._states[bundle_id]

    def _record_bytes(self, bundle_id: str) -> bytes:
        """The record of the bundle as stored, b"" without one: hashed, not parsed (a verdict taken
        again then costs no parsing of the bundle's rubric; a record changed since, damaged or
        not, changes the state)."""
        path = ledger.record_path(self.org_dir, bundle_id)
        try:
            return path.read_bytes() if path is not None else b""
        except OSError:
            return b""


_CHECKING_MODULES = ("reviewer_app.org.verify_packages", "reviewer_app.export.package", "reviewer_app.export.pdf_sign", "reviewer_app.export.sheet_check",
                     "reviewer_app.export.score_json", "reviewer_app.cms", "reviewer_app.bundle.zipformat", "reviewer_app.rubric")


def _checks_version() -> bytes:
    """The app's version and the source of the modules that check a package (when the source is
    at hand; a frozen build has its version only), so that a changed check voids old verdicts."""
    import importlib

    from reviewer_app import __version__

    digest = hashlib.sha256(__version__.encode())
    for name in _CHECKING_MODULES:
        try:
            digest.update(Path(importlib.import_module(name).__file__ or "").read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.digest()


def _same_field(doc: ScoreDocument, enrolled: str, spec: object) -> bool:
    if doc.expert.field == enrolled:
        return True
    resolved = spec.field_named(enrolled) if spec is not None else None  # type: ignore[attr-defined]
    return resolved is not None and resolved.id == doc.expert.field_id and doc.expert.field in (resolved.id, resolved.title)


def _check_time(doc: ScoreDocument, card: object, record: ledger.SealedRecord, org: Organization) -> tuple[Sentence, ...]:
    """Refuse a signature made at a time the organization cannot accept; the flags of one it accepts."""
    signed_at = doc.revision.signed_at
    who = doc.expert.name
    certificate = card.certificate  # type: ignore[attr-defined]
    if not certificate.not_valid_before_utc <= signed_at <= certificate.not_valid_after_utc:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "{name} signed on {signed}, when the certificate was not valid (valid from {start} to {end})."),
            name=who, signed=_when(signed_at), start=_when(certificate.not_valid_before_utc), end=_when(certificate.not_valid_after_utc),
        )  # fmt: skip
    revocation = org.revocations.get(doc.expert.fingerprint)
    if revocation is not None and signed_at >= revocation.effective_from:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "{name} signed on {signed}, after the organization revoked this expert from {start} ({reason})."),
            name=who, signed=_when(signed_at), start=_when(revocation.effective_from), reason=revocation.reason,
        )  # fmt: skip
    if signed_at < record.issued_at:
        fault = UserFacingError(
            QT_TRANSLATE_NOOP("Errors", "{name} signed on {signed}, before bundle {bundle_id} was issued ({start})."),
            name=who, signed=_when(signed_at), bundle_id=record.bundle_id, start=_when(record.issued_at),
        )  # fmt: skip
    elif record.window is None:
        fault = UserFacingError(
            QT_TRANSLATE_NOOP("Errors", "The organization's record of bundle {bundle_id} keeps no review window (it was made by an older version), so the signing time of {name} cannot be checked."),
            bundle_id=record.bundle_id, name=who,
        )  # fmt: skip
    elif not record.window.valid_from <= signed_at <= record.window.valid_until:
        fault = UserFacingError(
            QT_TRANSLATE_NOOP("Errors", "{name} signed on {signed}, outside the review window of bundle {bundle_id} ({start} to {end})."),
            name=who, signed=_when(signed_at), bundle_id=record.bundle_id, start=_when(record.window.valid_from), end=_when(record.window.valid_until),
        )  # fmt: skip
    else:
        return ()
    if not org.accept_out_of_window:
        raise refuse(fault.template, **fault.params)
    return (Sentence.of(fault),)


def _when(moment: dt.datetime) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")


def check(source: Path | bytes, org: Organization) -> tuple[packages.VerifiedPackage, ledger.SealedRecord]:
    """Verify one package for `org`; PackageRefused (or another UserFacingError) on the first fault."""
    verified, record, _ = check_flagged(source, org)
    return verified, record


def check_flagged(source: Path | bytes, org: Organization) -> tuple[packages.VerifiedPackage, ledger.SealedRecord, tuple[Sentence, ...]]:
    """`check`, plus the flags of a package accepted only because the organization said so."""
    try:
        verified = packages.read_package(source, org.certificates)
    except PackageSignerUntrusted as exc:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "The package was signed by an expert who is not in the roster (certificate fingerprint {fingerprint})."), **exc.params
        ) from None
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
    if record.member(verified.signer_fingerprint) is None:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "{name} (certificate {fingerprint}) is not on the panel the organization sealed bundle {bundle_id} for."),
            name=doc.expert.name, fingerprint=keys.format_fingerprint(verified.signer_fingerprint), bundle_id=doc.bundle.bundle_id,
        )  # fmt: skip
    if not _same_field(doc, card.profile.field, record.spec):
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "The package gives the expert's field as {field}, but the roster enrolled {name} for {enrolled}."),
            field=doc.expert.field,
            name=card.profile.name,
            enrolled=card.profile.field,
        )
    flags = _check_time(doc, card, record, org) + tuple(Sentence(t, tuple(p.items())) for t, p in declared_relations(doc))
    score_json.check_answers(doc, record.spec)
    return verified, record, flags


def open_package(path: Path, org: Organization) -> Path | bytes:
    """What read_package checks: the file itself (a plain v1 package), or the signed ZIP inside
    a confidential one, decrypted in memory with the organization's age key."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(confidential.AGE_MAGIC))
    except OSError:
        return path  # read_package names the fault
    if not confidential.is_encrypted(head):
        return path
    if path.stat().st_size > MAX_ENCRYPTED_BYTES:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The file is larger than 4 GiB, which no score package is."))
    return confidential.decrypt(path.read_bytes(), [org.age_identity] if org.age_identity is not None else [])


def verify_one(path: str | Path, org: Organization) -> PackageReport:
    try:
        verified, record, flags = check_flagged(open_package(Path(path), org), org)
    except UserFacingError as exc:
        return PackageReport(str(path), False, exc.message(), error=Sentence.of(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the check of the others
        return PackageReport(str(path), False, f"{INTERNAL} ({type(exc).__name__}: {exc})")
    report = PackageReport(str(path), True, "", verified.document, verified.score_sha256, record.spec, flags)
    return PackageReport(report.path, True, report.describe(), report.document, report.score_sha256, record.spec, flags)


def remembered(path: str | Path, verdict: verdicts.Verdict, org: Organization, *, spec: bool = True) -> PackageReport | None:
    """The report on a file `verify` found sound (the same SHA-256) under the same state, from
    its score.json alone; None when the verdict does not apply (then it is checked in full).
    The state covers the bundle's record byte for byte, so it is parsed only for its rubric
    (`spec`; workers leave that to the parent)."""
    try:
        json_bytes = packages.read_score_json(open_package(Path(path), org))
        if hashlib.sha256(json_bytes).hexdigest() != verdict.score_sha256:
            return None
        doc = score_json.parse(json_bytes)
    except UserFacingError:
        return None
    if doc.bundle.bundle_id != verdict.bundle_id or org.state(verdict.bundle_id) != verdict.state:
        return None
    record = org.record(doc.bundle.bundle_id) if spec else None
    if spec and record is None:
        return None
    flags = tuple(Sentence(template, params) for template, params in verdict.flags)
    report = PackageReport(str(path), True, "", doc, verdict.score_sha256, record.spec if record is not None else None, flags)
    return dataclasses.replace(report, message=report.describe())


def lean(doc: ScoreDocument, shared: dict) -> ScoreDocument:
    """What `aggregate` reads of a sound package: the document without the texts none of its
    outputs shows (criterion comments and bands, defense notes, the opinion, the declarations'
    wording, attachments, inspection items without a discrepancy), its equal parts (criteria,
    vetoes, names, references) shared through `shared`: about a tenth of the memory (10,000
    packages: 15 KB -> 1.7 KB each). `check_chains` reads an amendment's documents whole again."""

    def one(value):  # noqa: ANN001, ANN202 - frozen, hashable parts; numbers are floats, no datetime inside
        return shared.setdefault(value, value)

    sections = tuple(
        one(dataclasses.replace(section, id=one(section.id), title=one(section.title), criteria=tuple(
            one(dataclasses.replace(c, id=one(c.id), title=one(c.title), band="", comment="")) for c in section.criteria
        )))
        for section in doc.sections
    )  # fmt: skip
    inspection = doc.inspection
    if inspection is not None:
        inspection = dataclasses.replace(inspection, site_notes="", items=tuple(item for item in inspection.items if item.discrepancy))
    return dataclasses.replace(
        doc, kind=one(doc.kind), generator=one(doc.generator), bundle=one(doc.bundle), review=one(doc.review), application=one(doc.application),
        expert=one(doc.expert), declarations=dataclasses.replace(doc.declarations, conflict_text="", confidentiality_text=""), sections=sections,
        vetoes=tuple(one(v) for v in doc.vetoes), notes=(), inspection=inspection, opinion="", recommendation_title=one(doc.recommendation_title), attachments=(),
    )  # fmt: skip


def _full_document(report: PackageReport, org: Organization) -> ScoreDocument:
    """The whole document of a package kept lean, read again from its file (an amendment's
    changes are checked against everything); refused when the file no longer holds it."""
    try:
        json_bytes = packages.read_score_json(open_package(Path(report.path), org))
    except OSError:  # gone since it was checked
        json_bytes = b""
    if hashlib.sha256(json_bytes).hexdigest() != report.score_sha256:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The package file changed while it was being checked."))
    return score_json.parse(json_bytes)


def _check(path: str | Path, file_sha256: str, org: Organization, known: dict[str, verdicts.Verdict], shared: dict | None = None, *, spec: bool = True) -> PackageReport:
    """The report on one file; its document made lean (`lean`) when `shared` is given."""
    verdict = known.get(file_sha256)
    report = remembered(path, verdict, org, spec=spec) if verdict is not None else None
    report = report if report is not None else verify_one(path, org)
    if shared is not None and report.document is not None:
        report = dataclasses.replace(report, document=lean(report.document, shared))
    return report


_worker_org: Organization | None = None
_worker_known: dict[str, verdicts.Verdict] = {}
_worker_lean = False


def _init_worker(org_dir: str, accept_out_of_window: bool, age_identity: str | None, known: dict[str, verdicts.Verdict], lean_documents: bool = False) -> None:
    global _worker_org, _worker_known, _worker_lean
    key = pyrage.x25519.Identity.from_str(age_identity) if age_identity else None
    _worker_org = Organization(Path(org_dir), accept_out_of_window=accept_out_of_window, age_identity=key)
    _worker_known = known
    _worker_lean = lean_documents


def _verify_batch(batch: list[tuple[str, str]]) -> list[PackageReport]:
    """Worker: a batch of (path, file SHA-256); reports without the rubric (the parent adds it).
    Lean documents share their equal parts within the batch (pickled once, shared when unpickled)."""
    assert _worker_org is not None
    shared: dict | None = {} if _worker_lean else None
    return [dataclasses.replace(_check(path, sha, _worker_org, _worker_known, shared, spec=False), spec=None) for path, sha in batch]


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a folder stands for the *.rvs files in it (sorted)."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        found.extend(sorted(path.glob(f"*{packages.SUFFIX}")) if path.is_dir() else [path])
    return found


def any_encrypted(paths: Sequence[str | Path]) -> bool:
    """Whether some of the files are confidential packages (then the organization's key is needed)."""
    for path in paths:
        try:
            with open(path, "rb") as handle:
                if confidential.is_encrypted(handle.read(len(confidential.AGE_MAGIC))):
                    return True
        except OSError:
            continue
    return False


def verify_all(
    paths: Sequence[str | Path], org_dir: Path, *, jobs: int | None = None, accept_out_of_window: bool = False, age_identity: object | None = None,
    remember: bool = False, reuse: bool = False, lean_documents: bool = False,
) -> list[PackageReport]:  # fmt: skip
    """A report per package, in the order given; the revision chains checked across them.

    `remember` (reviewer-org verify): the sound packages' verdicts are written to the
    organization folder (org/verdicts.py); `reuse` (reviewer-org aggregate): a file verified
    before, byte for byte and under the same state, is taken from its score.json alone;
    `lean_documents`: the reports hold `lean` documents (what the commands read of them)."""
    org = Organization(org_dir, accept_out_of_window=accept_out_of_window, age_identity=age_identity)
    known = verdicts.load(org.org_dir, age_identity) if reuse else {}
    reports = _verify_each(paths, org, jobs, known, lean_documents)
    if remember:
        verdicts.save(org.org_dir, age_identity, {
            r.file_sha256: verdicts.Verdict(r.document.bundle.bundle_id, r.score_sha256, org.state(r.document.bundle.bundle_id), tuple((f.template, f.params) for f in r.flags))
            for r in reports if r.ok and r.document is not None and r.file_sha256
        })  # fmt: skip
    return check_chains(reports, (lambda report: _full_document(report, org)) if lean_documents else None)


def _verify_each(paths: Sequence[str | Path], org: Organization, jobs: int | None, known: dict[str, verdicts.Verdict] | None = None, lean_documents: bool = False) -> list[PackageReport]:
    """Byte-identical copies (the same SHA-256: a package handed in twice, or present in two
    folders) are verified once; the others on one spawned worker process per core (spawn works
    the same on Windows), in batches handed out while the files are still being hashed."""
    known = known or {}
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        groups = _identical_copies(paths)
        shared: dict | None = {} if lean_documents else None
        verdicts_by_key = {key: _check(group[0], key, org, known, shared) for key, group in groups.items()}
    else:
        groups, verdicts_by_key = _verify_on_workers(paths, org, jobs, known, lean_documents)
    by_path: dict[str, PackageReport] = {}
    for key, group in groups.items():
        for path in group:
            file_sha256 = key if not key.startswith(_UNREADABLE) else ""
            by_path[str(path)] = dataclasses.replace(verdicts_by_key[key], path=str(path), file_sha256=file_sha256)
    return [by_path[str(p)] for p in paths]


_UNREADABLE = "unreadable-"


def _file_sha256(path: str | Path, index: int) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return f"{_UNREADABLE}{index}"  # verify_one words the refusal


def _identical_copies(paths: Sequence[str | Path]) -> dict[str, list[str | Path]]:
    """Paths grouped by the SHA-256 of their bytes (first seen first); an unreadable file is its own group."""
    groups: dict[str, list[str | Path]] = {}
    for index, path in enumerate(paths):
        groups.setdefault(_file_sha256(path, index), []).append(path)
    return groups


def _verify_on_workers(
    paths: Sequence[str | Path], org: Organization, jobs: int, known: dict[str, verdicts.Verdict], lean_documents: bool = False
) -> tuple[dict[str, list[str | Path]], dict[str, PackageReport]]:
    """Hash the files here and hand distinct ones to the workers in batches (a few dozen
    packages an exchange, so that the results are few, small messages); the rubric of each
    bundle is added here, once per bundle."""
    import multiprocessing

    batch_size = max(4, min(256, len(paths) // (jobs * 16)))
    context = multiprocessing.get_context("spawn")  # no fork of a process that may run threads
    groups: dict[str, list[str | Path]] = {}
    futures = []
    age = str(org.age_identity) if org.age_identity is not None else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(str(org.org_dir), org.accept_out_of_window, age, known, lean_documents)) as pool:
        batch: list[tuple[str, str]] = []
        for index, path in enumerate(paths):
            key = _file_sha256(path, index)
            if key in groups:
                groups[key].append(path)
                continue
            groups[key] = [path]
            batch.append((str(path), key))
            if len(batch) == batch_size:
                futures.append(pool.submit(_verify_batch, batch))
                batch = []
        if batch:
            futures.append(pool.submit(_verify_batch, batch))
        reports = [report for future in futures for report in future.result()]
    specs: dict[str, object] = {}
    for report in reports:
        if report.ok and report.document is not None and report.document.bundle.bundle_id not in specs:
            record = org.record(report.document.bundle.bundle_id)
            specs[report.document.bundle.bundle_id] = record.spec if record else None
    with_specs = [dataclasses.replace(r, spec=specs.get(r.document.bundle.bundle_id) if r.document else None) for r in reports]
    return groups, dict(zip(groups, with_specs, strict=True))


# --- across packages: the revision chain and conflicts ----------------------------------------


def _refused(report: PackageReport, error: UserFacingError) -> PackageReport:
    return dataclasses.replace(report, ok=False, message=error.message(), document=None, error=Sentence.of(error))


def check_chains(reports: Sequence[PackageReport], full: Callable[[PackageReport], ScoreDocument] | None = None) -> list[PackageReport]:
    """Each amendment must name the exact previous revision, present among the packages; two
    different packages with the same revision from one expert are both marked as a conflict.
    `full`: a report's whole document, when the reports hold `lean` ones."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, report in enumerate(reports):
        if report.ok and report.document is not None:
            groups[(report.document.bundle.bundle_id, report.document.expert.fingerprint)].append(index)
    result = list(reports)
    for indices in groups.values():
        by_number: dict[int, dict[str, int]] = defaultdict(dict)  # revision -> score.json SHA-256 -> first index
        for index in indices:
            report = reports[index]
            by_number[report.document.revision.number].setdefault(report.score_sha256, index)  # type: ignore[union-attr]
        for number, variants in by_number.items():
            if len(variants) > 1:
                for index in variants.values():
                    report = result[index]
                    result[index] = dataclasses.replace(report, conflict=True, message=_conflict_message(report, number))
        accepted: dict[int, set[str]] = defaultdict(set)  # the links that held so far, revision by revision
        for index in sorted(indices, key=lambda i: reports[i].document.revision.number):  # type: ignore[union-attr]
            doc = reports[index].document
            assert doc is not None
            if doc.revision.number == 1:
                accepted[1].add(reports[index].score_sha256)
                continue
            previous = accepted.get(doc.revision.number - 1, set())
            if doc.revision.amends_number != doc.revision.number - 1:
                error = refuse(
                    QT_TRANSLATE_NOOP("Errors", "Revision {number} of {name} names revision {amends} as the one it amends instead of revision {previous}."),
                    number=doc.revision.number, name=doc.expert.name, amends=doc.revision.amends_number, previous=doc.revision.number - 1,
                )  # fmt: skip
            elif not previous:
                error = refuse(
                    QT_TRANSLATE_NOOP("Errors", "Revision {number} of {name} amends revision {previous}, which is not among the packages given."),
                    number=doc.revision.number, name=doc.expert.name, previous=doc.revision.number - 1,
                )  # fmt: skip
            elif doc.revision.amends_sha256 not in previous:
                error = refuse(
                    QT_TRANSLATE_NOOP("Errors", "Revision {number} of {name} names a revision {previous} that is not the one given (its score.json SHA-256 differs)."),
                    number=doc.revision.number, name=doc.expert.name, previous=doc.revision.number - 1,
                )  # fmt: skip
            elif (wrong := _wrong_changes(reports, indices, index, full)) is not None:
                error = wrong
            else:
                accepted[doc.revision.number].add(reports[index].score_sha256)
                continue
            result[index] = _refused(result[index], error)
    return result


def _wrong_changes(reports: Sequence[PackageReport], indices: list[int], index: int, full: Callable[[PackageReport], ScoreDocument] | None) -> UserFacingError | None:
    """An amendment's list of changes (old → new) must be what differs from the revision it names."""
    doc = reports[index].document
    assert doc is not None
    amended = next((reports[i] for i in indices if reports[i].score_sha256 == doc.revision.amends_sha256), None)
    if amended is None or amended.document is None:
        return None
    try:
        if full is None:
            score_json.check_changes(amended.document, doc)
        else:
            score_json.check_changes(full(amended), full(reports[index]))
    except UserFacingError as error:
        return error
    return None


def _conflict_message(report: PackageReport, number: int) -> str:
    doc = report.document
    assert doc is not None
    return f"CONFLICT: {doc.expert.name} signed two different packages as revision {number} for {doc.application.id} (was the key stolen?); neither is counted."
