"""The two JSON documents of a bundle: `bundle.json` (outer, in clear) and the inner manifest.

Both are signed by the organization (bundle.json through SHA256SUMS, the manifest by its own
detached CMS signature inside the encrypted payload). Field-by-field meaning: docs/formats.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reviewer_app.bundle import layout
from reviewer_app.bundle.errors import refuse
from reviewer_app.bundle.strictjson import Fields, dumps, format_time, is_fingerprint, loads
from reviewer_app.errors import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # imported where a manifest is read or written: `verify` without a key never needs it
    from reviewer_app import rubric

ALGORITHM = "ecdsa-p256-sha256"


@dataclass(frozen=True)
class Window:
    """When the bundle may be opened: valid_from <= now <= valid_until."""

    valid_from: dt.datetime
    valid_until: dt.datetime

    def to_data(self) -> dict[str, str]:
        return {"valid_from": format_time(self.valid_from), "valid_until": format_time(self.valid_until)}

    @staticmethod
    def from_fields(f: Fields) -> Window:
        window = Window(f.timestamp("valid_from"), f.timestamp("valid_until"))
        if window.valid_until <= window.valid_from:
            f.fail("ends before it starts")
        return window


@dataclass(frozen=True)
class MemberEntry:
    name: str
    size: int
    crc32: int
    role: str


@dataclass(frozen=True)
class BundleInfo:
    """bundle.json: what anyone can read about a bundle without a key."""

    bundle_id: str
    issued_at: dt.datetime
    organization_name: str
    organization_fingerprint: str
    window: Window
    recipients: tuple[str, ...]
    session_passphrase: bool
    members: tuple[MemberEntry, ...]
    format_version: int = layout.FORMAT_VERSION
    algorithm: str = ALGORITHM

    def to_json(self) -> bytes:
        return dumps(
            {
                "format": layout.FORMAT,
                "format_version": self.format_version,
                "algorithm": self.algorithm,
                "bundle_id": self.bundle_id,
                "issued_at": format_time(self.issued_at),
                "organization": {"name": self.organization_name, "fingerprint": self.organization_fingerprint},
                "review_window": self.window.to_data(),
                "recipients": list(self.recipients),
                "session_passphrase": self.session_passphrase,
                "members": [{"name": m.name, "size": m.size, "crc32": m.crc32, "role": m.role} for m in self.members],
            }
        )


BUNDLE_KEYS = (
    "format", "format_version", "algorithm", "bundle_id", "issued_at", "organization",
    "review_window", "recipients", "session_passphrase", "members",
)  # fmt: skip


def check_format(f: Fields, expected_format: str) -> int:
    """Refuse another kind of document or an unknown version, before looking at anything else;
    the version."""
    if f.data.get("format") != expected_format:
        f.fail(f"is not a {expected_format} document")
    version = f.data.get("format_version")
    if type(version) is not int:
        f.fail("has no format version")
    if version not in layout.READABLE_VERSIONS:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "This bundle uses format version {version}, which this version of the app cannot read; please update the app."),
            version=version,
        )
    return version


def parse_bundle_info(data: bytes) -> BundleInfo:
    f = Fields(loads(data, layout.BUNDLE_JSON), layout.BUNDLE_JSON)
    version = check_format(f, layout.FORMAT)
    f = Fields(f.data, layout.BUNDLE_JSON, keys=BUNDLE_KEYS)
    if f.text("algorithm") != ALGORITHM:
        f.fail(f"uses the algorithm {f.text('algorithm')!r}, not {ALGORITHM!r}")
    organization = f.obj("organization", ("name", "fingerprint"))
    recipients = f.texts("recipients")
    for index, value in enumerate(recipients):
        if not is_fingerprint(value):
            f.fail("is not a certificate fingerprint", f"recipients[{index}]")
    if len(set(recipients)) != len(recipients):
        f.fail("lists a recipient twice", "recipients")
    members = tuple(
        MemberEntry(m.text("name"), m.integer("size"), m.integer("crc32"), m.text("role"))
        for m in f.objects("members", ("name", "size", "crc32", "role"))
    )
    return BundleInfo(
        bundle_id=_bundle_id(f),
        issued_at=f.timestamp("issued_at"),
        organization_name=organization.text("name", nonempty=True),
        organization_fingerprint=organization.fingerprint("fingerprint"),
        window=Window.from_fields(f.obj("review_window", ("valid_from", "valid_until"))),
        recipients=tuple(recipients),
        session_passphrase=f.boolean("session_passphrase"),
        members=members,
        format_version=version,
    )


def _bundle_id(f: Fields) -> str:
    value = f.text("bundle_id")
    if not (8 <= len(value) <= 64 and all(c.isalnum() or c == "-" for c in value) and value.isascii()):
        f.fail("must be 8 to 64 letters, digits or '-'", "bundle_id")
    return value


# --- the inner manifest -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewInfo:
    title: str
    authority: str
    organization: str
    session_date: str  # ISO date of the review session, or "" when not fixed yet
    location: str
    window: Window


@dataclass(frozen=True)
class ApplicationInfo:
    id: str
    title: str
    applicant: str


@dataclass(frozen=True)
class PanelMember:
    fingerprint: str
    name: str
    field: str


@dataclass(frozen=True)
class Material:
    """One document of the application, stored encrypted as `member`.

    Its signed digest depends on the bundle's format version (docs/formats.md §4): version 1
    gives the plaintext's SHA-256 (`plaintext_sha256`; `member_sha256` is ""), version 2 the
    SHA-256 of the whole age member as SHA256SUMS lists it (`member_sha256`; `plaintext_sha256`
    is "")."""

    id: str
    title: str
    file_name: str
    media_type: str
    size: int
    member: str
    plaintext_sha256: str = ""
    member_sha256: str = ""


MEDIA_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".txt": "text/plain"}


@dataclass(frozen=True)
class Manifest:
    bundle_id: str
    issued_at: dt.datetime
    organization_name: str
    organization_fingerprint: str
    review: ReviewInfo
    application: ApplicationInfo
    panel: tuple[PanelMember, ...]
    spec: rubric.ReviewSpec
    materials: tuple[Material, ...]
    # Who can read a returned score package (DESIGN §8 "Confidential packages"): the
    # organization's age recipient first, then each panel member's. Empty in older bundles.
    package_recipients: tuple[str, ...] = ()
    # The panel leader (专家组组长) the organization named at sealing (`seal --leader`): one
    # panel member's fingerprint, or "" when the panel chooses its leader on the day.
    leader: str = ""
    # Version 2 (what `seal` writes) lists each material's member digest, version 1 its
    # plaintext digest; bundle.json must say the same version.
    format_version: int = layout.FORMAT_VERSION

    def leader_member(self) -> PanelMember | None:
        return next((p for p in self.panel if p.fingerprint == self.leader), None) if self.leader else None

    def to_json(self) -> bytes:
        from reviewer_app import rubric

        data: dict[str, Any] = {
            "format": layout.MANIFEST_FORMAT,
            "format_version": self.format_version,
            "algorithm": ALGORITHM,
            "bundle_id": self.bundle_id,
            "issued_at": format_time(self.issued_at),
            "organization": {"name": self.organization_name, "fingerprint": self.organization_fingerprint},
            "review": {
                "title": self.review.title,
                "authority": self.review.authority,
                "organization": self.review.organization,
                "session_date": self.review.session_date,
                "location": self.review.location,
                **self.review.window.to_data(),
            },
            "application": {"id": self.application.id, "title": self.application.title, "applicant": self.application.applicant},
            "panel": [{"fingerprint": p.fingerprint, "name": p.name, "field": p.field} for p in self.panel],
            **rubric.to_data(self.spec),
            "materials": [
                {
                    "id": m.id,
                    "title": m.title,
                    "file_name": m.file_name,
                    "media_type": m.media_type,
                    "size": m.size,
                    **({"sha256": m.plaintext_sha256} if self.format_version == 1 else {"member_sha256": m.member_sha256}),
                    "member": m.member,
                }
                for m in self.materials
            ],
        }
        if self.package_recipients:
            data["package_recipients"] = list(self.package_recipients)
        if self.leader:
            data["leader"] = self.leader
        return dumps(data)


MANIFEST_DOCUMENT = "inner manifest"


def _manifest_keys() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The inner manifest's required and optional keys."""
    from reviewer_app import rubric

    required = (
        "format", "format_version", "algorithm", "bundle_id", "issued_at", "organization", "review", "application", "panel",
        *(key for key in rubric.SPEC_KEYS if key not in rubric.OPTIONAL_SPEC_KEYS), "materials",
    )  # fmt: skip
    return required, ("package_recipients", "leader", *rubric.OPTIONAL_SPEC_KEYS)


