"""Shared material for the export, package, org-verify, aggregate and hostile-package tests.

Everything is derived from the session's demo world (`demo_world_dir`, built once by
conftest, which now includes `packages/` and `org/sealed/`). Keys are read once per session
(PBKDF2 is slow on purpose); identities that are not enrolled are made without PKCS#12.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
import pytest
from asn1crypto import core as asn1_core
from cryptography import x509

from reviewer_app import cms, identity, keys
from reviewer_app.bundle import open_bundle
from reviewer_app.bundle.zipformat import CanonicalZipWriter
from reviewer_app.export import package as packages
from reviewer_app.export import score_json
from reviewer_app.services import signing as revisions
from reviewer_app.org import demo_content, demo_scores
from reviewer_app.org.demo import PASSPHRASE_FILE
from reviewer_app.review.state import ConflictAnswer

CHINA = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class Signer:
    """An expert able to sign: the public identity, the key and an age identity for storage."""

    unlocked: identity.UnlockedIdentity

    @property
    def public(self) -> identity.PublicIdentity:
        return self.unlocked.public

    @property
    def certificate(self) -> x509.Certificate:
        return self.unlocked.certificate

    @property
    def private_key(self) -> Any:
        return self.unlocked.private_key

    @property
    def fingerprint(self) -> str:
        return self.unlocked.fingerprint


@functools.cache
def demo_signer(world: Path, expert_id: str) -> Signer:
    """A demo expert, with their real signing key (read once) and a throw-away age identity."""
    folder = world / "experts" / expert_id
    public, private_key = identity.unlock_signing_key(folder, (folder / PASSPHRASE_FILE).read_text(encoding="utf-8").strip())
    age = pyrage.x25519.Identity.generate()
    public = identity.PublicIdentity(public.profile, public.certificate, public.fingerprint, str(age.to_public()))
    return Signer(identity.UnlockedIdentity(public, private_key, age))


def stranger(name: str = "陈志远", field: str = "技术", affiliation: str = "岭南理工大学") -> Signer:
    """Someone with a valid-looking identity who is not in the roster (same name even)."""
    private_key = keys.new_private_key()
    age = pyrage.x25519.Identity.generate()
    recipient = str(age.to_public())
    extension = x509.UnrecognizedExtension(identity.AGE_RECIPIENT_OID, asn1_core.UTF8String(recipient).dump())
    cert = keys.make_self_signed(private_key, name, affiliation, days=30, extra_extensions=[extension])
    profile = identity.ExpertProfile(name, field, affiliation, "教授")
    public = identity.PublicIdentity(profile, cert, keys.fingerprint(cert), recipient)
    return Signer(identity.UnlockedIdentity(public, private_key, age))


@functools.cache
def session_passphrase(world: Path) -> str:
    return (world / "bundles" / "SESSION_PASSPHRASE").read_text(encoding="utf-8").strip()


@functools.cache
def opened_bundle(world: Path, application_id: str) -> Any:
    org_cert = keys.load_certificate_file(world / "org" / keys.ORG_CERT_FILE)
    return open_bundle(world / "bundles" / f"{application_id}.rvb", [org_cert], session_passphrase=session_passphrase(world))


def expert_id_of(name: str) -> str:
    return next(e.id for e in demo_content.EXPERTS if e.name == name)


def demo_review(world: Path, application_id: str, expert_id: str) -> demo_scores.DemoReview:
    opened = opened_bundle(world, application_id)
    field = next(e.field for e in demo_content.EXPERTS if e.id == expert_id)
    title = next(a.title for a in demo_content.APPLICATIONS if a.id == application_id)
    return demo_scores.demo_review(opened.spec, opened.bundle_id, application_id, title, expert_id, field, dt.datetime.now(CHINA).replace(microsecond=0))


def fill_review(store: Any, bundle_id: str, state: Any) -> None:
    """Enter a review state (declarations, scores, vetoes, notes, opinion) into the store, as the
    expert's typing would."""
    reviews = store.reviews
    reviews.declare(bundle_id, ConflictAnswer.NONE, "", True, state.declarations.related)
    for criterion_id, entry in state.scores.items():
        reviews.set_score(bundle_id, criterion_id, entry.value)
        reviews.set_comment(bundle_id, criterion_id, entry.comment)
    for veto_id, entry in state.vetoes.items():
        reviews.set_veto(bundle_id, veto_id, entry.raised, entry.reason)
    for note in state.notes:
        reviews.add_note(bundle_id, note.question, note.answer, note.criteria, note.asked_at)
    reviews.set_opinion(bundle_id, state.opinion)
    reviews.set_recommendation(bundle_id, state.recommendation)


def build(world: Path, application_id: str, signer: Signer, state: Any, *, inspection: Any = None, attachments: Sequence[Any] = (), revision: score_json.Revision | None = None, kind: str = score_json.KIND_SCORE, edit: Any = None, self_check: bool = False) -> packages.BuiltPackage:
    """A package through the real export code; `edit(doc) -> doc` tampers before signing."""
    opened = opened_bundle(world, application_id)
    revision = revision or score_json.Revision(1, dt.datetime.now(CHINA).replace(microsecond=0))
    doc = revisions.build_document(opened, signer.public, state, revision=revision, inspection=inspection, attachments=list(attachments), kind=kind)
    if edit is not None:
        doc = edit(doc)
    return packages.make_package(
        doc, certificate=signer.certificate, private_key=signer.private_key, handwritten_png=demo_scores.signature_png(signer.public.profile.name),
        attachments=list(attachments), recommendations=revisions.recommendations_of(opened.spec), self_check=self_check,
    )  # fmt: skip


