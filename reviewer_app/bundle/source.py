"""The organization's source folder: `review.toml` plus the material files it lists.

`load_source(folder)` reads and checks everything and raises SourceInvalid listing every
problem at once (a typo in the rubric, a missing file, a window that ends before it starts),
so the organization can fix them all in one go. The format is documented in docs/formats.md.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer_app import rubric
from reviewer_app.bundle import layout
from reviewer_app.bundle.errors import SealRefused
from reviewer_app.bundle.model import MEDIA_TYPES, ApplicationInfo, ReviewInfo, Window
from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.rubric import Problem

SOURCE_FILE = "review.toml"
SOURCE_VERSION = 1
MAX_SOURCE_BYTES = 4 << 20
TOP_KEYS = ("format_version", "review", "application", "materials", *rubric.SPEC_KEYS)
REVIEW_KEYS = ("title", "authority", "organization", "session_date", "location", "utc_offset", "valid_from", "valid_until")
_MAGIC = {"application/pdf": (b"%PDF-",), "image/png": (b"\x89PNG\r\n\x1a\n",), "image/jpeg": (b"\xff\xd8\xff",), "text/plain": (b"",)}


class SourceInvalid(SealRefused):
    """The source folder has problems; `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(
            QT_TRANSLATE_NOOP("Errors", "The source folder has {count} problem(s); the first: {first}"),
            count=len(problems),
            first=problems[0],
        )


@dataclass(frozen=True)
class SourceMaterial:
    id: str
    title: str
    file: str  # relative to the source folder
    media_type: str


@dataclass(frozen=True)
class SealSource:
    folder: Path
    title: str
    authority: str
    organization: str
    session_date: str
    location: str
    window: Window
    application: ApplicationInfo
    spec: rubric.ReviewSpec
    materials: tuple[SourceMaterial, ...]

    def review(self, organization_name: str) -> ReviewInfo:
        return ReviewInfo(self.title, self.authority, self.organization or organization_name, self.session_date, self.location, self.window)

    def material_paths(self) -> list[Path]:
        return [self.folder / m.file for m in self.materials]


def load_source(folder: Path) -> SealSource:
    """The checked contents of a source folder; SourceInvalid listing every problem otherwise."""
    folder = Path(folder)
    data = _read_toml(folder / SOURCE_FILE)
    problems: list[Problem] = []
    add = lambda template, **params: problems.append(Problem(template, **params))  # noqa: E731
    for key in data:
        if key not in TOP_KEYS:
            add(QT_TRANSLATE_NOOP("Errors", "review.toml has an unknown setting \"{key}\"."), key=key)
    if data.get("format_version", SOURCE_VERSION) != SOURCE_VERSION:
        add(QT_TRANSLATE_NOOP("Errors", "review.toml has format_version {version}; this toolkit reads version 1."), version=data.get("format_version"))
    review = _table(data, "review", add)
    application = _table(data, "application", add)
    spec = _spec(data, problems)
    window = _window(review, add)
    materials = _materials(folder, data.get("materials"), add)
    texts = {key: _text(review, key, "[review]", add, required=key == "title") for key in ("title", "authority", "organization", "location")}
    for key in review:
        if key not in REVIEW_KEYS:
            add(QT_TRANSLATE_NOOP("Errors", "[review] has an unknown setting \"{key}\"."), key=key)
    for key in application:
        if key not in ("id", "title", "applicant"):
            add(QT_TRANSLATE_NOOP("Errors", "[application] has an unknown setting \"{key}\"."), key=key)
    app = ApplicationInfo(
        _text(application, "id", "[application]", add, required=True),
        _text(application, "title", "[application]", add, required=True),
        _text(application, "applicant", "[application]", add),
    )
    if problems:
        raise SourceInvalid(problems)
    assert spec is not None and window is not None
    return SealSource(folder, texts["title"], texts["authority"], texts["organization"], _session_date(review), texts["location"], window, app, spec, materials)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise SealRefused(QT_TRANSLATE_NOOP("Errors", "{file} cannot be read: {reason}."), file=str(path), reason=exc.strerror or str(exc)) from None
    if len(raw) > MAX_SOURCE_BYTES:
        raise SealRefused(QT_TRANSLATE_NOOP("Errors", "{file} is too large."), file=str(path))
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SealRefused(QT_TRANSLATE_NOOP("Errors", "{file} is not UTF-8 text."), file=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise SealRefused(QT_TRANSLATE_NOOP("Errors", "{file} is not valid TOML: {detail}."), file=str(path), detail=str(exc)) from None


def _table(data: dict[str, Any], key: str, add: Any) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        add(QT_TRANSLATE_NOOP("Errors", "review.toml needs a [{key}] table."), key=key)
        return {}
    return value


def _text(table: dict[str, Any], key: str, where: str, add: Any, *, required: bool = False) -> str:
    value = table.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        add(QT_TRANSLATE_NOOP("Errors", "\"{key}\" in {where} must be a non-empty text."), key=key, where=where)
        return ""
    return value


def _spec(data: dict[str, Any], problems: list[Problem]) -> rubric.ReviewSpec | None:
    try:
        spec = rubric.parse({key: data[key] for key in rubric.SPEC_KEYS if key in data})
    except rubric.SpecInvalid as exc:
        problems.extend(exc.problems)
        return None
    problems.extend(rubric.validate(spec))
    return spec


def _offset(review: dict[str, Any], add: Any) -> dt.timezone:
    text = review.get("utc_offset", "+08:00")
    try:
        parsed = dt.datetime.fromisoformat(f"2000-01-01T00:00:00{text}")
        assert parsed.tzinfo is not None
        return dt.timezone(parsed.utcoffset())  # type: ignore[arg-type]
    except (ValueError, TypeError, AssertionError):
        add(QT_TRANSLATE_NOOP("Errors", "utc_offset in [review] must look like \"+08:00\"."))
        return dt.timezone(dt.timedelta(hours=8))


def _moment(value: object, zone: dt.timezone, end_of_day: bool) -> dt.datetime | None:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=zone)).replace(microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(23, 59, 59) if end_of_day else dt.time(0, 0), zone)
    return None


def _window(review: dict[str, Any], add: Any) -> Window | None:
    zone = _offset(review, add)
    start = _moment(review.get("valid_from"), zone, end_of_day=False)
    end = _moment(review.get("valid_until"), zone, end_of_day=True)
    if start is None or end is None:
        add(QT_TRANSLATE_NOOP("Errors", "[review] needs valid_from and valid_until as dates or date-times, e.g. 2025-12-01 or 2025-12-01T09:00:00+08:00."))
        return None
    if end <= start:
        add(QT_TRANSLATE_NOOP("Errors", "The review window ends ({end}) before it starts ({start})."), start=start.isoformat(), end=end.isoformat())
        return None
    return Window(start, end)


def _session_date(review: dict[str, Any]) -> str:
    value = review.get("session_date", "")
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)


def _materials(folder: Path, entries: object, add: Any) -> tuple[SourceMaterial, ...]:
    if not isinstance(entries, list) or not entries:
        add(QT_TRANSLATE_NOOP("Errors", "review.toml lists no [[materials]]."))
        return ()
    if len(entries) > layout.MAX_PAYLOAD_MEMBERS - layout.FIRST_MATERIAL_NUMBER:
        add(QT_TRANSLATE_NOOP("Errors", "review.toml lists {count} materials; a bundle holds at most 998."), count=len(entries))
        return ()
    materials = [_material(folder, entry, index, add) for index, entry in enumerate(entries, 1)]
    found = [m for m in materials if m is not None]
    ids = [m.id for m in found]
    for value in sorted({i for i in ids if ids.count(i) > 1}):
        add(QT_TRANSLATE_NOOP("Errors", "The material id \"{id}\" is used more than once."), id=value)
    return tuple(found)


def _material(folder: Path, entry: object, index: int, add: Any) -> SourceMaterial | None:
    where = f"material #{index}"
    if not isinstance(entry, dict):
        add(QT_TRANSLATE_NOOP("Errors", "{where} must be a table with file and title."), where=where)
        return None
    for key in entry:
        if key not in ("id", "title", "file", "media_type"):
            add(QT_TRANSLATE_NOOP("Errors", "{where} has an unknown setting \"{key}\"."), where=where, key=key)
    file, title = entry.get("file"), entry.get("title")
    if not isinstance(file, str) or not file or not isinstance(title, str) or not title.strip():
        add(QT_TRANSLATE_NOOP("Errors", "{where} needs a file and a title."), where=where)
        return None
    path = (folder / file).resolve()
    if not path.is_relative_to(folder.resolve()):
        add(QT_TRANSLATE_NOOP("Errors", "The material file {file} is outside the source folder."), file=file)
        return None
    if not path.is_file():
        add(QT_TRANSLATE_NOOP("Errors", "The material file {file} does not exist."), file=file)
        return None
    media_type = entry.get("media_type") or MEDIA_TYPES.get(path.suffix.lower())
    if media_type not in MEDIA_TYPES.values():
        add(
            QT_TRANSLATE_NOOP("Errors", "The material file {file} is not of a kind the app can show; use {allowed}."),
            file=file,
            allowed=", ".join(sorted(MEDIA_TYPES)),
        )
        return None
    with open(path, "rb") as handle:
        head = handle.read(16)
    if not head.startswith(_MAGIC[media_type]):
        add(QT_TRANSLATE_NOOP("Errors", "The material file {file} is not really {media_type}."), file=file, media_type=media_type)
        return None
    material_id = entry.get("id", f"M{index:02d}")
    if not isinstance(material_id, str) or not rubric.ID_PATTERN.match(material_id):
        add(QT_TRANSLATE_NOOP("Errors", "{where} has an id that is not valid."), where=where)
        return None
    return SourceMaterial(material_id, title.strip(), str(Path(file)), media_type)
