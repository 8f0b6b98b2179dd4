"""The shift status of skills: each distinct pair of objects computed once, a near window tried first.

Pure (no I/O). `status` answers exactly what shifts.shift_status answers (a property test
compares them): it first asks shifts.shifts for the on-shift periods of the FIRST_WINDOW
after `at` only. Those periods are exact within that window, so when the current or next
shift ends inside it (and, on shift, the following one starts inside it) the answer is
already known; otherwise (24/7, a long shift, nothing within a week) it asks
shifts.shift_status, which looks 400 days ahead. Most answers need the near window alone,
a few times cheaper. `statuses` answers many skills, computing each distinct
(workday, occasion) pair once, so that an account's 500 skills sharing 20 pairs cost 20.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from calendar_exceptions.hours.intervals import Interval
from calendar_exceptions.liveperson.shift_status.occurrences import Window
from calendar_exceptions.liveperson.shift_status.shifts import ShiftStatus, shift_status, shifts
from calendar_exceptions.liveperson.skills.hours import SkillHours

FIRST_WINDOW_MS = 8 * 86_400_000


def status(workday: dict[str, Any] | None, occasion: dict[str, Any] | None, at: int) -> ShiftStatus:
    """shifts.shift_status(workday, occasion, at), from the near window when it decides it."""
    end = at + FIRST_WINDOW_MS
    near = _decided(shifts(workday, occasion, Window(at, end)), at, end)
    return near if near is not None else shift_status(workday, occasion, at)


def statuses(skills: Mapping[int, SkillHours], at: int) -> list[dict[str, Any]]:
    """The vendor's entry of each skill, in ascending id; skills with the same two objects share one computation."""
    computed: dict[tuple[Any, Any], ShiftStatus] = {}
    entries = []
    for skill in sorted(skills):
        workday, occasion = skills[skill].workday, skills[skill].occasion
        pair = (_id(workday), _id(occasion))
        if pair not in computed:
            computed[pair] = status(workday, occasion, at)
        entries.append(entry(skill, computed[pair]))
    return entries


def entry(skill: int, found: ShiftStatus) -> dict[str, Any]:
    """The vendor's answer for one skill."""
    return {"skillId": skill, "onShift": found.on_shift, "nextOn": found.next_on, "nextOff": found.next_off}


def _decided(periods: list[Interval], at: int, end: int) -> ShiftStatus | None:
    """The status at `at` from `periods` (joined, clipped to [at, end)) when nothing beyond `end` can change it."""
    if not periods:
        return None
    (start, stop), following = periods[0], periods[1:]
    if stop >= end:
        return None  # the shift may go on beyond the window
    if start > at:
        return ShiftStatus(False, start, stop)
    return ShiftStatus(True, following[0][0], stop) if following else None


def _id(stored: dict[str, Any] | None) -> Any:
    return None if stored is None else stored["id"]
