"""The organization's roster of enrolled experts: one enrolment card per file, pinned by fingerprint.

`ORG/roster/<64 hex digits of the certificate fingerprint>.json` holds the card exactly as
the expert handed it over. The file name is the pin: a card whose certificate does not hash
to its file name is refused, so a swapped card is noticed, never silently trusted.
"""

from __future__ import annotations

from pathlib import Path

from reviewer_app import durable, identity, keys
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError

ROSTER_DIR = "roster"


class RosterError(UserFacingError):
    """An expert is not (or not properly) in the roster."""


def roster_dir(org_dir: Path) -> Path:
    return Path(org_dir) / ROSTER_DIR


def _card_path(org_dir: Path, fingerprint: str) -> Path:
    return roster_dir(org_dir) / f"{keys.fingerprint_hex(fingerprint)}.json"


def enrol(org_dir: Path, card_file: Path, expected_fingerprint: str | None = None) -> identity.EnrolmentCard:
    """Add the card to the roster. With `expected_fingerprint` (read out by the expert), refuse a mismatch."""
    card = identity.read_card(Path(card_file))  # refuses unreadable, oversized or damaged cards
    data = Path(card_file).read_bytes()
    if identity.read_card(data).fingerprint != card.fingerprint:  # the file changed under us
        raise RosterError(QT_TRANSLATE_NOOP("Errors", "The card file {file} changed while it was read."), file=str(card_file))
    if expected_fingerprint and keys.fingerprint_hex(expected_fingerprint) != keys.fingerprint_hex(card.fingerprint):
        raise RosterError(
            QT_TRANSLATE_NOOP("Errors", "The card's fingerprint {actual} is not the one the expert announced ({expected}); it was not enrolled."),
            actual=card.fingerprint,
            expected=expected_fingerprint,
        )
    roster_dir(org_dir).mkdir(parents=True, exist_ok=True)
    durable.write_bytes(_card_path(org_dir, card.fingerprint), data)
    return card


def lookup(org_dir: Path, fingerprint: str) -> identity.EnrolmentCard:
    """The enrolled card with this fingerprint (any common spelling: colons, spaces, case)."""
    path = _card_path(org_dir, fingerprint)
    if not path.is_file():
        raise RosterError(
            QT_TRANSLATE_NOOP("Errors", "No expert with fingerprint {fingerprint} is in the roster; enrol the expert's card first."),
            fingerprint=fingerprint,
        )
    card = identity.read_card(path)
    if keys.fingerprint_hex(card.fingerprint) != path.stem:
        raise RosterError(QT_TRANSLATE_NOOP("Errors", "The roster entry {file} was changed: its certificate no longer matches its name."), file=str(path))
    return card


def resolve(org_dir: Path, card_or_fingerprint: str) -> identity.EnrolmentCard:
    """A recipient given as a card file or a fingerprint, always taken from the roster (pinned)."""
    candidate = Path(card_or_fingerprint)
    fingerprint = identity.read_card(candidate).fingerprint if candidate.is_file() else card_or_fingerprint
    return lookup(org_dir, fingerprint)


def all_cards(org_dir: Path) -> list[identity.EnrolmentCard]:
    folder = roster_dir(org_dir)
    if not folder.is_dir():
        return []
    return [lookup(org_dir, path.stem) for path in sorted(folder.glob("*.json"))]
