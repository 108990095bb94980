"""Open a sealed bundle: verify everything first, then unlock, then read documents on demand.

1. `verify_outer` checks the canonical ZIP layout, the organization's CMS signature over
   SHA256SUMS (against pinned certificates only) and the SHA-256 of every member, streaming
   the file once with bounded memory, and only then parses bundle.json, whose signed member
   table must match the ZIP (names, sizes, CRC-32s).
2. `unlock_bundle` checks the review window and the recipients, decrypts the per-bundle age
   identity (with the expert's key, a session passphrase, or a key kept from earlier), then
   the inner manifest, checks its own organization signature, and validates the rubric.
3. `OpenedBundle.open_material` gives random access to one document: only the 64 KiB age
   chunks read are decrypted, each authenticated with its position (docs/formats.md §1.3), so
   a 1 GiB scan costs a few MiB. `check_material` decrypts a document as a stream (every
   chunk authenticated) and checks its size, and in a version-1 bundle its signed plaintext
   digest; `read_material` returns a small document whole.

Nothing is ever written to disk. Every refusal is a BundleRefused with one plain sentence;
pressing Cancel raises Cancelled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Callable, Sequence
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol, TypeVar, Union

from reviewer_app.bundle import layout
from reviewer_app.bundle.errors import BundleRefused, Cancelled, refuse
from reviewer_app.bundle.zipformat import Member, read_layout
from reviewer_app.checksum import crc32
from reviewer_app import sha256sums
from reviewer_app.errors import QT_TRANSLATE_NOOP

# The model, the rubric and the crypto libraries are imported where first needed: for a big
# bundle that happens on the signature thread while this one is already hashing, so a
# command-line check starts reading the file within milliseconds.
if TYPE_CHECKING:
    import pyrage
    from cryptography import x509

    from reviewer_app import rubric
    from reviewer_app.bundle.model import ApplicationInfo, BundleInfo, Manifest, Material, ReviewInfo, Window

_T = TypeVar("_T")
Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
TrustedCerts = Union[Sequence["x509.Certificate"], Callable[[], Sequence["x509.Certificate"]]]
CHUNK = 1 << 20  # 1 MiB: hashed while the copy is still in the CPU cache (4 MiB cost ~15 % more CPU)
_PARALLEL_FROM = 8 << 20  # below this, a helper thread costs more than it saves
CHANGED = QT_TRANSLATE_NOOP("Errors", "The file {member} was changed after the organization sealed the bundle.")


class ExpertKey(Protocol):
    """What the reader needs of identity.UnlockedIdentity."""

    @property
    def fingerprint(self) -> str: ...

    @property
    def age_identity(self) -> pyrage.x25519.Identity: ...


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle file whose every byte was found to be what the organization sealed."""

    path: Path
    file_size: int
    members: tuple[Member, ...]
    digests: dict[str, str] = field(compare=False, repr=False)
    sums_sha256: str
    info: BundleInfo
    organization: x509.Certificate = field(repr=False)

    @property
    def bundle_id(self) -> str:
        return self.info.bundle_id

    def member(self, name: str) -> Member:
        return next(m for m in self.members if m.name == name)


# --- step 1: verification ---------------------------------------------------------------------


