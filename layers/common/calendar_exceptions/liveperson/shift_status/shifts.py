"""The account-level shift status of LivePerson's Shift Status API, from the default workday and special occasion.

Pure (no I/O): the objects are the stored JSON as plain dicts (account_config.defaults reads
them), `at` is epoch milliseconds, and so are the answers. The rules, as docs/shift-status.md
states them:

- The hours are the account's **default** workday object's events, each repeating weekly.
  No default workday: no regular hours (always off shift).
- Every local date that an occurrence of an event of the account's **default** special
  occasion touches (in that event's zone; an event is the span hours/local_time.local_span
  reads, so a whole day D is D to D+1 and touches D alone; an occurrence ending exactly at a
  local midnight does not touch the date that begins there) is governed by the occasion
  alone: on that date the account is on shift exactly during the parts of the occasion's
  `meta.working: true` occurrences that fall on it, and off shift otherwise. A workday shift
  that runs past midnight into such a date is cut at that midnight. An occasion event
  without `meta` counts as working (the vendor's example of an occasion is a change of
  working hours).
- Non-working wins: on a local date that an occurrence of a `meta.working: false` event
  touches (in that event's zone), the account is off shift the whole date, whatever
  working occurrences touch it too (LivePerson's working hours best practices: "if a
  working and a non-working occasion fall on the same day, non-working wins").
- Recurring events (`RRULE:` lines) are expanded with python-dateutil's semantics in the
  event's zone (hours/expansion.py, in work bounded by the window), with the engine's rules
  for DST gaps and repeats.
- `onShift`, `nextOn` and `nextOff` follow the office hours status semantics: `nextOff` is
  the end of the current shift when on shift, else the end of the next shift; `nextOn` is
  the start of the next shift beginning after `at`; `null` when there is none within 400
  days, and both `null` for a 24/7 account, as the vendor documents.

How (occurrences.py has the reading of events and local times): a date is a span of
instants in its own zone, from its local midnight to the next, so the rules are applied to
sets of instants, which is exact whatever the zones and to the second, as stored times are:

    on shift = (workday shifts - governed dates) + (working occurrences within governed dates - closed dates)

where the closed dates are those a non-working occurrence touches.

When an occasion's zone is not the workday's, the dates it governs are its own zone's: a
workday shift is cut at the occasion zone's midnight. (The hours engine, hours/engine.py,
holds one zone and whole minutes per schedule, so it cannot hold these sets; what it is
built on is used here the same way: local times become instants by hours/local_time.py,
the sets are combined by hours/intervals.py, the answer is its status rule, `open_at`, and
its HORIZON is the 400 days. The tests check that for one zone and whole minutes the
answers are the engine's, its dates replaced by the occasion's.)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, NamedTuple

from calendar_exceptions.hours.engine import HORIZON
from calendar_exceptions.hours.intervals import Interval, clip, intersect, joined, open_at, subtract
from calendar_exceptions.hours.local_time import epoch_ms
from calendar_exceptions.liveperson.shift_status.occurrences import (
    Window,
    day_span,
    local_event,
    occurrences,
    touched_dates,
)

HORIZON_MS = HORIZON * 1000
_DAY_MS = 86_400_000


class ShiftStatus(NamedTuple):
    on_shift: bool
    next_on: int | None
    next_off: int | None


def shift_status(workday: dict[str, Any] | None, occasion: dict[str, Any] | None, at: int) -> ShiftStatus:
    """The status at `at` (epoch ms) of an account whose default workday and occasion are these (None: no default)."""
    horizon = at + HORIZON_MS
    periods = shifts(workday, occasion, Window(at, horizon + _DAY_MS))
    return ShiftStatus(*open_at(periods, at, horizon))


def shifts(workday: dict[str, Any] | None, occasion: dict[str, Any] | None, window: Window) -> list[Interval]:
    """The on-shift periods within `window`, in order, touching ones joined, clipped to it."""
    regular = joined(_workday_periods(workday, window))
    governed, working, closed = _occasion_periods(occasion, window)
    occasions = subtract(intersect(working, governed), closed)
    return clip(joined([*subtract(regular, governed), *occasions]), window.start, window.end)


def _workday_periods(workday: dict[str, Any] | None, window: Window) -> Iterable[Interval]:
    for event in map(local_event, (workday or {}).get("events") or []):
        for start, end in occurrences(event, window):
            yield epoch_ms(start, event.zone), epoch_ms(end, event.zone)


def _occasion_periods(
    occasion: dict[str, Any] | None, window: Window
) -> tuple[list[Interval], list[Interval], list[Interval]]:
    """The spans of the dates the occasion governs, its working occurrences, the spans of the dates it closes."""
    governed: list[Interval] = []
    working: list[Interval] = []
    closed: list[Interval] = []
    # Only the dates the window's instants can fall on matter (an occurrence may last a year).
    earliest, latest = window.local_start.toordinal(), window.local_end.toordinal()
    for event in map(local_event, (occasion or {}).get("events") or []):
        days: list[tuple[int, int]] = []
        for start, end in occurrences(event, window):
            first, last = touched_dates(start, end)
            days.append((max(first.toordinal(), earliest), min(last.toordinal(), latest)))
            if event.working:
                working.append((epoch_ms(start, event.zone), epoch_ms(end, event.zone)))
        spans = [day_span(date.fromordinal(a), date.fromordinal(b), event.zone) for a, b in _runs(days)]
        governed.extend(spans)
        if not event.working:
            closed.extend(spans)
    return joined(governed), joined(working), joined(closed)


def _runs(days: Iterable[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """Ranges of day ordinals (first, last), as the runs of consecutive days they make together."""
    run: list[int] = []
    for first, last in sorted(days):
        if first > last:
            continue
        if run and first <= run[1] + 1:
            run[1] = max(run[1], last)
            continue
        if run:
            yield run[0], run[1]
        run = [first, last]
    if run:
        yield run[0], run[1]


def governed_dates(occasion: dict[str, Any] | None, window: Window) -> list[tuple[date, str, bool]]:
    """The local dates within `window` the occasion governs, by the rules above: each with a name (the event's
    `meta.name`, else the occasion's) and whether the account works that date (False when any event that touches
    it is not working). For calendars (feeds): `shifts` is what the account's hours are on those dates."""
    found: dict[date, tuple[str, bool]] = {}
    earliest, latest = window.local_start.toordinal(), window.local_end.toordinal()
    for event, stored in zip(
        map(local_event, (occasion or {}).get("events") or []), (occasion or {}).get("events") or [], strict=True
    ):
        name = ((stored.get("meta") or {}).get("name") or (occasion or {}).get("name") or "").strip()
        for start, end in occurrences(event, window):
            first, last = touched_dates(start, end)
            for ordinal in range(max(first.toordinal(), earliest), min(last.toordinal(), latest) + 1):
                day = date.fromordinal(ordinal)
                kept = found.get(day)
                if kept is None or (kept[1] and not event.working):
                    found[day] = (name, event.working)
    return sorted((day, name, working) for day, (name, working) in found.items())
