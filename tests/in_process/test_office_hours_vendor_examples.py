"""The vendor's own examples: each request example of Intercom's office hours description is accepted,
and answered with the fields and values its response example shows (ids and timestamps aside).

The examples are copied here from Intercom's OpenAPI description of the office hours endpoints
(intercom/Intercom-OpenAPI, descriptions/2.16 and Preview, which agree on these paths), so that
the suite needs nothing outside the repository. Every request sends `Intercom-Version: 2.16`,
as the one client library of these endpoints does.
"""

from __future__ import annotations

import pytest

from calendar_exceptions import clock
from tests.builders import SCHEDULES, exception_url, exceptions_url, schedule_url

VERSION = {"Intercom-Version": "2.16"}
# What the examples' values may differ in: ids are the server's (the vendor's '123', '456' are
# its own), and times are when the test runs.
ASIDE = {"id", "office_hours_schedule_id", "created_at", "updated_at"}
SCHEDULE_KEYS = {"type", "id", "name", "time_zone_name", "time_intervals", "twenty_four_seven", "created_at",
                 "updated_at"}  # fmt: skip
EXCEPTION_KEYS = {"type", "id", "office_hours_schedule_id", "exception_date", "exception_type", "name",
                  "time_intervals", "recurring_annually", "created_at", "updated_at"}  # fmt: skip

# --- the examples, as the vendor's description writes them ----------------------------------

CREATE_SCHEDULE_REQUEST = {
    "name": "Standard Support Hours",
    "time_zone_name": "America/New_York",
    "time_intervals": [{"start_minute": 540, "end_minute": 1020}],
}
CREATE_SCHEDULE_RESPONSE = {  # 201
    "type": "office_hours_schedule",
    "id": "125",
    "name": "Standard Support Hours",
    "time_zone_name": "America/New_York",
    "time_intervals": [{"start_minute": 540, "end_minute": 1020, "day_of_week": 0}],
    "twenty_four_seven": False,
    "created_at": 1717200000,
    "updated_at": 1717200000,
}
GET_SCHEDULE_RESPONSE = {**CREATE_SCHEDULE_RESPONSE, "id": "123"}
LIST_SCHEDULES_RESPONSE_ITEM = {
    "type": "office_hours_schedule",
    "id": "123",
    "name": "Standard Support Hours",
    "time_zone_name": "America/New_York",
    "time_intervals": [
        {"start_minute": 540, "end_minute": 1020, "day_of_week": 0},
        {"start_minute": 1980, "end_minute": 2460, "day_of_week": 1},
    ],
    "twenty_four_seven": False,
    "created_at": 1717200000,
    "updated_at": 1717200000,
}
UPDATE_SCHEDULE_REQUEST = {
    "name": "Extended Support Hours",
    "time_intervals": [{"start_minute": 480, "end_minute": 1080}],
}
UPDATE_SCHEDULE_RESPONSE = {
    "type": "office_hours_schedule",
    "id": "123",
    "name": "Extended Support Hours",
    "time_zone_name": "America/New_York",
    "time_intervals": [{"start_minute": 480, "end_minute": 1080, "day_of_week": 0}],
    "twenty_four_seven": False,
    "created_at": 1717200000,
    "updated_at": 1717203600,
}
DELETE_SCHEDULE_RESPONSE = {"id": "123", "object": "office_hours_schedule", "deleted": True}