def verify_outer(
    path: str | os.PathLike[str],
    trusted_org_certs: TrustedCerts,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    *,
    while_hashing: Callable[[VerifiedBundle], None] | None = None,
) -> VerifiedBundle:
    """Check structure, signature and every digest of the bundle at `path`; parse nothing before.

    `trusted_org_certs` may be a callable returning the certificates: it then runs on a helper
    thread together with the signature check, overlapping the hashing of the file.

    `while_hashing` (big bundles only; it is simply not called for small ones): called on that
    helper thread once the signature and every member but the documents are checked, with a
    VerifiedBundle whose document digests are still only the signed ones from SHA256SUMS. Work
    done there (unlocking, decrypting) overlaps the hashing of the documents; it must not raise,
    and its result counts only if verify_outer then returns.
    """
    path = Path(path)
    with _open_bundle_file(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        members = _io(path, lambda: read_layout(handle, size))
        sums_member, signature_member = _signature_members(members)
        sums = _io(path, lambda: _read_member(handle, sums_member))
        signature = _io(path, lambda: _read_member(handle, signature_member))
        to_hash = members[:-2]
        if sum(m.size for m in to_hash) < _PARALLEL_FROM:
            signer = _check_sums_signature(sums, signature, trusted_org_certs)
            digests = _io(path, lambda: _hash_members(handle, to_hash, size, progress, cancelled, lambda: False))
        else:
            # Big bundle: check the signature (and load certificates) on a helper thread while
            # this one hashes; stop hashing as soon as the signature is known to be bad.
            def check_signature() -> x509.Certificate:
                signer = _check_sums_signature(sums, signature, trusted_org_certs)
                if while_hashing is not None:
                    while_hashing(_verify_all_but_documents(path, size, members, sums, signature, signer))
                return signer

            check = _Background(check_signature)
            try:
                digests = _io(path, lambda: _hash_members(handle, to_hash, size, progress, cancelled, check.failed))
            except BaseException:
                check.wait()  # a refusal or Cancel from hashing wins; the helper just finishes
                raise
            signer = check.result()
    assert digests is not None  # hashing only stops early when the signature failed, which raised above
    verified = _check_digests_and_info(path, size, members, sums, signature, digests, signer)
    if progress:
        progress(size, size)
    return verified


def _check_digests_and_info(
    path: Path, size: int, members: list[Member], sums: bytes, signature: bytes, digests: dict[str, str], signer: x509.Certificate
) -> VerifiedBundle:
    """Everything after hashing: digests against SHA256SUMS, CRCs, bundle.json and its member table."""
    digests[layout.SUMS] = hashlib.sha256(sums).hexdigest()
    _check_against_sums(members, _parse_sums(sums), digests)
    bundle_json = _read_member_bytes(path, members, layout.BUNDLE_JSON, digests)
    _check_crc(members, {layout.SUMS: sums, layout.SUMS_SIGNATURE: signature, layout.BUNDLE_JSON: bundle_json})
    from reviewer_app.bundle.model import parse_bundle_info

    info = parse_bundle_info(bundle_json)
    _check_info(info, members, signer)
    return VerifiedBundle(path, size, tuple(members), digests, digests[layout.SUMS], info, signer)


def _verify_all_but_documents(
    path: Path, size: int, members: list[Member], sums: bytes, signature: bytes, signer: x509.Certificate
) -> VerifiedBundle:
    """The checks of verify_outer with the documents' digests taken from the signed SHA256SUMS
    instead of the bytes (the few small members are hashed here, on their own handle)."""
    small = [m for m in members[:-2] if layout.role_of(m.name) != layout.ROLE_MATERIAL]
    with _open_bundle_file(path) as handle:
        digests = _io(path, lambda: _hash_members(handle, small, size, None, None, lambda: False))
    assert digests is not None
    signed = {name: digest for digest, name in _parse_sums(sums)}
    for member in members[:-2]:
        digests.setdefault(member.name, signed.get(member.name, ""))
    return _check_digests_and_info(path, size, members, sums, signature, digests, signer)


class _Background:
    """Run `work` on a helper thread (concurrent.futures would cost the command-line check its logging import)."""

    def __init__(self, work: Callable[[], _T]) -> None:
        self._work = work
        self._value: object = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="bundle-signature", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as error:  # handed to the caller by result()
            self._error = error

    def failed(self) -> bool:
        return not self._thread.is_alive() and self._error is not None

    def wait(self) -> None:
        self._thread.join()

    def result(self):  # noqa: ANN201 - whatever `work` returned
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


def _open_bundle_file(path: Path) -> BinaryIO:
    cannot_read = QT_TRANSLATE_NOOP("Errors", "The bundle file {file} cannot be read: {reason}.")
    try:
        mode = os.stat(path).st_mode  # before opening: opening a FIFO would wait forever
    except OSError as exc:
        raise refuse(cannot_read, file=str(path), reason=exc.strerror or str(exc)) from None
    if stat.S_ISDIR(mode):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "{file} is a folder, not a bundle file."), file=str(path))
    if not stat.S_ISREG(mode):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "{file} is not a regular file, so it cannot be a bundle."), file=str(path))
    try:
        handle = open(path, "rb", buffering=0)  # noqa: SIM115 - returned to a with-block
    except OSError as exc:
        raise refuse(cannot_read, file=str(path), reason=exc.strerror or str(exc)) from None
    if hasattr(os, "posix_fadvise"):
        os.posix_fadvise(handle.fileno(), 0, 0, os.POSIX_FADV_SEQUENTIAL)
    return handle  # type: ignore[return-value]


