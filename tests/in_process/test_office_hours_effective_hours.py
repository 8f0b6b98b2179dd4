"""The effective hours and status routes (docs/office-hours.md) through their handlers, on worked examples.

Every instant is written out in UTC by hand, never converted by zoneinfo. Transitions used
(tzdata, 2026; all four dates are Sundays): Europe/London 29 Mar 01:00 GMT -> 02:00 BST and
25 Oct 02:00 BST -> 01:00 GMT (both at 01:00 UTC); America/New_York 8 Mar 02:00 EST -> 03:00
EDT (07:00 UTC) and 1 Nov 02:00 EDT -> 01:00 EST (06:00 UTC); Australia/Sydney 5 Apr 03:00
AEDT -> 02:00 AEST (16:00 UTC on the 4th) and 4 Oct 02:00 AEST -> 03:00 AEDT (16:00 UTC on
the 3rd); Australia/Lord_Howe (+10:30, +11 in summer) 5 Apr 02:00 -> 01:30 (15:00 UTC on the
4th) and 4 Oct 02:00 -> 02:30 (15:30 UTC on the 3rd). Europe/London is UTC in December.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

import jsonschema
import pytest

from calendar_exceptions import clock, storage
from calendar_exceptions.office_hours import layout
from local import gateway, template
from tests.builders import SCHEDULES, closed, custom_hours, exceptions_url, interval, schedule, schedule_url

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
TABLE = template.local_table_name("CalendarTable")


def utc(*fields: int) -> int:
    return int(datetime(*fields, tzinfo=UTC).timestamp())


def week(day: int, hour: int, minute: int = 0) -> int:
    return day * 1440 + hour * 60 + minute


def daily(start: int, end: int) -> list[tuple[int, int]]:
    return [(day * 1440 + start, day * 1440 + end) for day in range(7)]


_SCHEDULE_NUMBERS = itertools.count(1)


def new_schedule(api, zone: str, intervals: list[tuple[int, int]], tenant: str = "acct1") -> str:
    # Names are unique in a workspace: each schedule gets its own.
    body = schedule(
        name=f"Support {next(_SCHEDULE_NUMBERS)}",
        time_zone_name=zone,
        time_intervals=[interval(start, end) for start, end in intervals],
    )
    reply = api.call("POST", SCHEDULES, body, tenant=tenant)
    assert reply.status == 201, reply.text
    return reply.body["id"]


def new_exception(api, schedule_id: str, body: dict[str, Any]) -> str:
    reply = api.call("POST", exceptions_url(schedule_id), body)
    assert reply.status == 201, reply.text
    return reply.body["id"]


def effective_hours(api, schedule_id: str, query: str, **call: Any) -> dict[str, Any]:
    reply = api.call("GET", f"{schedule_url(schedule_id)}/effective_hours{query}", **call)
    assert reply.status == 200, reply.text
    return reply.body


def intervals(api, schedule_id: str, day: str) -> list[tuple[int, int, int, int]]:
    """One date's intervals as (start_minute, end_minute, start_at, end_at)."""
    [found] = effective_hours(api, schedule_id, f"?from={day}&to={day}")["days"]
    return [(i["start_minute"], i["end_minute"], i["start_at"], i["end_at"]) for i in found["time_intervals"]]


def source(api, schedule_id: str, day: str) -> str | None:
    """The exception that governs a date, None for the schedule."""
    [found] = effective_hours(api, schedule_id, f"?from={day}&to={day}")["days"]
    assert found["source"] == ("schedule" if found["office_hours_exception_id"] is None else "exception")
    return found["office_hours_exception_id"]


def status(api, schedule_id: str, at: int) -> tuple[bool, int | None, int | None, str | None]:
    reply = api.call("GET", f"{schedule_url(schedule_id)}/status?at={at}")
    assert reply.status == 200, reply.text
    body = reply.body
    assert (body["type"], body["office_hours_schedule_id"], body["at"]) == ("office_hours_status", schedule_id, at)
    return body["open"], body["next_open_at"], body["next_close_at"], body["office_hours_exception_id"]


