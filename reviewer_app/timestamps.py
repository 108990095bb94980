"""The one clock the app records with: this computer's local time, with its offset, to the second."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


def now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def offset_minutes(moment: datetime) -> int | None:
    """The UTC offset `moment` was given in, to store beside a time the database keeps in UTC."""
    offset = moment.utcoffset()
    return None if offset is None else round(offset.total_seconds() / 60)


def in_offset(moment: datetime | None, minutes: int | None) -> datetime | None:
    """A stored moment back in the zone it was given in (a naive stored value is UTC)."""
    if moment is None or minutes is None:
        return moment
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
    return aware.astimezone(timezone(timedelta(minutes=minutes)))
