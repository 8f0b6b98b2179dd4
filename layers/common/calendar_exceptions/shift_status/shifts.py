"""The account-level shift status of LivePerson's Shift Status API, from the default workday and special occasion.

Pure (no I/O): the objects are the stored JSON as plain dicts (account_config.defaults reads
them), `at` is epoch milliseconds, and so are the answers. The rules, as issue 14 and
docs/shift-status.md state them:

- The hours are the account's **default** workday object's events, each repeating weekly.
  No default workday: no regular hours (always off shift).
- Every local date that an occurrence of an event of the account's **default** special
  occasion touches (in that event's zone; whole-day events touch whole days, their dates
  inclusive; an occurrence ending exactly at a local midnight does not touch the date that
  begins there) is governed by the occasion alone: on that date the account is on shift
  exactly during the parts of the occasion's `meta.working: true` occurrences that fall on
  it, and off shift otherwise. A workday shift that runs past midnight into such a date is
  cut at that midnight. An occasion event without `meta` counts as working (the vendor's
  example of an occasion is a change of working hours).
- Recurring occasion events (`RRULE:` lines) are expanded with python-dateutil's `rrule`
  in the event's zone, with the engine's rules for DST gaps and repeats.
- `onShift`, `nextOn` and `nextOff` follow the office hours status semantics: `nextOff` is
  the end of the current shift when on shift, else the end of the next shift; `nextOn` is
  the start of the next shift beginning after `at`; `null` when there is none within 400
  days, and both `null` for a 24/7 account, as the vendor documents.

How (occurrences.py has the reading of events and local times): a date is a span of
instants in its own zone, from its local midnight to the next, so the rules are applied to
sets of instants, which is exact whatever the zones and to the second, as stored times are:

    on shift = (workday shifts - governed dates) + (working occurrences within governed dates)

When an occasion's zone is not the workday's, the dates it governs are its own zone's: a
workday shift is cut at the occasion zone's midnight. (The hours engine, hours.py, holds
one zone and whole minutes per schedule, so it cannot hold these sets; its local-time rules
are applied here the same way, and its HORIZON is the 400 days. The tests check that
for one zone and whole minutes the answers are the engine's, its dates replaced by the
occasion's.)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, NamedTuple

from calendar_exceptions.hours.engine import HORIZON, open_at, union
from calendar_exceptions.shift_status.occurrences import (
    Window,
    day_span,
    instant,
    local_event,
    occasion_starts,
    occurrence_end,
    touched_dates,
    weekly_starts,
)

HORIZON_MS = HORIZON * 1000
_DAY_MS = 86_400_000

Period = tuple[int, int]


class ShiftStatus(NamedTuple):
    on_shift: bool
    next_on: int | None
    next_off: int | None


def shift_status(workday: dict[str, Any] | None, occasion: dict[str, Any] | None, at: int) -> ShiftStatus:
    """The status at `at` (epoch ms) of an account whose default workday and occasion are these (None: no default)."""
    horizon = at + HORIZON_MS
    periods = shifts(workday, occasion, Window(at, horizon + _DAY_MS))
    return ShiftStatus(*open_at(periods, at, horizon))


def shifts(workday: dict[str, Any] | None, occasion: dict[str, Any] | None, window: Window) -> list[Period]:
    """The on-shift periods within `window`, in order, touching ones joined, clipped to it."""
    regular = _union(_workday_periods(workday, window))
    governed, working = _occasion_periods(occasion, window)
    return _clip(_union([*_subtract(regular, governed), *_intersect(working, governed)]), window)


def _workday_periods(workday: dict[str, Any] | None, window: Window) -> Iterable[Period]:
    for event in map(local_event, (workday or {}).get("events") or []):
        for start in weekly_starts(event, window):
            yield instant(start, event.zone), instant(occurrence_end(start, event, window), event.zone)


def _occasion_periods(occasion: dict[str, Any] | None, window: Window) -> tuple[list[Period], list[Period]]:
    """The spans of the dates the occasion governs, and its working occurrences, each joined."""
    governed: list[Period] = []
    working: list[Period] = []
    # Only the dates the window's instants can fall on matter (an occurrence may last a year).
    earliest, latest = window.local_start.toordinal(), window.local_end.toordinal()
    for event in map(local_event, (occasion or {}).get("events") or []):
        days: set[int] = set()
        for start in occasion_starts(event, window):
            end = occurrence_end(start, event, window)
            first, last = touched_dates(start, end)
            days.update(range(max(first.toordinal(), earliest), min(last.toordinal(), latest) + 1))
            if event.working:
                working.append((instant(start, event.zone), instant(end, event.zone)))
        governed.extend(day_span(date.fromordinal(a), date.fromordinal(b), event.zone) for a, b in _runs(days))
    return _union(governed), _union(working)


def _runs(days: Iterable[int]) -> Iterable[tuple[int, int]]:
    """Consecutive day ordinals as (first, last) runs."""
    run: list[int] = []
    for day in sorted(days):
        if run and day == run[1] + 1:
            run[1] = day
            continue
        if run:
            yield run[0], run[1]
        run = [day, day]
    if run:
        yield run[0], run[1]


def _union(periods: Iterable[Period]) -> list[Period]:
    """Non-empty periods sorted, those that touch or overlap joined."""
    return list(union(sorted(p for p in periods if p[1] > p[0])))


def _subtract(periods: list[Period], removed: list[Period]) -> list[Period]:
    """`periods` without `removed` (both joined and sorted)."""
    left: list[Period] = []
    index = 0
    for start, end in periods:
        while index < len(removed) and removed[index][1] <= start:
            index += 1
        cursor, scan = start, index
        while scan < len(removed) and removed[scan][0] < end:
            if removed[scan][0] > cursor:
                left.append((cursor, removed[scan][0]))
            cursor = max(cursor, removed[scan][1])
            scan += 1
        if cursor < end:
            left.append((cursor, end))
    return left


def _intersect(periods: list[Period], kept: list[Period]) -> list[Period]:
    """What `periods` and `kept` (both joined and sorted) have in common."""
    common: list[Period] = []
    i = j = 0
    while i < len(periods) and j < len(kept):
        start, end = max(periods[i][0], kept[j][0]), min(periods[i][1], kept[j][1])
        if start < end:
            common.append((start, end))
        if periods[i][1] < kept[j][1]:
            i += 1
        else:
            j += 1
    return common


def _clip(periods: list[Period], window: Window) -> list[Period]:
    return [(max(s, window.start), min(e, window.end)) for s, e in periods if e > window.start and s < window.end]