# --- the two documented examples ------------------------------------------------------


def test_the_two_json_examples_of_the_docs(api):
    # Given schedule "1" open 09:00-17:00 every day in London, and exception 7 closing Christmas Day
    schedule_id = new_schedule(api, "Europe/London", daily(540, 1020))
    for day in range(1, 7):
        new_exception(api, schedule_id, closed(f"2030-01-0{day}"))
    assert new_exception(api, schedule_id, closed("2026-12-25", recurring_annually=False)) == "7"
    # Then the effective hours of 24-25 December and the status at noon on the 25th are the docs'
    reply = api.call("GET", f"{schedule_url(schedule_id)}/effective_hours?from=2026-12-24&to=2026-12-25")
    assert (reply.status, reply.body) == (200, json.loads(DOCUMENTED_EFFECTIVE_HOURS))
    reply = api.call("GET", f"{schedule_url(schedule_id)}/status?at=1798200000")
    assert (reply.status, reply.body) == (200, json.loads(DOCUMENTED_STATUS))


# The examples of docs/office-hours.md, as it writes them.
DOCUMENTED_EFFECTIVE_HOURS = """
{"type": "office_hours_effective_hours",
 "office_hours_schedule_id": "1",
 "time_zone_name": "Europe/London",
 "days": [
   {"date": "2026-12-24", "day_of_week": 3, "source": "schedule", "office_hours_exception_id": null,
    "time_intervals": [{"start_minute": 540, "end_minute": 1020, "start_at": 1798102800, "end_at": 1798131600}]},
   {"date": "2026-12-25", "day_of_week": 4, "source": "exception", "office_hours_exception_id": "7",
    "time_intervals": []}
 ]}
"""
DOCUMENTED_STATUS = """
{"type": "office_hours_status", "office_hours_schedule_id": "1", "at": 1798200000,
 "open": false, "next_open_at": 1798275600, "next_close_at": 1798304400,
 "office_hours_exception_id": "7"}
"""


def test_the_answers_are_the_documented_schemas(api):
    schedule_id = new_schedule(api, "Europe/London", daily(540, 1020))
    new_exception(api, schedule_id, closed("2026-12-25"))
    document = json.loads((template.ROOT / "openapi.json").read_text(encoding="utf-8"))

    def conforms(body: Any, schema: str) -> None:
        wrapper = {"$ref": f"#/components/schemas/{schema}", "components": document["components"]}
        jsonschema.Draft202012Validator(wrapper, format_checker=jsonschema.FormatChecker()).validate(body)

    conforms(effective_hours(api, schedule_id, "?from=2026-12-20&to=2026-12-31"), "OfficeHoursEffectiveHours")
    for at in (1798200000, utc(2026, 12, 24, 12)):
        conforms(api.call("GET", f"{schedule_url(schedule_id)}/status?at={at}").body, "OfficeHoursStatus")
    conforms(api.call("GET", f"{schedule_url(schedule_id)}/status?at=x").body, "IntercomError")


# --- local time: spring forward, fall back ---------------------------------------------


