"""Conflict screening at sealing: an expert's affiliations against the units the application names.

review.toml lists the applicant's member units, shareholders and partners (`[[related_units]]`,
unit + relation); the applicant itself (申报单位) is screened too. Each expert's affiliations are the current one on the enrolment card and
those the organization records in `ORG/affiliations.toml` (`reviewer-org roster affiliation
add|list|remove`, or by hand):

    [[expert]]
    fingerprint = "1D40 98B8 …"        # as `reviewer-org roster` prints it
    name = "黄建国"                     # for the reader; the fingerprint is what counts
    past = [{ unit = "华南工学院", from = 2021-03-01, until = 2024-06-30, role = "教授" }]

`until` absent: the expert still holds it (a second, current affiliation). An affiliation that
ended more than three years ago is ignored by the screening, and `seal` says so when such an
old one matches a listed unit. `reviewer-org seal` and `check --org` print one warning per
match, naming expert, unit and relation; the organization decides (another panel, or the
expert recuses in the app).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewer_app import durable, keys, rubric
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError
from reviewer_app.org import tomlwrite
from reviewer_app.rubric import Problem

AFFILIATIONS_FILE = "affiliations.toml"
LOOKBACK_YEARS = 3
_NOISE = re.compile(r"[\s()（）·•.,，、]")
_MONTH = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


@dataclass(frozen=True)
class Affiliation:
    unit: str
    until: dt.date | None  # None: current
    since: dt.date | None = None
    role: str = ""

    def describe(self) -> str:
        span = f"{self.since.isoformat() if self.since else '…'} – {self.until.isoformat() if self.until else 'now'}"
        return f"{self.unit} ({span}{', ' + self.role if self.role else ''})"


def normalised(unit: str) -> str:
    """The name without spaces and brackets, in one width and case: a unit typed with full-width
    letters, digits or brackets (ＡＢＣ科技（广州）) is the one written in half-width (ABC科技(广州))."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", unit)).casefold()


def same_unit(a: str, b: str) -> bool:
    """Equal names, or one contains the other (岭南理工大学 / 岭南理工大学机械学院)."""
    x, y = normalised(a), normalised(b)
    return bool(x and y) and (x == y or (min(len(x), len(y)) >= 4 and (x in y or y in x)))


def horizon(today: dt.date | None = None) -> dt.date:
    """The earliest end date still screened: three years before today."""
    today = today or dt.date.today()
    return today.replace(year=today.year - LOOKBACK_YEARS, day=28 if (today.month, today.day) == (2, 29) else today.day)


def is_recent(affiliation: Affiliation, today: dt.date | None = None) -> bool:
    return affiliation.until is None or affiliation.until >= horizon(today)


def parse_month(text: str, *, end: bool) -> dt.date:
    """2023-01 (a month), 2023-01-15 (a day) or 2023 (a year); `end`: the last day of it."""
    match = _MONTH.match(text.strip())
    try:
        if match is None:
            raise ValueError
        year, month, day = int(match[1]), int(match[2] or (12 if end else 1)), match[3]
        if day is not None:
            return dt.date(year, month, int(day))
        return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    except ValueError:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "{text} is not a month; write it as 2023-01 (or a day, 2023-01-15)."), text=text) from None


def _damaged(path: Path) -> UserFacingError:
    return UserFacingError(QT_TRANSLATE_NOOP("Errors", "{file} is not in the expected form: each [[expert]] needs a fingerprint and a list past = [{{ unit = \"…\", until = 2024-06-30 }}]."), file=str(path))


def _affiliation(entry: object, path: Path) -> Affiliation:
    if not isinstance(entry, dict) or not isinstance(entry.get("unit"), str) or not entry["unit"].strip():
        raise _damaged(path)
    until, since, role = entry.get("until"), entry.get("from"), entry.get("role", "")
    if not all(value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)) for value in (until, since)) or not isinstance(role, str):
        raise _damaged(path)
    return Affiliation(entry["unit"].strip(), until, since, role.strip())


def all_affiliations(org_dir: Path) -> dict[str, list[Affiliation]]:
    """Fingerprint (hex) -> every affiliation recorded in ORG/affiliations.toml, recent or not."""
    path = Path(org_dir) / AFFILIATIONS_FILE
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise _damaged(path) from None
    experts = data.get("expert", [])
    if not isinstance(experts, list):
        raise _damaged(path)
    found: dict[str, list[Affiliation]] = {}
    for entry in experts:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str) or not isinstance(entry.get("past", []), list):
            raise _damaged(path)
        try:
            digits = keys.fingerprint_hex(entry["fingerprint"])
        except (ValueError, UserFacingError):
            raise _damaged(path) from None
        found.setdefault(digits, []).extend(_affiliation(past, path) for past in entry.get("past", []))
    return found


def past_affiliations(org_dir: Path, today: dt.date | None = None) -> dict[str, list[Affiliation]]:
    """Fingerprint (hex) -> the recorded affiliations screened: current, or ended within three years."""
    recent = {digits: [a for a in found if is_recent(a, today)] for digits, found in all_affiliations(org_dir).items()}
    return {digits: found for digits, found in recent.items() if found}


