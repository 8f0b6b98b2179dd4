"""The shift status of the costliest objects the write rules accept: CPU time of one answer, warm, outside DynamoDB.

`python -m bench.recurrence` prints the figures; `make bench` (or `python -m bench --only
recurrence`) adds them as a section. Every object is first put through the special occasions'
write validation (the request models and rules), so each one is an object a client can store;
each holds 50 events (the most an object may), each event distinct (its start a minute later
than the one before) so that nothing is shared between them. The costs each case provokes:

- the most occurrences a 401-day window can hold: a start a day, one minute each;
- events that last from year 1 to 9999 (one start covers the window) and a start every day;
- events of 23 hours every day from year 1 (every start in the window counts, none covers);
- a rule that occurs almost never (every 1,000 days on a Monday 29 February) for an event
  lasting from year 1 to 9999: its latest start is looked for back to year 1, a lookup a year;
- COUNT=1000 from year 1: the occurrences are counted year by year up to the window, rarely
  (every 1,000 days) or never reaching the count (a Monday 29 February);
- 50 different rules of ordinal weekdays: each computes its own calendars.

Each is answered at 2026-12-14 and at the latest `at` the API takes (9998-01-01, the farthest
from year 1), alone and beside a workday of 50 one-hour shifts.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for entry in (str(ROOT), str(ROOT / "layers" / "common")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from calendar_exceptions.liveperson.account_config.validation import new_objects  # noqa: E402
from calendar_exceptions.liveperson.shift_status.shifts import shift_status  # noqa: E402
from calendar_exceptions.liveperson.special_occasions.kind import SPECIAL_OCCASIONS  # noqa: E402
from calendar_exceptions.liveperson.workdays.kind import WORKDAYS  # noqa: E402

GOAL = 1.0  # seconds of CPU for one shift status
ZONE = "Europe/Warsaw"
AT = {"2026-12-14": 1797238800000, "9998-01-01 (the latest `at`)": 253339228800000}
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _event(start: str, end: str, rule: str) -> dict[str, Any]:
    return {
        "meta": {"working": True, "name": "event"},
        "start": {"dateTime": start, "timeZone": ZONE},
        "end": {"dateTime": end, "timeZone": ZONE},
        "recurrence": [rule],
    }


def _minute(index: int) -> str:
    return f"{9 + index // 60:02d}:{index % 60:02d}"


CASES: dict[str, list[dict[str, Any]]] = {
    "one minute every day from 2026": [
        _event(f"2026-01-01T{_minute(i)}", f"2026-01-01T{_minute(i + 1)}", "RRULE:FREQ=DAILY") for i in range(50)
    ],
    "every day, lasting from 0001 to 9999": [
        _event(f"0001-01-01T{_minute(i)}", "9999-12-31T23:59", "RRULE:FREQ=DAILY") for i in range(50)
    ],
    "23 hours every day from 0001": [
        _event(f"0001-01-01T{_minute(i)}", f"0001-01-02T{_minute(i - 60)}", "RRULE:FREQ=DAILY") for i in range(50)
    ],
    "every 1,000 days on a Monday 29 February, lasting from 0001 to 9999": [
        _event(
            f"0001-01-01T{_minute(i)}",
            "9999-12-31T23:59",
            "RRULE:FREQ=DAILY;INTERVAL=1000;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
        )
        for i in range(50)
    ],
    "COUNT=1000 every 1,000 days from 0001": [
        _event(f"0001-01-01T{_minute(i)}", f"0001-01-01T{_minute(i)}:30", "RRULE:FREQ=DAILY;INTERVAL=1000;COUNT=1000")
        for i in range(50)
    ],
    "COUNT=1000 on a Monday 29 February from 0001": [
        _event(
            f"0001-01-01T{_minute(i)}",
            f"0001-01-01T{_minute(i)}:30",
            "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=1000",
        )
        for i in range(50)
    ],
    "50 different rules of ordinal weekdays": [
        _event(
            f"2026-01-01T{_minute(i)}",
            f"2026-01-01T{_minute(i)}:30",
            f"RRULE:FREQ=YEARLY;BYDAY={i + 1}{DAYS[i % 7]},-{i + 1}{DAYS[(i + 3) % 7]}",
        )
        for i in range(50)
    ],
}
# Monday to Sunday, 50 one-hour shifts from the week of Monday 2026-12-07.
SHIFTS = [
    {
        "start": {"dateTime": f"2026-12-{7 + i % 7:02d}T{i // 7 + 8:02d}:00", "timeZone": ZONE},
        "end": {"dateTime": f"2026-12-{7 + i % 7:02d}T{i // 7 + 9:02d}:00", "timeZone": ZONE},
        "recurrence": [f"RRULE:FREQ=WEEKLY;BYDAY={DAYS[i % 7]}"],
    }
    for i in range(50)
]


def stored(kind, events: list[dict[str, Any]]) -> dict[str, Any]:
    """The object as stored, once the write rules have accepted it (a refusal stops the bench)."""
    body = {"name": "Costly", "description": "", "isDefault": True, "deleted": False, "events": events}
    [accepted], _ = new_objects(kind, json.dumps(body))
    return {"id": 1, **accepted.to_json()}


def cpu_seconds(run, repetitions: int) -> float:
    run()  # warm
    times = []
    for _ in range(repetitions):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return statistics.median(times)


def measure(repetitions: int = 5) -> list[tuple[str, str, str, float]]:
    """(case, `at`, beside a workday or not, median CPU seconds) for each figure."""
    workday = stored(WORKDAYS, SHIFTS)
    rows = []
    for name, events in CASES.items():
        occasion = stored(SPECIAL_OCCASIONS, events)
        for when, at in AT.items():
            for beside, hours in (("", None), ("50 shifts", workday)):
                seconds = cpu_seconds(lambda at=at, hours=hours, o=occasion: shift_status(hours, o, at), repetitions)
                rows.append((name, when, beside, seconds))
    return rows


def rows_for_table(rows) -> list[list[str]]:
    return [
        [name, when, beside, f"{seconds * 1e3:.0f}", f"{GOAL * 1e3:g}", "PASS" if seconds <= GOAL else "FAIL"]
        for name, when, beside, seconds in rows
    ]


def worst(rows) -> str:
    name, when, beside, seconds = max(rows, key=lambda row: row[3])
    with_workday = " beside a workday of 50 shifts" if beside else ""
    return f"The worst: {name}, at {when}{with_workday}: {seconds * 1e3:.0f} ms of CPU."


HEADER = ["special occasion object (50 events)", "at", "workday", "CPU ms (median)", "goal ms", ""]
INTRO = (
    "One shift status (`shift_status`, no DynamoDB) of the costliest special occasion objects the write rules "
    "accept (`bench/recurrence.py` says what each provokes), in-process and warm: the median of 5 runs of "
    "CPU time. The goal: within 1 s of CPU whatever the objects hold. Before the bounded expander "
    "(hours/expansion.py), python-dateutil walked a rule from its start: one event of `FREQ=DAILY` from "
    "0001-01-01 lasting to 9999 cost about 5 s, one of `FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=8` (which never "
    "occurs) 1.26 s."
)


def main() -> int:
    rows = measure()
    for row in rows_for_table(rows):
        print(" | ".join(row))
    print(worst(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
