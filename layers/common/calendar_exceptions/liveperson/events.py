"""The rules of a LivePerson event's times that every collection shares: its zone, start and end.

An event's `start` and `end` are local wall-clock values in an IANA zone (`local_period`),
`yyyy-MM-dd`, `yyyy-MM-dd'T'HH:mm` or `yyyy-MM-dd'T'HH:mm:ss`, kept as written; what they
mean as a span of local time (a date end exclusive, an end at 23:59 the end of its day) is
hours/local_time.local_span, the one reading of both for validation and for the hours.
A time that the zone skips (spring-forward gap) is refused, a time it repeats (fall-back)
means its first occurrence (hours/local_time.py states both). An event's recurrence line is
liveperson/rrule.py's. Each collection's rules module states what its events add
(special_occasions/rules.py, workdays/rules.py); the shift status reads stored events with
these same functions.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

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
