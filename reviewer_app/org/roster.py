"""The organization's roster of enrolled experts: one enrolment card per file, pinned by fingerprint.

`ORG/roster/<64 hex digits of the certificate fingerprint>.json` holds the card exactly as
the expert handed it over. The file name is the pin: a card whose certificate does not hash
to its file name is refused, so a swapped card is noticed, never silently trusted.

Checking packages (`usable_cards`), a damaged card is named and skipped, never fatal to the
others; an expired card is still read, because what the expert signed while the certificate
was valid stays valid (verify checks the certificate at the signing time).

`ORG/revoked/<fingerprint hex>.json` (`reviewer-org revoke FP --from DATE --reason …`): from that
moment on nothing the expert signs is accepted; earlier signatures still count.

`ORG/retired/<64 hex digits>.json` (`reviewer-org retire FP`) marks an expert's old key, say
after a forgotten passphrase: the card stays in the roster, so what the expert signed with it
still verifies, but `seal` no longer seals for it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from reviewer_app import durable, identity, keys
from reviewer_app.bundle.errors import BundleRefused
from reviewer_app.bundle.strictjson import Fields, dumps, format_time, loads
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError

ROSTER_DIR = "roster"
REVOKED_DIR = "revoked"
REVOCATION_FORMAT = "reviewer-app/revocation"
MAX_REVOCATION_BYTES = 64 << 10
RETIRED_DIR = "retired"
PDF_MAGIC = b"%PDF"


class RosterError(UserFacingError):
    """An expert is not (or not properly) in the roster."""


def roster_dir(org_dir: Path) -> Path:
    return Path(org_dir) / ROSTER_DIR


def _card_path(org_dir: Path, fingerprint: str) -> Path:
    return roster_dir(org_dir) / f"{keys.fingerprint_hex(fingerprint)}.json"


def read_card_file(card_file: Path) -> identity.EnrolmentCard:
    """The card in `card_file`; the printable PDF is refused with a pointer to the .json beside it."""
    card_file = Path(card_file)
    try:
        with open(card_file, "rb") as handle:
            is_pdf = handle.read(len(PDF_MAGIC)) == PDF_MAGIC
    except OSError:
        is_pdf = False  # read_card() explains why the file cannot be read
    if is_pdf or card_file.suffix.lower() == ".pdf":
        raise RosterError(
            QT_TRANSLATE_NOOP("Errors", "{file} is the printable copy of the enrolment card. Enrol the card file that ends in .json instead: {json}"),
            file=str(card_file),
            json=str(card_file.with_suffix(".json")),
        )
    return identity.read_card(card_file)  # refuses unreadable, oversized or damaged cards


def is_enrolled(org_dir: Path, fingerprint: str) -> bool:
    return _card_path(org_dir, fingerprint).is_file()


def same_name(org_dir: Path, card: identity.EnrolmentCard) -> list[identity.EnrolmentCard]:
    """Other cards enrolled, and not retired, under the name on `card` (a second key of the same expert?)."""
    return [
        other for other in active_cards(org_dir)
        if other.profile.name == card.profile.name and not keys.same_fingerprint(other.fingerprint, card.fingerprint)
    ]


def enrol(org_dir: Path, card_file: Path, expected_fingerprint: str | None = None) -> identity.EnrolmentCard:
    """Add the card to the roster. With `expected_fingerprint` (read out by the expert), refuse a mismatch."""
    card = read_card_file(Path(card_file))
    data = Path(card_file).read_bytes()
    if identity.read_card(data).fingerprint != card.fingerprint:  # the file changed under us
        raise RosterError(QT_TRANSLATE_NOOP("Errors", "The card file {file} changed while it was read."), file=str(card_file))
    if expected_fingerprint and not keys.same_fingerprint(expected_fingerprint, card.fingerprint):
        raise RosterError(
            QT_TRANSLATE_NOOP("Errors", "The card's fingerprint {actual} is not the one the expert announced ({expected}); it was not enrolled."),
            actual=keys.format_fingerprint(card.fingerprint),
            expected=keys.format_fingerprint(expected_fingerprint),
        )
    roster_dir(org_dir).mkdir(parents=True, exist_ok=True)
    durable.write_bytes(_card_path(org_dir, card.fingerprint), data)
    return card


def lookup(org_dir: Path, fingerprint: str, *, allow_expired: bool = False) -> identity.EnrolmentCard:
    """The enrolled card with this fingerprint (any common spelling: colons, spaces, case)."""
    path = _card_path(org_dir, fingerprint)
    if not path.is_file():
        raise RosterError(
            QT_TRANSLATE_NOOP("Errors", "No expert with fingerprint {fingerprint} is in the roster; enrol the expert's card first."),
            fingerprint=keys.format_fingerprint(fingerprint),
        )
    card = identity.read_card(path, allow_expired=allow_expired)
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


@dataclass(frozen=True)
class SkippedCard:
    file_name: str
    reason: str


def usable_cards(org_dir: Path) -> tuple[list[identity.EnrolmentCard], list[SkippedCard]]:
    """Every card that can be trusted to check signatures (expired ones included), and the
    cards skipped because they are damaged, each named by its file name."""
    folder = roster_dir(org_dir)
    if not folder.is_dir():
        return [], []
    cards, skipped = [], []
    for path in sorted(folder.glob("*.json")):
        try:
            cards.append(lookup(org_dir, path.stem, allow_expired=True))
        except UserFacingError as exc:
            skipped.append(SkippedCard(path.name, exc.message()))
    return cards, skipped


# --- revocations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Revocation:
    fingerprint: str
    name: str
    effective_from: dt.datetime
    reason: str
    recorded_at: dt.datetime


def _revocation_path(org_dir: Path, fingerprint: str) -> Path:
    return Path(org_dir) / REVOKED_DIR / f"{keys.fingerprint_hex(fingerprint)}.json"


def parse_moment(text: str) -> dt.datetime:
    """`2026-05-01` (the start of that day, this computer's time zone) or an ISO date and time."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise RosterError(QT_TRANSLATE_NOOP("Errors", "{text} is not a date; write it as 2026-05-01 or 2026-05-01T14:00+08:00."), text=text) from None
    return value if value.tzinfo is not None else value.astimezone()


def revoke(org_dir: Path, fingerprint: str, effective_from: dt.datetime, reason: str) -> Revocation:
    """Record that nothing the expert signs from `effective_from` on is accepted (replaces an earlier record)."""
    if not reason.strip():
        raise RosterError(QT_TRANSLATE_NOOP("Errors", "Give the reason for the revocation with --reason."))
    card = lookup(org_dir, fingerprint, allow_expired=True)
    revocation = Revocation(card.fingerprint, card.profile.name, effective_from.replace(microsecond=0), reason.strip(), dt.datetime.now().astimezone().replace(microsecond=0))
    data = {
        "format": REVOCATION_FORMAT,
        "format_version": 1,
        "fingerprint": revocation.fingerprint,
        "name": revocation.name,
        "from": format_time(revocation.effective_from),
        "reason": revocation.reason,
        "recorded_at": format_time(revocation.recorded_at),
    }
    path = _revocation_path(org_dir, card.fingerprint)
    path.parent.mkdir(parents=True, exist_ok=True)
    durable.write_bytes(path, dumps(data))
    return revocation


def revocations(org_dir: Path) -> dict[str, Revocation]:
    """Every revocation, by fingerprint. A damaged record is refused (never silently ignored):
    ignoring it would accept what the organization meant to refuse."""
    folder = Path(org_dir) / REVOKED_DIR
    found: dict[str, Revocation] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.json")):
        damaged = RosterError(QT_TRANSLATE_NOOP("Errors", "The revocation record {file} is damaged; repair it or revoke the expert again."), file=path.name)
        try:
            data = path.read_bytes()
            if len(data) > MAX_REVOCATION_BYTES:
                raise damaged
            f = Fields(loads(data, "revocation"), "revocation", keys=("format", "format_version", "fingerprint", "name", "from", "reason", "recorded_at"))
            if f.data["format"] != REVOCATION_FORMAT or f.data["format_version"] != 1:
                raise damaged
            revocation = Revocation(f.fingerprint("fingerprint"), f.text("name"), f.timestamp("from"), f.text("reason"), f.timestamp("recorded_at"))
        except (OSError, BundleRefused):
            raise damaged from None
        if keys.fingerprint_hex(revocation.fingerprint) != path.stem:
            raise damaged
        found[revocation.fingerprint] = revocation
    return found


# --- retired keys ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Retirement:
    fingerprint: str
    retired_at: dt.datetime | None  # None: the record's date is unreadable (it is still retired)


def _retired_path(org_dir: Path, fingerprint: str) -> Path:
    return Path(org_dir) / RETIRED_DIR / f"{keys.fingerprint_hex(fingerprint)}.json"


def retire(org_dir: Path, fingerprint: str) -> tuple[identity.EnrolmentCard, Retirement]:
    """Stop sealing for an enrolled key (the expert has a new one); what it signed still verifies."""
    card = lookup(org_dir, fingerprint)
    existing = retirements(org_dir).get(keys.fingerprint_hex(card.fingerprint))
    if existing is not None:
        return card, existing
    retired_at = dt.datetime.now().astimezone().replace(microsecond=0)
    record = {"fingerprint": keys.format_fingerprint(card.fingerprint), "name": card.profile.name,
              "retired_at": retired_at.isoformat()}
    path = _retired_path(org_dir, card.fingerprint)
    path.parent.mkdir(parents=True, exist_ok=True)
    durable.write_bytes(path, (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return card, Retirement(card.fingerprint, retired_at)


def retirements(org_dir: Path) -> dict[str, Retirement]:
    """Retired keys by their 64 hex digits. The file name is what counts: a record whose
    content cannot be read still retires its key (sealing for a lost key is the worse mistake)."""
    folder = Path(org_dir) / RETIRED_DIR
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.glob("*.json")):
        try:
            digits = keys.fingerprint_hex(path.stem)
        except keys.NotAFingerprint:
            continue
        found[digits] = Retirement(digits, _retired_at(path))
    return found


def _retired_at(path: Path) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(json.loads(path.read_text(encoding="utf-8"))["retired_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return when if when.tzinfo is not None else None


def out_of_use(org_dir: Path) -> set[str]:
    """The 64 hex digits of every key that is no longer sealed for: retired or revoked."""
    return set(retirements(org_dir)) | {keys.fingerprint_hex(fp) for fp in revocations(org_dir)}


def active_cards(org_dir: Path) -> list[identity.EnrolmentCard]:
    """The cards to seal for with --all-enrolled: enrolled, neither retired nor revoked."""
    unused = out_of_use(org_dir)
    return [card for card in all_cards(org_dir) if keys.fingerprint_hex(card.fingerprint) not in unused]