def parse_manifest(data: bytes) -> Manifest:
    f = Fields(loads(data, MANIFEST_DOCUMENT), MANIFEST_DOCUMENT)
    version = check_format(f, layout.MANIFEST_FORMAT)
    required, optional_keys = _manifest_keys()
    optional = tuple(key for key in optional_keys if key in f.data)
    f = Fields(f.data, MANIFEST_DOCUMENT, keys=required + optional)
    if f.text("algorithm") != ALGORITHM:
        f.fail(f"uses the algorithm {f.text('algorithm')!r}, not {ALGORITHM!r}")
    organization = f.obj("organization", ("name", "fingerprint"))
    review = f.obj("review", ("title", "authority", "organization", "session_date", "location", "valid_from", "valid_until"))
    application = f.obj("application", ("id", "title", "applicant"))
    panel = tuple(PanelMember(p.fingerprint("fingerprint"), p.text("name"), p.text("field")) for p in f.objects("panel", ("fingerprint", "name", "field")))
    return Manifest(
        bundle_id=_bundle_id(f),
        issued_at=f.timestamp("issued_at"),
        organization_name=organization.text("name", nonempty=True),
        organization_fingerprint=organization.fingerprint("fingerprint"),
        review=ReviewInfo(
            title=review.text("title", nonempty=True),
            authority=review.text("authority"),
            organization=review.text("organization"),
            session_date=review.text("session_date"),
            location=review.text("location"),
            window=Window.from_fields(review),
        ),
        application=ApplicationInfo(application.text("id", nonempty=True), application.text("title", nonempty=True), application.text("applicant")),
        panel=panel,
        spec=_spec(f),
        materials=tuple(_material(m, version) for m in f.objects("materials", ("id", "title", "file_name", "media_type", "size", _digest_key(version), "member"))),
        package_recipients=_package_recipients(f) if "package_recipients" in optional else (),
        leader=_leader(f, panel) if "leader" in optional else "",
        format_version=version,
    )