class TestEuropeLondon:
    def test_spring_forward(self, api):
        spans = new_schedule(api, "Europe/London", [(week(SUN, 0, 30), week(SUN, 3))])
        in_gap = new_schedule(api, "Europe/London", [(week(SUN, 1, 30), week(SUN, 4))])
        whole = new_schedule(api, "Europe/London", [(week(SUN, 0), week(SUN, 24))])
        # 00:30 GMT to 03:00 BST: an hour and a half
        assert intervals(api, spans, "2026-03-29") == [(30, 180, utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 2))]
        # 01:30 is skipped: read at GMT, 01:30 UTC, the clock's 02:30 (minute 150)
        assert intervals(api, in_gap, "2026-03-29") == [(150, 240, utc(2026, 3, 29, 1, 30), utc(2026, 3, 29, 3))]
        # The day is 23 hours long
        assert intervals(api, whole, "2026-03-29") == [(0, 1440, utc(2026, 3, 29), utc(2026, 3, 29, 23))]
        assert status(api, in_gap, utc(2026, 3, 29, 1, 29)) == (
            False,
            utc(2026, 3, 29, 1, 30),
            utc(2026, 3, 29, 3),
            None,
        )

    def test_two_times_in_the_gap_stay_apart_as_rfc_5545_reads_them(self, api):
        # "01:15-01:45 is empty", as first written, contradicts the first rule; RFC 5545 is
        # kept (docs/office-hours.md, "Rules for local time"): 02:15-02:45 BST, 30 minutes.
        schedule_id = new_schedule(api, "Europe/London", [(week(SUN, 1, 15), week(SUN, 1, 45))])
        assert intervals(api, schedule_id, "2026-03-29") == [
            (135, 165, utc(2026, 3, 29, 1, 15), utc(2026, 3, 29, 1, 45))
        ]
        assert status(api, schedule_id, utc(2026, 3, 29, 1, 30))[:3] == (
            True,
            utc(2026, 4, 5, 0, 15),
            utc(2026, 3, 29, 1, 45),
        )

    def test_fall_back(self, api):
        spans = new_schedule(api, "Europe/London", [(week(SUN, 0, 30), week(SUN, 3))])
        repeated = new_schedule(api, "Europe/London", [(week(SUN, 1, 30), week(SUN, 4))])
        whole = new_schedule(api, "Europe/London", [(week(SUN, 0), week(SUN, 24))])
        # 00:30 BST (23:30 UTC the day before) to 03:00 GMT: three and a half hours
        assert intervals(api, spans, "2026-10-25") == [(30, 180, utc(2026, 10, 24, 23, 30), utc(2026, 10, 25, 3))]
        # 01:30 happens twice: the first, BST
        assert intervals(api, repeated, "2026-10-25") == [(90, 240, utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 4))]
        # The day is 25 hours long
        assert intervals(api, whole, "2026-10-25") == [(0, 1440, utc(2026, 10, 24, 23), utc(2026, 10, 26))]
        # At the second 01:30 (GMT) it has been open since the first
        assert status(api, repeated, utc(2026, 10, 25, 1, 30)) == (
            True,
            utc(2026, 11, 1, 1, 30),
            utc(2026, 10, 25, 4),
            None,
        )


class TestAmericaNewYork:
    def test_spring_forward(self, api):
        spans = new_schedule(api, "America/New_York", [(week(SUN, 1), week(SUN, 4))])
        in_gap = new_schedule(api, "America/New_York", [(week(SUN, 2, 30), week(SUN, 5))])
        # 01:00 EST to 04:00 EDT: two hours
        assert intervals(api, spans, "2026-03-08") == [(60, 240, utc(2026, 3, 8, 6), utc(2026, 3, 8, 8))]
        # 02:30 is skipped: read at EST, 07:30 UTC, the clock's 03:30 (minute 210)
        assert intervals(api, in_gap, "2026-03-08") == [(210, 300, utc(2026, 3, 8, 7, 30), utc(2026, 3, 8, 9))]

    def test_fall_back(self, api):
        spans = new_schedule(api, "America/New_York", [(week(SUN, 0), week(SUN, 3))])
        repeated = new_schedule(api, "America/New_York", [(week(SUN, 1, 30), week(SUN, 2, 30))])
        # 00:00 EDT to 03:00 EST: four hours
        assert intervals(api, spans, "2026-11-01") == [(0, 180, utc(2026, 11, 1, 4), utc(2026, 11, 1, 8))]
        # 01:30 EDT (the first) to 02:30 EST: two hours
        assert intervals(api, repeated, "2026-11-01") == [(90, 150, utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 7, 30))]
        assert status(api, repeated, utc(2026, 11, 1, 6, 30))[:3] == (
            True,
            utc(2026, 11, 8, 6, 30),
            utc(2026, 11, 1, 7, 30),
        )


