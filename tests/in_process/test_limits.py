"""Documented limits: oversized bodies (413), arrays over their count and strings over their length (400).

Each is refused in the API's own error format, changes nothing stored, and is refused
before the work its size would cost: a body over the limit is never parsed, an array over
its count never has an item checked. No timings: the tests count what ran.
"""

from __future__ import annotations

import json

import pytest

from calendar_exceptions import validation
from calendar_exceptions.liveperson import events
from calendar_exceptions.office_hours import rules as office_hours_rules
from calendar_exceptions.validation import MAX_BODY_BYTES
from tests.builders import (
    SCHEDULES,
    collection,
    custom_hours,
    exception_url,
    exceptions_url,
    interval,
    occasion,
    schedule,
    schedule_url,
    with_event,
)

OCCASIONS = collection()


def _padded(body: object, size: int) -> str:
    """`body` as JSON, padded with blanks to exactly `size` bytes."""
    text = json.dumps(body)
    return text + " " * (size - len(text.encode()))


@pytest.fixture
def parsed_bodies(monkeypatch):
    """Every text the layer handed to json.loads during the test."""
    texts: list[str] = []
    real = validation.json.loads

    def spy(text, *args, **kwargs):
        texts.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(validation.json, "loads", spy)
    return texts


# (method, path, body) of every route that takes a body, on objects that exist (`seeded`).
def _routes_with_bodies(seeded):
    schedule_id, exception_id = seeded["schedule"]["id"], seeded["custom_hours"]["id"]
    return [
        ("POST", OCCASIONS, [occasion("Big")]),
        ("PUT", OCCASIONS, [{**occasion("Big"), "id": 1}]),
        ("POST", SCHEDULES, schedule()),
        ("PUT", schedule_url(schedule_id), {"name": "Big"}),
        ("POST", exceptions_url(schedule_id), custom_hours("2027-01-01")),
        ("PUT", exception_url(schedule_id, exception_id), {"name": "Big"}),
    ]


def _error_format(reply, status):
    assert reply.status == status, reply.text
    if "internalCode" in reply.body:
        assert set(reply.body) == {"type", "internalCode", "message"}
        return reply.body["message"]
    assert reply.body["type"] == "error.list"
    (error,) = reply.body["errors"]
    assert set(error) == {"code", "message", "field"}
    return error


def test_a_body_over_the_limit_is_413_in_each_apis_format_and_never_parsed(api, seeded, table_items, parsed_bodies):
    api.call("POST", OCCASIONS, [occasion("A")], headers={"If-Match": "0"})
    before = table_items()
    for method, path, body in _routes_with_bodies(seeded):
        # Given a body one byte over the limit, valid JSON otherwise
        text = _padded(body, MAX_BODY_BYTES + 1)

        # When it is sent
        reply = api.call(method, path, raw_body=text, headers={"If-Match": "1"})

        # Then it is refused with 413, before any parsing, and nothing changed
        error = _error_format(reply, 413)
        if isinstance(error, dict):
            assert (error["code"], error["field"]) == ("payload_too_large", "body")
        else:
            assert reply.body["internalCode"] == 15
            assert str(MAX_BODY_BYTES) in error
        assert text not in parsed_bodies, (method, path)
    assert table_items() == before


