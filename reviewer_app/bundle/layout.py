"""Member names, canonical order and size limits of the bundle format (versions 1 and 2 share them)."""

from __future__ import annotations

import re

FORMAT = "reviewer-app/bundle"
MANIFEST_FORMAT = "reviewer-app/bundle-manifest"
FORMAT_VERSION = 2  # the version `seal` writes (docs/formats.md §6)
READABLE_VERSIONS = (1, 2)  # every version the reader opens
SUFFIX = ".rvb"

BUNDLE_JSON = "bundle.json"
SUMS = "SHA256SUMS"
SUMS_SIGNATURE = "SHA256SUMS.p7s"
PASSPHRASE_KEY = "keys/passphrase.age"
RECIPIENTS_KEY = "keys/recipients.age"
MANIFEST = "payload/000.age"
MANIFEST_SIGNATURE = "payload/001.age"
FIRST_MATERIAL_NUMBER = 2
MAX_PAYLOAD_MEMBERS = 1000  # payload/000.age .. payload/999.age

ROLE_PASSPHRASE_KEY = "passphrase-key"
ROLE_RECIPIENTS_KEY = "recipients-key"
ROLE_MANIFEST = "manifest"
ROLE_MANIFEST_SIGNATURE = "manifest-signature"
ROLE_MATERIAL = "material"

_PAYLOAD = re.compile(r"^payload/(\d{3})\.age$")

# Members read whole into memory are bounded; materials are streamed or read on demand.
LIMITS = {
    BUNDLE_JSON: 1 << 20,
    SUMS: 256 << 10,
    SUMS_SIGNATURE: 64 << 10,
    PASSPHRASE_KEY: 64 << 10,
    RECIPIENTS_KEY: 256 << 10,
    MANIFEST: 16 << 20,
    MANIFEST_SIGNATURE: 64 << 10,
}
MAX_MATERIAL_BYTES = 2 << 30  # one document; read with random access (docs/formats.md §1.3)


def payload_name(number: int) -> str:
    return f"payload/{number:03d}.age"


def payload_number(name: str) -> int | None:
    match = _PAYLOAD.match(name)
    return int(match.group(1)) if match else None


def role_of(name: str) -> str | None:
    """The role a member of this name has in a bundle, or None if no such member exists."""
    if name == PASSPHRASE_KEY:
        return ROLE_PASSPHRASE_KEY
    if name == RECIPIENTS_KEY:
        return ROLE_RECIPIENTS_KEY
    number = payload_number(name)
    if number is None:
        return None
    return {0: ROLE_MANIFEST, 1: ROLE_MANIFEST_SIGNATURE}.get(number, ROLE_MATERIAL)


def canonical_order(with_passphrase: bool, with_recipients: bool, material_count: int) -> list[str]:
    """Every member name of a bundle, in the order they appear in the file."""
    names = [PASSPHRASE_KEY] if with_passphrase else []
    names += [RECIPIENTS_KEY] if with_recipients else []
    names += [payload_name(n) for n in range(FIRST_MATERIAL_NUMBER + material_count)]
    return names + [BUNDLE_JSON, SUMS, SUMS_SIGNATURE]
