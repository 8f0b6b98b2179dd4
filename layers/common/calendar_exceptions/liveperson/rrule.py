"""A LivePerson event's recurrence line: the RFC 5545 subset the README documents, parsed and checked.

`recurrence` reads one `RRULE:` line into the parts hours/expansion.py expands (a
`Recurrence`), refusing what is outside the subset with a RuleViolation naming
`recurrence[0]`: parts are checked here because python-dateutil accepts out-of-range values
and then simply yields nothing, or walks to year 9999 looking for an occurrence. Writes go
through `check_recurrence`, which also builds the line as python-dateutil's `rrule` (the
reference of its meaning, built and never expanded: dateutil's semantics are what
hours/expansion.py reproduces, and its tests compare the two) and refuses a rule that
`expansion.never` shows cannot occur. The shift status reads stored lines with `recurrence`
alone, and imports no dateutil.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from calendar_exceptions.errors import echo
from calendar_exceptions.hours.expansion import Recurrence, never
from calendar_exceptions.primitives import RuleViolation

if TYPE_CHECKING:
    from dateutil.rrule import rrule

# Numbers are ASCII digits only: "\d" and str.isdigit() also take superscripts, circled
# and full-width digits, which int() then reads (or fails on) and no client that expands
# rules accepts.
_UNTIL = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T([0-9]{2})([0-9]{2})([0-9]{2})(Z?))?")
_BYDAY = re.compile(r"([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_INT = re.compile(r"[+-]?[0-9]{1,4}")
_COUNT = re.compile(r"[0-9]{1,4}")

FIELD = "recurrence[0]"
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
RRULE_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "WKST")
WEEKDAYS = {code: index for index, code in enumerate(("MO", "TU", "WE", "TH", "FR", "SA", "SU"))}
MAX_INTERVAL = 1000
MAX_COUNT = 1000
_LONGEST_MONTH = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def check_recurrence(line: str, start: date | datetime, tz: ZoneInfo) -> Recurrence:
    """The rules of a recurrence line on write: `recurrence`, dateutil's reading of it, and a rule that can occur."""
    rule = recurrence(line, start, tz)
    as_rrule(rule)
    reason = never(rule)
    if reason is not None:
        raise RuleViolation(FIELD, f"the rule never occurs: {reason}")
    return rule


def as_rrule(rule: Recurrence) -> rrule:
    """The rule as python-dateutil's `rrule` (built, never expanded here: the reference of its meaning)."""
    from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, weekdays

    weekday_rules = [weekdays[day] for day in rule.by_weekday]
    weekday_rules += [weekdays[day](n) for day, n in rule.by_nth_weekday]
    return rrule(
        {"DAILY": DAILY, "WEEKLY": WEEKLY, "MONTHLY": MONTHLY, "YEARLY": YEARLY}[rule.freq],
        dtstart=rule.dtstart,
        interval=rule.interval,
        count=rule.count,
        until=rule.until,
        bymonth=rule.by_month or None,
        bymonthday=rule.by_month_day or None,
        byweekday=weekday_rules or None,
        wkst=weekdays[rule.wkst],
        cache=False,
    )


def recurrence(line: str, start: date | datetime, tz: ZoneInfo) -> Recurrence:
    """One `RRULE:` line of the supported subset, from the event's start (DTSTART) in its zone."""
    if not line.startswith("RRULE:"):
        raise RuleViolation(FIELD, "must be a single line starting with 'RRULE:'")
    parts: dict[str, str] = {}
    for part in line[len("RRULE:") :].split(";"):
        name, sep, value = part.partition("=")
        if not sep or not name or not value:
            raise RuleViolation(FIELD, f"{echo(part)} is not NAME=VALUE")
        if name not in RRULE_PARTS:
            raise RuleViolation(FIELD, f"{name} is not supported (supported: {', '.join(RRULE_PARTS)})")
        if name in parts:
            raise RuleViolation(FIELD, f"{name} appears more than once")
        parts[name] = value

    if "FREQ" not in parts:
        raise RuleViolation(FIELD, "FREQ is required")
    freq = parts["FREQ"]
    if freq not in FREQUENCIES:
        raise RuleViolation(FIELD, f"FREQ must be one of {', '.join(FREQUENCIES)}")
    if "COUNT" in parts and "UNTIL" in parts:
        raise RuleViolation(FIELD, "COUNT and UNTIL cannot be used together")

    dtstart = start if isinstance(start, datetime) else datetime.combine(start, time())
    interval = _int_part(parts, "INTERVAL", 1, MAX_INTERVAL) or 1
    count = _int_part(parts, "COUNT", 1, MAX_COUNT)
    until = _until(parts.get("UNTIL"), dtstart, tz)
    by_month = _int_list(parts, "BYMONTH", 1, 12)
    by_month_day = _int_list(parts, "BYMONTHDAY", -31, 31)
    if by_month_day and freq == "WEEKLY":
        raise RuleViolation(FIELD, "BYMONTHDAY cannot be used with FREQ=WEEKLY")
    plain, nth = _by_day(parts.get("BYDAY"), freq, "BYMONTH" in parts)
    wkst = _weekday(parts.get("WKST", "MO"), "WKST")
    _require_possible_month_days(by_month, by_month_day)
    return Recurrence(freq, dtstart, interval, count, until, by_month, by_month_day, plain, nth, wkst)


