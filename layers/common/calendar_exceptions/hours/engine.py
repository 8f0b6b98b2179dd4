"""The hours engine: when a weekly schedule with per-date replacements is open, in one time zone.

Pure (no I/O): office hours' effective hours and status are built on it; LivePerson's shift
status shares what it is built on, `local_time` and `intervals`. Inputs are local-time
rules: `WeeklyInterval`s in minutes of the week (0 = Monday 00:00 .. 10080, an interval may
cross midnight and the end of the week), and `Replacement`s that replace a whole local
date. Outputs are instants (Unix seconds).

Rules for local time (docs/office-hours.md states them too): local times become instants by
`local_time`'s rules (a skipped time reads with the offset before the gap, a repeated time
is its first occurrence, minute 1440 is the next midnight), and then:

- Periods that touch (one ends where the next begins, also across midnight and across
  weeks) are one period.
- An interval whose end instant is not after its start instant once converted is empty and
  dropped. (By the gap rule two times inside one gap stay apart: 01:15-01:45 on a day
  when 01:00-02:00 is skipped is 02:15-02:45 local; 01:45-02:15 that day is empty.)

And for the rules themselves:

- A replaced date is governed whole by its replacement: a weekly interval that crosses
  midnight into it is cut at that midnight (and one that starts on it and runs past its
  end still opens the following date from midnight).
- A weekly interval with a `first_date` has no occurrence that starts before that local
  date (LivePerson workdays repeat weekly from their start date on).

Status (`Hours.status`, by `intervals.open_at`): open when `at` lies in a period [start, end); `next_close_at` is
the end of the current period when open, else the end of the next one; `next_open_at` the
start of the next period that begins after `at`. Either is None when it is not within
`HORIZON` seconds after `at`: both for a 24/7 schedule. Periods are expanded a date at a
time from `at`'s date, so a near answer costs a few dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice, takewhile
from typing import NamedTuple, Protocol
from zoneinfo import ZoneInfo

from calendar_exceptions.hours.intervals import open_at, union
from calendar_exceptions.hours.local_time import (
    MINUTES_PER_DAY,
    MINUTES_PER_WEEK,
    local_date,
    midnights,
    minute_instant,
    minute_of,
)

HORIZON = 400 * 86400

# One date's open intervals: (start_minute, end_minute, start_at, end_at). Plain tuples, not
# a named type: a year of a fine-grained schedule has tens of thousands of them.
DayInterval = tuple[int, int, int, int]
_Piece = tuple[int, int, int, int]  # (start_minute, end_minute, start_minute * 60, end_minute * 60)


class WeeklyInterval(NamedTuple):
    """Open from `start_minute` to `end_minute` (excluded) of every week; 0 is Monday 00:00.

    `end_minute` may pass 10080 (into the next week), up to a week after the start: 0 <=
    start < 10080, start < end <= start + 10080 (else `Hours` raises ValueError).
    """

    start_minute: int
    end_minute: int
    first_date: date | None = None


class Replacement(NamedTuple):
    """What replaces a whole local date: its open intervals in minutes 0..1440 (none: closed).

    `source_id` names where it comes from (an office hours exception id, an occasion id).
    Intervals may touch or overlap (they are merged); each needs 0 <= start < end <= 1440,
    checked when a date uses it (ValueError).
    """

    source_id: str
    intervals: tuple[tuple[int, int], ...] = ()


class Replacements(Protocol):
    """The replacement of a local date, if any: a dict[date, Replacement] is one."""

    def get(self, day: date, /) -> Replacement | None: ...


class DayHours(NamedTuple):
    """One local date: its open intervals in order, and the replacement that produced them (None: the schedule).

    Minutes are the local clock's readings of the bounds from the date's midnight, 1440 for
    the next midnight: as written, except a bound in a gap, which reads as the clock does
    after the jump (02:30 becomes 03:30, minute 210), so minutes and instants always agree.
    """

    date: date
    replacement: Replacement | None
    intervals: tuple[DayInterval, ...]


class Status(NamedTuple):
    at: int
    open: bool
    next_open_at: int | None
    next_close_at: int | None
    replacement: Replacement | None  # the one governing `at`'s local date


class Hours:
    """A time zone, weekly intervals and replacements: the periods they open, by date or as instants."""

    __slots__ = ("_by_weekday", "_replaced", "_replacements", "_settled", "_static", "_zone")

    def __init__(
        self, time_zone: str | ZoneInfo, weekly: Iterable[WeeklyInterval] = (), replacements: Replacements | None = None
    ) -> None:
        self._zone = time_zone if isinstance(time_zone, ZoneInfo) else ZoneInfo(time_zone)
        self._replacements = replacements
        self._replaced: dict[tuple[tuple[int, int], ...], tuple[_Piece, ...]] = {}
        weekly = list(weekly)
        # Each interval cut at midnights into pieces of weekdays, with how many days back its
        # occurrence began (for first_date); once every first_date is a week past, a weekday's
        # pieces are the same every week and merged once.
        by_weekday: list[list[tuple[int, int, int, int | None]]] = [[] for _ in range(7)]
        firsts = []
        for start, end, first_date in weekly:
            if not (0 <= start < MINUTES_PER_WEEK and start < end <= start + MINUTES_PER_WEEK):
                raise ValueError(
                    f"weekly interval {start}-{end}: need 0 <= start < 10080, start < end <= start + 10080"
                )
            first = first_date.toordinal() if first_date is not None else None
            if first is not None:
                firsts.append(first)
            day = start // MINUTES_PER_DAY
            back, base = 0, day * MINUTES_PER_DAY
            if end - base <= MINUTES_PER_DAY:  # within one date, as most are
                by_weekday[day].append((start - base, end - base, 0, first))
                continue
            while base < end:
                by_weekday[(day + back) % 7].append(
                    (max(start - base, 0), min(end - base, MINUTES_PER_DAY), back, first)
                )
                back, base = back + 1, base + MINUTES_PER_DAY
        self._by_weekday = by_weekday
        self._settled = max(firsts) + 7 if firsts else 0
        self._static = [_pieces((s, e) for s, e, _, _ in pieces) for pieces in by_weekday]

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    def local_date(self, at: int) -> date:
        return local_date(at, self._zone)

    def replacement(self, day: date) -> Replacement | None:
        return self._replacements.get(day) if self._replacements is not None else None

    def days(self, first: date, last: date) -> list[DayHours]:
        """Each local date from `first` to `last` (both included) with its open intervals."""
        dates = islice(self._dates(first.toordinal()), max(last.toordinal() - first.toordinal() + 1, 0))
        return [DayHours(day, replacement, tuple(intervals)) for day, replacement, _, intervals in dates]

    def periods(self, first: date, last: date) -> Iterator[tuple[int, int]]:
        """The open periods (start, end) of the dates `first`..`last`, in order, touching ones merged.

        A period open at `first`'s midnight starts there, one open at the end of `last` ends there.
        """
        dates = islice(self._dates(first.toordinal()), max(last.toordinal() - first.toordinal() + 1, 0))
        return union((start, end) for _, _, _, intervals in dates for _, _, start, end in intervals)

    def status(self, at: int) -> Status:
        today = self.local_date(at)
        horizon = at + HORIZON
        # The dates from today's up to the last one starting within the horizon: a period
        # still open at its end ends after the horizon.
        dates = takewhile(lambda found: found[2] <= horizon, self._dates(today.toordinal()))
        periods = union((start, end) for _, _, _, intervals in dates for _, _, start, end in intervals)
        opened, next_open, next_close = open_at(periods, at, horizon)
        return Status(at, opened, next_open, next_close, self.replacement(today))

    def _dates(self, ordinal: int) -> Iterator[tuple[date, Replacement | None, int, list[DayInterval]]]:
        """Each local date from `ordinal` on, endlessly: the date, its replacement, its midnight, its intervals."""
        get = self._replacements.get if self._replacements is not None else _nothing
        static, settled = self._static, self._settled
        following = midnights(ordinal, self._zone)
        midnight = next(following)
        while True:
            next_midnight = next(following)
            day = date.fromordinal(ordinal)
            replacement = get(day)
            if replacement is not None:
                pieces = self._replacement_pieces(replacement)
            elif ordinal >= settled:
                pieces = static[(ordinal - 1) % 7]  # date.fromordinal(1) is a Monday
            else:
                pieces = _pieces(
                    (s, e)
                    for s, e, back, first in self._by_weekday[(ordinal - 1) % 7]
                    if first is None or ordinal - back >= first
                )
            if next_midnight - midnight == 86400:  # one offset from midnight to midnight: every minute is 60 s
                intervals = [(s, e, midnight + s60, midnight + e60) for s, e, s60, e60 in pieces]
            else:
                intervals = self._transition_day(ordinal, pieces, midnight)
            yield day, replacement, midnight, intervals
            ordinal, midnight = ordinal + 1, next_midnight

    def _replacement_pieces(self, replacement: Replacement) -> tuple[_Piece, ...]:
        pieces = self._replaced.get(replacement.intervals)
        if pieces is None:
            for start, end in replacement.intervals:
                if not 0 <= start < end <= MINUTES_PER_DAY:
                    raise ValueError(
                        f"replacement {replacement.source_id} interval {start}-{end}: need 0 <= start < end <= 1440"
                    )
            pieces = self._replaced[replacement.intervals] = _pieces(replacement.intervals)
        return pieces

    def _transition_day(self, ordinal: int, pieces: tuple[_Piece, ...], midnight: int) -> list[DayInterval]:
        """The intervals of a date whose clock changes, converted a bound at a time by the rules above.

        A gap maps two local times to one instant, so converted intervals may overlap: merged again.
        """
        zone = self._zone
        instants = sorted(
            (start, end)
            for s, e, _, _ in pieces
            if (start := minute_instant(ordinal, s, zone)) < (end := minute_instant(ordinal, e, zone))
        )

        def minute(instant: int) -> int:
            if instant == midnight:  # minute 0 even when the clock skips it (Santiago: 00:00 -> 01:00)
                return 0
            return minute_of(instant, ordinal, zone)

        return [(minute(start), minute(end), start, end) for start, end in union(instants)]


def _nothing(day: date, /) -> None:
    return None


def _pieces(intervals: Iterable[tuple[int, int]]) -> tuple[_Piece, ...]:
    """A date's minute intervals joined, with their bounds in seconds from midnight too."""
    return tuple((start, end, start * 60, end * 60) for start, end in union(sorted(intervals)))