def _io(path: Path, work: Callable[[], _T]) -> _T:
    """Run `work`, turning an I/O failure (USB stick pulled out) into a refusal."""
    try:
        return work()
    except OSError as exc:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The bundle file {file} cannot be read: {reason}."), file=str(path), reason=exc.strerror or str(exc)) from None


def _signature_members(members: list[Member]) -> tuple[Member, Member]:
    names = [m.name for m in members]
    for required in (layout.SUMS_SIGNATURE, layout.SUMS):
        if required not in names:
            raise refuse(
                QT_TRANSLATE_NOOP("Errors", "The bundle has no {member}, so nobody can tell whether the organization sealed it."),
                member=required,
            )
    position = names.index(layout.SUMS_SIGNATURE)
    if position != len(names) - 1:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "The bundle contains the member {member} after its signature: it was added after the organization sealed the bundle."),
            member=names[position + 1],
        )
    if names[-2] != layout.SUMS:
        raise _out_of_order()
    return members[-2], members[-1]


def _out_of_order() -> BundleRefused:
    return refuse(QT_TRANSLATE_NOOP("Errors", "The members of the bundle are not in the order the organization wrote them; the file was rearranged after sealing."))


def _read_member(handle: BinaryIO, member: Member) -> bytes:
    limit = layout.LIMITS.get(member.name)
    if limit is not None and member.size > limit:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "The bundle member {member} is {size} bytes long, more than the {limit} bytes such a member may have."),
            member=member.name,
            size=member.size,
            limit=limit,
        )
    handle.seek(member.data_offset)
    data = handle.read(member.size)
    if len(data) != member.size:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The bundle file is shorter than its own table of contents says; it may have been cut off while copying."))
    return data


def _check_sums_signature(sums: bytes, signature: bytes, trusted: TrustedCerts) -> x509.Certificate:
    from reviewer_app.bundle import model  # noqa: F401 - imported now so that it is ready after hashing
    from reviewer_app.bundle.signature import verify_signature

    certificates = trusted() if callable(trusted) else trusted
    return verify_signature(sums, signature, certificates, content_name=layout.SUMS, signature_name=layout.SUMS_SIGNATURE)


def _hash_members(
    handle: BinaryIO,
    members: Sequence[Member],
    total: int,
    progress: Progress | None,
    cancelled: CancelCheck | None,
    stop: Callable[[], bool],
) -> dict[str, str] | None:
    """SHA-256 of every member, in one sequential pass through one reused buffer.

    Returns None if `stop()` turns true (the signature check failed: no point going on).
    """
    digests: dict[str, str] = {}
    buffer = memoryview(bytearray(min(CHUNK, max((m.size for m in members), default=0))))
    done = 0
    for member in members:
        handle.seek(member.data_offset)
        sha = hashlib.sha256()
        remaining = member.size
        while remaining:
            if cancelled is not None and cancelled():
                raise Cancelled()
            if stop():
                return None
            count = handle.readinto(buffer[: min(CHUNK, remaining)])
            if not count:
                raise refuse(QT_TRANSLATE_NOOP("Errors", "The bundle file is shorter than its own table of contents says; it may have been cut off while copying."))
            sha.update(buffer[:count])
            remaining -= count
            done += count
            if progress is not None:
                progress(done, total)
        digests[member.name] = sha.hexdigest()
    return digests


def _parse_sums(sums: bytes) -> list[tuple[str, str]]:
    entries = sha256sums.parse(sums)
    if entries is None:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The file {member} in this bundle is malformed."), member=layout.SUMS)
    return entries


