"""age v1 (https://c2sp.org/age) where rage (pyrage) does not fit: chosen scrypt work factor,
fast streamed encryption to X25519 recipients, and random-access decryption of one payload.

- pyrage always calibrates scrypt to the machine (several seconds per bundle); the organization
  needs to choose: 18 (age's own default) for real sessions, lower for demos and tests.
- pyrage encrypts at ~180 MB/s and decrypts a file only whole, holding the GIL throughout: a
  1 GiB document would freeze the window and fill the memory. age's payload is a STREAM of
  64 KiB ChaCha20-Poly1305 chunks whose nonce is the chunk's number (plus a "last" flag), so
  any chunk can be decrypted on its own, in place, with its position and the end of the file
  still authenticated. `PayloadReader` does that, reading only the chunks asked for.

Everything written here is plain age: `age -d` and rage open it, and the tests check that both
ways. The primitives are pyca/cryptography's; nothing here is new cryptography.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections import OrderedDict
from collections.abc import Callable
from typing import BinaryIO, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

DEFAULT_WORK_FACTOR = 18
CHUNK = 64 * 1024  # plaintext bytes per STREAM chunk (fixed by the age format)
SEALED_CHUNK = CHUNK + 16
NONCE_SIZE = 16
MAX_HEADER = 64 << 10  # a bundle's age headers are a few hundred bytes; refuse silly ones
_VERSION_LINE = b"age-encryption.org/v1\n"
_SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
_X25519_LABEL = b"age-encryption.org/v1/X25519"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


class AgeError(ValueError):
    """The age file is malformed, not for this key, or was changed (the caller words the refusal)."""


class WrongPassphrase(AgeError):
    """The passphrase does not open this age file (or its header was changed)."""


MAX_WORK_FACTOR = 22  # 4 GiB of scrypt memory; age's own default is 18


# --- shared helpers ---------------------------------------------------------------------------


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _unb64(text: bytes) -> bytes:
    if b"=" in text or b"\r" in text:
        raise AgeError("non-canonical base64")
    try:
        return base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except ValueError:
        raise AgeError("bad base64") from None


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def _stanza_body(body: bytes) -> bytes:
    """Base64 without padding, 64 columns; a final full line is followed by an empty one."""
    encoded = _b64(body)
    lines = [encoded[i : i + 64] for i in range(0, len(encoded), 64)]
    if not lines or len(lines[-1]) == 64:
        lines.append(b"")
    return b"\n".join(lines) + b"\n"


def _scrypt_wrap_key(passphrase: str, salt: bytes, work_factor: int) -> bytes:
    # cryptography's Scrypt, not hashlib's: both release the GIL while they derive (a worker
    # unlocking never stops the window), but hashlib's memory bound stops below 2 GiB, which
    # work factor 21 needs (20 still fits; rage calibrates that high on a fast machine), and it
    # ran 25 % slower here (CPython's OpenSSL 3.0 against the wheel's newer one).
    return Scrypt(salt=_SCRYPT_LABEL + salt, length=32, n=1 << work_factor, r=8, p=1).derive(passphrase.encode("utf-8"))


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _finish_header(file_key: bytes, stanzas: bytes) -> tuple[bytes, ChaCha20Poly1305]:
    """The complete header (with its MAC and the payload nonce) and the payload's cipher."""
    header = _VERSION_LINE + stanzas + b"---"
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
    nonce = os.urandom(NONCE_SIZE)
    return header + b" " + _b64(mac) + b"\n" + nonce, ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))


# --- encryption ---------------------------------------------------------------------------------


