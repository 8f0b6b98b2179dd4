"""The hours engine: when a weekly schedule with per-date replacements is open, in one time zone.

Pure (no I/O): office hours' effective hours and status, and LivePerson's shift status, are
built on it. Inputs are local-time rules: `WeeklyInterval`s in minutes of the week (0 =
Monday 00:00 .. 10080, an interval may cross midnight and the end of the week), and
`Replacement`s that replace a whole local date. Outputs are instants (Unix seconds).

Rules for local time (docs/office-hours.md states them too):

- A local time that a zone skips (spring-forward gap) is read with the offset in force
  before the gap, as RFC 5545 does: 02:30 on a day when clocks jump from 02:00 to 03:00 is
  the instant of 03:30 local. A local time that occurs twice (fall-back) means its first
  occurrence.
- Minute 1440 of a date is the next date's local midnight: a whole local day is 23 or 25
  hours long on transition days.
- Periods that touch (one ends where the next begins, also across midnight and across
  weeks) are one period.
- An interval whose end instant is not after its start instant once converted is empty and
  dropped. (By the first rule two times inside one gap stay apart: 01:15-01:45 on a day
  when 01:00-02:00 is skipped is 02:15-02:45 local; 01:45-02:15 that day is empty.)

And for the rules themselves:

- A replaced date is governed whole by its replacement: a weekly interval that crosses
  midnight into it is cut at that midnight (and one that starts on it and runs past its
  end still opens the following date from midnight).
- Intercom writes a 24/7 schedule as the one interval 0-10079: exactly that schedule is
  read as 0-10080, open around the clock (0..1440 every date). 10079 anywhere else is
  read as written.
- A weekly interval with a `first_date` has no occurrence that starts before that local
  date (LivePerson workdays repeat weekly from their start date on).

Status (`Hours.status`): open when `at` lies in a period [start, end); `next_close_at` is
the end of the current period when open, else the end of the next one; `next_open_at` the
start of the next period that begins after `at`. Either is None when it is not within
`HORIZON` seconds after `at`: both for a 24/7 schedule. Periods are expanded a date at a
time from `at`'s date, so a near answer costs a few dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 1440
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
HORIZON = 400 * 86400
_EPOCH = date(1970, 1, 1).toordinal()
_TWENTY_FOUR_SEVEN = (0, MINUTES_PER_WEEK - 1)

# One date's open intervals: (start_minute, end_minute, start_at, end_at). Plain tuples, not
# a named type: a year of a fine-grained schedule has tens of thousands of them.
DayInterval = tuple[int, int, int, int]
_Piece = tuple[int, int, int, int]  # (start_minute, end_minute, start_minute * 60, end_minute * 60)


@dataclass(frozen=True, slots=True)
class WeeklyInterval:
    """Open from `start_minute` to `end_minute` (excluded) of every week; 0 is Monday 00:00.

    `end_minute` may pass 10080 (into the next week), up to a week after the start.
    """

    start_minute: int
    end_minute: int
    first_date: date | None = None

    def __post_init__(self) -> None:
        start, end = self.start_minute, self.end_minute
        if not (0 <= start < MINUTES_PER_WEEK and start < end <= start + MINUTES_PER_WEEK):
            raise ValueError(f"weekly interval {start}-{end}: need 0 <= start < 10080 and start < end <= start + 10080")


@dataclass(frozen=True, slots=True)
class Replacement:
    """What replaces a whole local date: its open intervals in minutes 0..1440 (none: closed).

    `source_id` names where it comes from (an office hours exception id, an occasion id).
    """

    source_id: str
    intervals: tuple[tuple[int, int], ...] = ()
    pieces: tuple[_Piece, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for start, end in self.intervals:
            if not 0 <= start < end <= MINUTES_PER_DAY:
                raise ValueError(f"replacement {self.source_id} interval {start}-{end}: need 0 <= start < end <= 1440")
        object.__setattr__(self, "pieces", _merged(self.intervals))


class Replacements(Protocol):
    """The replacement of a local date, if any: a dict[date, Replacement] is one."""

    def get(self, day: date, /) -> Replacement | None: ...


@dataclass(frozen=True, slots=True)
class DayHours:
    """One local date: its open intervals in order, and the replacement that produced them (None: the schedule).

    Minutes are the local clock's readings of the bounds from the date's midnight, 1440 for
    the next midnight: as written, except a bound in a gap, which reads as the clock does
    after the jump (02:30 becomes 03:30, minute 210), so minutes and instants always agree.
    """

    date: date
    replacement: Replacement | None
    intervals: tuple[DayInterval, ...]


@dataclass(frozen=True, slots=True)
class Status:
    at: int
    open: bool
    next_open_at: int | None
    next_close_at: int | None
    replacement: Replacement | None  # the one governing `at`'s local date


class Hours:
    """A time zone, weekly intervals and replacements: the periods they open, by date or as instants."""

    __slots__ = ("_by_weekday", "_replacements", "_settled", "_static", "_zone")

    def __init__(
        self,
        time_zone: str | ZoneInfo,
        weekly: Iterable[WeeklyInterval] = (),
        replacements: Replacements | None = None,
    ) -> None:
        self._zone = time_zone if isinstance(time_zone, ZoneInfo) else ZoneInfo(time_zone)
        self._replacements = replacements
        weekly = list(weekly)
        if len(weekly) == 1 and (weekly[0].start_minute, weekly[0].end_minute) == _TWENTY_FOUR_SEVEN:
            weekly = [WeeklyInterval(0, MINUTES_PER_WEEK, weekly[0].first_date)]
        # Each interval cut at midnights into pieces of weekdays, with how many days back its
        # occurrence began (for first_date); once every first_date is a week past, a weekday's
        # pieces are the same every week and merged once.
        self._by_weekday: list[list[tuple[int, int, int, int | None]]] = [[] for _ in range(7)]
        for interval in weekly:
            first = interval.first_date.toordinal() if interval.first_date else None
            day, end = divmod(interval.start_minute, MINUTES_PER_DAY)[0], interval.end_minute
            back = 0
            while (base := (day + back) * MINUTES_PER_DAY) < end:
                piece = (max(interval.start_minute - base, 0), min(end - base, MINUTES_PER_DAY), back, first)
                self._by_weekday[(day + back) % 7].append(piece)
                back += 1
        firsts = [interval.first_date.toordinal() for interval in weekly if interval.first_date]
        self._settled = max(firsts) + 7 if firsts else 0
        self._static = [_merged((s, e) for s, e, _, _ in pieces) for pieces in self._by_weekday]

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    def local_date(self, at: int) -> date:
        return datetime.fromtimestamp(at, self._zone).date()

    def replacement(self, day: date) -> Replacement | None:
        return self._replacements.get(day) if self._replacements is not None else None

    def days(self, first: date, last: date) -> list[DayHours]:
        """Each local date from `first` to `last` (both included) with its open intervals."""
        result = []
        offset = self._offset(first.toordinal())
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            day = date.fromordinal(ordinal)
            replacement = self.replacement(day)
            next_offset = self._offset(ordinal + 1)
            intervals = self._convert(ordinal, self._pieces(ordinal, replacement), offset, next_offset)
            result.append(DayHours(day, replacement, tuple(intervals)))
            offset = next_offset
        return result

    def periods(self, first: date, last: date) -> Iterator[tuple[int, int]]:
        """The open periods (start, end) of the dates `first`..`last`, in order, touching ones merged.

        A period open at `first`'s midnight starts there, one open at the end of `last` ends there.
        """
        last_start = (last.toordinal() + 1 - _EPOCH) * 86400 - self._offset(last.toordinal() + 1) - 1
        return self._periods(first.toordinal(), last_start)

    def status(self, at: int) -> Status:
        today = self.local_date(at)
        horizon = at + HORIZON
        opened, next_open, next_close = False, None, None
        periods = self._periods(today.toordinal(), horizon)
        for start, end in periods:
            if end <= at:
                continue
            if start <= at:
                opened = True
                following = next(periods, None)
                start = following[0] if following else horizon + 1
            next_open = start if start <= horizon else None
            next_close = end if end <= horizon else None
            break
        return Status(at, opened, next_open, next_close, self.replacement(today))

    def _periods(self, ordinal: int, stop: int) -> Iterator[tuple[int, int]]:
        """Merged periods of the dates from `ordinal` on, up to the first date starting after `stop`."""
        current: list[int] | None = None
        offset = self._offset(ordinal)
        while (ordinal - _EPOCH) * 86400 - offset <= stop:
            next_offset = self._offset(ordinal + 1)
            replacement = self.replacement(date.fromordinal(ordinal))
            for _, _, start, end in self._convert(ordinal, self._pieces(ordinal, replacement), offset, next_offset):
                if current is not None and start <= current[1]:
                    current[1] = max(current[1], end)
                    continue
                if current is not None:
                    yield current[0], current[1]
                current = [start, end]
            ordinal, offset = ordinal + 1, next_offset
        if current is not None:
            yield current[0], current[1]

    def _pieces(self, ordinal: int, replacement: Replacement | None) -> tuple[_Piece, ...]:
        if replacement is not None:
            return replacement.pieces
        weekday = (ordinal - 1) % 7  # date.fromordinal(1) is a Monday
        if ordinal >= self._settled:
            return self._static[weekday]
        return _merged(
            (s, e) for s, e, back, first in self._by_weekday[weekday] if first is None or ordinal - back >= first
        )

    def _offset(self, ordinal: int) -> int:
        """The UTC offset of local midnight of the date, in seconds (a naive time is read as fold=0)."""
        offset = self._zone.utcoffset(datetime.fromordinal(ordinal))
        return offset.days * 86400 + offset.seconds

    def _convert(self, ordinal: int, pieces: tuple[_Piece, ...], offset: int, next_offset: int) -> list[DayInterval]:
        """A date's minute intervals as (start_minute, end_minute, start_at, end_at), by the rules above."""
        midnight = (ordinal - _EPOCH) * 86400 - offset
        if offset == next_offset:  # no transition within the date: every minute is 60 s from midnight
            return [(s, e, midnight + s60, midnight + e60) for s, e, s60, e60 in pieces]
        instants = sorted(
            (start, end)
            for s, e, _, _ in pieces
            if (start := self._instant(ordinal, s)) < (end := self._instant(ordinal, e))
        )
        merged: list[list[int]] = []
        for start, end in instants:  # a gap maps two local times to one instant: overlaps are possible
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])

        def minute(instant: int) -> int:
            if instant == midnight:  # minute 0 even when the clock skips it (Santiago: 00:00 -> 01:00)
                return 0
            local = datetime.fromtimestamp(instant, self._zone).replace(tzinfo=None)
            return (local - datetime.fromordinal(ordinal)) // timedelta(minutes=1)

        return [(minute(start), minute(end), start, end) for start, end in merged]

    def _instant(self, ordinal: int, minute: int) -> int:
        """Minute `minute` (0..1440) of the local date as Unix seconds: fold=0 is both RFC 5545 rules."""
        local = datetime.fromordinal(ordinal) + timedelta(minutes=minute)
        offset = self._zone.utcoffset(local)
        return (ordinal - _EPOCH) * 86400 + minute * 60 - (offset.days * 86400 + offset.seconds)


def _merged(intervals: Iterable[tuple[int, int]]) -> tuple[_Piece, ...]:
    """Minute intervals sorted, touching and overlapping ones joined, with their bounds in seconds."""
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end, start * 60, end * 60) for start, end in merged)
