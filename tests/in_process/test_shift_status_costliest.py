"""The costliest objects the write rules accept (BENCHMARKS.md, "Shift status of the costliest objects"): answers.

The bench (`bench/recurrence.py`) measures their CPU time; these check what they answer,
through the handlers: each object is stored by a POST (so the write rules accept it), then the
shift status is asked at the latest `at` the API takes, 9998-01-01T00:00Z (a Thursday: 2026-01-01
was a Thursday, and 7,972 years are 19 cycles of 400 years, each a whole number of weeks, plus
372 years of 135,870 days, 19,410 weeks), the farthest from the events' start in year 1.
Warsaw is UTC+1 in January. No timed assertion: the bench holds the figures.
"""

from __future__ import annotations

from typing import Any

from tests.builders import WORKDAYS_API, collection, occasion, workday

OCCASIONS = collection()
LATEST_AT = 253339228800000  # 9998-01-01T00:00Z
HOUR = 3_600_000
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _minute(index: int) -> str:
    return f"{9 + index // 60:02d}:{index % 60:02d}"


def _event(start: str, end: str, rule: str) -> dict[str, Any]:
    return {
        "meta": {"working": True, "name": "event"},
        "start": {"dateTime": start, "timeZone": "Europe/Warsaw"},
        "end": {"dateTime": end, "timeZone": "Europe/Warsaw"},
        "recurrence": [rule],
    }


# Monday 08:00-16:00, the other days 08:00-15:00 in Warsaw: 50 one-hour shifts from the week of 2026-12-07.
SHIFTS = [
    {
        "start": {"dateTime": f"2026-12-{7 + i % 7:02d}T{i // 7 + 8:02d}:00", "timeZone": "Europe/Warsaw"},
        "end": {"dateTime": f"2026-12-{7 + i % 7:02d}T{i // 7 + 9:02d}:00", "timeZone": "Europe/Warsaw"},
        "recurrence": [f"RRULE:FREQ=WEEKLY;BYDAY={DAYS[i % 7]}"],
    }
    for i in range(50)
]


def _store(api, occasion_events: list[dict[str, Any]]) -> None:
    for url, body in (
        (WORKDAYS_API.url(), workday("Shifts", isDefault=True, events=SHIFTS)),
        (OCCASIONS, occasion("Costly", isDefault=True, events=occasion_events)),
    ):
        reply = api.call("POST", url, [body])
        assert reply.status == 200, reply.text


def _status(api) -> dict[str, Any]:
    reply = api.call("GET", "/api/account/acct1/skills/1/shift-status-skill", query=f"at={LATEST_AT}")
    assert reply.status == 200, reply.text
    return {key: reply.body[key] for key in ("onShift", "nextOn", "nextOff")}


def test_a_rule_that_never_occurs_lasting_from_year_1_to_9999_leaves_the_workday(api):
    # Every 1,000 days from 0001-01-01 on a Monday 29 February: python-dateutil finds none up to 9999
    rule = "RRULE:FREQ=DAILY;INTERVAL=1000;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO"
    _store(api, [_event(f"0001-01-01T{_minute(i)}", "9999-12-31T23:59", rule) for i in range(50)])
    # Thursday 01:00 in Warsaw: the workday's Thursday, 08:00-15:00 in Warsaw (07:00Z-14:00Z)
    assert _status(api) == {"onShift": False, "nextOn": LATEST_AT + 7 * HOUR, "nextOff": LATEST_AT + 14 * HOUR}


def test_fifty_one_minute_events_every_day_govern_every_date(api):
    # 09:00 to 09:50 in Warsaw every day (50 events of one minute, one after the other), instead of the workday
    _store(
        api, [_event(f"2026-01-01T{_minute(i)}", f"2026-01-01T{_minute(i + 1)}", "RRULE:FREQ=DAILY") for i in range(50)]
    )
    assert _status(api) == {
        "onShift": False,
        "nextOn": LATEST_AT + 8 * HOUR,
        "nextOff": LATEST_AT + 8 * HOUR + 50 * 60_000,
    }


def test_count_rules_from_year_1_that_end_before_the_window_leave_the_workday(api):
    # COUNT=1000 on a Monday 29 February from year 1: 375 occurrences in all, the last on 9988-02-29
    rule = "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=1000"
    _store(api, [_event(f"0001-01-01T{_minute(i)}", f"0001-01-01T{_minute(i)}:30", rule) for i in range(50)])
    assert _status(api) == {"onShift": False, "nextOn": LATEST_AT + 7 * HOUR, "nextOff": LATEST_AT + 14 * HOUR}


def test_every_day_from_year_1_to_9999_is_on_shift_throughout(api):
    _store(api, [_event(f"0001-01-01T{_minute(i)}", "9999-12-31T23:59", "RRULE:FREQ=DAILY") for i in range(50)])
    # On shift since 0001-01-01 09:00, to the end of 9999 in Warsaw: nothing changes within 400 days
    assert _status(api) == {"onShift": True, "nextOn": None, "nextOff": None}
