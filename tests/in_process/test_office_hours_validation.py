"""Every 400 rule of office hours bodies: the code, the field it names, and nothing stored changes."""

from __future__ import annotations

import json

import pytest

from tests.builders import (
    SCHEDULES,
    closed,
    custom_hours,
    exception_answer,
    exception_url,
    exceptions_url,
    interval,
    schedule_url,
)


def _intervals(*pairs):
    return {"exception_type": "custom_hours", "time_intervals": [interval(*pair) for pair in pairs]}


# (case, raw JSON body of a PUT, field named) - each also POSTed as a whole exception
INVALID_EXCEPTION_FIELDS = [
    ("date not a string", {"exception_date": 20261225}, "exception_date"),
    ("date with slashes", {"exception_date": "2026/12/25"}, "exception_date"),
    ("date that does not exist", {"exception_date": "2026-02-30"}, "exception_date"),
    ("date with a time", {"exception_date": "2026-12-25T00:00:00"}, "exception_date"),
    ("date with a short year", {"exception_date": "26-12-25"}, "exception_date"),
    ("date null", {"exception_date": None}, "exception_date"),
    ("unknown type", {"exception_type": "open"}, "exception_type"),
    ("type in capitals", {"exception_type": "CLOSED"}, "exception_type"),
    ("type null", {"exception_type": None}, "exception_type"),
    ("name not a string", {"name": 7}, "name"),
    ("name too long", {"name": "n" * 256}, "name"),
    ("recurring_annually a string", {"recurring_annually": "true"}, "recurring_annually"),
    ("recurring_annually a number", {"recurring_annually": 1}, "recurring_annually"),
    ("recurring_annually null", {"recurring_annually": None}, "recurring_annually"),
    ("intervals not an array", {"time_intervals": "09:00-17:00"}, "time_intervals"),
    ("interval not an object", {"time_intervals": [540]}, "time_intervals[0]"),
    (
        "interval with another field",
        {"time_intervals": [{"start_minute": 540, "end_minute": 600, "day": 1}]},
        "time_intervals[0].day",
    ),
    (
        "interval with its read-only day_of_week",
        {"time_intervals": [{"start_minute": 540, "end_minute": 600, "day_of_week": 4}]},
        "time_intervals[0].day_of_week",
    ),
    ("interval without its end", {"time_intervals": [{"start_minute": 540}]}, "time_intervals[0].end_minute"),
    (
        "minute a string",
        {"time_intervals": [{"start_minute": "540", "end_minute": 600}]},
        "time_intervals[0].start_minute",
    ),
    (
        "minute a float",
        {"time_intervals": [{"start_minute": 540.0, "end_minute": 600}]},
        "time_intervals[0].start_minute",
    ),
    (
        "minute a boolean",
        {"time_intervals": [{"start_minute": 540, "end_minute": True}]},
        "time_intervals[0].end_minute",
    ),
    ("minute not a multiple of 15", _intervals((545, 600)), "time_intervals[0].start_minute"),
    ("end not a multiple of 15", _intervals((540, 600), (660, 661)), "time_intervals[1].end_minute"),
    ("minute below 0", _intervals((-15, 600)), "time_intervals[0].start_minute"),
    ("minute above 1440", _intervals((540, 1455)), "time_intervals[0].end_minute"),
    ("start equal to end", _intervals((540, 540)), "time_intervals[0].end_minute"),
    ("start after end", _intervals((600, 540)), "time_intervals[0].end_minute"),
    ("overlapping intervals", _intervals((540, 720), (705, 900)), "time_intervals[1]"),
    ("overlap out of order", _intervals((780, 900), (540, 1020)), "time_intervals[1]"),
    ("unknown top-level field", {"colour": "red"}, "colour"),
    ("workspace in the body", {"workspace_id": "acct2"}, "workspace_id"),
]

INVALID_BODIES = [
    ("malformed JSON", '{"name": ', "body"),
    ("an array", "[]", "body"),
    ("a string", '"closed"', "body"),
]


@pytest.fixture
def put_url(seeded):
    return exception_url(seeded["schedule"]["id"], seeded["custom_hours"]["id"])


