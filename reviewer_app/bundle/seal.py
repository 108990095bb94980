"""Seal a review for a panel: the organization side of the bundle format.

The materials are encrypted (age, streamed, never held whole in memory, using both cores) to a fresh per-bundle
X25519 identity; that identity is encrypted to each expert's age recipient and/or to a session
passphrase. The inner manifest (review, facts, rubric, checklist, materials with plaintext
SHA-256) is signed by the organization and encrypted like a material. Then bundle.json,
SHA256SUMS and its CMS signature close the canonical ZIP. The file appears atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import queue
import secrets
import threading
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyrage

from reviewer_app import cms, durable, keys
from reviewer_app import agescrypt
from reviewer_app.bundle import layout
from reviewer_app.bundle.errors import SealRefused
from reviewer_app.bundle.model import BundleInfo, Manifest, Material, MemberEntry, PanelMember
from reviewer_app.bundle.source import SealSource
from reviewer_app.bundle.zipformat import CanonicalZipWriter, Member, MemberSink
from reviewer_app import sha256sums
from reviewer_app.errors import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from reviewer_app.identity import EnrolmentCard

Progress = Callable[[int, int], None]
_READ_CHUNK = 1 << 20
_BATCH = 16  # age chunks encrypted per buffer (1 MiB of plaintext)
_WRITE = 256 << 10
_WORDS = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o, 1/l: read aloud at a session


@dataclass(frozen=True)
class SealedBundle:
    path: Path
    bundle_id: str
    sums_sha256: str
    size: int
    recipients: tuple[str, ...]
    session_passphrase: bool


def generate_session_passphrase(groups: int = 5, size: int = 4) -> str:
    """A passphrase to announce at the session: 5 groups of 4 unambiguous characters (~125 bits)."""
    return "-".join("".join(secrets.choice(_WORDS) for _ in range(size)) for _ in range(groups))


def seal_bundle(
    source: SealSource,
    out_path: Path,
    org: keys.OrgCredentials,
    recipients: Sequence[EnrolmentCard] = (),
    session_passphrase: str | None = None,
    *,
    issued_at: dt.datetime | None = None,
    scrypt_work_factor: int = agescrypt.DEFAULT_WORK_FACTOR,
    progress: Progress | None = None,
    organization_recipient: str | None = None,
    leader: str = "",
) -> SealedBundle:
    """Write the sealed bundle for `source` to `out_path` (atomically); SealRefused if it cannot be.

    `organization_recipient`: the organization's age recipient; with it the manifest lists who
    may read a returned score package (the organization, then every panel member).
    `leader`: the fingerprint of the panel member the organization names as leader, or ""."""
    out_path = Path(out_path)
    issued_at = (issued_at or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    _check_recipients(recipients, session_passphrase)
    if leader and leader not in {card.fingerprint for card in recipients}:
        raise SealRefused(QT_TRANSLATE_NOOP("Errors", "The panel leader must be one of the experts the bundle is sealed for."))
    if source.window.valid_until <= issued_at:
        raise SealRefused(
            QT_TRANSLATE_NOOP("Errors", "The review window in review.toml already ended on {date}; change valid_until before sealing."),
            date=source.window.valid_until.isoformat(),
        )
    bundle_id = str(uuid.uuid4())
    materials = _describe_materials(source)
    manifest = Manifest(
        bundle_id=bundle_id,
        issued_at=issued_at,
        organization_name=org.name,
        organization_fingerprint=org.fingerprint,
        review=source.review(org.name),
        application=source.application,
        panel=tuple(PanelMember(card.fingerprint, card.profile.name, card.profile.field) for card in recipients),
        spec=source.spec,
        materials=materials,
        package_recipients=(organization_recipient, *(card.age_recipient for card in recipients)) if organization_recipient else (),
        leader=leader,
    )

    def write(handle: BinaryIO) -> str:
        writer = _BundleWriter(handle, org, bundle_id, progress, total=sum(m.size for m in materials))
        if session_passphrase is not None:
            writer.add(layout.PASSPHRASE_KEY, agescrypt.encrypt(writer.key_file, _normalise(session_passphrase), scrypt_work_factor))
        if recipients:
            writer.add(layout.RECIPIENTS_KEY, pyrage.encrypt(writer.key_file, [pyrage.x25519.Recipient.from_str(c.age_recipient) for c in recipients]))
        manifest_json = manifest.to_json()
        writer.add(layout.MANIFEST, writer.encrypt(manifest_json))
        writer.add(layout.MANIFEST_SIGNATURE, writer.encrypt(cms.sign_detached(manifest_json, org.certificate, org.private_key)))
        for material, path in zip(materials, source.material_paths(), strict=True):
            writer.add_material(material, path)
        info = BundleInfo(
            bundle_id=bundle_id,
            issued_at=issued_at,
            organization_name=org.name,
            organization_fingerprint=org.fingerprint,
            window=source.window,
            recipients=tuple(card.fingerprint for card in recipients),
            session_passphrase=session_passphrase is not None,
            members=tuple(writer.entries),
        )
        return writer.finish(info.to_json())

    sums_sha256 = durable.write_with(out_path, write)
    recipients_fingerprints = tuple(c.fingerprint for c in recipients)
    return SealedBundle(out_path, bundle_id, sums_sha256, out_path.stat().st_size, recipients_fingerprints, session_passphrase is not None)


class _BundleWriter:
    """Writes the members in canonical order, keeping the digests and the member table."""

    def __init__(self, handle: BinaryIO, org: keys.OrgCredentials, bundle_id: str, progress: Progress | None, total: int) -> None:
        self._zip = CanonicalZipWriter(handle)
        self._org = org
        self._identity = pyrage.x25519.Identity.generate()
        self._recipient = agescrypt.x25519_recipient_bytes(str(self._identity.to_public()))
        self._progress = progress
        self._done = [0]
        self._total = total or 1
        self.key_file = f"# reviewer-app bundle {bundle_id}\n{self._identity}\n".encode("ascii")
        self.digests: list[tuple[str, str]] = []
        self.entries: list[MemberEntry] = []

    def encrypt(self, data: bytes) -> bytes:
        return pyrage.encrypt(data, [self._identity.to_public()])

    def add(self, name: str, data: bytes) -> None:
        self._record(name, *self._zip.add(name, data))

    def add_material(self, material: Material, path: Path) -> None:
        """Encrypt one document into the bundle, streamed: memory stays at a few MiB whatever its size.

        This thread reads, hashes and encrypts into a ring of reused buffers; a helper thread
        writes the ciphertext and computes its CRC-32 and SHA-256 (all of it releases the GIL),
        so sealing uses both cores and allocates nothing per chunk.
        """
        plain_sha = hashlib.sha256()
        chunks = max(1, -(-material.size // agescrypt.CHUNK))

        def changed() -> SealRefused:
            return SealRefused(QT_TRANSLATE_NOOP("Errors", "The material {file} changed while it was being sealed; seal again."), file=str(path))

        def produce(sink: MemberSink) -> None:
            encryptor = agescrypt.StreamEncryptor([self._recipient])
            with _BackgroundWriter(sink) as writer, open(path, "rb", buffering=0) as handle:
                writer.write(encryptor.header)
                for first in range(0, chunks, _BATCH):
                    slot, plain, sealed = writer.take()
                    count = min(_BATCH, chunks - first)
                    expected = min(count * agescrypt.CHUNK, material.size - first * agescrypt.CHUNK)
                    if _read_fully(handle, plain[:expected]) != expected:
                        raise changed()
                    plain_sha.update(plain[:expected])
                    length = 0
                    for offset in range(0, max(expected, 1), agescrypt.CHUNK):
                        index = first + offset // agescrypt.CHUNK
                        piece = plain[offset : min(offset + agescrypt.CHUNK, expected)]
                        length += encryptor.seal_into(piece, index == chunks - 1, sealed[length:])
                    writer.submit(slot, length)
                    self._done[0] += expected
                    if self._progress is not None:
                        self._progress(self._done[0], self._total)
                if handle.read(1):
                    raise changed()  # it grew

        self._record(material.member, *self._zip.add_streamed(material.member, produce))
        if plain_sha.hexdigest() != material.sha256:
            raise changed()

    def _record(self, name: str, member: Member, digest: str) -> None:
        self.digests.append((digest, name))
        self.entries.append(MemberEntry(name, member.size, member.crc, layout.role_of(name) or ""))

    def finish(self, bundle_json: bytes) -> str:
        """Add bundle.json, SHA256SUMS and its signature, then the directory; the SHA256SUMS digest."""
        _, digest = self._zip.add(layout.BUNDLE_JSON, bundle_json)
        self.digests.append((digest, layout.BUNDLE_JSON))
        sums = sha256sums.render(self.digests)
        self._zip.add(layout.SUMS, sums)
        self._zip.add(layout.SUMS_SIGNATURE, cms.sign_detached(sums, self._org.certificate, self._org.private_key))
        self._zip.finish()
        return hashlib.sha256(sums).hexdigest()


def _normalise(passphrase: str) -> str:
    return unicodedata.normalize("NFC", passphrase.strip())


def _check_recipients(recipients: Sequence[EnrolmentCard], session_passphrase: str | None) -> None:
    if not recipients and session_passphrase is None:
        raise SealRefused(QT_TRANSLATE_NOOP("Errors", "Name at least one enrolled expert or a session passphrase; otherwise nobody could open the bundle."))
    fingerprints = [card.fingerprint for card in recipients]
    if len(set(fingerprints)) != len(fingerprints):
        raise SealRefused(QT_TRANSLATE_NOOP("Errors", "The same expert is listed twice among the recipients."))
    if session_passphrase is not None:
        from reviewer_app import passphrase as passphrase_rules

        passphrase_rules.require_acceptable(_normalise(session_passphrase))


def _describe_materials(source: SealSource) -> tuple[Material, ...]:
    """Each material with its plaintext size and SHA-256 (read once before encrypting)."""
    described = []
    buffer = memoryview(bytearray(_READ_CHUNK))  # reused: hashed while still in the CPU cache
    for number, (material, path) in enumerate(zip(source.materials, source.material_paths(), strict=True), layout.FIRST_MATERIAL_NUMBER):
        sha = hashlib.sha256()
        size = 0
        with open(path, "rb", buffering=0) as handle:
            while count := handle.readinto(buffer):
                sha.update(buffer[:count])
                size += count
        if size > layout.MAX_MATERIAL_BYTES:
            raise SealRefused(QT_TRANSLATE_NOOP("Errors", "The material {file} is larger than 2 GiB, which a bundle cannot carry."), file=str(path))
        described.append(
            Material(material.id, material.title, path.name, material.media_type, size, sha.hexdigest(), layout.payload_name(number))
        )
    return tuple(described)


def _read_fully(handle: BinaryIO, buffer: memoryview) -> int:
    """Fill `buffer` from the file unless it ends first; the number of bytes read."""
    done = 0
    while done < len(buffer):
        count = handle.readinto(buffer[done:])
        if not count:
            break
        done += count
    return done


class _BackgroundWriter:
    """Writes, CRCs and hashes the ciphertext on a helper thread, out of a ring of buffers.

    take() gives a free (slot, plaintext buffer, ciphertext buffer); submit(slot, n) hands the
    first n ciphertext bytes over. Writes go out in pieces of _WRITE bytes: on Linux (ext4)
    writes of 1 MiB cost twice the system time of 256 KiB ones."""

    RING = 3

    def __init__(self, sink: MemberSink) -> None:
        self._sink = sink
        self._plain = [memoryview(bytearray(_BATCH * agescrypt.CHUNK)) for _ in range(self.RING)]
        self._sealed = [memoryview(bytearray(_BATCH * agescrypt.SEALED_CHUNK)) for _ in range(self.RING)]
        self._free: queue.SimpleQueue[int] = queue.SimpleQueue()
        for slot in range(self.RING):
            self._free.put(slot)
        self._queue: queue.SimpleQueue[tuple[int, int] | bytes | None] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="seal-writer", daemon=True)

    def __enter__(self) -> _BackgroundWriter:
        self._thread.start()
        return self

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if isinstance(item, bytes):
                data, slot = memoryview(item), None
            else:
                slot, length = item
                data = self._sealed[slot][:length]
            if self._error is None:
                try:
                    for start in range(0, len(data), _WRITE):
                        self._sink.write(data[start : start + _WRITE])
                except BaseException as error:  # raised on the caller's thread
                    self._error = error
            if slot is not None:
                self._free.put(slot)

    def write(self, data: bytes) -> None:
        if self._error is not None:
            raise self._error
        if data:
            self._queue.put(data)

    def take(self) -> tuple[int, memoryview, memoryview]:
        slot = self._free.get()
        if self._error is not None:
            raise self._error
        return slot, self._plain[slot], self._sealed[slot]

    def submit(self, slot: int, length: int) -> None:
        self._queue.put((slot, length))

    def __exit__(self, *_exc: object) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error