class TestSouthernHemisphere:
    def test_sydney_dst_ends_in_april_and_starts_in_october(self, api):
        april = new_schedule(api, "Australia/Sydney", [(week(SUN, 0), week(SUN, 4))])
        october = new_schedule(api, "Australia/Sydney", [(week(SUN, 1), week(SUN, 4))])
        in_gap = new_schedule(api, "Australia/Sydney", [(week(SUN, 2, 30), week(SUN, 4))])
        # 00:00 AEDT (+11) to 04:00 AEST (+10): five hours
        assert intervals(api, april, "2026-04-05") == [(0, 240, utc(2026, 4, 4, 13), utc(2026, 4, 4, 18))]
        # 01:00 AEST to 04:00 AEDT: two hours
        assert intervals(api, october, "2026-10-04") == [(60, 240, utc(2026, 10, 3, 15), utc(2026, 10, 3, 17))]
        # 02:30 is skipped: read at AEST, the clock's 03:30 AEDT
        assert intervals(api, in_gap, "2026-10-04") == [(210, 240, utc(2026, 10, 3, 16, 30), utc(2026, 10, 3, 17))]

    def test_lord_howe_moves_its_clocks_by_half_an_hour(self, api):
        april = new_schedule(api, "Australia/Lord_Howe", [(week(SUN, 1), week(SUN, 3))])
        in_gap = new_schedule(api, "Australia/Lord_Howe", [(week(SUN, 2, 15), week(SUN, 3))])
        # 01:00 (+11) to 03:00 (+10:30): two and a half hours
        assert intervals(api, april, "2026-04-05") == [(60, 180, utc(2026, 4, 4, 14), utc(2026, 4, 4, 16, 30))]
        # 02:15 is skipped (02:00 -> 02:30): read at +10:30, the clock's 02:45 (+11)
        assert intervals(api, in_gap, "2026-10-04") == [(165, 180, utc(2026, 10, 3, 15, 45), utc(2026, 10, 3, 16))]


# --- exceptions, 24/7, empty ------------------------------------------------------------


def test_an_interval_crossing_midnight_into_an_exception_day_is_cut_at_midnight(api):
    # Thursdays 22:00 to Fridays 02:00; Friday 25 December 2026 closed
    schedule_id = new_schedule(api, "Europe/London", [(week(THU, 22), week(FRI, 2))])
    christmas = new_exception(api, schedule_id, closed("2026-12-25"))
    days = effective_hours(api, schedule_id, "?from=2026-12-24&to=2027-01-01")["days"]
    assert [(d["date"], d["source"], d["office_hours_exception_id"]) for d in days][:2] == [
        ("2026-12-24", "schedule", None),
        ("2026-12-25", "exception", christmas),
    ]
    assert intervals(api, schedule_id, "2026-12-24") == [(1320, 1440, utc(2026, 12, 24, 22), utc(2026, 12, 25))]
    assert intervals(api, schedule_id, "2026-12-25") == []
    assert intervals(api, schedule_id, "2027-01-01") == [(0, 120, utc(2027, 1, 1), utc(2027, 1, 1, 2))]
    # Open on the 24th until midnight only; on the 25th closed until the next Thursday
    assert status(api, schedule_id, utc(2026, 12, 24, 23)) == (True, utc(2026, 12, 31, 22), utc(2026, 12, 25), None)
    assert status(api, schedule_id, utc(2026, 12, 25, 1)) == (
        False, utc(2026, 12, 31, 22), utc(2027, 1, 1, 2), christmas
    )  # fmt: skip


def test_custom_hours_from_midnight_join_the_period_of_the_evening_before(api):
    schedule_id = new_schedule(api, "Europe/London", [(week(THU, 22), week(THU, 24))])
    new_exception(api, schedule_id, custom_hours("2026-12-25", time_intervals=[interval(0, 60)]))
    assert status(api, schedule_id, utc(2026, 12, 24, 23))[:3] == (True, utc(2026, 12, 31, 22), utc(2026, 12, 25, 1))


