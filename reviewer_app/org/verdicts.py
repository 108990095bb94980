"""What `reviewer-org verify` found, kept so that `aggregate` does not check the same bytes again.

`ORG/verified.json` lists, for each package `verify` found sound, keyed by the SHA-256 of the
file as handed in: the SHA-256 of its score.json, its bundle, the flags it was accepted with,
and the state it was checked against (`Organization.state`: the checking code, the
out-of-window setting, every file of ORG/roster and ORG/revoked, and the organization's record
of that bundle). The file carries an HMAC-SHA256 keyed (HKDF) from the organization's age
identity, so only someone who knows the organization passphrase can write verdicts `aggregate`
believes.

`aggregate` reuses a verdict only when the file's SHA-256, the state and the MAC all match,
and then reads just score.json from the package; anything else is verified again in full. A
package changed after `verify` has another SHA-256, so it is verified again, and refused.
Checks across packages (revision chains, conflicts) always run again. A missing, damaged or
unwritable file only means more checking, never an error.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path

from reviewer_app import durable

FILE_NAME = "verified.json"
MAX_BYTES = 256 << 20
_INFO = b"reviewer-org verified packages v1"


@dataclass(frozen=True)
class Verdict:
    """A package found sound: what `aggregate` needs to take it without checking it again."""

    bundle_id: str
    score_sha256: str
    state: str  # Organization.state(bundle_id) when it was checked
    flags: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] = ()  # Sentence fields

    def as_json(self) -> dict:
        return {"bundle": self.bundle_id, "score_sha256": self.score_sha256, "state": self.state, "flags": [[t, dict(p)] for t, p in self.flags]}

    @staticmethod
    def from_json(data: dict) -> Verdict:
        flags = tuple((str(t), tuple(sorted(dict(p).items()))) for t, p in data.get("flags", []))
        return Verdict(str(data["bundle"]), str(data["score_sha256"]), str(data["state"]), flags)


def _key(age_identity: object) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, salt=None, info=_INFO).derive(str(age_identity).encode("ascii"))


def _mac(key: bytes, entries: dict[str, dict]) -> str:
    canonical = json.dumps(entries, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hmac.new(key, canonical, hashlib.sha256).hexdigest()


def load(org_dir: Path, age_identity: object | None) -> dict[str, Verdict]:
    """The verdicts whose MAC holds under this organization's key; {} when there are none."""
    if age_identity is None:
        return {}
    try:
        with open(Path(org_dir) / FILE_NAME, "rb") as handle:
            data = json.loads(handle.read(MAX_BYTES + 1)[:MAX_BYTES])
        entries = data["entries"]
        if not isinstance(entries, dict) or not hmac.compare_digest(str(data["mac"]), _mac(_key(age_identity), entries)):
            return {}
        return {str(file_sha): Verdict.from_json(entry) for file_sha, entry in entries.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save(org_dir: Path, age_identity: object | None, verdicts: dict[str, Verdict]) -> bool:
    """Add `verdicts` to the file (those already there and still authentic stay); False when it
    cannot be written (a read-only organization folder: aggregate then checks everything)."""
    if age_identity is None or not verdicts:
        return False
    merged = {sha: verdict.as_json() for sha, verdict in load(org_dir, age_identity).items()}
    merged.update({sha: verdict.as_json() for sha, verdict in verdicts.items()})
    try:
        text = json.dumps({"version": 1, "entries": merged, "mac": _mac(_key(age_identity), merged)}, ensure_ascii=False, separators=(",", ":"))
        durable.write_text(Path(org_dir) / FILE_NAME, text, mode=durable.PRIVATE)
    except (OSError, TypeError, ValueError):  # unwritable folder; a flag parameter JSON cannot hold
        return False
    return True
