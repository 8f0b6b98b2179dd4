"""Every validation rule of special occasions: a 400 naming the field, and nothing stored changes."""

from __future__ import annotations

import copy
import json

import pytest

from tests.builders import SEED_PAGE_OCCASION, collection, occasion, with_event

URL = collection()


def _event(**changes):
    return with_event(occasion("Valid"), **changes)


def _start_end(start, end, zone="Europe/Warsaw", end_zone=None):
    return _event(start={"dateTime": start, "timeZone": zone}, end={"dateTime": end, "timeZone": end_zone or zone})


def _rrule(line, working=True, day="2026-03-02"):
    body = _start_end(f"{day}T09:00:00", f"{day}T17:00:00")
    body["events"][0]["recurrence"] = [line] if isinstance(line, str) else line
    body["events"][0]["meta"] = {"working": working, "name": "hours"}
    return body


# (case, one occasion body or raw JSON text, text the message must contain)
INVALID_OCCASIONS = [
    ("unknown top-level field", occasion("X", colour="red"), "[0].colour"),
    ("unknown event field", _event(timezone="UTC"), "events[0].timezone"),
    ("unknown start field", _event(start={"dateTime": "2026-12-25", "timeZone": "UTC", "x": 1}), "start.x"),
    ("name missing", {k: v for k, v in occasion("X").items() if k != "name"}, "[0].name"),
    ("name empty", occasion(""), "[0].name"),
    ("name blank", occasion("   "), "[0].name"),
    ("name too long", occasion("n" * 51), "[0].name"),
    ("name not a string", occasion(7), "[0].name"),
    ("description missing", {k: v for k, v in occasion("X").items() if k != "description"}, "[0].description"),
    ("description too long", occasion("X", description="d" * 201), "[0].description"),
    ("isDefault a string", occasion("X", isDefault="true"), "[0].isDefault"),
    ("isDefault missing", {k: v for k, v in occasion("X").items() if k != "isDefault"}, "[0].isDefault"),
    ("events not an array", occasion("X", events={"start": {}}), "[0].events"),
    ("events missing", {k: v for k, v in occasion("X").items() if k != "events"}, "[0].events"),
    ("too many events", occasion("X", events=occasion("X")["events"] * 51), "[0].events"),
    ("deleted true", occasion("X", deleted=True), "[0].deleted"),
    ("date in another format", _start_end("2026/12/25", "2026/12/25"), "start.dateTime"),
    ("date that does not exist", _start_end("2026-02-30", "2026-02-30"), "start.dateTime"),
    ("date-time with an offset", _start_end("2026-12-25T06:00:00Z", "2026-12-25T08:00:00Z"), "start.dateTime"),
    ("date-time with a single-digit hour", _start_end("2026-12-25T6:00", "2026-12-25T08:00"), "start.dateTime"),
    ("date-time with fractions of a second", _start_end("2026-12-25T06:00:00.5", "2026-12-25T08:00"), "start.dateTime"),
    ("unknown time zone", _start_end("2026-12-25", "2026-12-26", zone="Mars/Olympus_Mons"), "start.timeZone"),
    ("time zone path", _start_end("2026-12-25", "2026-12-26", zone="../../etc/passwd"), "start.timeZone"),
    ("different zones", _start_end("2026-12-25", "2026-12-26", end_zone="Europe/Paris"), "end.timeZone"),
    ("end before start", _start_end("2026-12-25T10:00:00", "2026-12-25T09:00:00"), "end.dateTime"),
    ("end equal to start", _start_end("2026-12-25T10:00:00", "2026-12-25T10:00:00"), "end.dateTime"),
    ("whole day ending earlier", _start_end("2026-12-25", "2026-12-24"), "end.dateTime"),
    (
        "whole day ending on its start date (the end date is exclusive)",
        _start_end("2026-12-25", "2026-12-25"),
        "end.dateTime: must be after the start date: the end date is exclusive "
        "(a whole day 2026-12-25 is written 2026-12-25 to 2026-12-26)",
    ),
    ("end at 23:59 before a start at 23:59:30", _start_end("2026-12-25T23:59:30", "2026-12-25T23:58"), "end.dateTime"),
    ("date and date-time mixed", _start_end("2026-12-25", "2026-12-25T10:00:00"), "end.dateTime"),
    ("start in the DST gap", _start_end("2026-03-29T02:30:00", "2026-03-29T05:00:00"), "start.dateTime"),
    ("end in the DST gap", _start_end("2026-03-29T01:00:00", "2026-03-29T02:15:00"), "end.dateTime"),
    ("two recurrence lines", _rrule(["RRULE:FREQ=DAILY", "RRULE:FREQ=WEEKLY"]), "recurrence"),
    ("not an RRULE line", _rrule("EXRULE:FREQ=DAILY"), "RRULE:"),
    ("FREQ missing", _rrule("RRULE:COUNT=3"), "FREQ"),
    ("FREQ unsupported", _rrule("RRULE:FREQ=HOURLY"), "FREQ"),
    ("BYMONTHDAY out of range", _rrule("RRULE:FREQ=MONTHLY;BYMONTHDAY=32"), "BYMONTHDAY"),
    ("BYMONTHDAY zero", _rrule("RRULE:FREQ=MONTHLY;BYMONTHDAY=0"), "BYMONTHDAY"),
    ("BYMONTH out of range", _rrule("RRULE:FREQ=YEARLY;BYMONTH=13"), "BYMONTH"),
    ("BYMONTH and BYMONTHDAY never meet", _rrule("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"), "BYMONTHDAY"),
    ("INTERVAL zero", _rrule("RRULE:FREQ=DAILY;INTERVAL=0"), "INTERVAL"),
    ("INTERVAL not a number", _rrule("RRULE:FREQ=DAILY;INTERVAL=two"), "INTERVAL"),
    ("COUNT zero", _rrule("RRULE:FREQ=DAILY;COUNT=0"), "COUNT"),
    ("COUNT with UNTIL", _rrule("RRULE:FREQ=DAILY;COUNT=2;UNTIL=20270101"), "COUNT and UNTIL"),
    ("unsupported part", _rrule("RRULE:FREQ=MONTHLY;BYSETPOS=1"), "BYSETPOS"),
    ("repeated part", _rrule("RRULE:FREQ=DAILY;FREQ=WEEKLY"), "more than once"),
    ("part without value", _rrule("RRULE:FREQ=DAILY;COUNT"), "NAME=VALUE"),
    ("unknown weekday", _rrule("RRULE:FREQ=WEEKLY;BYDAY=XX"), "BYDAY"),
    ("ordinal weekday in a weekly rule", _rrule("RRULE:FREQ=WEEKLY;BYDAY=1MO"), "BYDAY"),
    ("ordinal weekday out of range", _rrule("RRULE:FREQ=MONTHLY;BYDAY=6MO"), "BYDAY"),
    ("BYMONTHDAY in a weekly rule", _rrule("RRULE:FREQ=WEEKLY;BYMONTHDAY=1"), "BYMONTHDAY"),
    ("UNTIL malformed", _rrule("RRULE:FREQ=DAILY;UNTIL=2027-01-01"), "UNTIL"),
    ("UNTIL not a real date", _rrule("RRULE:FREQ=DAILY;UNTIL=20270231"), "UNTIL"),
    ("UNTIL before start", _rrule("RRULE:FREQ=DAILY;UNTIL=20200101"), "UNTIL"),
    ("recurrence not strings", _rrule([{"FREQ": "DAILY"}]), "recurrence"),
    # Rules that cannot occur (the event starts on Monday 2026-03-02): refused, saying why
    (
        "first Monday on the 8th",
        _rrule("RRULE:FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=8"),
        "recurrence[0]: the rule never occurs: its BYMONTH, BYMONTHDAY and BYDAY parts never meet on one date",
    ),
    (
        "a Monday that is a first Tuesday",
        _rrule("RRULE:FREQ=MONTHLY;BYDAY=MO,1TU"),
        "recurrence[0]: the rule never occurs: its BYMONTH, BYMONTHDAY and BYDAY parts never meet",
    ),
    (
        "every 7 days from a Monday on Tuesdays",
        _rrule("RRULE:FREQ=DAILY;INTERVAL=7;BYDAY=TU"),
        "recurrence[0]: the rule never occurs: every 7 days from a Monday is always a Monday, which BYDAY leaves out",
    ),
    (
        "every 6 months from March in February",
        _rrule("RRULE:FREQ=MONTHLY;INTERVAL=6;BYMONTH=2"),
        "recurrence[0]: the rule never occurs: every 6 months from March reaches only March, September",
    ),
    (
        "29 February every 4 years from 2026",
        _rrule("RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29"),
        "recurrence[0]: the rule never occurs: every 4 years from 2026 reaches no year with an allowed day",
    ),
    ("meta.working a string", _event(meta={"working": "no", "name": "x"}), "meta.working"),
]