def store_schedule(dynamodb, workspace: str, schedule_id: str, zone: str, intervals: list[dict[str, int]]) -> None:
    """A schedule item written as the API would store it (for what a request cannot create yet)."""
    values = {
        "type": "office_hours_schedule", "id": schedule_id, "name": "Seeded", "time_zone_name": zone,
        "time_intervals": intervals, "created_at": 1795262400, "updated_at": 1795262400, "workspace": workspace,
    }  # fmt: skip
    dynamodb.put_item(TableName=TABLE, Item={**layout.schedule_key(workspace, schedule_id), **storage.to_item(values)})


def day_long(start_minute: int, end_minute: int, start_at: int, end_at: int) -> dict[str, int]:
    return {"start_minute": start_minute, "end_minute": end_minute, "start_at": start_at, "end_at": end_at}


@pytest.mark.parametrize("week_end", [10080, 10079], ids=["0-10080", "intercom 0-10079"])
def test_a_twenty_four_seven_schedule(api, dynamodb, week_end):
    # Intercom writes 24/7 as the one interval 0-10079 (its 2.16 description: a request may send it)
    store_schedule(dynamodb, "acct1", "1", "Europe/London", [interval(0, week_end)])
    days = effective_hours(api, "1", "?from=2026-03-28&to=2026-03-30")["days"]
    assert [(d["date"], d["time_intervals"]) for d in days] == [
        ("2026-03-28", [day_long(0, 1440, utc(2026, 3, 28), utc(2026, 3, 29))]),
        ("2026-03-29", [day_long(0, 1440, utc(2026, 3, 29), utc(2026, 3, 29, 23))]),  # 23 hours
        ("2026-03-30", [day_long(0, 1440, utc(2026, 3, 29, 23), utc(2026, 3, 30, 23))]),
    ]
    assert status(api, "1", utc(2026, 3, 29, 12)) == (True, None, None, None)
    # A closed day: the next opening is the next midnight, and no closing is in sight
    christmas = new_exception(api, "1", closed("2026-12-25"))
    assert status(api, "1", utc(2026, 12, 25, 12)) == (False, utc(2026, 12, 26), None, christmas)
    assert status(api, "1", utc(2026, 12, 24, 12)) == (True, utc(2026, 12, 26), utc(2026, 12, 25), None)


def test_an_empty_schedule_is_always_closed(api):
    schedule_id = new_schedule(api, "America/New_York", [])
    days = effective_hours(api, schedule_id, "?from=2026-11-01&to=2026-11-03")["days"]
    assert [(d["date"], d["day_of_week"], d["source"], d["time_intervals"]) for d in days] == [
        ("2026-11-01", SUN, "schedule", []),
        ("2026-11-02", MON, "schedule", []),
        ("2026-11-03", TUE, "schedule", []),
    ]
    assert status(api, schedule_id, utc(2026, 11, 1, 12)) == (False, None, None, None)


def test_a_recurring_exception_governs_later_years_and_a_one_off_wins_over_it(api):
    schedule_id = new_schedule(api, "Europe/London", daily(540, 1020))
    recurring = new_exception(api, schedule_id, closed("2026-12-25", recurring_annually=True))
    one_off = new_exception(api, schedule_id, custom_hours("2029-12-25", time_intervals=[interval(600, 720)],
                                                           recurring_annually=False))  # fmt: skip
    assert source(api, schedule_id, "2025-12-25") is None  # before its date
    assert intervals(api, schedule_id, "2025-12-25") == [(540, 1020, utc(2025, 12, 25, 9), utc(2025, 12, 25, 17))]
    assert source(api, schedule_id, "2028-12-25") == recurring
    assert intervals(api, schedule_id, "2028-12-25") == []
    assert source(api, schedule_id, "2029-12-25") == one_off
    assert intervals(api, schedule_id, "2029-12-25") == [(600, 720, utc(2029, 12, 25, 10), utc(2029, 12, 25, 12))]
    assert status(api, schedule_id, utc(2031, 12, 25, 12)) == (
        False, utc(2031, 12, 26, 9), utc(2031, 12, 26, 17), recurring
    )  # fmt: skip


