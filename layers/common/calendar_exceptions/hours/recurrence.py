"""A recurrence rule of the supported subset, and the days its day parts allow in each of the 14 calendars.

The subset (what liveperson/rrule.py accepts): FREQ DAILY, WEEKLY, MONTHLY or YEARLY,
INTERVAL, COUNT, UNTIL, BYDAY (with ordinals for MONTHLY and YEARLY), BYMONTHDAY (negative
too), BYMONTH, WKST, with python-dateutil's semantics, which its tests compare with: the
parts DTSTART implies when the rule names no day (YEARLY: its month and day; MONTHLY: its
day; WEEKLY: its weekday), one start a day at DTSTART's clock time, DTSTART an occurrence
only if it matches, BYDAY with both plain and ordinal weekdays the days that match both.

The days a rule's day parts allow in a year depend only on that year's calendar, one of 14
(leap or not, the weekday of 1 January): `calendar` computes them once per rule and calendar.
`never` uses them to find, without expanding anything, the rules that cannot occur (parts
that never meet on one date; an INTERVAL that only reaches weekdays, months or years with no
allowed day), so that writes refuse them and reads skip them. hours/expansion.py expands the
others near a window.
"""

from __future__ import annotations

import functools
from calendar import isleap
from collections.abc import Iterable
from datetime import datetime
from math import gcd
from typing import NamedTuple

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")
MONTH_NAMES += ("November", "December")


class Recurrence(NamedTuple):
    """A rule of the subset above, its DTSTART and UNTIL as naive local times; weekdays 0 (Monday) to 6."""

    freq: str  # "DAILY", "WEEKLY", "MONTHLY" or "YEARLY"
    dtstart: datetime
    interval: int = 1
    count: int | None = None
    until: datetime | None = None  # included, as RFC 5545 says
    by_month: tuple[int, ...] = ()
    by_month_day: tuple[int, ...] = ()  # -31..31, not 0
    by_weekday: tuple[int, ...] = ()  # BYDAY without an ordinal
    by_nth_weekday: tuple[tuple[int, int], ...] = ()  # BYDAY with one: (weekday, ordinal)
    wkst: int = 0


class Parts(NamedTuple):
    """The day parts in force, DTSTART's implied parts included; ordinals count within a month unless `in_year`."""

    months: frozenset[int]
    month_days: tuple[int, ...]
    weekdays: frozenset[int]
    nth: frozenset[tuple[int, int]]
    in_year: bool


class Calendar(NamedTuple):
    """The days (0 = 1 January) that some parts allow in a year of one calendar, and them by month (0 = January)."""

    days: tuple[int, ...]
    day_set: frozenset[int]
    by_month: tuple[tuple[int, ...], ...]