def test_the_limit_counts_bytes_not_characters(api, table_items):
    before = table_items()
    # 2-byte characters: fewer characters than the limit, more bytes
    text = json.dumps([occasion("X", description="é" * (MAX_BODY_BYTES // 2))], ensure_ascii=False)
    assert len(text) < MAX_BODY_BYTES < len(text.encode())
    assert api.call("POST", OCCASIONS, raw_body=text).status == 413
    assert table_items() == before


def test_a_body_at_the_limit_is_parsed_and_validated(api, seeded, parsed_bodies):
    for method, path, body in _routes_with_bodies(seeded):
        text = _padded(body, MAX_BODY_BYTES)
        reply = api.call(method, path, raw_body=text, headers={"If-Match": "1"})
        assert reply.status != 413, (method, path, reply.text)
        assert text in parsed_bodies


def _count_calls(monkeypatch, module, name):
    calls = []
    real = getattr(module, name)

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


# (case, method, path, body, text the message names) - each one over a documented maximum
TOO_MANY = [
    ("51 occasions in a POST", "POST", OCCASIONS, [occasion(f"O{n}") for n in range(51)], "at most 50"),
    ("51 occasions in a PUT", "PUT", OCCASIONS, [{**occasion(f"O{n}"), "id": n + 1} for n in range(51)], "at most 50"),
    ("51 events", "POST", OCCASIONS, [{**occasion("X"), "events": occasion("X")["events"] * 51}], "[0].events"),
    ("2 rules", "POST", OCCASIONS, [with_event(occasion("X"), recurrence=["RRULE:FREQ=DAILY"] * 2)], "recurrence"),
]


@pytest.mark.parametrize(("case", "method", "path", "body", "named"), TOO_MANY, ids=[c[0] for c in TOO_MANY])
def test_special_occasion_arrays_over_their_count_are_400_before_any_item_is_checked(
    api, table_items, monkeypatch, case, method, path, body, named
):
    before = table_items()
    checked_zones = _count_calls(monkeypatch, events, "zone")
    reply = api.call(method, path, body, headers={"If-Match": "0"})
    assert named in _error_format(reply, 400)
    assert checked_zones == []
    assert table_items() == before


def test_more_ids_than_a_request_may_delete_is_400(api, table_items):
    api.call("POST", OCCASIONS, [occasion(f"O{n}") for n in range(50)])
    before = table_items()
    ids = ",".join(str(n) for n in range(1, 52))
    reply = api.call("DELETE", f"{OCCASIONS}/{ids}", headers={"If-Match": "1"})
    assert "at most 50 ids" in _error_format(reply, 400)
    assert table_items() == before


LONG_OCCASION_STRINGS = [
    ("name", occasion("n" * 51), "[0].name"),
    ("description", occasion("X", description="d" * 201), "[0].description"),
    ("meta name", with_event(occasion("X"), meta={"working": True, "name": "m" * 201}), "meta.name"),
    (
        "time zone",
        with_event(occasion("X"), start={"dateTime": "2026-12-25", "timeZone": "Z" * 65}),
        "start.timeZone",
    ),
    (
        "date-time",
        with_event(occasion("X"), start={"dateTime": "2026-12-25T00:00:00" + "0" * 10, "timeZone": "UTC"}),
        "start.dateTime",
    ),
    ("recurrence rule", with_event(occasion("X"), recurrence=["RRULE:FREQ=DAILY;" + "X" * 500]), "recurrence[0]"),
]


@pytest.mark.parametrize(("case", "body", "named"), LONG_OCCASION_STRINGS, ids=[c[0] for c in LONG_OCCASION_STRINGS])
def test_special_occasion_strings_over_their_maximum_are_400(api, table_items, case, body, named):
    before = table_items()
    message = _error_format(api.call("POST", OCCASIONS, [body]), 400)
    assert named in message and "at most" in message
    assert table_items() == before


def _intervals(count, step=15):
    return [interval(start, start + step) for start in range(0, count * step, step)]


def test_office_hours_interval_arrays_over_their_count_are_400_before_any_interval_is_checked(
    api, seeded, table_items, monkeypatch
):
    schedule_id, exception_id = seeded["schedule"]["id"], seeded["custom_hours"]["id"]
    before = table_items()
    checked = _count_calls(monkeypatch, office_hours_rules, "check_intervals")
    # 96 quarter hours fill a day and 672 a week: one more cannot be valid
    cases = [
        ("POST", exceptions_url(schedule_id), custom_hours("2027-01-01", time_intervals=_intervals(97, 5))),
        ("PUT", exception_url(schedule_id, exception_id), {"time_intervals": _intervals(97, 5)}),
        ("POST", SCHEDULES, schedule(time_intervals=_intervals(673))),
        ("PUT", schedule_url(schedule_id), {"time_intervals": _intervals(673)}),
    ]
    for method, path, body in cases:
        error = _error_format(api.call(method, path, body), 400)
        assert (error["code"], error["field"]) == ("parameter_invalid", "time_intervals"), (method, path)
        assert "at most" in error["message"]
    assert checked == []
    assert table_items() == before


def test_as_many_intervals_as_fit_are_accepted(api, seeded):
    schedule_id = seeded["schedule"]["id"]
    day = api.call("POST", exceptions_url(schedule_id), custom_hours("2027-01-01", time_intervals=_intervals(96)))
    week = api.call("PUT", schedule_url(schedule_id), {"time_intervals": _intervals(672)})
    assert (day.status, week.status) == (201, 200), (day.text, week.text)
    assert len(day.body["time_intervals"]) == 96 and len(week.body["time_intervals"]) == 672


@pytest.mark.parametrize(
    ("method", "target", "body", "field"),
    [
        ("POST", "schedules", schedule("n" * 256), "name"),
        ("POST", "schedules", schedule(time_zone_name="Z" * 65), "time_zone_name"),
        ("PUT", "schedule", {"time_zone_name": "Z" * 65}, "time_zone_name"),
        ("POST", "exceptions", custom_hours(name="n" * 256), "name"),
        ("PUT", "exception", {"name": "n" * 256}, "name"),
    ],
)
def test_office_hours_strings_over_their_maximum_are_400(api, seeded, table_items, method, target, body, field):
    schedule_id, exception_id = seeded["schedule"]["id"], seeded["custom_hours"]["id"]
    path = {
        "schedules": SCHEDULES,
        "schedule": schedule_url(schedule_id),
        "exceptions": exceptions_url(schedule_id),
        "exception": exception_url(schedule_id, exception_id),
    }[target]
    before = table_items()
    error = _error_format(api.call(method, path, body), 400)
    assert (error["code"], error["field"]) == ("parameter_invalid", field)
    assert "at most" in error["message"]
    assert table_items() == before
