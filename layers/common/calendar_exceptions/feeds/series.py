"""What a feed's calendar holds, and its open periods written as weekly series and single events (pure).

A feed's `FeedCalendar` is built by its source (office_hours_source, liveperson_source): the
window's local dates in one zone, the open periods within it (Unix seconds, joined), the
all-day marks of the dates an exception or occasion governs, and `provenance`, which tells
what shaped the hours of some dates. `events` turns the periods into as few components as it
can without changing what a client expands them to, by RFC 5545's reading of local times
(hours/local_time.py: a skipped time with the offset before the gap, a repeated time its first
occurrence; an occurrence lasts its DURATION of elapsed time):

- Periods are grouped by local start time and elapsed length. Within a group, each weekday's
  dates become part of one weekly series (`RRULE:FREQ=WEEKLY;BYDAY=...;UNTIL=...`, `EXDATE` for
  that weekday's dates in its span that have no such period) when that costs fewer bytes than
  single events would (SINGLE_COST, EXDATE_COST: measured in the bench), else single events.
- A period whose local start reads back as another instant (the second pass of a repeated
  hour) is a single event, written in UTC.

So a 9:00-17:00 weekday schedule is five series (or one, BYDAY=MO,TU,WE,TH,FR) whatever its
exceptions, and a period cut by DST, by an exception or by the window's ends is a single event.

UIDs and SEQUENCE (docs/feeds.md): a component's UID is its scope (the schedule or skill), its
own key (start and end; a series' time, length, weekdays and span) and the identities of the
sources that shaped the dates it covers (`Provenance.key`); its SEQUENCE is the sum of those
sources' revisions, which only grow while they exist. The same period keeps its UID across
rebuilds, a changed source raises SEQUENCE, and a source created or deleted changes the UIDs
of what it shaped (a subscribed calendar replaces them: never duplicates).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from calendar_exceptions.hours.local_time import minute_instant

# Bytes a component costs, roughly, against one EXDATE value (measured: bench/feeds.py).
SINGLE_COST = 230
EXDATE_COST = 17
SERIES_COST = 260
UID_DOMAIN = "calendar-exceptions"
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Provenance(NamedTuple):
    """What shaped some dates' hours: the sources' identities (key), their revisions' sum, their last change."""

    key: str
    sequence: int
    stamp: int  # Unix seconds: DTSTAMP


class DayMark(NamedTuple):
    """An all-day event: a date an exception or special occasion governs."""

    day: date
    summary: str
    key: str  # unique within the feed for this source and date
    sequence: int
    stamp: int
    description: str | None = None


class FeedCalendar(NamedTuple):
    name: str  # X-WR-CALNAME
    zone: ZoneInfo
    first: date  # the window's first and last local dates
    last: date
    periods: list[tuple[int, int]]  # open, Unix seconds, joined, within the window
    open_summary: str
    days: list[DayMark]
    scope: str  # links.FeedLink.scope(): the same for every link of the source
    provenance: Callable[[date, date], Provenance]


class Series(NamedTuple):
    uid: str
    start: datetime  # naive local: the first occurrence
    length: int  # seconds
    weekdays: tuple[int, ...]
    until: datetime  # UTC, aware: the last occurrence's start
    exdates: list[datetime]  # naive local
    provenance: Provenance


class Single(NamedTuple):
    uid: str
    start: int
    end: int
    provenance: Provenance


def events(calendar: FeedCalendar, weekly: bool = True) -> tuple[list[Series], list[Single]]:
    """The weekly series and single events that expand to exactly `calendar.periods`.

    `weekly=False`: one event per period, no series (the alternative the bench measures).
    """
    zone = calendar.zone
    groups: dict[tuple[time, int], dict[date, tuple[int, int]]] = defaultdict(dict)
    singles: list[tuple[int, int]] = []
    for start, end in calendar.periods:
        local = datetime.fromtimestamp(start, zone).replace(tzinfo=None)
        if not weekly or local_instant(local, zone) != start:
            singles.append((start, end))
            continue
        groups[(local.time(), end - start)][local.date()] = (start, end)
    series = []
    for (at, length), dated in groups.items():
        chosen = [w for w in range(7) if _worth_a_series(calendar, dated, w)]
        for day, period in dated.items():
            if day.weekday() not in chosen:
                singles.append(period)
        if chosen:
            series.append(_series(calendar, at, length, chosen, sorted(d for d in dated if d.weekday() in chosen)))
    singles.sort()
    return series, [_single(calendar, start, end) for start, end in singles]


def source_key(*parts: object) -> str:
    """A digest of everything a calendar is built from (the values read, the link's scope, the window's first
    date): the key under which an environment keeps the document it wrote (calendar.kept_document)."""
    text = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def local_instant(local: datetime, zone: ZoneInfo) -> int:
    """The instant a client reads a naive local time as (hours/local_time.py's rules, RFC 5545's), Unix seconds."""
    ordinal = local.toordinal()
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    return minute_instant(ordinal, seconds // 60, zone) + seconds % 60


def uid(calendar: FeedCalendar, kind: str, key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:20]
    return f"{calendar.scope}-{kind}-{digest}@{UID_DOMAIN}"


def _dates_of(calendar: FeedCalendar, weekday: int) -> int:
    """How many dates of the window fall on `weekday`."""
    first = calendar.first + timedelta(days=(weekday - calendar.first.weekday()) % 7)
    return 0 if first > calendar.last else (calendar.last - first).days // 7 + 1


def _worth_a_series(calendar: FeedCalendar, dated: dict[date, tuple[int, int]], weekday: int) -> bool:
    present = sorted(day for day in dated if day.weekday() == weekday)
    if len(present) < 2:
        return False
    missing = (present[-1] - present[0]).days // 7 + 1 - len(present)
    return SERIES_COST + missing * EXDATE_COST < len(present) * SINGLE_COST


def _series(calendar: FeedCalendar, at: time, length: int, weekdays: list[int], present: list[date]) -> Series:
    zone, first, last = calendar.zone, present[0], present[-1]
    exdates, day, wanted, held = [], first, set(weekdays), set(present)
    while day <= last:
        if day.weekday() in wanted and day not in held:
            exdates.append(datetime.combine(day, at))
        day += timedelta(days=1)
    until = datetime.fromtimestamp(local_instant(datetime.combine(last, at), zone), UTC)
    provenance = calendar.provenance(first - timedelta(days=1), last + timedelta(days=length // 86400 + 1))
    days = ",".join(_WEEKDAYS[w] for w in weekdays)
    key = f"{at.isoformat()}|{length}|{days}|{first.isoformat()}|{last.isoformat()}|{provenance.key}"
    start = datetime.combine(first, at)
    return Series(uid(calendar, "weekly", key), start, length, tuple(weekdays), until, exdates, provenance)


def _single(calendar: FeedCalendar, start: int, end: int) -> Single:
    zone = calendar.zone
    first = datetime.fromtimestamp(start - 1, zone).date()
    last = datetime.fromtimestamp(end, zone).date()
    provenance = calendar.provenance(first, last)
    return Single(uid(calendar, "open", f"{start}|{end}|{provenance.key}"), start, end, provenance)
