"""The calendar of annual recurrence: when a date has passed, where a recurring date goes next,
and the years a recurring exception applies in.

Pure functions of dates and instants, no storage: see docs/annual-recurrence.md for the
policy they implement.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

# No time zone is ahead of UTC+14 (Pacific/Kiritimati): at any instant, the latest local
# date anywhere on Earth is the UTC+14 date.
_LATEST_OFFSET = timedelta(hours=14)
# 29 February comes back at most eight years later (2096 -> 2104).
_LONGEST_GAP = 8


def local_today(now: datetime, zone: ZoneInfo) -> date:
    """The date on the calendars of `zone` at the instant `now`.

    A date has passed in `zone` when this is a later date: the whole day is over there.
    """
    return _instant(now).astimezone(zone).date()


def latest_passed_date(now: datetime) -> date:
    """The last date that has passed somewhere on Earth at `now`: no later date has passed anywhere."""
    return (_instant(now).astimezone(UTC) + _LATEST_OFFSET).date() - timedelta(days=1)


def next_occurrence(exception_date: date, today: date) -> date:
    """The first date with the month and day of `exception_date` that has not passed: on or after `today`.

    Years without the date are skipped, as RFC 5545 yearly rules do: 29 February
    2028 comes back on 29 February 2032. When years went by unmoved, the date jumps
    straight to the first occurrence not yet passed; today's own date has not passed.
    """
    year = max(exception_date.year + 1, today.year)
    for candidate_year in range(year, year + _LONGEST_GAP + 1):
        try:
            candidate = exception_date.replace(year=candidate_year)
        except ValueError:  # 29 February of a common year
            continue
        if candidate >= today:
            return candidate
    raise ValueError(f"{exception_date.isoformat()} has no occurrence from {today.isoformat()} on")


def first_year(exception_date: str) -> int:
    """The year a recurring exception first applies in, kept from the date a request set.

    Every write that sets an exception's date from a request (a create, bulk ones included;
    a PUT that moves it) stores this with it (layout.exception_item); a PUT that leaves the
    date as it is keeps it, and the annual job, moving `exception_date` to next year, never
    changes it: the years before the move keep the exception (docs/office-hours.md).
    """
    return date.fromisoformat(exception_date).year


def recurs_from(exception_date: str, stored_first_year: int | None) -> date:
    """The first date a recurring exception applies on: its month and day in its first year.

    An exception stored before the first year was kept (None) recurs from its `exception_date`.
    """
    day = date.fromisoformat(exception_date)
    return day if stored_first_year is None else day.replace(year=stored_first_year)


def _instant(now: datetime) -> datetime:
    """`now` as an instant: a time without a UTC offset names no instant, so it is refused."""
    if now.utcoffset() is None:
        raise ValueError(f"{now.isoformat()} has no UTC offset")
    return now