def test_29_february_recurs_in_leap_years_only(api):
    schedule_id = new_schedule(api, "Europe/London", daily(540, 1020))
    leap_day = new_exception(api, schedule_id, closed("2028-02-29", recurring_annually=True))
    days = effective_hours(api, schedule_id, "?from=2029-02-27&to=2029-03-01")["days"]
    assert [(d["date"], d["office_hours_exception_id"]) for d in days] == [
        ("2029-02-27", None),
        ("2029-02-28", None),
        ("2029-03-01", None),
    ]
    assert source(api, schedule_id, "2028-02-28") is None
    assert source(api, schedule_id, "2032-02-29") == leap_day


# --- defaults: "today" and "now" are the request's time ---------------------------------


def test_the_range_defaults_to_seven_days_from_today_in_the_schedules_zone(api):
    # Noon UTC on 24 December is 02:00 on the 25th in Kiritimati (+14)
    schedule_id = new_schedule(api, "Pacific/Kiritimati", daily(540, 1020))
    noon = utc(2026, 12, 24, 12)

    def dates(query: str) -> list[str]:
        return [d["date"] for d in effective_hours(api, schedule_id, query, request_time=noon)["days"]]

    assert dates("") == [f"2026-12-{day}" for day in range(25, 32)]
    assert dates("?from=2026-12-20") == [f"2026-12-{day}" for day in range(20, 27)]
    assert dates("?to=2026-12-27") == ["2026-12-25", "2026-12-26", "2026-12-27"]
    refused = api.call("GET", f"{schedule_url(schedule_id)}/effective_hours?to=2026-12-24", request_time=noon)
    assert (refused.status, refused.body["errors"][0]["field"]) == (400, "to")


def test_at_defaults_to_the_request_time_then_to_the_clock(api, functions, router, monkeypatch):
    schedule_id = new_schedule(api, "Europe/London", daily(540, 1020))
    reply = api.call("GET", f"{schedule_url(schedule_id)}/status", request_time=utc(2026, 12, 24, 12))
    assert (reply.body["at"], reply.body["open"]) == (utc(2026, 12, 24, 12), True)
    # An event without API Gateway's requestTimeEpoch: the function's clock
    monkeypatch.setattr(clock, "now", lambda: utc(2026, 12, 24, 20) + 0.9)
    path = f"{schedule_url(schedule_id)}/status"
    match = router.match("GET", path)
    event = gateway.build_event(match, "GET", path, "", [("Authorization", f"Bearer {api.token('acct1')}")], b"")
    del event["requestContext"]["requestTimeEpoch"]
    body = json.loads(functions[match.function.logical_id].invoke(event)["body"])
    assert (body["at"], body["open"], body["next_open_at"]) == (utc(2026, 12, 24, 20), False, utc(2026, 12, 25, 9))


@pytest.mark.parametrize(
    ("route", "query"),
    [
        ("status", ""),  # now: the request's time
        ("status", "?at=1798200000"),
        ("effective_hours", ""),  # from today in the schedule's zone
        ("effective_hours", "?from=2026-12-24&to=2026-12-25"),
    ],
)
def test_hours_answers_are_never_stored_by_a_cache(api, seeded, route, query):
    # They hold for one moment and for the data read then, which may change at any time
    reply = api.call("GET", f"{schedule_url('1')}/{route}{query}", request_time=utc(2026, 12, 24, 12))
    assert reply.status == 200, reply.text
    assert reply.headers["cache-control"] == "no-store"


# --- refused requests -------------------------------------------------------------------


def test_a_range_of_366_days_is_answered(api):
    schedule_id = new_schedule(api, "Europe/London", daily(540, 1020))
    days = effective_hours(api, schedule_id, "?from=2028-01-01&to=2028-12-31")["days"]
    assert (len(days), days[0]["date"], days[-1]["date"]) == (366, "2028-01-01", "2028-12-31")