def _second(expected: str) -> str:
    """The expected text for the occasion at index 1 of the request."""
    return "[1]" + expected[3:] if expected.startswith("[0]") else expected


@pytest.fixture
def seeded(api):
    reply = api.call("POST", URL, [occasion("Stored"), occasion("Other")])
    assert reply.status == 200
    return reply.body, int(reply.revision)


def _state(api):
    reply = api.call("GET", URL)
    return reply.revision, reply.body


@pytest.mark.parametrize(("case", "body", "expected"), INVALID_OCCASIONS, ids=[c[0] for c in INVALID_OCCASIONS])
def test_invalid_occasion_in_put_is_400_naming_the_field(api, seeded, case, body, expected):
    created, revision = seeded
    before = _state(api)
    payload = [dict(created[0], description="changed too"), {**copy.deepcopy(body), "id": created[1]["id"]}]
    reply = api.call("PUT", URL, payload, {"If-Match": str(revision)})
    assert reply.status == 400, reply.text
    assert reply.body["type"] == "specialoccasion"
    assert reply.body["internalCode"] == 10
    assert _second(expected) in reply.body["message"], reply.body["message"]
    assert _state(api) == before


@pytest.mark.parametrize(("case", "body", "expected"), INVALID_OCCASIONS, ids=[c[0] for c in INVALID_OCCASIONS])
def test_invalid_occasion_in_post_is_400_naming_the_field(api, seeded, case, body, expected):
    before = _state(api)
    reply = api.call("POST", URL, [occasion("Fine"), copy.deepcopy(body)])
    assert reply.status == 400, reply.text
    assert _second(expected) in reply.body["message"], reply.body["message"]
    assert _state(api) == before


