"""Quiet hours in the shop's time zone: the first moment at or after a given one when email may go."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def shop_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _inside(local: time, start: time, end: time) -> bool:
    if start <= end:
        return start <= local < end
    return local >= start or local < end  # over midnight, e.g. 21:00-08:00


def first_allowed_moment(
    moment: datetime, *, start: time | None, end: time | None, zone_name: str
) -> datetime:
    """``moment`` itself when outside quiet hours, else the end of the quiet period (shop time,
    daylight saving included). ``moment`` is timezone-aware; so is the answer."""
    if start is None or end is None or start == end:
        return moment
    zone = shop_zone(zone_name)
    local = moment.astimezone(zone)
    if not _inside(local.timetz().replace(tzinfo=None), start, end):
        return moment
    end_day = local.date()
    if start > end and local.time() >= start:
        end_day += timedelta(days=1)
    return datetime.combine(end_day, end, tzinfo=zone).astimezone(moment.tzinfo)