def test_the_first_and_last_dates_and_instants_are_answered(api):
    # Years 2 to 9997, in the zones furthest east and west: the engine reads a date beyond each
    for zone in ("Pacific/Kiritimati", "Pacific/Niue"):
        schedule_id = new_schedule(api, zone, daily(540, 1020))
        first = effective_hours(api, schedule_id, "?from=0002-01-01&to=0002-01-01")["days"]
        last = effective_hours(api, schedule_id, "?from=9997-12-31")["days"]  # `to` stops at the last date
        assert [d["date"] for d in first + last] == ["0002-01-01", "9997-12-31"]
        for at in (-62104060800, 253339228799):  # 0002-01-01 00:00:00 and 9997-12-31 23:59:59 UTC
            assert api.call("GET", f"{schedule_url(schedule_id)}/status?at={at}").status == 200


@pytest.mark.parametrize(
    ("route", "query", "parameter"),
    [
        ("effective_hours", "from=2026-02-30", "from"),
        ("effective_hours", "from=2026-2-01", "from"),
        ("effective_hours", "from=", "from"),
        ("effective_hours", "from=0001-12-31", "from"),
        ("effective_hours", "to=tomorrow", "to"),
        ("effective_hours", "from=2026-12-01&to=9999-12-31", "to"),
        ("effective_hours", "from=2026-12-25&to=2026-12-24", "to"),
        ("effective_hours", "from=2026-01-01&to=2027-01-02", "to"),  # 367 days
        ("status", "at=", "at"),
        ("status", "at=noon", "at"),
        ("status", "at=1798200000.5", "at"),
        ("status", "at=%2B1798200000", "at"),
        ("status", "at=1e9", "at"),
        ("status", "at=%201798200000", "at"),
        ("status", "at=99999999999999999999", "at"),
        ("status", "at=253339228800", "at"),  # 9998-01-01: too late to look 400 days ahead
        ("status", "at=-62104060801", "at"),  # before year 2
    ],
)
def test_a_bad_parameter_is_400_naming_it_before_any_read(api, seeded, dynamodb_calls, route, query, parameter):
    reply = api.call("GET", f"{schedule_url('1')}/{route}?{query}")
    assert reply.status == 400, reply.text
    assert reply.body["type"] == "error.list"
    [error] = reply.body["errors"]
    assert (error["code"], error["field"]) == ("parameter_invalid", parameter)
    assert error["message"].startswith(f"{parameter}: ")
    assert dynamodb_calls == []


@pytest.mark.parametrize(
    ("route", "parameter", "value"),
    [
        ("status", "at", "9" * 3_000),
        ("status", "at", "x" * 3_000),
        ("effective_hours", "from", "2" * 3_000),
        ("effective_hours", "to", "2" * 3_000),
    ],
)
def test_a_long_parameter_is_quoted_cut_in_the_400_and_its_log_line(api, seeded, log_lines, route, parameter, value):
    reply = api.call("GET", f"{schedule_url('1')}/{route}?{parameter}={value}")
    assert reply.status == 400, reply.text[:300]
    [error] = reply.body["errors"]
    assert (error["code"], error["field"]) == ("parameter_invalid", parameter)
    cut = f"'{value[:100]}…' (cut: 3000 characters)"
    assert error["message"].startswith(f"{parameter}: {cut} "), error["message"]
    assert len(reply.text) < 1_000
    [refusal] = [line for line in log_lines() if line["message"] == "request refused"]
    assert len(json.dumps(refusal)) < 2_000


@pytest.mark.parametrize(
    ("route", "query", "parameter"),
    [
        ("status", "at=1798200000&at=1", "at"),  # never read as its last value (1970)
        ("status", "at=1798200000&at=1798200000", "at"),  # even the same value twice
        ("effective_hours", "from=2026-12-24&from=2026-12-25", "from"),
        ("effective_hours", "from=2026-12-24&to=2026-12-25&to=2026-12-25", "to"),
    ],
)
def test_a_parameter_sent_twice_is_400_naming_it_before_any_read(api, seeded, dynamodb_calls, route, query, parameter):
    reply = api.call("GET", f"{schedule_url('1')}/{route}?{query}")
    assert reply.status == 400, reply.text
    [error] = reply.body["errors"]
    assert (error["code"], error["field"]) == ("parameter_invalid", parameter)
    assert error["message"] == f"{parameter}: sent 2 times; send it once"
    assert dynamodb_calls == []