def _leader(f: Fields, panel: tuple[PanelMember, ...]) -> str:
    value = f.fingerprint("leader")
    if value not in {p.fingerprint for p in panel}:
        f.fail("is not a member of the panel", "leader")
    return value


def _package_recipients(f: Fields) -> tuple[str, ...]:
    import pyrage

    values = f.texts("package_recipients")
    if not values or len(set(values)) != len(values):
        f.fail("must list distinct age recipients", "package_recipients")
    for index, value in enumerate(values):
        try:
            canonical = str(pyrage.x25519.Recipient.from_str(value))
        except (pyrage.RecipientError, ValueError):
            canonical = ""
        if canonical != value:
            f.fail("is not an age X25519 recipient", f"package_recipients[{index}]")
    return tuple(values)


def _spec(f: Fields) -> rubric.ReviewSpec:
    from reviewer_app import rubric

    try:
        return rubric.load({key: f.data[key] for key in rubric.SPEC_KEYS if key in f.data})
    except rubric.SpecInvalid as exc:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "The rubric in this bundle is not valid: {problem} ({count} problem(s) in all)."),
            problem=exc.problems[0].rstrip("."),
            count=len(exc.problems),
        ) from None


def _digest_key(version: int) -> str:
    """A material's digest field: the plaintext's `sha256` in version 1, the member's `member_sha256` since."""
    return "sha256" if version == 1 else "member_sha256"


def _material(m: Fields, version: int) -> Material:
    digest = m.sha256(_digest_key(version))
    material = Material(
        id=m.text("id", nonempty=True),
        title=m.text("title", nonempty=True),
        file_name=m.text("file_name", nonempty=True),
        media_type=m.text("media_type", nonempty=True),
        size=m.integer("size"),
        member=m.text("member"),
        plaintext_sha256=digest if version == 1 else "",
        member_sha256=digest if version != 1 else "",
    )
    if material.media_type not in MEDIA_TYPES.values():
        m.fail(f"has the unsupported media type {material.media_type!r}", "media_type")
    if layout.role_of(material.member) != layout.ROLE_MATERIAL:
        m.fail("does not name a material member", "member")
    if "/" in material.file_name or "\\" in material.file_name or material.file_name in (".", ".."):
        m.fail("must be a plain file name", "file_name")
    return material
