"""The hours engine's time, warm: a year of effective hours and one status, outside any DynamoDB call.

`python -m bench.hours` prints the figures; `make bench` adds them as a section. Schedules:
672 intervals, the most a schedule may have, every 15 minutes of the week (touching: one
period a day once merged); every other quarter hour open (336 intervals, 48 a day); and 672
intervals of 10 minutes in every 15, off Intercom's grid (96 a day: the most output a year
can have).
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

LAYER = str(Path(__file__).resolve().parent.parent / "layers" / "common")
if LAYER not in sys.path:
    sys.path.insert(0, LAYER)

from calendar_exceptions.hours.engine import Hours, Replacement, WeeklyInterval  # noqa: E402
from calendar_exceptions.office_hours.hours.governing import DatedException, GoverningExceptions  # noqa: E402

YEAR_GOAL = 0.005
STATUS_GOAL = 0.0005
ZONE = "Europe/London"
FIRST = date(2028, 1, 1)
LAST = date(2028, 12, 31)  # 366 dates
SCHEDULES = {
    "672 intervals, every 15 minutes (touching)": [(minute, minute + 15) for minute in range(0, 10080, 15)],
    "336 intervals, every other 15 minutes": [(minute, minute + 15) for minute in range(0, 10080, 30)],
    "672 intervals, 10 of every 15 minutes": [(minute, minute + 10) for minute in range(0, 10080, 15)],
}


def exceptions() -> list[tuple[date, bool, str, tuple[tuple[int, int], ...]]]:
    """500 exceptions from 2027 on, every other one recurring, every other pair closed."""
    found = []
    for index in range(500):
        day = date(2027, 1, 1) + timedelta(days=index * 2 + index % 2)
        intervals = () if index % 4 < 2 else ((540, 720), (780, 1020))
        found.append((day, index % 2 == 0, str(index + 1), intervals))
    return found


def build(intervals, stored) -> Hours:
    """What a request does with the items it read: the rules, then the engine."""
    governing = GoverningExceptions(
        DatedException(day, recurring, Replacement(exception_id, ranges))
        for day, recurring, exception_id, ranges in stored
    )
    return Hours(ZONE, [WeeklyInterval(start, end) for start, end in intervals], governing)


def median_seconds(run, repetitions: int) -> float:
    run()  # warm
    times = []
    for _ in range(repetitions):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(repetitions: int = 51) -> list[tuple[str, str, float, float | None]]:
    """(what, schedule, median seconds, goal or None) for each figure."""
    stored = exceptions()
    rows = []
    for name, intervals in SCHEDULES.items():
        seconds = median_seconds(lambda intervals=intervals: build(intervals, stored).days(FIRST, LAST), repetitions)
        rows.append(("effective hours, 366 dates (rules built, then the view)", name, seconds, YEAR_GOAL))
    # A status at each of 200 instants through the year, open and closed alike: the median.
    instants = [1830297600 + step * 157_000 for step in range(200)]
    for name, intervals in SCHEDULES.items():
        built = build(intervals, stored)
        seconds = statistics.median(median_seconds(lambda at=at, b=built: b.status(at), 5) for at in instants)
        rows.append(("status, one query", name, seconds, STATUS_GOAL))
    for name, intervals in SCHEDULES.items():
        seconds = median_seconds(lambda intervals=intervals: build(intervals, stored), repetitions)
        rows.append(("building the rules (before a status)", name, seconds, None))
    # The longest walks: nothing changes within the 400 days after `at`, so all of them are expanded.
    for name, intervals in (("24/7, no exceptions", [(0, 10080)]), ("no intervals, no exceptions", [])):
        built = build(intervals, [])
        seconds = median_seconds(lambda b=built: b.status(1830297600), repetitions)
        rows.append(("status, one query, 400 days walked", name, seconds, None))
    return rows


def rows_for_table(rows) -> list[list[str]]:
    return [
        [
            what,
            schedule,
            f"{seconds * 1e3:.3f}",
            "" if goal is None else f"{goal * 1e3:g}",
            "" if goal is None else "PASS" if seconds <= goal else "FAIL",
        ]
        for what, schedule, seconds, goal in rows
    ]


HEADER = ["query", "schedule", "ms (median)", "goal ms", ""]
INTRO = (
    "The hours engine alone (`bench/hours.py`), in-process and warm, in Europe/London, outside any DynamoDB call: "
    "2028's 366 dates of a schedule with 500 exceptions (half recurring; half closed, half two intervals each), "
    "the rules built from the items as a request would; one status with the rules built (the median over 200 "
    "instants of the year of the median of 5 runs), then what building them costs. Medians of 51 runs otherwise. "
    "The 400-day walks are a status's longest: open, or closed, throughout the horizon."
)


def main() -> int:
    for row in rows_for_table(measure()):
        print(" | ".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