def assert_400(reply, field, code="parameter_invalid"):
    assert reply.status == 400, reply.text
    [error] = reply.body["errors"]
    assert (error["code"], error["field"]) == (code, field), error
    assert field in error["message"]


@pytest.mark.parametrize(
    ("case", "body", "field"), INVALID_EXCEPTION_FIELDS, ids=[c[0] for c in INVALID_EXCEPTION_FIELDS]
)
def test_invalid_field_in_put_is_400_naming_it(api, put_url, table_items, case, body, field):
    before = table_items()
    assert_400(api.call("PUT", put_url, body), field)
    assert table_items() == before


@pytest.mark.parametrize(
    ("case", "body", "field"), INVALID_EXCEPTION_FIELDS, ids=[c[0] for c in INVALID_EXCEPTION_FIELDS]
)
def test_invalid_field_in_post_is_400_naming_it(api, seeded, table_items, case, body, field):
    before = table_items()
    assert_400(
        api.call("POST", exceptions_url(seeded["schedule"]["id"]), {**custom_hours("2027-01-01"), **body}), field
    )
    assert table_items() == before


@pytest.mark.parametrize(("case", "raw", "field"), INVALID_BODIES, ids=[c[0] for c in INVALID_BODIES])
@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_a_body_that_is_not_a_json_object_is_400(api, seeded, table_items, put_url, case, raw, field, method):
    before = table_items()
    target = put_url if method == "PUT" else exceptions_url(seeded["schedule"]["id"])
    assert_400(api.call(method, target, raw_body=raw), field)
    assert table_items() == before


def test_an_empty_put_is_400_parameter_not_found(api, put_url, table_items):
    before = table_items()
    assert_400(api.call("PUT", put_url, {}), "body", code="parameter_not_found")
    assert table_items() == before


@pytest.mark.parametrize("field", ["exception_date", "exception_type"])
def test_a_post_without_a_required_field_is_400_parameter_not_found(api, seeded, table_items, field):
    before = table_items()
    body = {k: v for k, v in closed("2027-01-01").items() if k != field}
    assert_400(api.call("POST", exceptions_url(seeded["schedule"]["id"]), body), field, code="parameter_not_found")
    assert table_items() == before


def test_the_error_body_is_the_vendors_error_list(api, put_url):
    reply = api.call("PUT", put_url, raw_body="{{{")
    assert set(reply.body) == {"type", "request_id", "errors"}
    assert reply.body["type"] == "error.list"
    assert len(reply.body["request_id"]) == 36
    assert set(reply.body["errors"][0]) == {"code", "message", "field"}
    assert "Traceback" not in reply.text
    assert reply.headers["content-type"] == "application/json"


# --- schedules --------------------------------------------------------------------------

INVALID_SCHEDULE_FIELDS = [
    ("name not a string", {"name": 5}, "name"),
    ("name empty", {"name": ""}, "name"),
    ("name blank", {"name": "   "}, "name"),
    ("unknown time zone", {"time_zone_name": "Mars/Olympus_Mons"}, "time_zone_name"),
    ("time zone path", {"time_zone_name": "../../etc/passwd"}, "time_zone_name"),
    ("a zone file of the host, not of IANA", {"time_zone_name": "localtime"}, "time_zone_name"),
    ("time zone not a string", {"time_zone_name": 1}, "time_zone_name"),
    ("intervals null", {"time_intervals": None}, "time_intervals"),
    ("minute above a week", {"time_intervals": [interval(9900, 10095)]}, "time_intervals[0].end_minute"),
    ("minute not a multiple of 15", {"time_intervals": [interval(540, 1021)]}, "time_intervals[0].end_minute"),
    ("overlapping intervals", {"time_intervals": [interval(540, 1020), interval(990, 1110)]}, "time_intervals[1]"),
    ("interval with another field", {"time_intervals": [{**interval(0, 15), "x": 1}]}, "time_intervals[0].x"),
    (
        "interval with its read-only day_of_week",
        {"time_intervals": [{**interval(540, 1020), "day_of_week": 0}]},
        "time_intervals[0].day_of_week",
    ),
    ("twenty_four_seven sent: it is read-only", {"twenty_four_seven": True}, "twenty_four_seven"),
    # 0-10079 is Intercom's 24/7 only as the one interval of a schedule; anywhere else it is off the grid
    (
        "24/7 interval with another",
        {"time_intervals": [interval(0, 10079), interval(10079, 10080)]},
        "time_intervals[0].end_minute",
    ),
    ("10079 not from minute 0", {"time_intervals": [interval(15, 10079)]}, "time_intervals[0].end_minute"),
    ("time zone null", {"time_zone_name": None}, "time_zone_name"),
    ("unknown top-level field", {"timezone": "UTC"}, "timezone"),
]


