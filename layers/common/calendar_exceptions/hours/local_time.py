"""Local time as both vendors write it, and the instants it means: the one home of the DST rules.

Both APIs store wall-clock values in an IANA zone: office hours as minutes of a local date,
LivePerson events as naive `yyyy-MM-dd'T'HH:mm:ss` date-times. Whatever turns such a value
into an instant (Unix seconds for the hours engine, epoch milliseconds for the shift status),
or asks whether it exists, does it here, by RFC 5545's rules:

- A local time that a zone skips (spring-forward gap) is read with the offset in force
  before the gap: 02:30 on a day when clocks jump from 02:00 to 03:00 is the instant of
  03:30 local. Validation refuses such a time in a LivePerson event (`is_skipped`); the
  engine reads a bound that falls in one this way.
- A local time that occurs twice (fall-back) means its first occurrence.
- Both are zoneinfo's reading of a naive time with fold=0 (PEP 495), which is why `fold=`
  is written in this module and nowhere else in the layer.
- Minute 1440 of a date is the next date's local midnight: a whole local day is 23 or 25
  hours long on transition days.

Readings of a local time that mean an instant other than the one written belong here too,
beside minute 1440: how a start and an end as LivePerson writes them (a date, or a local
date-time) become a span of local time (`local_span`), read the way LivePerson's own
examples write them, for every LivePerson collection and whatever computes their hours:

- A date-only `end` is exclusive: the local midnight at which that date begins, as RFC
  5545's `DTEND;VALUE=DATE` and Google Calendar's `end` are read. One whole day D is D to
  D+1 (the vendor's workdays appendix: `2018-03-27` to `2018-03-28` is one 24-hour shift).
- An `end` whose clock reads 23:59 or 23:59:59 is the end of that local day, the next local
  midnight (the appendix's other form of the same shift: `2018-03-27T00:00` to
  `2018-03-27T23:59`). Only an end: a start at 23:59 is 23:59.

Instants are computed from offsets, never by a round trip through an aware datetime, so the
calendar's edges work: 9999-12-31T23:00 in Los Angeles is a real local time whose instant
lies in year 10000, past what datetime holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 1440
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
# The clock readings of an end that mean the end of its local day (the next local midnight).
END_OF_DAY = frozenset({time(23, 59), time(23, 59, 59)})

_EPOCH = datetime(1970, 1, 1)
_EPOCH_ORDINAL = _EPOCH.toordinal()
_MS = timedelta(milliseconds=1)
_MINUTE = timedelta(minutes=1)


def _offset_seconds(local: datetime, zone: ZoneInfo) -> int:
    """The UTC offset, in seconds, that the rules above give the naive local time `local`."""
    offset = zone.utcoffset(local.replace(fold=0) if local.fold else local)
    return offset.days * 86400 + offset.seconds  # type: ignore[union-attr]


def minute_instant(ordinal: int, minute: int, zone: ZoneInfo) -> int:
    """Minute `minute` (0..1440) of the local date `ordinal` (date.toordinal()) as Unix seconds."""
    local = datetime.fromordinal(ordinal)
    if minute:
        local += timedelta(minutes=minute)
    return (ordinal - _EPOCH_ORDINAL) * 86400 + minute * 60 - _offset_seconds(local, zone)


def midnights(ordinal: int, zone: ZoneInfo) -> Iterator[int]:
    """The local midnight of date `ordinal` and of each date after it, endlessly, as Unix seconds.

    `minute_instant(ordinal, 0, zone)` for one date after another, at the cost of a walk: the
    hours engine walks up to 400 dates for one status.
    """
    utcoffset, naive = zone.utcoffset, datetime.fromordinal
    while True:
        offset = utcoffset(naive(ordinal))  # a fresh naive time: fold=0, the rules above
        yield (ordinal - _EPOCH_ORDINAL) * 86400 - (offset.days * 86400 + offset.seconds)  # type: ignore[union-attr]
        ordinal += 1


def epoch_ms(local: datetime, zone: ZoneInfo) -> int:
    """The naive local time `local` in `zone` as epoch milliseconds."""
    return (local - _EPOCH - timedelta(seconds=_offset_seconds(local, zone))) // _MS


def is_skipped(local: datetime, zone: ZoneInfo) -> bool:
    """Whether `zone`'s clocks skip the naive local time `local` (a spring-forward gap).

    In a gap, the time's offset read as before the gap (fold=0) is smaller than read as
    after it (fold=1); a repeated time has them the other way round.
    """
    return zone.utcoffset(local.replace(fold=0)) < zone.utcoffset(local.replace(fold=1))  # type: ignore[operator]


def local_date(at: int, zone: ZoneInfo) -> date:
    """The local date in `zone` of the instant `at` (Unix seconds)."""
    return datetime.fromtimestamp(at, zone).date()


def minute_of(at: int, ordinal: int, zone: ZoneInfo) -> int:
    """The local clock's reading of the instant `at` (Unix seconds) in minutes from the midnight of date `ordinal`.

    A time in a gap reads as the clock does after the jump: the instant of 02:30 in a
    02:00-03:00 gap is read 03:30, minute 210.
    """
    local = datetime.fromtimestamp(at, zone).replace(tzinfo=None)
    return (local - datetime.fromordinal(ordinal)) // _MINUTE


class LocalSpan(NamedTuple):
    """A span of local (naive) time: where it starts, and its clock length (end minus start as wall-clock times).

    The length, not the end, is kept so that a span ending at the end of 9999-12-31 (its next
    midnight is in year 10000, past what datetime holds) is a span like any other.
    """

    start: datetime
    length: timedelta

    @property
    def end(self) -> datetime:
        """`start + length` (OverflowError only for a span ending at the end of 9999-12-31)."""
        return self.start + self.length


def local_span(start: date | datetime, end: date | datetime) -> LocalSpan:
    """The span that a start and an end mean, both dates or both local date-times (module docstring).

    A date start is its local midnight; a date end is exclusive (its own midnight); an end
    at 23:59 or 23:59:59 is the next local midnight. Whether the span is empty or too long
    is for the caller to judge (its length may be zero or negative).
    """
    begins = start if isinstance(start, datetime) else datetime.combine(start, time())
    if not isinstance(end, datetime):
        end_ordinal, end_clock = end.toordinal(), timedelta()
    elif end.time() in END_OF_DAY:
        end_ordinal, end_clock = end.toordinal() + 1, timedelta()
    else:
        end_ordinal, end_clock = end.toordinal(), end - datetime.combine(end.date(), time())
    start_clock = begins - datetime.combine(begins.date(), time())
    return LocalSpan(begins, timedelta(days=end_ordinal - begins.toordinal()) + end_clock - start_clock)
