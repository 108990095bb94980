"""age v1 encryption to a passphrase (scrypt recipient) with a chosen work factor.

pyrage (rage) always calibrates scrypt to the machine, which costs several seconds per
bundle; the organization needs to choose: 18 (age's own default, about a second) for real
sessions, lower for demos and tests whose passphrases are published anyway. Only encryption
lives here; decryption is rage's (`pyrage.passphrase.decrypt`), and tests check the output
with both rage and the `age` command. Format: https://c2sp.org/age (v1).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

DEFAULT_WORK_FACTOR = 18
CHUNK = 64 * 1024
_VERSION_LINE = b"age-encryption.org/v1\n"
_SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def _stanza_body(body: bytes) -> bytes:
    """Base64 without padding, 64 columns; a final full line is followed by an empty one."""
    encoded = _b64(body)
    lines = [encoded[i : i + 64] for i in range(0, len(encoded), 64)]
    if not lines or len(lines[-1]) == 64:
        lines.append(b"")
    return b"\n".join(lines) + b"\n"


def encrypt(plaintext: bytes, passphrase: str, work_factor: int = DEFAULT_WORK_FACTOR) -> bytes:
    """`plaintext` as an age file that `age -d` / rage open with `passphrase`."""
    if not 10 <= work_factor <= 22:
        raise ValueError("scrypt work factor must be between 10 and 22")
    file_key = os.urandom(16)
    salt = os.urandom(16)
    wrap_key = hashlib.scrypt(
        passphrase.encode("utf-8"), salt=_SCRYPT_LABEL + salt, n=1 << work_factor, r=8, p=1, maxmem=(256 << work_factor) * 8, dklen=32
    )
    body = ChaCha20Poly1305(wrap_key).encrypt(bytes(12), file_key, None)
    header = _VERSION_LINE + b"-> scrypt " + _b64(salt) + b" " + str(work_factor).encode() + b"\n" + _stanza_body(body) + b"---"
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
    nonce = os.urandom(16)
    payload_key = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    chunks = [plaintext[i : i + CHUNK] for i in range(0, len(plaintext), CHUNK)] or [b""]
    sealed = [
        payload_key.encrypt(index.to_bytes(11, "big") + (b"\x01" if index == len(chunks) - 1 else b"\x00"), chunk, None)
        for index, chunk in enumerate(chunks)
    ]
    return header + b" " + _b64(mac) + b"\n" + nonce + b"".join(sealed)