# (case, raw body, text the message must contain)
INVALID_BODIES = [
    ("malformed JSON", '[{"name": ', "malformed JSON"),
    ("empty body", "", "body"),
    ("an object, not an array", json.dumps(dict(occasion("X"), id=1)), "array"),
    ("a string", '"hello"', "array"),
    ("an empty array", "[]", "at least one"),
    ("more than 50 objects", json.dumps([dict(occasion(f"N{i}"), id=i + 1) for i in range(51)]), "50"),
    ("id a string", json.dumps([dict(occasion("X"), id="1")]), "[0].id"),
    ("id zero", json.dumps([dict(occasion("X"), id=0)]), "[0].id"),
    ("id missing", json.dumps([occasion("X")]), "[0].id"),
    ("array of non-objects", "[1, 2]", "[0]"),
]


@pytest.mark.parametrize(("case", "raw", "expected"), INVALID_BODIES, ids=[c[0] for c in INVALID_BODIES])
def test_invalid_put_body_is_400(api, seeded, case, raw, expected):
    _, revision = seeded
    before = _state(api)
    reply = api.call("PUT", URL, headers={"If-Match": str(revision)}, raw_body=raw)
    assert reply.status == 400, reply.text
    assert expected in reply.body["message"], reply.body["message"]
    assert _state(api) == before


def test_errors_never_carry_a_stack_trace(api, seeded):
    reply = api.call("PUT", URL, headers={"If-Match": "1"}, raw_body="{{{")
    assert set(reply.body) == {"type", "internalCode", "message"}
    assert "Traceback" not in reply.text


# Inputs that look unusual but are valid.
VALID_OCCASIONS = [
    ("vendor seed page", SEED_PAGE_OCCASION),
    ("vendor weekly example", _rrule("RRULE:FREQ=WEEKLY;BYDAY=SU")),
    ("vendor closed daily example", _rrule("RRULE:FREQ=DAILY;COUNT=30;INTERVAL=1", working=False)),
    # The vendor's pattern is COUNT=[1-9][0-9]*: no rule caps a closed daily occasion at 30 days.
    ("closed daily COUNT over 30", _rrule("RRULE:FREQ=DAILY;COUNT=31;INTERVAL=1", working=False)),
    ("UNTIL in UTC beside a zoned start", _rrule("RRULE:FREQ=DAILY;UNTIL=20270101T000000Z")),
    ("UNTIL as a date beside a date-time start", _rrule("RRULE:FREQ=WEEKLY;BYDAY=MO,TU;UNTIL=20261231")),
    ("29 February every year", _rrule("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29")),
    ("last Friday of the month", _rrule("RRULE:FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=2")),
    ("29 February on a Monday, every 28 years or so", _rrule("RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO")),
    (
        "29 February every 4 years from 2028",
        _rrule("RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", day="2028-01-03"),
    ),
    ("fifth Monday of February (leap years from a Monday)", _rrule("RRULE:FREQ=YEARLY;BYMONTH=2;BYDAY=5MO")),
    ("time that exists twice (fall back)", _start_end("2026-10-25T02:30:00", "2026-10-25T04:00:00")),
    ("one whole day (D..D+1)", _start_end("2026-12-25", "2026-12-26")),
    ("several whole days (D..D+3)", _start_end("2026-12-24", "2026-12-27")),
    ("date-times without seconds", _start_end("2026-12-25T06:00", "2026-12-25T08:00")),
    ("one end with seconds, one without", _start_end("2026-12-25T06:00", "2026-12-25T08:00:30")),
    ("until the end of the day (T23:59)", _start_end("2026-12-25T09:00", "2026-12-25T23:59")),
    ("from 23:59 to 23:59: the last minute of the day", _start_end("2026-12-25T23:59", "2026-12-25T23:59")),
    ("no meta", {**occasion("NoMeta"), "events": [{k: v for k, v in occasion()["events"][0].items() if k != "meta"}]}),
    ("no events", occasion("Empty", events=[])),
    ("50-character name", occasion("n" * 50)),
]


@pytest.mark.parametrize(("case", "body"), VALID_OCCASIONS, ids=[c[0] for c in VALID_OCCASIONS])
def test_valid_occasions_are_accepted_and_read_back_identical(api, case, body):
    created = api.call("POST", URL, [body])
    assert created.status == 200, created.text
    [stored] = created.body
    expected = {"id": stored["id"], **body}
    for event in expected["events"]:
        event.setdefault("recurrence", [])
    assert stored == expected
    assert api.call("GET", f"{URL}/{stored['id']}").body == expected
