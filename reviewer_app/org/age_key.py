"""The organization's age key: the X25519 identity that opens confidential score packages.

`ORG/org-age.age` holds the identity encrypted with the organization passphrase (age scrypt,
the same form as an expert's: `age -d ORG/org-age.age` gives a file `age -d -i` takes);
`ORG/org-age-recipient.txt` holds its public recipient, which `seal` puts into every bundle's
signed manifest. `reviewer-org init` makes both; an organization made before it gets them
with `reviewer-org init --add-age-identity`.
"""

from __future__ import annotations

from pathlib import Path

import pyrage

from reviewer_app import durable, identity
from reviewer_app import agescrypt
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError

IDENTITY_FILE = "org-age.age"
RECIPIENT_FILE = "org-age-recipient.txt"
MAX_FILE_BYTES = 64 << 10


class AgeKeyError(UserFacingError):
    """The organization's age key is missing or cannot be used."""


MISSING = QT_TRANSLATE_NOOP(
    "Errors",
    "The organization folder {folder} has no age key for confidential score packages yet (it was made by an older version). Run: reviewer-org init --org {folder} --add-age-identity",
)


def exists(org_dir: Path) -> bool:
    return (Path(org_dir) / IDENTITY_FILE).is_file() and (Path(org_dir) / RECIPIENT_FILE).is_file()


def create(org_dir: Path, passphrase: str) -> str:
    """Make the organization's age identity (refusing to replace one); returns its recipient."""
    org_dir = Path(org_dir)
    if exists(org_dir):
        raise AgeKeyError(QT_TRANSLATE_NOOP("Errors", "The organization folder {folder} already has an age key; it was not replaced."), folder=str(org_dir))
    key = pyrage.x25519.Identity.generate()
    recipient = str(key.to_public())
    durable.write_bytes(org_dir / IDENTITY_FILE, identity.encrypt_age_identity(key, passphrase), mode=durable.PRIVATE)
    durable.write_text(org_dir / RECIPIENT_FILE, recipient + "\n")
    return recipient


def _read(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES)
    except OSError:
        raise AgeKeyError(MISSING, folder=str(path.parent)) from None


def recipient(org_dir: Path) -> str:
    """The organization's public age recipient (no passphrase needed)."""
    path = Path(org_dir) / RECIPIENT_FILE
    text = _read(path).decode("ascii", "replace").strip()
    try:
        if str(pyrage.x25519.Recipient.from_str(text)) == text:
            return text
    except (pyrage.RecipientError, ValueError):
        pass
    raise AgeKeyError(QT_TRANSLATE_NOOP("Errors", "The file {file} is damaged: it holds no age recipient."), file=str(path))


def unlock(org_dir: Path, passphrase: str) -> pyrage.x25519.Identity:
    """The organization's age identity; AgeKeyError for a wrong passphrase or a damaged file."""
    path = Path(org_dir) / IDENTITY_FILE
    data = _read(path)
    try:
        key = identity.decrypt_age_identity(data, passphrase)
    except agescrypt.WrongPassphrase:
        raise AgeKeyError(QT_TRANSLATE_NOOP("Errors", "The organization passphrase does not open {file}."), file=str(path)) from None
    except (ValueError, UnicodeDecodeError):
        raise AgeKeyError(QT_TRANSLATE_NOOP("Errors", "The file {file} is damaged: it holds no age identity."), file=str(path)) from None
    if exists(org_dir) and str(key.to_public()) != recipient(org_dir):
        raise AgeKeyError(QT_TRANSLATE_NOOP("Errors", "The file {file} does not belong to the organization's age recipient."), file=str(path))
    return key