def _check_against_sums(members: list[Member], entries: list[tuple[str, str]], digests: dict[str, str]) -> None:
    listed = [name for _, name in entries]
    present = [m.name for m in members[:-2]]
    for name in present:
        if name not in listed:
            raise refuse(
                QT_TRANSLATE_NOOP("Errors", "The bundle contains the member {member}, which is not listed in SHA256SUMS: it was added after the organization sealed the bundle."),
                member=name,
            )
    for name in listed:
        if name not in present:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The member {member} listed in SHA256SUMS is missing from the bundle."), member=name)
    if listed != present:
        raise _out_of_order()
    for digest, name in entries:
        if digests[name] != digest:
            raise refuse(CHANGED, member=name)


def _crc_changed(name: str) -> BundleRefused:
    return refuse(QT_TRANSLATE_NOOP("Errors", "The ZIP checksum of {member} was changed after the organization sealed the bundle."), member=name)


def _check_crc(members: list[Member], contents: dict[str, bytes]) -> None:
    """CRC-32 of the three members not in bundle.json's table, computed from their bytes.

    Every other member's CRC is compared with the signed table in _check_info: its data
    matched its signed SHA-256, so its true CRC is the one the organization recorded.
    """
    for member in members:
        if member.name in contents and crc32(contents[member.name]) != member.crc:
            raise _crc_changed(member.name)


def _read_member_bytes(path: Path, members: Sequence[Member], name: str, digests: dict[str, str]) -> bytes:
    """A member's bytes, read again and checked against the digest verified earlier."""
    member = next((m for m in members if m.name == name), None)
    if member is None:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The bundle is missing the member {member}."), member=name)
    with _open_bundle_file(path) as handle:
        data = _io(path, lambda: _read_member(handle, member))
    if hashlib.sha256(data).hexdigest() != digests[name]:
        raise _changed_since_check(name)
    return data


def _check_info(info: BundleInfo, members: list[Member], signer: x509.Certificate) -> None:
    from reviewer_app.keys import fingerprint, format_fingerprint

    signer_fingerprint = fingerprint(signer)
    if info.organization_fingerprint != signer_fingerprint:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "bundle.json names the organization certificate {named}, but the bundle was signed with {signer}."),
            named=format_fingerprint(info.organization_fingerprint),
            signer=format_fingerprint(signer_fingerprint),
        )
    for entry, member in zip(info.members, members, strict=False):
        if entry.name == member.name and entry.crc32 != member.crc:
            raise _crc_changed(member.name)
    table = [(m.name, m.size, m.role) for m in info.members]
    actual = [(m.name, m.size, layout.role_of(m.name)) for m in members[:-3]]
    materials = sum(1 for _, _, role in table if role == layout.ROLE_MATERIAL)
    expected_names = layout.canonical_order(info.session_passphrase, bool(info.recipients), materials)
    if table != actual or [m.name for m in members] != expected_names:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The member table in bundle.json does not match the members of the bundle."))
    if not info.recipients and not info.session_passphrase:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The bundle was sealed for nobody: it names no expert and no session passphrase."))


# --- step 2: unlocking ------------------------------------------------------------------------


def describe_time(value: dt.datetime) -> str:
    """"2025-12-10 09:00 (UTC+08:00)": unambiguous for a reader anywhere."""
    offset = value.isoformat()[19:] or "+00:00"
    return f"{value:%Y-%m-%d %H:%M} (UTC{'+00:00' if offset == 'Z' else offset})"


def check_window(window: Window, now: dt.datetime | None = None) -> None:
    """Refuse outside the review window; a naive `now` is taken as local time."""
    now = now or dt.datetime.now(dt.timezone.utc)
    if now.tzinfo is None:
        now = now.astimezone()
    if now < window.valid_from:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "This bundle can only be opened from {valid_from} to {valid_until}; that time has not come yet."),
            valid_from=describe_time(window.valid_from),
            valid_until=describe_time(window.valid_until),
        )
    if now > window.valid_until:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "This bundle could only be opened from {valid_from} to {valid_until}; that time is over."),
            valid_from=describe_time(window.valid_from),
            valid_until=describe_time(window.valid_until),
        )


