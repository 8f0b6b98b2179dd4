"""The shift status of every skill of an account, warm: the engine's time, outside any DynamoDB call.

`python -m bench.skills` prints the figures; `make bench` adds them as a section. The account:
500 skills (the most an account may hold) over 20 distinct (workdays, special occasions)
pairs: 10 workdays objects (Monday to Friday, each with its own hours, one of them 24/7 for the
case the near window cannot decide) and 2 special occasions objects (a closed Christmas and New
Year's Day recurring yearly, and one empty), each skill on one of the 20 pairs. What the
account route computes once it has read the objects (shift_status/statuses.statuses); and,
for comparison, the same 500 skills each computed on its own, and one pair's status.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path
from typing import Any

LAYER = str(Path(__file__).resolve().parent.parent / "layers" / "common")
if LAYER not in sys.path:
    sys.path.insert(0, LAYER)

from bench.hours import median_seconds  # noqa: E402
from calendar_exceptions.liveperson.shift_status import statuses  # noqa: E402
from calendar_exceptions.liveperson.shift_status.shifts import shift_status  # noqa: E402
from calendar_exceptions.liveperson.skills.hours import SkillHours  # noqa: E402

GOAL = 0.050
SKILLS = 500
ZONE = "Europe/Warsaw"
DAYS = ("MO", "TU", "WE", "TH", "FR")
# Instants from Friday 2027-01-08 08:00Z every 3 days and 5 hours to 12 February: on and off shift.
INSTANTS = [1799395200000 + step * 277_200_000 for step in range(12)]


def workday(object_id: int) -> dict[str, Any]:
    """Monday to Friday from 07:00 + id hours for 8 hours in Warsaw; id 10 every day all day (24/7)."""
    if object_id == 10:
        # whole days: the end date is exclusive
        days = [(f"2026-12-{7 + i:02d}", f"2026-12-{8 + i:02d}", code) for i, code in enumerate((*DAYS, "SA", "SU"))]
    else:
        start, end = f"{6 + object_id:02d}:00:00", f"{14 + object_id:02d}:00:00"
        days = [(f"2026-12-{7 + i:02d}T{start}", f"2026-12-{7 + i:02d}T{end}", code) for i, code in enumerate(DAYS)]
    events = [
        {
            "start": {"dateTime": begin, "timeZone": ZONE},
            "end": {"dateTime": finish, "timeZone": ZONE},
            "recurrence": [f"RRULE:FREQ=WEEKLY;BYDAY={code}"],
        }
        for begin, finish, code in days
    ]
    return {"id": object_id, "name": f"W{object_id}", "description": "", "isDefault": object_id == 1, "events": events}


def occasion(object_id: int) -> dict[str, Any]:
    """1: closed on Christmas Day and New Year's Day, every year; 2: no occasions."""
    closed = [
        {
            "meta": {"working": False, "name": name},
            "start": {"dateTime": day, "timeZone": ZONE},
            "end": {"dateTime": after, "timeZone": ZONE},
            "recurrence": ["RRULE:FREQ=YEARLY"],
        }
        for name, day, after in (("Christmas", "2026-12-25", "2026-12-26"), ("New Year", "2027-01-01", "2027-01-02"))
    ]
    events = closed if object_id == 1 else []
    return {"id": object_id, "name": f"O{object_id}", "description": "", "isDefault": object_id == 1, "events": events}


def account() -> dict[int, SkillHours]:
    """500 skills, skill n on pair n % 20: workdays n % 10 + 1, occasion n % 20 // 10 + 1 (as read, shared)."""
    workdays = {i: workday(i) for i in range(1, 11)}
    occasions = {i: occasion(i) for i in (1, 2)}
    return {n: SkillHours(workdays[n % 10 + 1], occasions[n % 20 // 10 + 1]) for n in range(1, SKILLS + 1)}


def measure(repetitions: int = 7) -> list[tuple[str, float, float | None]]:
    """(what, median seconds over the instants, goal or None) for each figure."""
    skills = account()
    pair, every_day = skills[1], skills[9]

    def each_on_its_own(at: int) -> None:
        for hours in skills.values():
            shift_status(hours.workday, hours.occasion, at)

    runs = {
        f"{SKILLS} skills, 20 distinct pairs: the account route's computation": (
            lambda at: statuses.statuses(skills, at),
            GOAL,
        ),
        "one pair, the near window first (statuses.status)": (lambda at: statuses.status(*pair[:2], at), None),
        "one pair, 400 days (shifts.shift_status)": (lambda at: shift_status(*pair[:2], at), None),
        "one 24/7 pair (the near window cannot decide it)": (lambda at: statuses.status(*every_day[:2], at), None),
        f"{SKILLS} skills, each computed on its own with shift_status (no sharing, no near window)": (
            each_on_its_own,
            None,
        ),
    }
    rows = []
    for what, (run, goal) in runs.items():
        alone = run is each_on_its_own  # seconds a run: 3 instants, one run each
        instants, reps = (INSTANTS[:3], 1) if alone else (INSTANTS, repetitions)
        seconds = statistics.median(median_seconds(lambda at=at, run=run: run(at), reps) for at in instants)
        rows.append((what, seconds, goal))
    return rows


def rows_for_table(rows) -> list[list[str]]:
    return [
        [
            what,
            f"{seconds * 1e3:.2f}",
            "" if goal is None else f"{goal * 1e3:g}",
            "" if goal is None else "PASS" if seconds <= goal else "FAIL",
        ]
        for what, seconds, goal in rows
    ]


HEADER = ["computation", "ms (median)", "goal ms", ""]
INTRO = (
    "`GET /api/account/{accountId}/shift-status` once its two DynamoDB round trips are done (`bench/skills.py`), "
    "in-process and warm: 500 skills over 20 distinct pairs of a workdays object (Monday to Friday, 8 hours, "
    "each its own hours; one every day all day) and a special occasions object (closed on Christmas and New "
    "Year's Day every year, or none), in Europe/Warsaw. The median over 12 instants in January and February "
    "2027 of the median of 7 runs (the 500 computed one by one: 3 instants, 1 run each). Skills sharing a pair "
    "share one computation, which reads the week after `at` first and the 400 days only when that week does not "
    "decide it (24/7 here)."
)


def main() -> int:
    for row in rows_for_table(measure()):
        print(" | ".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
