"""Every time the app shows, in one zone: the review's own (the zone its deadline was written in).
Where this laptop's clock runs in another zone, the zone is named, so "23:59" cannot be misread."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QCoreApplication


def review_zone(deadline: datetime | None) -> tzinfo | None:
    return deadline.tzinfo if deadline is not None and deadline.tzinfo is not None else None


def zone_name(offset: timedelta) -> str:
    minutes = round(offset.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    utc = f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
    if minutes == 8 * 60:
        return QCoreApplication.translate("Time", "Beijing time {utc}").format(utc=utc)
    return utc


def shown_time(moment: datetime | None, zone: tzinfo | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """`moment` in `zone` (the review's), followed by the zone's name when this laptop's zone differs.
    A naive moment is this laptop's local time; without a review zone the laptop's is used."""
    if moment is None:
        return ""
    aware = moment if moment.tzinfo is not None else moment.astimezone()
    here = aware.astimezone()
    shown = aware.astimezone(zone) if zone is not None else here
    text = shown.strftime(fmt)
    offset = shown.utcoffset()
    if zone is None or offset is None or offset == here.utcoffset():
        return text
    return QCoreApplication.translate("Time", "{time} ({zone})").format(time=text, zone=zone_name(offset))