def unlock_bundle(
    verified: VerifiedBundle,
    *,
    identity: ExpertKey | None = None,
    session_passphrase: str | None = None,
    bundle_key: str | None = None,
    now: dt.datetime | None = None,
) -> OpenedBundle:
    """Decrypt the manifest of a verified bundle with exactly one of the three kinds of key."""
    if sum(x is not None for x in (identity, session_passphrase, bundle_key)) != 1:
        raise TypeError("give exactly one of identity, session_passphrase, bundle_key")
    check_window(verified.info.window, now)
    if identity is not None:
        bundle_key = _key_from_identity(verified, identity)
    elif session_passphrase is not None:
        bundle_key = _key_from_passphrase(verified, session_passphrase)
    assert bundle_key is not None
    from reviewer_app.bundle.model import parse_manifest
    from reviewer_app.bundle.signature import verify_signature

    age_identity = parse_bundle_key(bundle_key)
    manifest_bytes = _decrypt(verified, layout.MANIFEST, age_identity)
    manifest_signature = _decrypt(verified, layout.MANIFEST_SIGNATURE, age_identity)
    verify_signature(manifest_bytes, manifest_signature, [verified.organization], content_name=layout.MANIFEST, signature_name=layout.MANIFEST_SIGNATURE)
    manifest = parse_manifest(manifest_bytes)
    _check_manifest(manifest, verified)
    return OpenedBundle(verified, manifest, bundle_key)


def open_bundle(
    path: str | os.PathLike[str],
    trusted_org_certs: TrustedCerts,
    *,
    identity: ExpertKey | None = None,
    session_passphrase: str | None = None,
    bundle_key: str | None = None,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> OpenedBundle:
    """verify_outer() then unlock_bundle()."""
    verified = verify_outer(path, trusted_org_certs, progress, cancelled)
    return unlock_bundle(verified, identity=identity, session_passphrase=session_passphrase, bundle_key=bundle_key, now=now)


def _key_from_identity(verified: VerifiedBundle, identity: ExpertKey) -> str:
    import pyrage

    from reviewer_app.keys import format_fingerprint

    if identity.fingerprint not in verified.info.recipients:
        if not verified.info.recipients:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "This bundle can only be opened with the session passphrase the organization announces."))
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "This bundle was not sealed for you: your certificate fingerprint {fingerprint} is not among its {count} recipient(s)."),
            fingerprint=format_fingerprint(identity.fingerprint),
            count=len(verified.info.recipients),
        )
    data = _read_verified(verified, layout.RECIPIENTS_KEY)
    try:
        return pyrage.decrypt(data, [identity.age_identity]).decode("ascii")
    except (pyrage.DecryptError, UnicodeDecodeError):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "Your key does not open {member}, although the bundle lists you as a recipient."), member=layout.RECIPIENTS_KEY) from None


def _key_from_passphrase(verified: VerifiedBundle, passphrase: str) -> str:
    import unicodedata

    import pyrage

    if not verified.info.session_passphrase:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "This bundle cannot be opened with a session passphrase; open it with your own identity."))
    data = _read_verified(verified, layout.PASSPHRASE_KEY)
    try:
        return pyrage.passphrase.decrypt(data, unicodedata.normalize("NFC", passphrase.strip())).decode("ascii")
    except (pyrage.DecryptError, UnicodeDecodeError):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The session passphrase is wrong for this bundle.")) from None


def parse_bundle_key(text: str) -> pyrage.x25519.Identity:
    """The per-bundle age identity in an age identity file ('#' comments, one secret key)."""
    import pyrage

    secrets = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    try:
        if len(secrets) != 1:
            raise ValueError("not exactly one key")
        return pyrage.x25519.Identity.from_str(secrets[0])
    except (ValueError, pyrage.IdentityError):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The bundle key is damaged.")) from None


def _read_verified(verified: VerifiedBundle, name: str) -> bytes:
    return _read_member_bytes(verified.path, verified.members, name, verified.digests)


def _decrypt(verified: VerifiedBundle, name: str, age_identity: pyrage.x25519.Identity) -> bytes:
    import pyrage

    try:
        return pyrage.decrypt(_read_verified(verified, name), [age_identity])
    except pyrage.DecryptError:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The file {member} cannot be decrypted with this bundle's key."), member=name) from None


