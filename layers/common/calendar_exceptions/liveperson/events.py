"""The rules of a LivePerson event's times that every collection shares: its period and its recurrence line.

An event's `start` and `end` are local wall-clock values in an IANA zone (`local_period`),
`yyyy-MM-dd`, `yyyy-MM-dd'T'HH:mm` or `yyyy-MM-dd'T'HH:mm:ss`, kept as written; what they
mean as a span of local time (a date end exclusive, an end at 23:59 the end of its day) is
hours/local_time.local_span, the one reading of both for validation and for the hours.
A time that the zone skips (spring-forward gap) is refused, a time it repeats (fall-back)
means its first occurrence (hours/local_time.py states both). Recurrence is one `RRULE:`
line in the RFC 5545 subset documented in the README (`recurrence_rule`); parts are checked
here because python-dateutil accepts out-of-range values and then simply yields nothing, or
walks to year 9999 looking for an occurrence. Each collection's rules module states what
its events add (special_occasions/rules.py, workdays/rules.py); the shift status reads
stored events with these same functions.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, weekday
from dateutil.rrule import weekdays as _weekday_objects

from calendar_exceptions import primitives
from calendar_exceptions.errors import echo
from calendar_exceptions.hours.local_time import LocalSpan, is_skipped, local_span
from calendar_exceptions.primitives import DATE_PATTERN, RuleViolation

if TYPE_CHECKING:
    # Annotations only: the shift status reads stored events with these rules and imports no models (pydantic).
    from calendar_exceptions.liveperson.account_config.models import LocalTime

# Numbers are ASCII digits only: "\d" and str.isdigit() also take superscripts, circled
# and full-width digits, which int() then reads (or fails on) and no client that expands
# rules accepts.
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2})?")
_UNTIL = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T([0-9]{2})([0-9]{2})([0-9]{2})(Z?))?")
_BYDAY = re.compile(r"([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_INT = re.compile(r"[+-]?[0-9]{1,4}")
_COUNT = re.compile(r"[0-9]{1,4}")

FREQUENCIES = {"DAILY": DAILY, "WEEKLY": WEEKLY, "MONTHLY": MONTHLY, "YEARLY": YEARLY}
RRULE_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "WKST")
WEEKDAYS = dict(zip(("MO", "TU", "WE", "TH", "FR", "SA", "SU"), _weekday_objects, strict=True))
MAX_INTERVAL = 1000
MAX_COUNT = 1000
_LONGEST_MONTH = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


class LocalPeriod(NamedTuple):
    """An event's start and end as written (dates or local date-times), its zone, and the span they mean."""

    start: date | datetime
    end: date | datetime
    zone: ZoneInfo
    span: LocalSpan


def local_period(start_time: LocalTime, end_time: LocalTime) -> LocalPeriod:
    """An event's start and end (both dates or both local times) in its one zone, both real, the end after the start."""
    tz = zone(start_time.timeZone, "start.timeZone")
    if zone(end_time.timeZone, "end.timeZone").key != tz.key:
        raise RuleViolation("end.timeZone", "must be the same time zone as start.timeZone")
    start = local_value(start_time.dateTime, "start.dateTime")
    end = local_value(end_time.dateTime, "end.dateTime")
    for value, name in ((start, "start.dateTime"), (end, "end.dateTime")):
        if isinstance(value, datetime):
            require_existing_local_time(value, tz, name)
    return LocalPeriod(start, end, tz, checked_span(start, end))


def zone(name: str, field: str) -> ZoneInfo:
    """The zone of an IANA name of the pinned tzdata (primitives.zone_names); nothing else is a zone."""
    try:
        return primitives.zone(name)
    except KeyError:
        raise RuleViolation(field, f"{echo(name)} is not an IANA time zone") from None