@pytest.mark.parametrize("url", ["exception", "schedule"])
def test_a_minute_of_thousands_of_digits_is_quoted_cut(api, seeded, table_items, url):
    # 4,000 digits: JSON and the request models read it as an integer (Python's limit is 4,300)
    minute = "9" * 4_000
    path = exception_url("1", "1") if url == "exception" else schedule_url("1")
    before = table_items()
    body = {"time_intervals": [{"start_minute": 0, "end_minute": int(minute)}]}
    reply = api.call("PUT", path, raw_body=json.dumps(body))
    assert_400(reply, "time_intervals[0].end_minute")
    cut = f"'{minute[:100]}…' (cut: 4000 characters)"
    assert reply.body["errors"][0]["message"].startswith(f"time_intervals[0].end_minute: {cut} is outside 0..")
    assert table_items() == before


@pytest.mark.parametrize(
    ("case", "body", "field"), INVALID_SCHEDULE_FIELDS, ids=[c[0] for c in INVALID_SCHEDULE_FIELDS]
)
@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_invalid_schedule_field_is_400_naming_it(api, seeded, table_items, case, body, field, method):
    from tests.builders import schedule

    before = table_items()
    if method == "PUT":
        reply = api.call("PUT", schedule_url(seeded["schedule"]["id"]), body)
    else:
        reply = api.call("POST", SCHEDULES, {**schedule(), **body})
    assert_400(reply, field)
    assert table_items() == before


@pytest.mark.parametrize("field", ["name"])  # time_zone_name is optional since Intercom 2.17
def test_a_schedule_without_a_required_field_is_400_parameter_not_found(api, table_items, field):
    from tests.builders import schedule

    before = table_items()
    body = {k: v for k, v in schedule().items() if k != field}
    assert_400(api.call("POST", SCHEDULES, body), field, code="parameter_not_found")
    assert table_items() == before


def test_an_empty_schedule_put_is_400_parameter_not_found(api, seeded, table_items):
    before = table_items()
    assert_400(api.call("PUT", schedule_url("1"), {}), "body", code="parameter_not_found")
    assert table_items() == before


# Inputs that look unusual but are valid.
VALID_EXCEPTIONS = [
    ("29 February of a leap year", closed("2028-02-29")),
    (
        "intervals touching end to start",
        custom_hours("2027-01-01", time_intervals=[interval(540, 720), interval(720, 1020)]),
    ),
    ("the whole day", custom_hours("2027-01-01", time_intervals=[interval(0, 1440)])),
    ("no name", {"exception_date": "2027-01-01", "exception_type": "closed"}),
    ("name null", closed("2027-01-01", name=None)),
    ("closed with null intervals", closed("2027-01-01", time_intervals=None)),
]


@pytest.mark.parametrize(("case", "body"), VALID_EXCEPTIONS, ids=[c[0] for c in VALID_EXCEPTIONS])
def test_valid_exceptions_are_created_and_read_back_identical(api, seeded, case, body):
    schedule_id = seeded["schedule"]["id"]
    created = api.call("POST", exceptions_url(schedule_id), body)
    assert created.status == 201, created.text
    expected = exception_answer({"name": None, "time_intervals": None, "recurring_annually": False, **body})
    assert {k: created.body[k] for k in expected} == expected
    assert api.call("GET", exception_url(schedule_id, created.body["id"])).body == created.body


def test_raw_json_is_parsed_as_json(api, put_url):
    reply = api.call("PUT", put_url, raw_body=json.dumps({"name": "Raw"}))
    assert reply.status == 200