def _check_manifest(manifest: Manifest, verified: VerifiedBundle) -> None:
    info = verified.info
    disagrees = {
        "bundle id": QT_TRANSLATE_NOOP("Errors", "The inner manifest does not agree with bundle.json about the bundle id."),
        "organization or issue date": QT_TRANSLATE_NOOP("Errors", "The inner manifest does not agree with bundle.json about the organization or issue date."),
        "review window": QT_TRANSLATE_NOOP("Errors", "The inner manifest does not agree with bundle.json about the review window."),
        "recipients": QT_TRANSLATE_NOOP("Errors", "The inner manifest does not agree with bundle.json about the recipients."),
        "format version": QT_TRANSLATE_NOOP("Errors", "The inner manifest does not agree with bundle.json about the format version."),
        "materials": QT_TRANSLATE_NOOP("Errors", "The inner manifest does not agree with bundle.json about the materials."),
    }
    mismatch = lambda what: refuse(disagrees[what])  # noqa: E731
    if manifest.format_version != info.format_version:
        raise mismatch("format version")
    if manifest.bundle_id != info.bundle_id:
        raise mismatch("bundle id")
    if (manifest.organization_fingerprint, manifest.issued_at) != (info.organization_fingerprint, info.issued_at):
        raise mismatch("organization or issue date")
    if manifest.review.window != info.window:
        raise mismatch("review window")
    if {p.fingerprint for p in manifest.panel} != set(info.recipients) or len(manifest.panel) != len(info.recipients):
        raise mismatch("recipients")
    material_members = [m.name for m in verified.members if layout.role_of(m.name) == layout.ROLE_MATERIAL]
    if sorted(m.member for m in manifest.materials) != material_members:
        raise mismatch("materials")
    if len({m.id for m in manifest.materials}) != len(manifest.materials):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The inner manifest lists a material id twice."))
    for material in manifest.materials:
        if material.size > layout.MAX_MATERIAL_BYTES or verified.member(material.member).size < material.size:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The material {title} has an impossible size."), title=material.title)
        # Version 2: the manifest's own signature covers each document's exact ciphertext.
        if manifest.format_version != 1 and material.member_sha256 != verified.digests[material.member]:
            raise _material_changed(material)


# --- step 3: the opened bundle ----------------------------------------------------------------


@dataclass(frozen=True)
class OpenedBundle:
    """A verified, unlocked bundle. Documents stay encrypted until `read_material`."""

    verified: VerifiedBundle
    manifest: Manifest
    bundle_key: str = field(repr=False)  # the per-bundle age identity: keep it only encrypted

    @property
    def path(self) -> Path:
        return self.verified.path

    @property
    def bundle_id(self) -> str:
        return self.manifest.bundle_id

    @property
    def sums_sha256(self) -> str:
        return self.verified.sums_sha256

    @property
    def review(self) -> ReviewInfo:
        return self.manifest.review

    @property
    def application(self) -> ApplicationInfo:
        return self.manifest.application

    @property
    def spec(self) -> rubric.ReviewSpec:
        return self.manifest.spec

    @property
    def facts(self) -> tuple[rubric.Fact, ...]:
        return self.manifest.spec.facts

    @property
    def rubric(self) -> rubric.Rubric:
        return self.manifest.spec.rubric

    @property
    def checklist(self) -> rubric.Checklist:
        return self.manifest.spec.checklist

    @property
    def materials(self) -> tuple[Material, ...]:
        return self.manifest.materials

    def material(self, material_id: str) -> Material:
        for material in self.manifest.materials:
            if material.id == material_id:
                return material
        raise KeyError(material_id)

    def read_material(self, material_id: str) -> bytes:
        """The document's plaintext, decrypted into memory and checked (see check_material)."""
        material = self.material(material_id)
        parts: list[bytes] = []
        sha = _plaintext_hash(material)

        def keep(piece: memoryview) -> None:
            if sha is not None:
                sha.update(piece)
            parts.append(bytes(piece))

        self._stream_material(material, keep)
        plain = b"".join(parts)
        self._check_digest(material, len(plain), sha)
        return plain

    def check_material(self, material_id: str) -> None:
        """Decrypt a document in order with bounded memory: every age chunk is authenticated,
        the size must be the signed one and, in a version-1 bundle, so must the plaintext's
        SHA-256 (version 2 signs the member's SHA-256 instead, checked when the bundle was opened)."""
        material = self.material(material_id)
        sha = _plaintext_hash(material)  # each decrypted chunk is hashed while still in the CPU cache
        size = self._stream_material(material, (lambda piece: None) if sha is None else sha.update)
        self._check_digest(material, size, sha)

    def open_material(self, material_id: str) -> MaterialStream:
        """Random access to a document's plaintext: only the parts read are decrypted (see MaterialStream)."""
        material = self.material(material_id)
        return MaterialStream(self.verified, material, bundle_secret(self.bundle_key))

    def _stream_material(self, material: Material, consume: Callable[[memoryview], None]) -> int:
        from reviewer_app import agescrypt

        member = self.verified.member(material.member)
        with _open_bundle_file(self.verified.path) as handle:
            try:
                return _io(self.verified.path, lambda: agescrypt.decrypt_stream(
                    agescrypt.file_reader_into(handle, member.data_offset), member.size, bundle_secret(self.bundle_key), consume))
            except agescrypt.AgeError:
                raise _changed_since_check(material.member) from None

    @staticmethod
    def _check_digest(material: Material, size: int, sha: hashlib._Hash | None) -> None:
        if size != material.size or (sha is not None and sha.hexdigest() != material.plaintext_sha256):
            raise _material_changed(material)