def never(rule: Recurrence) -> str | None:
    """Why the rule has no occurrence at all, decided without expanding it (None when it may have one).

    Catches: day parts that never meet on one date; DAILY every 7n days from a weekday BYDAY
    leaves out; MONTHLY whose INTERVAL only reaches months without an allowed day; YEARLY
    (and MONTHLY every 12n months) whose INTERVAL only reaches years without one (29
    February every 4 years from a year that is not a leap year). Others that never occur
    (rarer still) cost the bounded search of `starts`.
    """
    parts, start, interval = day_parts(rule), rule.dtstart, rule.interval
    if rule.freq == "DAILY" and interval % 7 == 0 and parts.weekdays and start.weekday() not in parts.weekdays:
        day = WEEKDAY_NAMES[start.weekday()]
        return f"every {interval} days from a {day} is always a {day}, which BYDAY leaves out"
    if not parts.nth and not parts.month_days:
        # Every month the rule allows holds every weekday, in every calendar: only INTERVAL can miss them.
        months = parts.months or range(1, 13)
        calendars = {key: _every_day_of(months) for key in ((False, 0), (True, 0))}
    else:
        calendars = {(leap, day): calendar(parts, leap, day) for leap in (False, True) for day in range(7)}
    if not any(found.days for found in calendars.values()):
        return "its BYMONTH, BYMONTHDAY and BYDAY parts never meet on one date"
    if rule.freq == "MONTHLY":
        step = gcd(interval, 12)
        reached = range((start.month - 1) % step, 12, step)
        if not any(found.by_month[month] for found in calendars.values() for month in reached):
            names, first = ", ".join(MONTH_NAMES[month] for month in reached), MONTH_NAMES[start.month - 1]
            return f"every {interval} months from {first} reaches only {names}, none with an allowed day"
    if rule.freq == "YEARLY" or (rule.freq == "MONTHLY" and interval % 12 == 0):
        years = interval if rule.freq == "YEARLY" else interval // 12
        month = None if rule.freq == "YEARLY" else start.month - 1
        if not all(_has_day(found, month) for found in calendars.values()):  # then all 14 are in `calendars`
            reached = {calendar_of(start.year + k * years) for k in range(400 // gcd(years, 400))}
            if not any(_has_day(calendars[key], month) for key in reached):
                return f"every {years} years from {start.year} reaches no year with an allowed day"
    return None


def _has_day(found: Calendar, month: int | None) -> bool:
    return bool(found.days if month is None else found.by_month[month])


def _every_day_of(months: Iterable[int]) -> Calendar:
    """A stand-in for the calendars of parts that allow some day of each of `months` (only which months matter)."""
    by_month = tuple((0,) if month in months else () for month in range(1, 13))
    return Calendar(tuple(day for days in by_month for day in days), frozenset({0}), by_month)


def january_first(year: int) -> int:
    """The proleptic Gregorian ordinal of 1 January of `year` (date.toordinal's), for any year from 1 on."""
    before = year - 1
    return before * 365 + before // 4 - before // 100 + before // 400 + 1


def calendar_of(year: int) -> tuple[bool, int]:
    """A year's calendar: whether it is a leap year, and the weekday (0 = Monday) of its 1 January."""
    return isleap(year), (january_first(year) + 6) % 7


def day_parts(rule: Recurrence) -> Parts:
    """The day parts a rule's dates must match, with those DTSTART implies when the rule names no day (dateutil's)."""
    months, month_days, weekdays = rule.by_month, rule.by_month_day, rule.by_weekday
    nth = rule.by_nth_weekday
    if not month_days and not weekdays and not nth:  # dateutil's implied parts
        if rule.freq == "YEARLY":
            months, month_days = months or (rule.dtstart.month,), (rule.dtstart.day,)
        elif rule.freq == "MONTHLY":
            month_days = (rule.dtstart.day,)
        elif rule.freq == "WEEKLY":
            weekdays = (rule.dtstart.weekday(),)
    if rule.freq in ("DAILY", "WEEKLY"):  # dateutil: an ordinal counts only for MONTHLY and YEARLY
        weekdays, nth = (*weekdays, *(day for day, _ in nth)), ()
    in_year = rule.freq == "YEARLY" and not months
    return Parts(frozenset(months), tuple(sorted(set(month_days))), frozenset(weekdays), frozenset(nth), in_year)


@functools.lru_cache(maxsize=1024)
def calendar(parts: Parts, leap: bool, first_weekday: int) -> Calendar:
    """The days `parts` allow in a year of this calendar (as dateutil filters a year's days)."""
    lengths = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    year_length = 366 if leap else 365
    found: list[int] = []
    by_month: list[tuple[int, ...]] = []
    first = 0
    for month, length in enumerate(lengths, 1):
        kept: list[int] = []
        if not parts.months or month in parts.months:
            days = sorted({d if d > 0 else length + 1 + d for d in parts.month_days if -length <= d <= length})
            for day in days if parts.month_days else range(1, length + 1):
                offset = first + day - 1
                weekday = (first_weekday + offset) % 7
                if parts.weekdays and weekday not in parts.weekdays:
                    continue
                if parts.nth:
                    ordinal, left = (offset, year_length - 1 - offset) if parts.in_year else (day - 1, length - day)
                    if (weekday, ordinal // 7 + 1) not in parts.nth and (weekday, -(left // 7) - 1) not in parts.nth:
                        continue
                kept.append(offset)
        found.extend(kept)
        by_month.append(tuple(kept))
        first += length
    return Calendar(tuple(found), frozenset(found), tuple(by_month))