def local_value(text: str, field: str) -> date | datetime:
    """Parse `yyyy-MM-dd` (a date) or `yyyy-MM-dd'T'HH:mm[:ss]` (a local time)."""
    try:
        if DATE_PATTERN.fullmatch(text):
            return date.fromisoformat(text)
        if _DATETIME.fullmatch(text):
            return datetime.fromisoformat(text)
    except ValueError:
        raise RuleViolation(field, f"{echo(text)} is not a real date or time") from None
    raise RuleViolation(field, f"{echo(text)} must be yyyy-MM-dd, yyyy-MM-dd'T'HH:mm or yyyy-MM-dd'T'HH:mm:ss")


def require_existing_local_time(value: datetime, tz: ZoneInfo, field: str) -> None:
    """Refuse a wall-clock time the zone skips (local_time.is_skipped); zoneinfo would build it without complaint."""
    if is_skipped(value, tz):
        raise RuleViolation(field, f"{value.isoformat()} does not exist in {tz.key} (daylight saving gap)")


def checked_span(start: date | datetime, end: date | datetime) -> LocalSpan:
    """The span a start and an end mean (local_time.local_span); refused unless of one kind and not empty.

    An end date is exclusive, so an end date on or before the start date is refused with the
    one-day form in the message; an end at 23:59 is the next midnight, so a timed event
    `T23:59` to `T23:59` lasts one minute.
    """
    if isinstance(start, datetime) != isinstance(end, datetime):
        raise RuleViolation("end.dateTime", "start and end must both be dates or both be date-times")
    span = local_span(start, end)
    if span.length > timedelta():
        return span
    if isinstance(start, datetime):
        raise RuleViolation("end.dateTime", "must be after start.dateTime")
    raise RuleViolation("end.dateTime", f"must be after the start date: the end date is exclusive ({_one_day(start)})")


def _one_day(day: date) -> str:
    if day == date.max:
        return f"the last day of the calendar, {day}, is written {day}T00:00 to {day}T23:59"
    return f"a whole day {day} is written {day} to {day + timedelta(days=1)}"


def recurrence_rule(line: str, start: date | datetime, tz: ZoneInfo) -> rrule:
    """Validate one `RRULE:` line against the supported subset and return it as a dateutil rule."""
    field = "recurrence[0]"
    if not line.startswith("RRULE:"):
        raise RuleViolation(field, "must be a single line starting with 'RRULE:'")
    parts: dict[str, str] = {}
    for part in line[len("RRULE:") :].split(";"):
        name, sep, value = part.partition("=")
        if not sep or not name or not value:
            raise RuleViolation(field, f"{echo(part)} is not NAME=VALUE")
        if name not in RRULE_PARTS:
            raise RuleViolation(field, f"{name} is not supported (supported: {', '.join(RRULE_PARTS)})")
        if name in parts:
            raise RuleViolation(field, f"{name} appears more than once")
        parts[name] = value

    if "FREQ" not in parts:
        raise RuleViolation(field, "FREQ is required")
    freq_name = parts["FREQ"]
    if freq_name not in FREQUENCIES:
        raise RuleViolation(field, f"FREQ must be one of {', '.join(FREQUENCIES)}")
    if "COUNT" in parts and "UNTIL" in parts:
        raise RuleViolation(field, "COUNT and UNTIL cannot be used together")

    dtstart = start if isinstance(start, datetime) else datetime.combine(start, time())
    interval = _int_part(parts, "INTERVAL", 1, MAX_INTERVAL, field) or 1
    count = _int_part(parts, "COUNT", 1, MAX_COUNT, field)
    until = _until(parts.get("UNTIL"), dtstart, tz, field)
    by_month = _int_list(parts, "BYMONTH", 1, 12, field)
    by_month_day = _int_list(parts, "BYMONTHDAY", -31, 31, field)
    if by_month_day and freq_name == "WEEKLY":
        raise RuleViolation(field, "BYMONTHDAY cannot be used with FREQ=WEEKLY")
    by_day = _by_day(parts.get("BYDAY"), freq_name, "BYMONTH" in parts, field)
    wkst = _weekday(parts.get("WKST", "MO"), "WKST", field)
    _require_possible_month_days(by_month, by_month_day, field)

    # Built, never expanded: dateutil would walk to year 9999 for a rule whose valid parts
    # combine to no occurrence (every 7 days on another weekday), so nothing here iterates it.
    return rrule(
        FREQUENCIES[freq_name],
        dtstart=dtstart,
        interval=interval,
        count=count,
        until=until,
        bymonth=by_month,
        bymonthday=by_month_day,
        byweekday=by_day,
        wkst=wkst,
        cache=False,
    )


