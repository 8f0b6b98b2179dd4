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
beside minute 1440. One is known and not applied yet: a LivePerson event `end` written at
23:59 (or 23:59:59) meaning the end of that local day, the next local midnight. Today every
value reads as written; that reading, when it comes, is added here and nowhere else.

Instants are computed from offsets, never by a round trip through an aware datetime, so the
calendar's edges work: 9999-12-31T23:00 in Los Angeles is a real local time whose instant
lies in year 10000, past what datetime holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 1440
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY

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
