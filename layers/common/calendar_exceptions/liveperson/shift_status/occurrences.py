"""The occurrences of LivePerson workday and special occasion events near an instant: local times and instants.

Pure (no I/O). Events are read as stored, plain dicts of the vendor's JSON (`start` and
`end` with `dateTime` and `timeZone`, `recurrence`, `meta`), already validated when written;
dates, times, zones and `RRULE:` lines are parsed by the shared event rules (events.py), as on write.

- An event is the span of local time its start and end mean, hours/local_time.local_span
  (a date start is its local midnight, a date end is exclusive, an end at 23:59 or 23:59:59
  is the next local midnight), as validation reads it. Its length is its clock length: end
  minus start as wall-clock times. An occurrence is the same clock length from each start.
- A workday event (`RRULE:FREQ=WEEKLY;BYDAY=XX`) starts on the first XX on or after its
  start date, at its start's clock time, and every 7 days after it, never before: its own
  start when that date is an XX, else (the vendor leaves it undefined) the next XX, as
  python-dateutil reads a start that is not in the rule's set.
- An occasion event without `recurrence` occurs once; with an `RRULE:` line, its starts are
  python-dateutil's `rrule` expansion in local (naive) time from its start (dateutil's
  semantics: the start is an occurrence only if it matches the rule).
- Local times become instants by the rules of hours/local_time.py, as in the hours engine:
  a time a zone skips is read with the offset in force before the gap, a time it repeats
  means its first occurrence; an occurrence whose end instant is not after its start
  instant is empty.

Everything is computed within a `Window` of instants, so that no rule is ever expanded
without bound: starts are asked for between two local times a couple of days wider than the
window (no zone is more than a day from UTC) and occurrences are clipped to the window.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from calendar_exceptions.hours.local_time import epoch_ms, local_span
from calendar_exceptions.liveperson import events

_EPOCH = datetime(1970, 1, 1)
_DAY = timedelta(days=1)
_WEEK = timedelta(days=7)
# Local times of the window's instants are within this of their UTC readings.
_SLACK = timedelta(days=2)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Window(NamedTuple):
    """Instants in epoch milliseconds, `start` included, `end` excluded."""

    start: int
    end: int

    @property
    def local_start(self) -> datetime:
        return _EPOCH + timedelta(milliseconds=self.start) - _SLACK

    @property
    def local_end(self) -> datetime:
        return _EPOCH + timedelta(milliseconds=self.end) + _SLACK


class LocalEvent(NamedTuple):
    zone: ZoneInfo
    start: datetime  # naive local time; a whole-day event's first local midnight
    length: timedelta  # clock length of the span local_span reads
    starts_on: date | datetime  # the start as written (a date for a whole-day event)
    rule: str | None  # the RRULE line, if any
    working: bool


def local_event(event: dict[str, Any]) -> LocalEvent:
    zone = events.zone(event["start"]["timeZone"], "start.timeZone")
    start = events.local_value(event["start"]["dateTime"], "start.dateTime")
    span = local_span(start, events.local_value(event["end"]["dateTime"], "end.dateTime"))
    recurrence = event.get("recurrence") or []
    meta = event.get("meta")
    working = True if meta is None else bool(meta.get("working", True))
    return LocalEvent(zone, span.start, span.length, start, recurrence[0] if recurrence else None, working)


def weekly_starts(event: LocalEvent, window: Window) -> Iterator[datetime]:
    """The local starts of a workday event that may meet the window: the first BYDAY from its start, then weekly."""
    parts = _rule_parts(event.rule or "")
    if parts.get("FREQ") != "WEEKLY" or parts.get("BYDAY") not in _WEEKDAYS:
        return
    begins = event.start + (_WEEKDAYS.index(parts["BYDAY"]) - event.start.weekday()) % 7 * _DAY
    first = max(0, (_minus(window.local_start, event.length) - begins).days // 7)
    last = (window.local_end - begins).days // 7
    for week in range(first, last + 1):
        yield begins + week * _WEEK


def occasion_starts(event: LocalEvent, window: Window) -> Iterable[datetime]:
    """The local starts of an occasion event whose occurrences may meet the window."""
    earliest, latest = _minus(window.local_start, event.length), window.local_end
    if event.rule is None:
        return [event.start] if earliest <= event.start <= latest else []
    rule = events.recurrence_rule(event.rule, event.starts_on, event.zone)
    parts = _rule_parts(event.rule)
    if _never(parts, event.start):
        return []
    if "COUNT" not in parts:
        rule = _fast_forward(rule, parts, event.start, earliest)
    return rule.between(earliest, latest, inc=True)


def occurrence_end(start: datetime, event: LocalEvent, window: Window) -> datetime:
    """`start` plus the event's length, or past the window's local end if that is sooner (no year 10000)."""
    latest = window.local_end + _DAY
    return start + event.length if event.length < latest - start else latest


def touched_dates(start: datetime, end: datetime) -> tuple[date, date]:
    """The first and last local dates an occurrence touches; ending exactly at a midnight does not touch that date."""
    return start.date(), (end - timedelta(microseconds=1)).date() if end > start else start.date()


def day_span(first: date, last: date, zone: ZoneInfo) -> tuple[int, int]:
    """The instants of the local dates `first`..`last`: from the first midnight to the one after the last."""
    return epoch_ms(datetime.combine(first, time()), zone), epoch_ms(datetime.combine(last, time()) + _DAY, zone)


def _rule_parts(line: str) -> dict[str, str]:
    return dict(part.partition("=")[::2] for part in line.removeprefix("RRULE:").split(";") if part)


def _never(parts: dict[str, str], start: datetime) -> bool:
    """Whether a rule's every candidate misses its own filter, so that it never occurs.

    A DAILY rule whose interval is whole weeks and whose BYDAY misses its start's weekday,
    or a MONTHLY rule whose interval is whole years and whose BYMONTH misses its start's
    month. Caught here because dateutil looks for an occurrence up to year 9999 before it
    finds none (seconds of work for the first); other rules that never occur cost it at
    most a few thousand steps.
    """
    interval = int(parts.get("INTERVAL", "1"))
    if parts.get("FREQ") == "DAILY" and "BYDAY" in parts and interval % 7 == 0:
        return _WEEKDAYS[start.weekday()] not in {code[-2:] for code in parts["BYDAY"].split(",")}
    if parts.get("FREQ") == "MONTHLY" and "BYMONTH" in parts and interval % 12 == 0:
        return start.month not in {int(month) for month in parts["BYMONTH"].split(",")}
    return False


def _fast_forward(rule: Any, parts: dict[str, str], start: datetime, earliest: datetime) -> Any:
    """The same rule from a later start, a whole number of its periods on, not after `earliest`.

    Without COUNT, a rule's starts from any candidate period on depend only on the calendar
    and the period: moving DTSTART on by whole multiples of INTERVAL periods (days, weeks,
    months, years) gives the same starts from there on, so a rule started centuries ago is
    not walked from then. Months and years move to the 1st of a month, so what dateutil
    takes from DTSTART when the rule does not say it (the day of the month, the month)
    is given explicitly.
    """
    freq, interval = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    if freq in ("DAILY", "WEEKLY"):
        step = interval * (7 if freq == "WEEKLY" else 1)
        periods = (earliest - start).days // step
        return rule.replace(dtstart=start + timedelta(days=periods * step)) if periods > 0 else rule
    step = interval * (12 if freq == "YEARLY" else 1)
    periods = ((earliest.year - start.year) * 12 + earliest.month - start.month) // step - 1
    if periods <= 0:
        return rule
    month = start.month - 1 + periods * step
    moved = start.replace(year=start.year + month // 12, month=month % 12 + 1, day=1)
    implied: dict[str, int] = {}
    if "BYMONTHDAY" not in parts and "BYDAY" not in parts:
        implied["bymonthday"] = start.day
        if freq == "YEARLY" and "BYMONTH" not in parts:
            implied["bymonth"] = start.month
    return rule.replace(dtstart=moved, **implied)


def _minus(moment: datetime, length: timedelta) -> datetime:
    """`moment - length`, or the earliest datetime when that is before year 1."""
    return moment - length if length < moment - datetime.min else datetime.min