# --- raw package surgery -----------------------------------------------------------------------


def members_of(data: bytes) -> list[tuple[str, bytes]]:
    from reviewer_app.bundle.zipformat import read_layout

    handle = io.BytesIO(data)
    return [(m.name, data[m.data_offset : m.end_offset]) for m in read_layout(handle, len(data))]


def repack(members: Sequence[tuple[str, bytes]], signer: Signer | None = None, *, sums: bytes | None = None, signature: bytes | None = None) -> bytes:
    """A canonical package of `members` (without SHA256SUMS*): SUMS recomputed and signed by `signer`,
    or the given `sums`/`signature` bytes used as they are."""
    import hashlib

    content = [(n, d) for n, d in members if n not in (packages.SUMS, packages.SUMS_SIGNATURE)]
    if sums is None:
        sums = "".join(f"{hashlib.sha256(d).hexdigest()}  {n}\n" for n, d in content).encode("ascii")
    if signature is None:
        assert signer is not None
        signature = cms.sign_detached(sums, signer.certificate, signer.private_key)
    buffer = io.BytesIO()
    writer = CanonicalZipWriter(buffer)
    for name, data in content:
        writer.add(name, data)
    writer.add(packages.SUMS, sums)
    writer.add(packages.SUMS_SIGNATURE, signature)
    writer.finish()
    return buffer.getvalue()


def flip(data: bytes, offset: int) -> bytes:
    return data[:offset] + bytes([data[offset] ^ 0x01]) + data[offset + 1 :]


def member_offset(data: bytes, name: str) -> tuple[int, int]:
    from reviewer_app.bundle.zipformat import read_layout

    member = next(m for m in read_layout(io.BytesIO(data), len(data)) if m.name == name)
    return member.data_offset, member.size


def raw_zip(entries: Sequence[tuple[str, bytes]], *, method: int = 0, extra_attributes: int = 0, made_by: int = 10) -> bytes:
    """A hand-built stored ZIP (for layouts the canonical writer refuses to make)."""
    from reviewer_app.bundle.zipformat import CENTRAL, CENTRAL_SIGNATURE, DOS_DATE, END, END_SIGNATURE, LOCAL, LOCAL_SIGNATURE

    out = bytearray()
    central = bytearray()
    for name, data in entries:
        encoded = name.encode("utf-8")
        crc = zlib.crc32(data)
        offset = len(out)
        out += LOCAL.pack(LOCAL_SIGNATURE, 10, 0, method, 0, DOS_DATE, crc, len(data), len(data), len(encoded), 0) + encoded + data
        central += CENTRAL.pack(CENTRAL_SIGNATURE, made_by, 10, 0, method, 0, DOS_DATE, crc, len(data), len(data), len(encoded), 0, 0, 0, 0, extra_attributes, offset) + encoded
    directory_offset = len(out)
    out += central
    out += END.pack(END_SIGNATURE, 0, 0, len(entries), len(entries), len(central), directory_offset, 0)
    return bytes(out)


@pytest.fixture(scope="session")
def world_dir(demo_world_dir: Path) -> Path:
    return demo_world_dir


@pytest.fixture(scope="session")
def demo_packages(demo_world_dir: Path) -> list[Path]:
    found = sorted((demo_world_dir / "packages").glob("*.rvs"))
    assert len(found) >= len(demo_content.EXPERTS) * len(demo_content.APPLICATIONS)
    return found


def package_of(world: Path, application_id: str, expert_id: str, revision: int = 1) -> Path:
    signer_fp = keys.fingerprint_hex(identity.load_public(world / "experts" / expert_id).fingerprint)[:8]
    matches = [p for p in (world / "packages").glob(f"*{application_id}-{signer_fp}-r{revision}.rvs")]
    assert len(matches) == 1, matches
    return matches[0]


@functools.cache
def org_age_identity(world: Path) -> Any:
    """The demo organization's age key (org/org-age.age, unlocked with org/PASSPHRASE)."""
    from reviewer_app.org import age_key

    return age_key.unlock(world / "org", (world / "org" / PASSPHRASE_FILE).read_text(encoding="utf-8").strip())


def plain(world: Path, path: Path) -> bytes:
    """The signed ZIP inside a demo package (the demo's packages are confidential: age-encrypted)."""
    return pyrage.decrypt(path.read_bytes(), [org_age_identity(world)])


def plain_of(world: Path, application_id: str, expert_id: str, revision: int = 1) -> bytes:
    return plain(world, package_of(world, application_id, expert_id, revision))


def org_passphrase_args(world_or_org: Path) -> list[str]:
    """The CLI option that lets verify/aggregate open confidential packages."""
    org = world_or_org if (world_or_org / PASSPHRASE_FILE).is_file() else world_or_org / "org"
    return ["--passphrase-file", str(org / PASSPHRASE_FILE)]
