"""Conflict screening at sealing: an expert's affiliations against the units the application names.

review.toml lists the applicant's member units, shareholders and partners (`[[related_units]]`,
unit + relation). The roster knows each expert's current affiliation (from the enrolment card)
and the organization adds past ones (the last three years) in `ORG/affiliations.toml`:

    [[expert]]
    fingerprint = "1D40 98B8 …"        # as `reviewer-org roster` prints it
    past = [{ unit = "华南工学院", until = 2024-06-30 }]

`reviewer-org seal` and `check --org` print one warning per match, naming expert, unit and
relation; the organization decides (another panel, or the expert recuses in the app).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewer_app import keys, rubric
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError
from reviewer_app.rubric import Problem

AFFILIATIONS_FILE = "affiliations.toml"
LOOKBACK_YEARS = 3
_NOISE = re.compile(r"[\s()（）·•.,，、]")


@dataclass(frozen=True)
class Affiliation:
    unit: str
    until: dt.date | None  # None: current


def normalised(unit: str) -> str:
    return _NOISE.sub("", unit).lower()


def same_unit(a: str, b: str) -> bool:
    """Equal names, or one contains the other (岭南理工大学 / 岭南理工大学机械学院)."""
    x, y = normalised(a), normalised(b)
    return bool(x and y) and (x == y or (min(len(x), len(y)) >= 4 and (x in y or y in x)))


def past_affiliations(org_dir: Path, today: dt.date | None = None) -> dict[str, list[Affiliation]]:
    """Fingerprint (hex) -> past affiliations within the last three years, from ORG/affiliations.toml."""
    path = Path(org_dir) / AFFILIATIONS_FILE
    if not path.is_file():
        return {}
    damaged = UserFacingError(QT_TRANSLATE_NOOP("Errors", "{file} is not in the expected form: each [[expert]] needs a fingerprint and a list past = [{{ unit = \"…\", until = 2024-06-30 }}]."), file=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise damaged from None
    today = today or dt.date.today()
    horizon = today.replace(year=today.year - LOOKBACK_YEARS) if not (today.month == 2 and today.day == 29) else today.replace(year=today.year - LOOKBACK_YEARS, day=28)
    found: dict[str, list[Affiliation]] = {}
    experts = data.get("expert", [])
    if not isinstance(experts, list):
        raise damaged
    for entry in experts:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str) or not isinstance(entry.get("past", []), list):
            raise damaged
        try:
            digits = keys.fingerprint_hex(entry["fingerprint"])
        except (ValueError, UserFacingError):
            raise damaged from None
        for past in entry.get("past", []):
            if not isinstance(past, dict) or not isinstance(past.get("unit"), str) or not isinstance(past.get("until"), dt.date):
                raise damaged
            if past["until"] >= horizon:
                found.setdefault(digits, []).append(Affiliation(past["unit"], past["until"]))
    return found


def screen(spec: rubric.ReviewSpec, cards: Sequence[object], past: dict[str, list[Affiliation]] | None = None) -> list[Problem]:
    """One warning per (expert, related unit) that match."""
    warnings = []
    for card in cards:
        profile = card.profile  # type: ignore[attr-defined]
        affiliations = [Affiliation(profile.affiliation, None)] if profile.affiliation.strip() else []
        affiliations += (past or {}).get(keys.fingerprint_hex(card.fingerprint), [])  # type: ignore[attr-defined]
        for related in spec.related_units:
            for affiliation in affiliations:
                if not same_unit(affiliation.unit, related.unit):
                    continue
                if affiliation.until is None:
                    warnings.append(Problem(QT_TRANSLATE_NOOP("Errors", "Possible conflict of interest: {name} works at {unit}, which the application lists as {relation}."),
                                            name=profile.name, unit=affiliation.unit, relation=related.relation))
                else:
                    warnings.append(Problem(QT_TRANSLATE_NOOP("Errors", "Possible conflict of interest: {name} worked at {unit} until {until}; the application lists {related} as {relation}."),
                                            name=profile.name, unit=affiliation.unit, until=affiliation.until.isoformat(), related=related.unit, relation=related.relation))
                break
    return warnings
