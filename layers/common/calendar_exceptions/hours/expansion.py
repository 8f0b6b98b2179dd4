"""Recurrence rules expanded near a window of local time, in work bounded by the window, never by the rule.

Why this module exists instead of python-dateutil's `rrule.between` (dateutil stays the
parser's reference and the tests' oracle): dateutil walks period after period from DTSTART,
and when a period yields nothing it walks on, to year 9999 if need be (UNTIL does not stop
it: it is checked only on candidates that pass the filters). Measured with dateutil 2.9 on
the machine this was written on: a rule that never occurs, `FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=8`,
1.26 s for one event; `FREQ=MONTHLY;INTERVAL=6;BYMONTH=2` from January 0.2 s; one that
occurs rarely, `FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO` (every 28 years or so), 18 ms;
`FREQ=DAILY` from 0001-01-01 for a whole-day event lasting to 9999, 4.9 s (every start since
year 1 reaches the window); and an object may hold 50 events.

How (the rule and its day parts are hours/recurrence.py's): the rule's periods (every
INTERVAL-th day, week, month or year from DTSTART's) are a residue, so whether a year holds
an occurrence is one lookup in a table of its calendar (`_Rule.years`), and its occurrences
are its calendar's allowed days in those periods (`_Rule.days_in`). So:

- `starts` answers the starts in (lo, hi] and the latest start at or before lo: an occurrence
  of length L that starts earlier ends no later than that one, so it adds nothing after lo.
  The latest is looked for year by year backwards (one lookup a year), never before DTSTART
  or lo - L; when it already lasts past hi it is the only start that matters.
- COUNT needs each occurrence's index: the starts are counted year by year from DTSTART's
  (one lookup a year), at most COUNT of them.
- Rules that cannot occur (recurrence.never) are skipped before anything is looked up.

At most one lookup for each year from DTSTART's (9,999 at most) per rule whatever it says, and
the dates of the years around the window.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from calendar_exceptions.hours.recurrence import (
    Calendar,
    Recurrence,
    calendar,
    calendar_of,
    day_parts,
    january_first,
    never,
)


def starts(rule: Recurrence, lo: datetime, hi: datetime, length: timedelta) -> list[datetime]:
    """The starts, in order, of the occurrences of `length` that can reach into [lo, hi]: module docstring.

    Those in (lo, hi], after the latest at or before lo if that one ends after lo; only that
    one when it lasts past hi.
    """
    if never(rule) is not None:
        return []
    expanding = _Rule(rule)
    last = min(hi, rule.until) if rule.until is not None else hi
    if rule.count is not None:
        latest, inside = expanding.counted(lo, last, rule.count)
    else:
        floor = lo - length if length < lo - datetime.min else datetime.min
        latest = expanding.latest(min(lo, last), floor)
        inside = None
    if latest is not None and length > lo - latest:
        if length >= hi - latest:
            return [latest]  # it covers the window: later starts add nothing
    else:
        latest = None
    if inside is None:
        inside = [start for start in expanding.forward(lo, last) if start > lo] if last > lo else []
    return [latest, *inside] if latest is not None else inside


class _Rule:
    """One rule's occurrences year by year: `years` those that hold one (a lookup a year), `days_in` a year's dates.

    The rule's periods are a residue: the period of a date is `phase` = (a * year + b * the
    ordinal of 1 January + c) mod `modulus`, from DTSTART's, and a year of a calendar holds
    an occurrence when its phase is one of that calendar's `phases`: DAILY, every day whose
    ordinal is DTSTART's plus a multiple of INTERVAL; WEEKLY, every day in a week that starts
    (on WKST) a multiple of 7 * INTERVAL days after DTSTART's; MONTHLY and YEARLY, every month
    or year a multiple of INTERVAL after DTSTART's.
    """

    def __init__(self, rule: Recurrence) -> None:
        self.rule, self.parts, self.clock = rule, day_parts(rule), rule.dtstart.time()
        self.first, freq, interval = rule.dtstart.toordinal(), rule.freq, rule.interval
        self.interval = interval
        self.anchor = self.first - (rule.dtstart.weekday() - rule.wkst) % 7 if freq == "WEEKLY" else self.first
        self.modulus = 7 * interval if freq == "WEEKLY" else interval
        if freq in ("DAILY", "WEEKLY"):
            self.a, self.b, self.c = 0, 1, -self.anchor
        elif freq == "MONTHLY":
            self.a, self.b, self.c = 12, 0, -(rule.dtstart.year * 12 + rule.dtstart.month - 1)
        else:
            self.a, self.b, self.c = 1, 0, -rule.dtstart.year
        self.tables: dict[tuple[bool, int], tuple[Calendar, frozenset[int]]] = {}
        self.looked_up = 0

    def table(self, leap: bool, weekday: int) -> tuple[Calendar, frozenset[int]]:
        """A calendar's allowed days, and the phases of the years of that calendar that hold an occurrence."""
        key = (leap, weekday)
        if key not in self.tables:
            found, modulus, freq = calendar(self.parts, leap, weekday), self.modulus, self.rule.freq
            if freq == "DAILY":
                phases = frozenset(-day % modulus for day in found.days)
            elif freq == "WEEKLY":  # the day's place in its week (from WKST), minus the day
                phases = frozenset(((weekday + day - self.rule.wkst) % 7 - day) % modulus for day in found.days)
            elif freq == "MONTHLY":
                phases = frozenset(-month % modulus for month, days in enumerate(found.by_month) if days)
            else:
                phases = frozenset({0} if found.days else ())
            self.tables[key] = found, phases
        return self.tables[key]

    def years(self, first: int, last: int) -> Iterator[int]:
        """The years from `first` to `last` (either way round) that hold an occurrence, DTSTART and UNTIL aside."""
        step = 1 if last >= first else -1
        a, b, c, modulus, tables = self.a, self.b, self.c, self.modulus, self.tables
        january, year = january_first(first), first
        try:
            for year in range(first, last + step, step):
                leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
                key = (leap, (january + 6) % 7)
                phases = tables[key][1] if key in tables else self.table(*key)[1]
                if (a * year + b * january + c) % modulus in phases:
                    yield year
                if step > 0:
                    january += 366 if leap else 365
                else:
                    before = year - 1
                    january -= 366 if before % 4 == 0 and (before % 100 != 0 or before % 400 == 0) else 365
        finally:
            self.looked_up += abs(year - first) + 1  # the work done, which the tests bound

    def days_in(self, year: int) -> list[int]:
        """The ordinals of the rule's dates in `year`, in order (DTSTART and UNTIL aside)."""
        leap, weekday = calendar_of(year)
        found, _ = self.table(leap, weekday)
        january, interval, freq = january_first(year), self.interval, self.rule.freq
        if freq == "YEARLY" or interval == 1:
            return [january + day for day in found.days] if (year + self.c) % interval == 0 else []
        if freq == "MONTHLY":
            phase = (12 * year + self.c) % interval
            return [january + day for month in range(-phase % interval, 12, interval) for day in found.by_month[month]]
        end = january + (366 if leap else 365)
        # Walk the rule's periods (one date or week every `interval`) or the allowed dates, whichever are fewer.
        if freq == "DAILY":
            if (end - january) // interval < len(found.days):
                first = january + (self.anchor - january) % interval
                return [day for day in range(first, end, interval) if day - january in found.day_set]
            return [january + day for day in found.days if (january + day - self.anchor) % interval == 0]
        if 7 * ((end - january) // self.modulus + 2) < len(found.days):
            week = january - 6 + (self.anchor - january + 6) % self.modulus
            days = (day for start in range(week, end, self.modulus) for day in range(start, start + 7))
            return [day for day in days if january <= day < end and day - january in found.day_set]
        return [january + day for day in found.days if (january + day - self.anchor) // 7 % interval == 0]

    def forward(self, since: datetime, until: datetime) -> Iterator[datetime]:
        """The starts from `since` (included) to `until` (included), from DTSTART on."""
        for year in self.years(max(since.year, self.rule.dtstart.year), until.year):
            for ordinal in self.days_in(year):
                start = datetime.combine(date.fromordinal(ordinal), self.clock)
                if ordinal < self.first or start < since:
                    continue
                if start > until:
                    return
                yield start

    def counted(self, lo: datetime, until: datetime, count: int) -> tuple[datetime | None, list[datetime]]:
        """Of the first `count` starts from DTSTART: the latest at or before `lo`, and those after it up to `until`.

        Years before lo's are counted, not dated: a year costs its lookup and, if it holds
        occurrences, the length of its list of dates.
        """
        latest: int | None = None
        inside: list[datetime] = []
        for year in self.years(self.rule.dtstart.year, until.year):
            days = [day for day in self.days_in(year) if day >= self.first][:count]
            count -= len(days)
            if year < lo.year:
                latest = days[-1] if days else latest
            else:
                for ordinal in days:
                    start = datetime.combine(date.fromordinal(ordinal), self.clock)
                    if start > until:
                        count = 0
                        break
                    if start > lo:
                        inside.append(start)
                    else:
                        latest = ordinal
            if count <= 0:
                break
        return (None if latest is None else datetime.combine(date.fromordinal(latest), self.clock)), inside

    def latest(self, at: datetime, floor: datetime) -> datetime | None:
        """The latest start at or before `at`, if it is after `floor` and not before DTSTART."""
        lowest = max(self.rule.dtstart.year, floor.year)
        if at.year < lowest:
            return None
        for year in self.years(at.year, lowest):
            for ordinal in reversed(self.days_in(year)):
                start = datetime.combine(date.fromordinal(ordinal), self.clock)
                if start > at:
                    continue
                return start if ordinal >= self.first and start > floor else None
        return None
