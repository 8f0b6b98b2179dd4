"""A feed's calendar, warm: a year of a schedule with 500 exceptions, built and written as iCalendar.

`python -m bench.feeds` prints the figures; `make bench` adds them as a section (`--only feeds`).
The schedules are bench/hours.py's three of 672 intervals and a weekday 09:00-17:00 one, each
with bench/hours.py's 500 exceptions, in Europe/London, at noon on 2028-01-01: the window is
2028's 366 dates. What a request does after its reads: the hours engine, the calendar's
periods and marks (office_hours_source.calendar_of), the series and single events
(series.events), and the document (calendar.document, icalendar). The same, written as one
event per period instead of weekly series, once (it takes seconds where the periods are many).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

LAYER = str(Path(__file__).resolve().parent.parent / "layers" / "common")
if LAYER not in sys.path:
    sys.path.insert(0, LAYER)

from bench.hours import SCHEDULES, ZONE, exceptions, median_seconds  # noqa: E402
from calendar_exceptions.feeds import series  # noqa: E402
from calendar_exceptions.feeds.calendar import document, kept_document  # noqa: E402
from calendar_exceptions.feeds.office_hours_source import calendar_of  # noqa: E402
from calendar_exceptions.office_hours.hours.reads import StoredHours  # noqa: E402

GOAL = 0.050
NOW = 1830340800  # 2028-01-01T12:00Z
BUILT_AT = 1830000000
FEED_SCHEDULES = {**SCHEDULES, "weekdays 09:00-17:00": [(day * 1440 + 540, day * 1440 + 1020) for day in range(5)]}


def stored(intervals: list[tuple[int, int]]) -> StoredHours:
    """The schedule and its exceptions as a feed reads them (the attributes of reads.py and the feed's own)."""
    schedule = {
        "id": "1",
        "name": "Support",
        "time_zone_name": ZONE,
        "time_intervals": [{"start_minute": start, "end_minute": end} for start, end in intervals],
        "version": 3,
        "updated_at": BUILT_AT,
    }
    found = [
        {
            "id": exception_id,
            "exception_date": day.isoformat(),
            "exception_type": "custom_hours" if ranges else "closed",
            "time_intervals": [{"start_minute": s, "end_minute": e} for s, e in ranges] or None,
            "recurring_annually": recurring,
            "name": f"Exception {exception_id}",
            "version": 1,
            "updated_at": BUILT_AT,
        }
        for day, recurring, exception_id, ranges in exceptions()
    ]
    return StoredHours(schedule, found)


def measure(repetitions: int = 11) -> list[list[str]]:
    rows = []
    for name, intervals in FEED_SCHEDULES.items():
        hours = stored(intervals)
        built = calendar_of(hours, "bench", NOW)
        found_series, singles = series.events(built)
        text = document(built)
        seconds = median_seconds(lambda hours=hours: document(calendar_of(hours, "bench", NOW)), repetitions)
        model = median_seconds(lambda hours=hours: series.events(calendar_of(hours, "bench", NOW)), repetitions)

        def asked_again(hours: StoredHours = hours, built: series.FeedCalendar = built) -> bytes:
            key = series.source_key("bench", built.first, hours.schedule, hours.exceptions)
            return kept_document(key, lambda: built)

        again = median_seconds(asked_again, repetitions)
        started = time.perf_counter()
        flat = document(built, weekly=False)
        flat_seconds = time.perf_counter() - started
        exdates = sum(len(found.exdates) for found in found_series)
        rows.append(
            [
                name,
                str(len(built.periods)),
                f"{len(found_series)} series ({exdates} EXDATE), {len(singles)} single, {len(built.days)} all-day",
                f"{len(text) / 1024:.0f}",
                f"{model * 1e3:.1f}",
                f"{seconds * 1e3:.1f}",
                "PASS" if seconds <= GOAL else "FAIL",
                f"{again * 1e3:.1f}",
                f"{len(flat) / 1024:.0f}",
                f"{flat_seconds * 1e3:.0f}",
            ]
        )
    return rows


HEADER = [
    "schedule (500 exceptions)",
    "open periods",
    "components",
    "KiB",
    "ms to the events",
    "ms in all (median)",
    "< 50 ms",
    "asked again, kept: ms",
    "one event per period: KiB",
    "its ms (once)",
]
INTRO = (
    "A feed's calendar (`bench/feeds.py`), in-process and warm, after its reads: 2028's 366 dates in "
    "Europe/London of each schedule with bench/hours.py's 500 exceptions (half recurring; half closed, half two "
    "intervals each: 280 of the 366 dates are governed), from the stored values to the iCalendar bytes. *ms to "
    "the events*: the engine, the periods and marks, and the weekly series and single events; *ms in all*: and "
    "the document written by icalendar (medians of 11 runs). Then the same calendar written as one event per "
    "open period instead of weekly series with EXDATEs, timed once: the choice the feeds make (weekly series "
    "where they are cheaper in bytes, series.py) against the alternative. icalendar writes about 2 MB of "
    "calendar a second here (it folds every line a character at a time), so a calendar's time follows its size. "
    "*asked again, kept*: the same calendar asked for again in a warm environment, which keeps the documents it "
    "wrote by the digest of what they are built from (calendar.kept_document): the digest and the look-up."
)


def main() -> int:
    for row in measure():
        print(" | ".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
