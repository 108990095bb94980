"""Confidential score packages (DESIGN §8): the `.rvs` handed over is the signed ZIP encrypted
with age to the organization's recipient and every panel member's, as the bundle's signed
manifest lists them (`Manifest.package_recipients`). A lost USB stick reveals nothing.

A version-1 package (the plain signed ZIP) is still read; a bundle sealed before the
manifest carried recipients gets a plain package, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyrage

from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.export.errors import refuse

AGE_MAGIC = b"age-encryption.org/v1\n"
ZIP_MAGIC = b"PK\x03\x04"


def is_encrypted(head: bytes) -> bool:
    return head.startswith(AGE_MAGIC)


def recipients_for(opened: Any, expert: Any) -> tuple[str, ...]:
    """Who may read the package of `expert` for the bundle `opened`; () for an older bundle."""
    listed = tuple(getattr(opened.manifest, "package_recipients", ()) or ())
    if not listed:
        return ()
    own = expert.public.age_recipient if hasattr(expert, "public") else expert.age_recipient
    return listed if own in listed else (*listed, own)  # the expert can always read what they signed


def encrypt(data: bytes, recipients: Sequence[str]) -> bytes:
    from reviewer_app import agescrypt  # plain age, sealed without copies and without holding the GIL

    return agescrypt.encrypt_to(data, list(recipients))


def decrypt(data: bytes, identities: Sequence[Any]) -> bytes:
    """The signed ZIP inside an encrypted package; PackageRefused when no identity opens it."""
    if not identities:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The package is encrypted, and no key to open it was given (the organization's passphrase is needed)."))
    try:
        return pyrage.decrypt(data, list(identities))
    except pyrage.DecryptError:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The package is encrypted for other readers: this organization's key does not open it, or the file is damaged.")) from None


def same_content(existing: bytes, plain: bytes, identities: Sequence[Any]) -> bool:
    """Whether `existing` (plain or encrypted) holds exactly the signed ZIP `plain`."""
    if not is_encrypted(existing):
        return existing == plain
    try:
        return pyrage.decrypt(existing, list(identities)) == plain
    except pyrage.DecryptError:
        return False