def _plaintext_hash(material: Material) -> hashlib._Hash | None:
    """A SHA-256 to feed the plaintext into when the bundle signs it (version 1), else None."""
    return hashlib.sha256() if material.plaintext_sha256 else None


def _material_changed(material: Material) -> BundleRefused:
    return refuse(
        QT_TRANSLATE_NOOP("Errors", "The document \"{title}\" ({member}) does not match the digest the organization recorded."),
        title=material.title,
        member=material.member,
    )


def _changed_since_check(member: str) -> BundleRefused:
    return refuse(QT_TRANSLATE_NOOP("Errors", "The file {member} was changed after the bundle was checked."), member=member)


def bundle_secret(bundle_key: str) -> bytes:
    """The 32-byte X25519 secret of a per-bundle key file."""
    from reviewer_app import agescrypt

    parse_bundle_key(bundle_key)  # refuses a damaged key file in plain words
    secret = next(line.strip() for line in bundle_key.splitlines() if line.strip() and not line.startswith("#"))
    return agescrypt.x25519_identity_bytes(secret)


class MaterialStream:
    """One document of an opened bundle, readable at any offset without decrypting the rest.

    The bundle file stays open (read-only) until close(). Each read decrypts only the 64 KiB
    age chunks it covers, authenticating each with its position under the bundle key; the
    member's ciphertext SHA-256 was checked against the signed SHA256SUMS when the bundle was
    opened (verify_outer; in version 2 also against the signed manifest), and `reviewer-app
    verify` decrypts every chunk. Thread-safe:
    QtPdf may read from its render threads.
    """

    def __init__(self, verified: VerifiedBundle, material: Material, secret: bytes) -> None:
        from reviewer_app import agescrypt

        self.material = material
        self._path = verified.path
        member = verified.member(material.member)
        self._handle = _open_bundle_file(verified.path)
        self._lock = threading.Lock()
        try:
            if hasattr(os, "posix_fadvise"):
                os.posix_fadvise(self._handle.fileno(), 0, 0, os.POSIX_FADV_RANDOM)
            raw = agescrypt.file_reader(self._handle, member.data_offset)
            self._reader = _io(self._path, lambda: agescrypt.PayloadReader(raw, member.size, secret))
            if self._reader.size != material.size:
                raise _material_changed(material)
            self.read_at(max(0, material.size - 1), 1)  # the last chunk proves the document is whole
        except agescrypt.AgeError:
            self._handle.close()
            raise _changed_since_check(material.member) from None
        except BaseException:
            self._handle.close()
            raise

    @property
    def size(self) -> int:
        return self.material.size

    def read_at(self, offset: int, length: int) -> bytes:
        """Up to `length` plaintext bytes from `offset` (fewer at the end); BundleRefused if changed."""
        from reviewer_app import agescrypt

        with self._lock:
            if self._handle.closed:
                return b""
            try:
                return _io(self._path, lambda: self._reader.read_at(offset, length))
            except agescrypt.AgeError:
                raise _changed_since_check(self.material.member) from None

    def close(self) -> None:
        with self._lock:
            self._reader.forget()
            self._handle.close()

    def __enter__(self) -> MaterialStream:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