CREATE_EXCEPTION_REQUEST = {
    "exception_date": "2026-12-25",
    "exception_type": "closed",
    "name": "Christmas Day",
    "recurring_annually": True,
}
CREATE_EXCEPTION_RESPONSE = {  # 201
    "type": "office_hours_exception",
    "id": "458",
    "office_hours_schedule_id": "123",
    "exception_date": "2026-12-25",
    "exception_type": "closed",
    "name": "Christmas Day",
    "time_intervals": None,
    "recurring_annually": True,
    "created_at": 1717200000,
    "updated_at": 1717200000,
}
GET_EXCEPTION_RESPONSE = {**CREATE_EXCEPTION_RESPONSE, "id": "456"}
LIST_EXCEPTIONS_RESPONSE_DATA = [
    {**CREATE_EXCEPTION_RESPONSE, "id": "456"},
    {
        "type": "office_hours_exception",
        "id": "457",
        "office_hours_schedule_id": "123",
        "exception_date": "2026-12-24",
        "exception_type": "custom_hours",
        "name": "Christmas Eve",
        "time_intervals": [{"start_minute": 540, "end_minute": 780, "day_of_week": 3}],
        "recurring_annually": True,
        "created_at": 1717200000,
        "updated_at": 1717200000,
    },
]
UPDATE_EXCEPTION_REQUEST = {
    "exception_type": "custom_hours",
    "name": "Christmas Day (reduced hours)",
    "time_intervals": [{"start_minute": 540, "end_minute": 780}],
    "recurring_annually": True,
}
UPDATE_EXCEPTION_RESPONSE = {
    "type": "office_hours_exception",
    "id": "456",
    "office_hours_schedule_id": "123",
    "exception_date": "2026-12-25",
    "exception_type": "custom_hours",
    "name": "Christmas Day (reduced hours)",
    "time_intervals": [{"start_minute": 540, "end_minute": 780, "day_of_week": 4}],
    "recurring_annually": True,
    "created_at": 1717200000,
    "updated_at": 1717203600,
}
DELETE_EXCEPTION_RESPONSE = {"id": "456", "object": "office_hours_exception", "deleted": True}


def shown(body: dict) -> dict:
    """The values an example fixes: all but ids and timestamps."""
    return {key: value for key, value in body.items() if key not in ASIDE}


def call(api, method, path, body=None):
    return api.call(method, path, body, headers=VERSION)


@pytest.fixture
def created_schedule(api) -> dict:
    reply = call(api, "POST", SCHEDULES, CREATE_SCHEDULE_REQUEST)
    assert reply.status == 201, reply.text
    return reply.body


@pytest.fixture
def christmas_day(api, created_schedule) -> dict:
    reply = call(api, "POST", exceptions_url(created_schedule["id"]), CREATE_EXCEPTION_REQUEST)
    assert reply.status == 201, reply.text
    return reply.body


# --- schedules ---------------------------------------------------------------------------------


def test_create_schedule(api):
    reply = call(api, "POST", SCHEDULES, CREATE_SCHEDULE_REQUEST)
    assert reply.status == 201, reply.text
    assert set(reply.body) == SCHEDULE_KEYS == set(CREATE_SCHEDULE_RESPONSE)
    assert shown(reply.body) == shown(CREATE_SCHEDULE_RESPONSE)
    assert reply.body["created_at"] == reply.body["updated_at"]


def test_get_schedule(api, created_schedule):
    reply = call(api, "GET", schedule_url(created_schedule["id"]))
    assert reply.status == 200, reply.text
    assert set(reply.body) == set(GET_SCHEDULE_RESPONSE)
    assert shown(reply.body) == shown(GET_SCHEDULE_RESPONSE)
    assert reply.body == created_schedule


def test_list_schedules(api):
    # The listed example has a second interval, on Tuesday: created with both intervals
    intervals = [
        {k: v for k, v in i.items() if k != "day_of_week"} for i in LIST_SCHEDULES_RESPONSE_ITEM["time_intervals"]
    ]
    created = call(api, "POST", SCHEDULES, {**CREATE_SCHEDULE_REQUEST, "time_intervals": intervals})
    assert created.status == 201, created.text
    reply = call(api, "GET", SCHEDULES)
    assert reply.status == 200, reply.text
    assert set(reply.body) == {"type", "data"}
    assert reply.body["type"] == "office_hours_schedule.list"
    [listed] = reply.body["data"]
    assert set(listed) == set(LIST_SCHEDULES_RESPONSE_ITEM)
    assert shown(listed) == shown(LIST_SCHEDULES_RESPONSE_ITEM)