def encrypt(plaintext: bytes, passphrase: str, work_factor: int = DEFAULT_WORK_FACTOR) -> bytes:
    """`plaintext` as an age file that `age -d` / rage open with `passphrase`."""
    if not 10 <= work_factor <= 22:
        raise ValueError("scrypt work factor must be between 10 and 22")
    file_key = os.urandom(16)
    salt = os.urandom(16)
    wrap_key = _scrypt_wrap_key(passphrase, salt, work_factor)
    body = ChaCha20Poly1305(wrap_key).encrypt(bytes(12), file_key, None)
    stanza = b"-> scrypt " + _b64(salt) + b" " + str(work_factor).encode() + b"\n" + _stanza_body(body)
    header, payload_key = _finish_header(file_key, stanza)
    chunks = [plaintext[i : i + CHUNK] for i in range(0, len(plaintext), CHUNK)] or [b""]
    return header + b"".join(payload_key.encrypt(_nonce(i, i == len(chunks) - 1), chunk, None) for i, chunk in enumerate(chunks))


def decrypt_with_passphrase(data: bytes, passphrase: str, max_work_factor: int = MAX_WORK_FACTOR) -> bytes:
    """The plaintext of a whole passphrase-encrypted age file.

    rage refuses a work factor it estimates to take "too long" on the machine as loaded at that
    moment, so a busy laptop could not open its own identity; here any factor up to
    `max_work_factor` is accepted, whatever the machine is doing."""
    header, header_size = _read_header(lambda offset, size: data[offset : offset + size], len(data))
    file_key = _unwrap_scrypt(header, passphrase, max_work_factor)
    reader = PayloadReader.from_file_key(lambda offset, size: data[offset : offset + size], len(data), header_size, file_key)
    return reader.read_at(0, reader.size)


def x25519_recipient_bytes(recipient: str) -> bytes:
    """The 32-byte public key of an `age1…` recipient string."""
    return _bech32_decode(recipient, "age")


def x25519_identity_bytes(identity: str) -> bytes:
    """The 32-byte secret key of an `AGE-SECRET-KEY-1…` identity string."""
    return _bech32_decode(identity, "age-secret-key-")


class StreamEncryptor:
    """Encrypts one age file to X25519 recipients, fed any number of bytes at a time.

    `feed()` returns the ciphertext that is complete so far; `finish()` the rest. Chunks are
    sealed in batches, so a caller feeding 1 MiB at a time does 16 AEAD calls per feed.
    """

    def __init__(self, recipients: list[bytes]) -> None:
        if not recipients:
            raise ValueError("at least one recipient")
        file_key = os.urandom(16)
        stanzas = b"".join(_x25519_stanza(file_key, recipient) for recipient in recipients)
        self.header, self._key = _finish_header(file_key, stanzas)
        self._pending = bytearray()
        self._index = 0

    def feed(self, data: bytes | memoryview) -> bytes:
        self._pending += data
        # Keep at least one byte back: only finish() knows which chunk is the last.
        count = (len(self._pending) - 1) // CHUNK
        if count <= 0:
            return b""
        view = memoryview(self._pending)
        sealed = [self._seal(view[i * CHUNK : (i + 1) * CHUNK], last=False) for i in range(count)]
        view.release()
        del self._pending[: count * CHUNK]
        return b"".join(sealed)

    def finish(self) -> bytes:
        sealed = self._seal(memoryview(self._pending), last=True)
        self._pending = bytearray()
        return sealed

    def _seal(self, chunk: memoryview, last: bool) -> bytes:
        sealed = self._key.encrypt(_nonce(self._index, last), chunk, None)
        self._index += 1
        return sealed

    def seal_into(self, chunk: memoryview, last: bool, out: memoryview) -> int:
        """Seal the next chunk (exactly CHUNK bytes unless it is the last) into `out`, which
        holds len(chunk) + 16 bytes; nothing is allocated. Returns the sealed length.

        For a caller that knows the plaintext's size, instead of feed()/finish()."""
        if not last and len(chunk) != CHUNK:
            raise ValueError("only the last chunk may be short")
        sealed = self._key.encrypt_into(_nonce(self._index, last), chunk, None, out[: len(chunk) + 16])
        self._index += 1
        return sealed