@pytest.mark.parametrize("route", ["effective_hours", "status"])
def test_unknown_and_other_workspaces_schedules_are_404(api, route):
    schedule_id = new_schedule(api, "Europe/London", daily(540, 1020))
    for path_id, tenant in ((schedule_id, "acct2"), ("99", "acct1"), ("01", "acct1")):
        reply = api.call("GET", f"{schedule_url(path_id)}/{route}", tenant=tenant)
        assert reply.status == 404, reply.text
        assert reply.body["errors"] == [
            {"code": "not_found", "message": f"office_hours_schedule_id: schedule {path_id} not found",
             "field": "office_hours_schedule_id"}
        ]  # fmt: skip


# --- cost -------------------------------------------------------------------------------


@pytest.fixture
def reads(seeded) -> list[tuple[str, bool | None]]:
    """Each DynamoDB call from now on, with whether it asked for a strongly consistent read."""
    calls: list[tuple[str, bool | None]] = []

    def record(model, params, **_):
        calls.append((model.name, params.get("ConsistentRead")))

    storage.dynamodb_client().meta.events.register("before-parameter-build.dynamodb", record)
    return calls


@pytest.mark.parametrize("route", ["effective_hours?from=2026-01-01&to=2026-12-31", "status?at=1798200000"])
def test_each_answer_costs_two_strongly_consistent_reads(api, reads, route):
    for day in range(1, 29):
        new_exception(api, "1", closed(f"2027-02-{day:02d}", recurring_annually=day % 2 == 0))
    api.call("GET", schedule_url("1"), tenant="acct2")  # its token is looked up, then cached
    reads.clear()
    assert api.call("GET", f"{schedule_url('1')}/{route}").status == 200
    assert reads == [("GetItem", True), ("Query", True)]
    reads.clear()
    assert api.call("GET", f"{schedule_url('1')}/{route}", tenant="acct2").status == 404
    assert reads == [("GetItem", True)]


# --- cold start -------------------------------------------------------------------------

_NO_PYDANTIC = """
import json, os, sys
os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1",
                  POWERTOOLS_TRACE_DISABLED="true", POWERTOOLS_LOG_LEVEL="WARNING")
os.environ.pop("AWS_ENDPOINT_URL_DYNAMODB", None)
import boto3
from moto import mock_aws
from local import gateway, runtime, template
from local.dynamodb import ensure_tables
runtime.prepare_process()
from calendar_exceptions import clock, storage
from calendar_exceptions.office_hours import layout
from calendar_exceptions.tokens import TokenRepository
with mock_aws():
    client = boto3.client("dynamodb")
    ensure_tables(client)
    token, _ = TokenRepository(client, storage.table_name()).mint("ws", "read")
    values = {"id": "1", "time_zone_name": "Europe/London",
              "time_intervals": [{"start_minute": 540, "end_minute": 1020}]}
    client.put_item(TableName=storage.table_name(), Item={**layout.schedule_key("ws", "1"), **storage.to_item(values)})
    functions, router = runtime.load_functions(), gateway.Router(template.functions())
    answered = []
    for path in ("/office_hours_schedules/1/effective_hours", "/office_hours_schedules/1/status"):
        match = router.match("GET", path)
        event = gateway.build_event(match, "GET", path, "", [("Authorization", "Bearer " + token)], b"")
        answered.append(functions[match.function.logical_id].invoke(event)["statusCode"])
print(json.dumps([answered, sorted(m for m in sys.modules if m.split(".")[0] == "pydantic")]))
"""


def test_the_hours_functions_never_import_pydantic():
    # Given a fresh interpreter, when both functions are imported and answer a request
    completed = subprocess.run(
        [sys.executable, "-c", _NO_PYDANTIC],
        cwd=template.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    answered, imported = json.loads(completed.stdout.strip().splitlines()[-1])
    # Then they answered without the request models' library being imported at all
    assert (answered, imported) == ([200, 200], [])