def test_update_schedule(api, created_schedule, monkeypatch):
    later = created_schedule["created_at"] + 3600  # the example's updated_at is an hour after its created_at
    monkeypatch.setattr(clock, "now", lambda: later)
    reply = call(api, "PUT", schedule_url(created_schedule["id"]), UPDATE_SCHEDULE_REQUEST)
    assert reply.status == 200, reply.text
    assert set(reply.body) == set(UPDATE_SCHEDULE_RESPONSE)
    assert shown(reply.body) == shown(UPDATE_SCHEDULE_RESPONSE)
    assert (reply.body["id"], reply.body["created_at"]) == (created_schedule["id"], created_schedule["created_at"])
    assert reply.body["updated_at"] == later
    assert call(api, "GET", schedule_url(created_schedule["id"])).body == reply.body


def test_delete_schedule(api, created_schedule):
    reply = call(api, "DELETE", schedule_url(created_schedule["id"]))
    assert reply.status == 200, reply.text
    assert reply.body == {**DELETE_SCHEDULE_RESPONSE, "id": created_schedule["id"]}
    assert list(reply.body) == list(DELETE_SCHEDULE_RESPONSE)  # id, object, deleted: nothing else


# --- exceptions --------------------------------------------------------------------------------


def test_create_exception(api, created_schedule):
    reply = call(api, "POST", exceptions_url(created_schedule["id"]), CREATE_EXCEPTION_REQUEST)
    assert reply.status == 201, reply.text
    assert set(reply.body) == EXCEPTION_KEYS == set(CREATE_EXCEPTION_RESPONSE)
    assert shown(reply.body) == shown(CREATE_EXCEPTION_RESPONSE)
    assert reply.body["office_hours_schedule_id"] == created_schedule["id"]
    assert reply.body["created_at"] == reply.body["updated_at"]


def test_get_exception(api, created_schedule, christmas_day):
    reply = call(api, "GET", exception_url(created_schedule["id"], christmas_day["id"]))
    assert reply.status == 200, reply.text
    assert set(reply.body) == set(GET_EXCEPTION_RESPONSE)
    assert shown(reply.body) == shown(GET_EXCEPTION_RESPONSE)
    assert reply.body == christmas_day


def test_list_exceptions(api, created_schedule, christmas_day):
    # The listed example's second exception, Christmas Eve, created from its fields
    eve = LIST_EXCEPTIONS_RESPONSE_DATA[1]
    request = {key: eve[key] for key in ("exception_date", "exception_type", "name", "recurring_annually")}
    request["time_intervals"] = [{"start_minute": 540, "end_minute": 780}]
    assert call(api, "POST", exceptions_url(created_schedule["id"]), request).status == 201
    reply = call(api, "GET", exceptions_url(created_schedule["id"]))
    assert reply.status == 200, reply.text
    assert set(reply.body) == {"type", "data"}
    assert reply.body["type"] == "office_hours_exception.list"
    assert [set(item) for item in reply.body["data"]] == [set(item) for item in LIST_EXCEPTIONS_RESPONSE_DATA]
    assert [shown(item) for item in reply.body["data"]] == [shown(item) for item in LIST_EXCEPTIONS_RESPONSE_DATA]
    assert {item["office_hours_schedule_id"] for item in reply.body["data"]} == {created_schedule["id"]}


def test_update_exception(api, created_schedule, christmas_day, monkeypatch):
    later = christmas_day["created_at"] + 3600
    monkeypatch.setattr(clock, "now", lambda: later)
    url = exception_url(created_schedule["id"], christmas_day["id"])
    reply = call(api, "PUT", url, UPDATE_EXCEPTION_REQUEST)
    assert reply.status == 200, reply.text
    assert set(reply.body) == set(UPDATE_EXCEPTION_RESPONSE)
    assert shown(reply.body) == shown(UPDATE_EXCEPTION_RESPONSE)
    assert (reply.body["id"], reply.body["created_at"]) == (christmas_day["id"], christmas_day["created_at"])
    assert reply.body["updated_at"] == later
    assert call(api, "GET", url).body == reply.body


def test_delete_exception(api, created_schedule, christmas_day):
    reply = call(api, "DELETE", exception_url(created_schedule["id"], christmas_day["id"]))
    assert reply.status == 200, reply.text
    assert reply.body == {**DELETE_EXCEPTION_RESPONSE, "id": christmas_day["id"]}
    assert list(reply.body) == list(DELETE_EXCEPTION_RESPONSE)
