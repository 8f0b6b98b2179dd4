"""The occurrences of LivePerson workday and special occasion events near an instant: local times and instants.

Pure (no I/O). Events are read as stored, plain dicts of the vendor's JSON (`start` and
`end` with `dateTime` and `timeZone`, `recurrence`, `meta`), already validated when written;
dates, times and zones are parsed by the shared event rules (events.py), `RRULE:` lines by
rrule.py, as on write.

- An event is the span of local time its start and end mean, hours/local_time.local_span
  (a date start is its local midnight, a date end is exclusive, an end at 23:59 or 23:59:59
  is the next local midnight), as validation reads it. Its length is its clock length: end
  minus start as wall-clock times. An occurrence is the same clock length from each start.
- An event without `recurrence` occurs once. With an `RRULE:` line (a workday's
  `RRULE:FREQ=WEEKLY;BYDAY=XX`, an occasion's line of the supported subset) its starts are
  the rule's in local (naive) time from its start, with python-dateutil's semantics: the
  start is an occurrence only if it matches the rule, so a workday whose start date is not
  an XX starts on the first XX after it (the vendor leaves that case undefined).
- Local times become instants by the rules of hours/local_time.py, as in the hours engine:
  a time a zone skips is read with the offset in force before the gap, a time it repeats
  means its first occurrence; an occurrence whose end instant is not after its start
  instant is empty.

Everything is computed within a `Window` of instants, so that no rule is ever expanded
without bound: the starts are asked of hours/expansion.py between two local times a couple
of days wider than the window (no zone is more than a day from UTC), which finds them in
work bounded by the window whatever the rule, its start or the event's length; an occurrence
that another one already covers (started no later, ends no sooner) is dropped, and the rest
are clipped to the window.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from calendar_exceptions.hours.expansion import Recurrence, starts
from calendar_exceptions.hours.local_time import epoch_ms, local_span
from calendar_exceptions.liveperson import events
from calendar_exceptions.liveperson.rrule import recurrence

_EPOCH = datetime(1970, 1, 1)
_DAY = timedelta(days=1)
# Local times of the window's instants are within this of their UTC readings.
_SLACK = timedelta(days=2)


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
    rule: Recurrence | None
    working: bool


def local_event(event: dict[str, Any]) -> LocalEvent:
    zone = events.zone(event["start"]["timeZone"], "start.timeZone")
    start = events.local_value(event["start"]["dateTime"], "start.dateTime")
    span = local_span(start, events.local_value(event["end"]["dateTime"], "end.dateTime"))
    lines = event.get("recurrence") or []
    rule = recurrence(lines[0], start, zone) if lines else None
    meta = event.get("meta")
    working = True if meta is None else bool(meta.get("working", True))
    return LocalEvent(zone, span.start, span.length, rule, working)


def occurrences(event: LocalEvent, window: Window) -> Iterator[tuple[datetime, datetime]]:
    """The local (start, end) of each occurrence that may meet the window and no earlier one covers, in order."""
    lo, hi = window.local_start, window.local_end
    if event.rule is not None:
        found = starts(event.rule, lo, hi, event.length)
    else:
        found = [event.start] if event.start <= hi and event.length > lo - event.start else []
    reached, cap = datetime.min, hi + _DAY  # an end past the window's: past it, in no year 10000
    for start in found:
        end = start + event.length if event.length < cap - start else cap
        if end > reached:
            reached = end
            yield start, end


def touched_dates(start: datetime, end: datetime) -> tuple[date, date]:
    """The first and last local dates an occurrence touches; ending exactly at a midnight does not touch that date."""
    return start.date(), (end - timedelta(microseconds=1)).date() if end > start else start.date()


def day_span(first: date, last: date, zone: ZoneInfo) -> tuple[int, int]:
    """The instants of the local dates `first`..`last`: from the first midnight to the one after the last."""
    return epoch_ms(datetime.combine(first, time()), zone), epoch_ms(datetime.combine(last, time()) + _DAY, zone)