def _write(org_dir: Path, found: dict[str, list[Affiliation]], names: dict[str, str]) -> None:
    experts = []
    for digits, affiliations in found.items():
        if not affiliations:
            continue
        past = []
        for a in affiliations:
            entry: dict[str, object] = {"unit": a.unit}
            if a.since is not None:
                entry["from"] = a.since
            if a.until is not None:
                entry["until"] = a.until
            if a.role:
                entry["role"] = a.role
            past.append(entry)
        experts.append({"fingerprint": keys.format_fingerprint(digits), "name": names.get(digits, ""), "past": past})
    header = "Experts' affiliations kept by the organization (reviewer-org roster affiliation add|list|remove).\nuntil absent: still held. Ended more than three years ago: not screened."
    durable.write_bytes(Path(org_dir) / AFFILIATIONS_FILE, tomlwrite.dumps({"expert": experts} if experts else {}, header).encode("utf-8"))


def _names(org_dir: Path) -> dict[str, str]:
    from reviewer_app.org import roster

    cards, _ = roster.usable_cards(org_dir)
    return {keys.fingerprint_hex(card.fingerprint): card.profile.name for card in cards}


def add_affiliation(org_dir: Path, fingerprint: str, affiliation: Affiliation) -> None:
    """Record an affiliation of an enrolled expert (the same unit and dates twice is recorded once)."""
    if not affiliation.unit.strip():
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "Give the unit's name with --unit."))
    if affiliation.since and affiliation.until and affiliation.until < affiliation.since:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The affiliation ends ({until}) before it starts ({since})."),
                              until=affiliation.until.isoformat(), since=affiliation.since.isoformat())
    found = all_affiliations(org_dir)
    digits = keys.fingerprint_hex(fingerprint)
    if affiliation not in found.setdefault(digits, []):
        found[digits].append(affiliation)
    _write(org_dir, found, _names(org_dir))


def remove_affiliations(org_dir: Path, fingerprint: str, unit: str) -> int:
    """Remove the expert's recorded affiliations with this unit; how many were removed."""
    found = all_affiliations(org_dir)
    digits = keys.fingerprint_hex(fingerprint)
    kept = [a for a in found.get(digits, []) if normalised(a.unit) != normalised(unit)]
    removed = len(found.get(digits, [])) - len(kept)
    if removed:
        found[digits] = kept
        _write(org_dir, found, _names(org_dir))
    return removed


def _current(card: object) -> list[Affiliation]:
    """The affiliation on the enrolment card: current by definition."""
    unit = card.profile.affiliation.strip()  # type: ignore[attr-defined]
    return [Affiliation(unit, None)] if unit else []


APPLICANT_RELATION = "申报单位"


def screened_units(spec: rubric.ReviewSpec, applicant: str = "") -> list[rubric.RelatedUnit]:
    """The units an expert's affiliations are compared with: the applicant itself (申报单位), then
    the related units the application lists."""
    units = list(spec.related_units)
    if applicant.strip() and not any(same_unit(applicant, u.unit) for u in units):
        units.insert(0, rubric.RelatedUnit(applicant.strip(), APPLICANT_RELATION))
    return units


def screen(spec: rubric.ReviewSpec, cards: Sequence[object], past: dict[str, list[Affiliation]] | None = None, applicant: str = "") -> list[Problem]:
    """One warning per (expert, screened unit) that match."""
    warnings = []
    units = screened_units(spec, applicant)
    for card in cards:
        profile = card.profile  # type: ignore[attr-defined]
        affiliations = _current(card) + (past or {}).get(keys.fingerprint_hex(card.fingerprint), [])  # type: ignore[attr-defined]
        for related in units:
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


def too_old_matches(spec: rubric.ReviewSpec, cards: Sequence[object], recorded: dict[str, list[Affiliation]], today: dt.date | None = None,
                    applicant: str = "") -> list[Problem]:
    """Recorded affiliations that match a screened unit but ended more than three years ago (not screened: said so)."""
    notes = []
    units = screened_units(spec, applicant)
    for card in cards:
        for affiliation in recorded.get(keys.fingerprint_hex(card.fingerprint), []):  # type: ignore[attr-defined]
            if is_recent(affiliation, today):
                continue
            for related in units:
                if same_unit(affiliation.unit, related.unit):
                    notes.append(Problem(QT_TRANSLATE_NOOP("Errors", "Not counted: {name} worked at {unit} until {until}, more than three years ago."),
                                         name=card.profile.name, unit=affiliation.unit, until=affiliation.until.isoformat()))  # type: ignore[attr-defined,union-attr]
                    break
    return notes


def declared_relations(doc: object) -> list[tuple[str, dict[str, object]]]:
    """A member's declared relations to the units the application lists: (template, params) of
    one flag each. The package still counts; the organization looks at it (verify, aggregate).
    A recusal counts nowhere, so its answers raise nothing."""
    if doc.is_recusal:  # type: ignore[attr-defined]
        return []
    declarations = doc.declarations  # type: ignore[attr-defined]
    return [
        (QT_TRANSLATE_NOOP("Errors", "{name} declared a relation to {unit}, which the application lists as {relation}: {description}"),
         {"name": doc.expert.name, "unit": a.unit, "relation": a.relation, "description": a.description})  # type: ignore[attr-defined]
        for a in declarations.related_units if a.has_relation
    ]