def encrypt_to(data: bytes | memoryview, recipients: list[str]) -> bytes:
    """`data` (held in memory) as one age file to `age1…` recipients, sealed chunk by chunk
    straight into the output: no copy of the plaintext, and the GIL is released while each
    chunk is sealed (pyrage holds it for the whole file)."""
    encryptor = StreamEncryptor([x25519_recipient_bytes(r) for r in recipients])
    view = memoryview(data)
    chunks = max(1, -(-len(view) // CHUNK))
    out = bytearray(len(encryptor.header) + len(view) + 16 * chunks)
    out[: len(encryptor.header)] = encryptor.header
    target = memoryview(out)
    position = len(encryptor.header)
    for index in range(chunks):
        position += encryptor.seal_into(view[index * CHUNK : (index + 1) * CHUNK], index == chunks - 1, target[position:])
    target.release()
    return bytes(out)


def _x25519_stanza(file_key: bytes, recipient: bytes) -> bytes:
    ephemeral = X25519PrivateKey.generate()
    share = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    wrap_key = _hkdf(shared, share + recipient, _X25519_LABEL)
    body = ChaCha20Poly1305(wrap_key).encrypt(bytes(12), file_key, None)
    return b"-> X25519 " + _b64(share) + b"\n" + _stanza_body(body)


# --- random-access decryption ---------------------------------------------------------------------


class RandomAccess(Protocol):
    def __call__(self, offset: int, size: int) -> bytes: ...


class PayloadReader:
    """The plaintext of one age file (X25519 recipient), decrypted chunk by chunk on demand.

    `read_at(offset, length)` reads only the chunks covering that range. A few recently used
    chunks are kept, so QtPdf's small, repeated reads do not decrypt the same chunk again.
    Each chunk is authenticated with its position; the last one also proves the file is whole.
    """

    KEPT_CHUNKS = 32  # 2 MiB of plaintext at most

    def __init__(self, read_at: RandomAccess, length: int, identity: bytes) -> None:
        header, header_size = _read_header(read_at, length)
        self._open(read_at, length, header_size, _unwrap_x25519(header, identity))

    @classmethod
    def from_file_key(cls, read_at: RandomAccess, length: int, header_size: int, file_key: bytes) -> PayloadReader:
        reader = cls.__new__(cls)
        reader._open(read_at, length, header_size, file_key)
        return reader

    def _open(self, read_at: RandomAccess, length: int, header_size: int, file_key: bytes) -> None:
        payload_start = header_size + NONCE_SIZE
        if length < payload_start + 16:
            raise AgeError("no payload")
        nonce = read_at(header_size, NONCE_SIZE)
        self._key = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
        self._read_at = read_at
        self._start = payload_start
        self._end = length
        payload = length - payload_start
        self.chunk_count = -(-payload // SEALED_CHUNK)
        last_sealed = payload - (self.chunk_count - 1) * SEALED_CHUNK
        if last_sealed < 16 or (last_sealed == 16 and self.chunk_count > 1):
            raise AgeError("truncated payload")
        self.size = (self.chunk_count - 1) * CHUNK + last_sealed - 16
        self._kept: OrderedDict[int, bytes] = OrderedDict()

    def chunk(self, index: int) -> bytes:
        kept = self._kept.get(index)
        if kept is not None:
            self._kept.move_to_end(index)
            return kept
        position = self._start + index * SEALED_CHUNK
        sealed = self._read_at(position, min(SEALED_CHUNK, self._end - position))  # never into the next member
        last = index == self.chunk_count - 1
        try:
            plain = self._key.decrypt(_nonce(index, last), sealed, None)
        except InvalidTag:
            raise AgeError(f"chunk {index} does not authenticate") from None
        self._kept[index] = plain
        if len(self._kept) > self.KEPT_CHUNKS:
            self._kept.popitem(last=False)
        return plain

    def read_at(self, offset: int, length: int) -> bytes:
        end = min(self.size, offset + max(0, length))
        if offset >= end:
            return b""
        first, last = offset // CHUNK, (end - 1) // CHUNK
        parts = [self.chunk(i) for i in range(first, last + 1)]
        data = b"".join(parts) if len(parts) > 1 else parts[0]
        skip = offset - first * CHUNK
        return data[skip : skip + end - offset]

    def forget(self) -> None:
        """Drop the plaintext kept in memory."""
        self._kept.clear()


def file_reader(handle: BinaryIO, start: int) -> RandomAccess:
    """A RandomAccess over a member of an open file starting at `start` (positional reads where possible)."""
    if hasattr(os, "pread"):
        fd = handle.fileno()

        def read_at(offset: int, size: int) -> bytes:
            return os.pread(fd, size, start + offset)

        return read_at

    def seek_and_read(offset: int, size: int) -> bytes:  # Windows: no pread
        handle.seek(start + offset)
        return handle.read(size)

    return seek_and_read


class ReadInto(Protocol):
    def __call__(self, offset: int, buffer: memoryview) -> int: ...


def file_reader_into(handle: BinaryIO, start: int) -> ReadInto:
    """Reads into a caller's buffer from a member of an open file starting at `start`."""
    if hasattr(os, "preadv"):
        fd = handle.fileno()

        def read_into(offset: int, buffer: memoryview) -> int:
            return os.preadv(fd, [buffer], start + offset)

        return read_into

    def seek_and_read_into(offset: int, buffer: memoryview) -> int:  # Windows: no preadv
        handle.seek(start + offset)
        return handle.readinto(buffer)

    return seek_and_read_into


def decrypt_stream(read_into: ReadInto, length: int, identity: bytes, consume: Callable[[memoryview], None], batch: int = 16) -> int:
    """Decrypt a whole age file in order with bounded memory, handing `consume` one chunk at a time.

    Sequential: reads `batch` sealed chunks with one call into a reused buffer and opens each
    into another, so nothing is allocated per chunk. The view given to `consume` (up to 64 KiB,
    hashed while still in the CPU cache) is only valid during the call."""
    reader = PayloadReader(_read_at_via(read_into), length, identity)
    sealed = memoryview(bytearray(batch * SEALED_CHUNK))
    plain = memoryview(bytearray(CHUNK))
    index = 0
    for start in range(reader._start, length, len(sealed)):
        wanted = min(len(sealed), length - start)
        if read_into(start, sealed[:wanted]) != wanted:
            raise AgeError("file shorter than expected")
        for offset in range(0, wanted, SEALED_CHUNK):
            piece = sealed[offset : min(offset + SEALED_CHUNK, wanted)]
            try:
                count = reader._key.decrypt_into(_nonce(index, index == reader.chunk_count - 1), piece, None, plain[: len(piece) - 16])
            except InvalidTag:
                raise AgeError(f"chunk {index} does not authenticate") from None
            consume(plain[:count])
            index += 1
    return reader.size


def _read_at_via(read_into: ReadInto) -> RandomAccess:
    def read_at(offset: int, size: int) -> bytes:
        buffer = bytearray(size)
        return bytes(buffer[: read_into(offset, memoryview(buffer))])

    return read_at


def _read_header(read_at: RandomAccess, length: int) -> tuple[bytes, int]:
    """The header up to and including '---' and the MAC line; its size in bytes."""
    head = read_at(0, min(length, MAX_HEADER))[:length]
    if not head.startswith(_VERSION_LINE):
        raise AgeError("not an age v1 file")
    end = head.find(b"\n---")
    if end < 0:
        raise AgeError("header too long or cut off")
    line_end = head.find(b"\n", end + 1)
    if line_end < 0:
        raise AgeError("header cut off")
    return head[: line_end + 1], line_end + 1


def _unwrap_x25519(header: bytes, identity: bytes) -> bytes:
    """The file key, from the X25519 stanza meant for `identity`, after checking the header MAC."""
    lines = header.split(b"\n")[1:-1]  # after the version line, up to the MAC line
    mac_line = lines.pop()
    if not mac_line.startswith(b"--- "):
        raise AgeError("no MAC line")
    secret = X25519PrivateKey.from_private_bytes(identity)
    ours = secret.public_key().public_bytes_raw()
    file_key = None
    for arguments, body in _stanzas(lines):
        if file_key is not None or arguments[:1] != [b"X25519"]:
            continue
        if len(arguments) != 2 or len(body) != 32:
            raise AgeError("malformed X25519 stanza")
        share = _unb64(arguments[1])
        if len(share) != 32:
            raise AgeError("malformed X25519 share")
        shared = secret.exchange(X25519PublicKey.from_public_bytes(share))
        try:
            file_key = ChaCha20Poly1305(_hkdf(shared, share + ours, _X25519_LABEL)).decrypt(bytes(12), body, None)
        except InvalidTag:
            continue  # a stanza for another recipient
    if file_key is None:
        raise AgeError("not encrypted to this key")
    _check_header_mac(header, mac_line, file_key)
    return file_key


def _check_header_mac(header: bytes, mac_line: bytes, file_key: bytes) -> None:
    expected = hmac.new(_hkdf(file_key, b"", b"header"), header[: header.rfind(b"---") + 3], hashlib.sha256).digest()
    if not hmac.compare_digest(expected, _unb64(mac_line[4:])):
        raise AgeError("header MAC mismatch")


def _unwrap_scrypt(header: bytes, passphrase: str, max_work_factor: int) -> bytes:
    """The file key from the header's one scrypt stanza (age allows it only alone)."""
    lines = header.split(b"\n")[1:-1]
    mac_line = lines.pop()
    if not mac_line.startswith(b"--- "):
        raise AgeError("no MAC line")
    stanzas = _stanzas(lines)
    if len(stanzas) != 1 or stanzas[0][0][:1] != [b"scrypt"]:
        raise AgeError("not a passphrase-encrypted age file")
    arguments, body = stanzas[0]
    if len(arguments) != 3 or len(body) != 32 or not arguments[2].isdigit() or arguments[2].startswith(b"0"):
        raise AgeError("malformed scrypt stanza")
    salt, work_factor = _unb64(arguments[1]), int(arguments[2])
    if len(salt) != 16 or not 1 <= work_factor <= max_work_factor:
        raise AgeError("scrypt stanza out of bounds")
    wrap_key = _scrypt_wrap_key(passphrase, salt, work_factor)
    try:
        file_key = ChaCha20Poly1305(wrap_key).decrypt(bytes(12), body, None)
    except InvalidTag:
        raise WrongPassphrase("wrong passphrase") from None
    try:
        _check_header_mac(header, mac_line, file_key)
    except AgeError:
        raise WrongPassphrase("header MAC mismatch") from None
    return file_key


def _stanzas(lines: list[bytes]) -> list[tuple[list[bytes], bytes]]:
    stanzas = []
    position = 0
    while position < len(lines):
        line = lines[position]
        if not line.startswith(b"-> "):
            raise AgeError("malformed stanza")
        body = b""
        position += 1
        while True:
            if position >= len(lines):
                raise AgeError("stanza body cut off")
            piece = lines[position]
            position += 1
            if len(piece) > 64:
                raise AgeError("stanza line too long")
            body += piece
            if len(piece) < 64:
                break
        stanzas.append((line[3:].split(b" "), _unb64(body)))
    return stanzas


def _bech32_decode(text: str, hrp: str) -> bytes:
    """BIP 173 bech32 (as age uses it, without the 90-character limit), checksum verified."""
    lowered = text.strip().lower()
    if text.strip() not in (lowered, lowered.upper()):
        raise AgeError("mixed-case key")
    separator = lowered.rfind("1")
    if lowered[:separator] != hrp or separator < 1:
        raise AgeError("wrong key type")
    try:
        values = [_BECH32.index(c) for c in lowered[separator + 1 :]]
    except ValueError:
        raise AgeError("bad key character") from None
    if len(values) < 6 or _polymod([ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + values) != 1:
        raise AgeError("bad key checksum")
    accumulator, bits, out = 0, 0, bytearray()
    for value in values[:-6]:
        accumulator = (accumulator << 5) | value
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append((accumulator >> bits) & 0xFF)
    if bits >= 5 or (accumulator << (8 - bits)) & 0xFF and bits:
        raise AgeError("bad key padding")
    if len(out) != 32:
        raise AgeError("wrong key length")
    return bytes(out)


def _polymod(values: list[int]) -> int:
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            checksum ^= generator[i] if (top >> i) & 1 else 0
    return checksum