def _int_part(parts: dict[str, str], name: str, low: int, high: int, field: str) -> int | None:
    if name not in parts:
        return None
    value = parts[name]
    if not _COUNT.fullmatch(value) or not low <= int(value) <= high:
        raise RuleViolation(field, f"{name} must be a whole number from {low} to {high}")
    return int(value)


def _int_list(parts: dict[str, str], name: str, low: int, high: int, field: str) -> tuple[int, ...] | None:
    if name not in parts:
        return None
    values = []
    for text in parts[name].split(","):
        if not _INT.fullmatch(text) or int(text) == 0 or not low <= int(text) <= high:
            raise RuleViolation(field, f"{name} values must be from {low} to {high}, not 0 (got {echo(text)})")
        values.append(int(text))
    return tuple(values)


def _weekday(text: str, name: str, field: str) -> weekday:
    if text not in WEEKDAYS:
        raise RuleViolation(field, f"{name} must be one of {', '.join(WEEKDAYS)}")
    return WEEKDAYS[text]


def _by_day(text: str | None, freq_name: str, has_by_month: bool, field: str) -> tuple[weekday, ...] | None:
    if text is None:
        return None
    days = []
    for item in text.split(","):
        match = _BYDAY.fullmatch(item)
        if not match:
            raise RuleViolation(field, f"BYDAY value {echo(item)} is not a weekday such as MO or 1MO")
        ordinal, code = match.groups()
        if ordinal is None:
            days.append(WEEKDAYS[code])
            continue
        n = int(ordinal)
        if freq_name not in ("MONTHLY", "YEARLY"):
            raise RuleViolation(field, "BYDAY with an ordinal (such as 1MO) needs FREQ=MONTHLY or FREQ=YEARLY")
        limit = 5 if freq_name == "MONTHLY" or has_by_month else 53
        if n == 0 or abs(n) > limit:
            raise RuleViolation(field, f"BYDAY ordinal must be from -{limit} to {limit}, not 0 (got {echo(item)})")
        days.append(WEEKDAYS[code](n))
    return tuple(days)


def _until(text: str | None, dtstart: datetime, tz: ZoneInfo, field: str) -> datetime | None:
    """UNTIL as a naive local time, the form dateutil needs beside a naive DTSTART."""
    if text is None:
        return None
    match = _UNTIL.fullmatch(text)
    if not match:
        raise RuleViolation(field, "UNTIL must be YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ")
    year, month, day, hour, minute, second, utc = match.groups()
    try:
        if hour is None:
            # A date UNTIL includes that whole local day.
            until = datetime(int(year), int(month), int(day), 23, 59, 59)
        else:
            until = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError:
        raise RuleViolation(field, f"UNTIL {echo(text)} is not a real date or time") from None
    if utc:
        until = _utc_to_local(until, tz)
    if until is None or until < dtstart:
        raise RuleViolation(field, "UNTIL must not be before the event's start")
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


def _require_possible_month_days(months: tuple[int, ...] | None, days: tuple[int, ...] | None, field: str) -> None:
    if not months or not days:
        return
    if not any(abs(day) <= _LONGEST_MONTH[month] for month in months for day in days):
        raise RuleViolation(field, "no BYMONTH has any of the BYMONTHDAY days")
