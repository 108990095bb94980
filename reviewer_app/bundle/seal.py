"""Seal a review for a panel: the organization side of the bundle format.

The materials are encrypted (age, streamed, never held whole in memory, using both cores) to a fresh per-bundle
X25519 identity; that identity is encrypted to each expert's age recipient and/or to a session
passphrase. The inner manifest (review, facts, rubric, checklist, materials with the SHA-256
of each encrypted member: format version 2) is signed by the organization and encrypted like a
material. Then bundle.json,
SHA256SUMS and its CMS signature close the canonical ZIP. The file appears atomically.
"""

from __future__ import annotations

import dataclasses
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
from reviewer_app.bundle.zipformat import LOCAL as LOCAL_HEADER, CanonicalZipWriter, Member, MemberSink
from reviewer_app import sha256sums
from reviewer_app.checksum import crc32
from reviewer_app.errors import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from reviewer_app.identity import EnrolmentCard

Progress = Callable[[int, int], None]
LOCAL_HEADER_SIZE = LOCAL_HEADER.size  # 30 bytes before each member's name
_BATCH = 16  # age chunks encrypted per buffer (1 MiB of plaintext)
_SIGNATURE_TRIES = 200  # each try has the wanted length with probability >= 1/4 (almost always 1/2)
_WRITE = 256 << 10
_WRITE_BACK = 32 << 20  # bytes written between two requests to start writing them to disk
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
    planned, states = _plan_materials(source)

    def manifest_for(materials: tuple[Material, ...]) -> Manifest:
        return Manifest(
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
        writer = _BundleWriter(handle, org, bundle_id, progress, total=sum(m.size for m in planned))
        keys_members = []
        if session_passphrase is not None:
            keys_members.append((layout.PASSPHRASE_KEY, agescrypt.encrypt(writer.key_file, _normalise(session_passphrase), scrypt_work_factor)))
        if recipients:
            keys_members.append((layout.RECIPIENTS_KEY, pyrage.encrypt(writer.key_file, [pyrage.x25519.Recipient.from_str(c.age_recipient) for c in recipients])))
        # One pass over each document: the manifest (with the members' digests) and its
        # signature come first in the file, so the documents are written first, after exactly
        # the room those two members will take (docs/formats.md §1: the layout is unchanged).
        placeholder = manifest_for(planned).to_json()  # every digest is 64 hex digits, so the length is final
        signature_length = max(len(_sign(placeholder, org)) for _ in range(4))  # a common length (see _sign)
        head = [(name, len(data)) for name, data in keys_members]
        head += [(layout.MANIFEST, len(writer.encrypt(placeholder))), (layout.MANIFEST_SIGNATURE, len(writer.encrypt(bytes(signature_length))))]
        documents_at = sum(LOCAL_HEADER_SIZE + len(name) + size for name, size in head)
        handle.seek(documents_at)
        materials = tuple(writer.add_material(material, path, state) for material, path, state in zip(planned, source.material_paths(), states, strict=True))
        documents_end = handle.tell()
        manifest_json = manifest_for(materials).to_json()
        if len(manifest_json) != len(placeholder):  # a size changed its number of digits: the files changed
            raise SealRefused(QT_TRANSLATE_NOOP("Errors", "The material {file} changed while it was being sealed; seal again."), file=str(source.folder))
        handle.seek(0)
        for name, data in keys_members:
            writer.add(name, data)
        writer.add(layout.MANIFEST, writer.encrypt(manifest_json))
        writer.add(layout.MANIFEST_SIGNATURE, writer.encrypt(_sign(manifest_json, org, length=signature_length)))
        if handle.tell() != documents_at:
            raise AssertionError("the manifest did not fill the room left for it")
        handle.seek(documents_end)
        info = BundleInfo(
            bundle_id=bundle_id,
            issued_at=issued_at,
            organization_name=org.name,
            organization_fingerprint=org.fingerprint,
            window=source.window,
            recipients=tuple(card.fingerprint for card in recipients),
            session_passphrase=session_passphrase is not None,
            members=writer.entries(),
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
        self._members: list[tuple[Member, str]] = []  # in the order written, which is not the file's order

    def encrypt(self, data: bytes) -> bytes:
        """`data` as an age file to the bundle key. agescrypt, not pyrage: rage adds "grease"
        stanzas of random length to the header, and the room for the manifest is reserved
        before its final content is known (see seal_bundle)."""
        encryptor = agescrypt.StreamEncryptor([self._recipient])
        return encryptor.header + encryptor.feed(data) + encryptor.finish()

    def add(self, name: str, data: bytes) -> None:
        self._record(*self._zip.add(name, data))

    def add_material(self, material: Material, path: Path, state: tuple[int, int]) -> Material:
        """Encrypt one document into the bundle, streamed: memory stays at a few MiB whatever its
        size; the material with the SHA-256 of its member (the line SHA256SUMS gets). `state`
        (size, modification time) was taken when sealing began: a file written to since is refused.

        This thread reads and encrypts into a ring of reused buffers; one helper thread hashes
        the ciphertext (SHA-256 and CRC-32), another writes it (the encryption, hashing and
        writing calls release the GIL): sealing keeps both cores busy and allocates nothing per
        chunk. Nothing hashes the plaintext (docs/decisions.md "Bundle format version 2").
        """
        chunks = max(1, -(-material.size // agescrypt.CHUNK))

        def changed() -> SealRefused:
            return SealRefused(QT_TRANSLATE_NOOP("Errors", "The material {file} changed while it was being sealed; seal again."), file=str(path))

        def produce(sink: MemberSink) -> None:
            encryptor = agescrypt.StreamEncryptor([self._recipient])
            plain = memoryview(bytearray(min(_BATCH, chunks) * agescrypt.CHUNK))  # only this thread reads it
            with _Pipeline(sink, chunks) as pipeline, open(path, "rb", buffering=0) as handle:
                pipeline.write(encryptor.header)
                for first in range(0, chunks, _BATCH):
                    slot, sealed = pipeline.take()
                    count = min(_BATCH, chunks - first)
                    expected = min(count * agescrypt.CHUNK, material.size - first * agescrypt.CHUNK)
                    if _read_fully(handle, plain[:expected]) != expected:
                        raise changed()
                    length = 0
                    for offset in range(0, max(expected, 1), agescrypt.CHUNK):
                        index = first + offset // agescrypt.CHUNK
                        piece = plain[offset : min(offset + agescrypt.CHUNK, expected)]
                        length += encryptor.seal_into(piece, index == chunks - 1, sealed[length:])
                    pipeline.submit(slot, length)
                    self._done[0] += expected
                    if self._progress is not None:
                        self._progress(self._done[0], self._total)
                if handle.read(1):
                    raise changed()  # it grew

        member, digest = self._zip.add_streamed(material.member, produce)
        self._record(member, digest)
        if _file_state(path) != state:  # written to since sealing began (same size, new modification time)
            raise changed()
        return dataclasses.replace(material, member_sha256=digest)

    def _record(self, member: Member, digest: str) -> None:
        self._members.append((member, digest))

    def _in_file_order(self) -> list[tuple[Member, str]]:
        return sorted(self._members, key=lambda pair: pair[0].header_offset)

    def entries(self) -> tuple[MemberEntry, ...]:
        """bundle.json's member table so far, in the file's order."""
        return tuple(MemberEntry(m.name, m.size, m.crc, layout.role_of(m.name) or "") for m, _ in self._in_file_order())

    def finish(self, bundle_json: bytes) -> str:
        """Add bundle.json, SHA256SUMS and its signature, then the directory; the SHA256SUMS digest."""
        self.add(layout.BUNDLE_JSON, bundle_json)
        sums = sha256sums.render((digest, m.name) for m, digest in self._in_file_order())
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


def _plan_materials(source: SealSource) -> tuple[tuple[Material, ...], tuple[tuple[int, int], ...]]:
    """Each material with its size (its member's SHA-256 is filled in once it is encrypted), and
    the state of its file (size, modification time) now."""
    planned, states = [], []
    for number, (material, path) in enumerate(zip(source.materials, source.material_paths(), strict=True), layout.FIRST_MATERIAL_NUMBER):
        try:
            state = _file_state(path)
        except OSError as error:
            raise SealRefused(QT_TRANSLATE_NOOP("Errors", "The material file {file} cannot be read: {reason}."), file=str(path), reason=error.strerror or str(error)) from None
        size = state[0]
        if size > layout.MAX_MATERIAL_BYTES:
            raise SealRefused(QT_TRANSLATE_NOOP("Errors", "The material {file} is larger than 2 GiB, which a bundle cannot carry."), file=str(path))
        planned.append(Material(material.id, material.title, path.name, material.media_type, size, layout.payload_name(number), member_sha256="0" * 64))
        states.append(state)
    return tuple(planned), tuple(states)


def _file_state(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _sign(manifest_json: bytes, org: keys.OrgCredentials, length: int | None = None) -> bytes:
    """The organization's CMS signature of the manifest, `length` bytes long when given.

    An ECDSA signature's DER encoding is 70 to 72 bytes (whether r and s need a leading zero);
    signing again gives another valid signature, so a few tries give the length reserved for it."""
    for _ in range(_SIGNATURE_TRIES):
        signature = cms.sign_detached(manifest_json, org.certificate, org.private_key)
        if length is None or len(signature) == length:
            return signature
    raise AssertionError("no signature of the reserved length")


def _read_fully(handle: BinaryIO, buffer: memoryview) -> int:
    """Fill `buffer` from the file unless it ends first; the number of bytes read."""
    done = 0
    while done < len(buffer):
        count = handle.readinto(buffer[done:])
        if not count:
            break
        done += count
    return done


class _Pipeline:
    """Hashes and writes what the sealing thread encrypts, on two helper threads, out of a ring
    of ciphertext buffers.

    take() gives a free (slot, buffer); submit(slot, n) hands over its first n bytes; write(data)
    passes bytes through. The hashing thread computes the ciphertext's SHA-256 and CRC-32, the
    writing thread writes it; with the sealing thread's reading and encrypting, none of the three
    carries much more than a third of the work. A slot is free again once both helpers are done
    with it. Writes go out in pieces of _WRITE bytes (on Linux (ext4) writes of 1 MiB cost twice
    the system time of 256 KiB ones); every _WRITE_BACK bytes the system is asked to start
    putting them on disk."""

    RING = 4

    def __init__(self, sink: MemberSink, chunks: int) -> None:
        """`chunks`: the document's number of age chunks; a small one gets small buffers (an
        application of hundreds of small files would otherwise allocate 8 MiB for each)."""
        self._sink = sink
        batch = min(_BATCH, chunks)
        slots = min(self.RING, -(-chunks // _BATCH))
        self._sealed = [memoryview(bytearray(batch * agescrypt.SEALED_CHUNK)) for _ in range(slots)]
        self._free: queue.SimpleQueue[int] = queue.SimpleQueue()
        for slot in range(slots):
            self._free.put(slot)
        self._users = [0] * slots
        self._lock = threading.Lock()
        self._to_hash: queue.SimpleQueue[tuple[int, int] | bytes | None] = queue.SimpleQueue()
        self._to_write: queue.SimpleQueue[tuple[int, int] | bytes | None] = queue.SimpleQueue()
        self._sha256 = hashlib.sha256()
        self._crc = 0
        self._error: BaseException | None = None
        self._threads = [
            threading.Thread(target=self._guarded, args=(work,), name=name, daemon=True)
            for work, name in ((self._hash, "seal-hash"), (self._write, "seal-write"))
        ]

    def __enter__(self) -> _Pipeline:
        for thread in self._threads:
            thread.start()
        return self

    def _guarded(self, work: Callable[[], None]) -> None:
        try:
            work()
        except BaseException as error:  # raised on the sealing thread
            self._error = error
            self._free.put(0)  # wakes a take() waiting for a slot that will not come back
            self._drain(self._to_hash if work == self._hash else self._to_write)

    @staticmethod
    def _drain(items: queue.SimpleQueue) -> None:
        while items.get() is not None:
            pass

    def _data(self, item: tuple[int, int] | bytes) -> tuple[int | None, memoryview]:
        if isinstance(item, bytes):
            return None, memoryview(item)
        slot, length = item
        return slot, self._sealed[slot][:length]

    def _hash(self) -> None:
        while (item := self._to_hash.get()) is not None:
            slot, data = self._data(item)
            self._sha256.update(data)
            self._crc = crc32(data, self._crc)
            if slot is not None:
                self._release(slot)

    def _write(self) -> None:
        unsynced = 0
        while (item := self._to_write.get()) is not None:
            slot, data = self._data(item)
            for start in range(0, len(data), _WRITE):
                self._sink.write_unhashed(data[start : start + _WRITE])
            unsynced += len(data)
            if unsynced >= _WRITE_BACK:
                self._sink.start_writing_back()
                unsynced = 0
            if slot is not None:
                self._release(slot)

    def _release(self, slot: int) -> None:
        with self._lock:
            self._users[slot] -= 1
            free = self._users[slot] == 0
        if free:
            self._free.put(slot)

    def write(self, data: bytes) -> None:
        self._raise_if_failed()
        if data:
            self._to_hash.put(data)
            self._to_write.put(data)

    def take(self) -> tuple[int, memoryview]:
        slot = self._free.get()
        self._raise_if_failed()
        return slot, self._sealed[slot]

    def submit(self, slot: int, length: int) -> None:
        with self._lock:
            self._users[slot] = 2
        self._to_hash.put((slot, length))
        self._to_write.put((slot, length))

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error

    def __exit__(self, *_exc: object) -> None:
        self._to_hash.put(None)
        self._to_write.put(None)
        for thread in self._threads:
            thread.join()
        self._raise_if_failed()
        self._sink.crc = self._crc
        self._sink.sha256 = self._sha256