def _int_part(parts: dict[str, str], name: str, low: int, high: int) -> int | None:
    if name not in parts:
        return None
    value = parts[name]
    if not _COUNT.fullmatch(value) or not low <= int(value) <= high:
        raise RuleViolation(FIELD, f"{name} must be a whole number from {low} to {high}")
    return int(value)


def _int_list(parts: dict[str, str], name: str, low: int, high: int) -> tuple[int, ...]:
    if name not in parts:
        return ()
    values = []
    for text in parts[name].split(","):
        if not _INT.fullmatch(text) or int(text) == 0 or not low <= int(text) <= high:
            raise RuleViolation(FIELD, f"{name} values must be from {low} to {high}, not 0 (got {echo(text)})")
        values.append(int(text))
    return tuple(values)


def _weekday(text: str, name: str) -> int:
    if text not in WEEKDAYS:
        raise RuleViolation(FIELD, f"{name} must be one of {', '.join(WEEKDAYS)}")
    return WEEKDAYS[text]


def _by_day(text: str | None, freq: str, has_by_month: bool) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    """BYDAY's weekdays without an ordinal, and those with one (weekday, ordinal)."""
    if text is None:
        return (), ()
    plain: list[int] = []
    nth: list[tuple[int, int]] = []
    for item in text.split(","):
        match = _BYDAY.fullmatch(item)
        if not match:
            raise RuleViolation(FIELD, f"BYDAY value {echo(item)} is not a weekday such as MO or 1MO")
        ordinal, code = match.groups()
        if ordinal is None:
            plain.append(WEEKDAYS[code])
            continue
        n = int(ordinal)
        if freq not in ("MONTHLY", "YEARLY"):
            raise RuleViolation(FIELD, "BYDAY with an ordinal (such as 1MO) needs FREQ=MONTHLY or FREQ=YEARLY")
        limit = 5 if freq == "MONTHLY" or has_by_month else 53
        if n == 0 or abs(n) > limit:
            raise RuleViolation(FIELD, f"BYDAY ordinal must be from -{limit} to {limit}, not 0 (got {echo(item)})")
        nth.append((WEEKDAYS[code], n))
    return tuple(plain), tuple(nth)


def _until(text: str | None, dtstart: datetime, tz: ZoneInfo) -> datetime | None:
    """UNTIL as a naive local time, the form DTSTART has."""
    if text is None:
        return None
    match = _UNTIL.fullmatch(text)
    if not match:
        raise RuleViolation(FIELD, "UNTIL must be YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ")
    year, month, day, hour, minute, second, utc = match.groups()
    try:
        if hour is None:
            # A date UNTIL includes that whole local day.
            until = datetime(int(year), int(month), int(day), 23, 59, 59)
        else:
            until = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError:
        raise RuleViolation(FIELD, f"UNTIL {echo(text)} is not a real date or time") from None
    if utc:
        until = _utc_to_local(until, tz)
    if until is None or until < dtstart:
        raise RuleViolation(FIELD, "UNTIL must not be before the event's start")
    return until


def _utc_to_local(value: datetime, tz: ZoneInfo) -> datetime | None:
    """A UTC time as the zone's naive local time; None when that is before year 1 (before any start).

    UNTIL=99991231T235959Z ("no end") is 10000-01-01 east of UTC, past what datetime
    holds: no local time is later than datetime.max, so that bound is the same bound.
    """
    try:
        return value.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)
    except OverflowError:
        return datetime.max if value.year == datetime.max.year else None


def _require_possible_month_days(months: tuple[int, ...], days: tuple[int, ...]) -> None:
    if not months or not days:
        return
    if not any(abs(day) <= _LONGEST_MONTH[month] for month in months for day in days):
        raise RuleViolation(FIELD, "no BYMONTH has any of the BYMONTHDAY days")
