"""Office hours schedules and exceptions around the update: create, read, list, delete, and every route's guards."""

from __future__ import annotations

import pytest

from calendar_exceptions import clock
from tests.builders import (
    SCHEDULES,
    closed,
    custom_hours,
    exception_answer,
    exception_url,
    exceptions_url,
    interval,
    schedule,
    schedule_answer,
    schedule_url,
)

SCHEDULE_FIELDS = {
    "type",
    "id",
    "name",
    "time_zone_name",
    "time_intervals",
    "twenty_four_seven",
    "created_at",
    "updated_at",
}


def without_counters(items):
    """The table without the workspaces' id counters: a create refused after taking its id leaves a gap there."""
    return [item for item in items if item["sk"]["S"] != "#IDS"]


def test_schedules_are_created_with_sequential_string_ids_and_listed(api):
    first = api.call("POST", SCHEDULES, schedule("Support"))
    second = api.call("POST", SCHEDULES, schedule("Sales", time_zone_name="America/New_York", time_intervals=[]))
    assert (first.status, second.status) == (201, 201)
    assert (first.body["id"], second.body["id"]) == ("1", "2")
    assert set(first.body) == SCHEDULE_FIELDS
    assert first.body == {
        "type": "office_hours_schedule",
        "id": "1",
        **schedule_answer(schedule("Support")),
        "created_at": first.body["created_at"],
        "updated_at": first.body["created_at"],
    }
    listed = api.call("GET", SCHEDULES)
    assert listed.body == {"type": "office_hours_schedule.list", "data": [first.body, second.body]}
    assert api.call("GET", schedule_url("2")).body == second.body


def test_a_schedule_put_changes_only_the_sent_fields(api, seeded, monkeypatch):
    before = seeded["schedule"]
    monkeypatch.setattr(clock, "now", lambda: before["created_at"] + 60)
    reply = api.call("PUT", schedule_url("1"), {"name": "Renamed"})
    assert reply.status == 200, reply.text
    assert reply.body == {**before, "name": "Renamed", "updated_at": before["created_at"] + 60}
    week = [interval(0, 10080)]  # the whole week, on the grid: not Intercom's 24/7 (0-10079)
    reply = api.call("PUT", schedule_url("1"), {"time_intervals": week, "time_zone_name": "Asia/Tokyo"})
    answered = [{**interval(0, 10080), "day_of_week": 0}]
    assert reply.body == {**before, "name": "Renamed", "time_intervals": answered, "time_zone_name": "Asia/Tokyo",
                          "twenty_four_seven": False, "updated_at": before["created_at"] + 60}  # fmt: skip
    assert api.call("GET", schedule_url("1")).body == reply.body


def test_a_schedule_of_the_one_interval_0_to_10079_is_open_twenty_four_seven(api):
    # Intercom's 24/7: exactly one interval from Monday 00:00 to minute 10079, off the grid
    created = api.call("POST", SCHEDULES, schedule("Always", time_intervals=[interval(0, 10079)]))
    assert created.status == 201, created.text
    assert created.body["twenty_four_seven"] is True
    assert created.body["time_intervals"] == [{"start_minute": 0, "end_minute": 10079, "day_of_week": 0}]
    assert api.call("GET", schedule_url(created.body["id"])).body == created.body
    # Any other intervals are not 24/7, the whole week on the grid included
    for intervals in ([interval(0, 10080)], [interval(540, 1020)], []):
        reply = api.call("PUT", schedule_url(created.body["id"]), {"time_intervals": intervals})
        assert (reply.status, reply.body["twenty_four_seven"]) == (200, False), reply.text
    reply = api.call("PUT", schedule_url(created.body["id"]), {"time_intervals": [interval(0, 10079)]})
    assert (reply.status, reply.body["twenty_four_seven"]) == (200, True), reply.text
    assert api.call("GET", SCHEDULES).body["data"][0]["twenty_four_seven"] is True


def test_schedule_intervals_answer_the_day_their_start_falls_in(api):
    # Monday 09:00-17:00, Tuesday 09:00-17:00, Sunday 23:00 to Monday 01:00 (across the week's end: Sunday)
    intervals = [interval(540, 1020), interval(1980, 2460), interval(10020, 10080)]
    created = api.call("POST", SCHEDULES, schedule("Days", time_intervals=intervals))
    assert [i["day_of_week"] for i in created.body["time_intervals"]] == [0, 1, 6]


def test_a_schedule_created_without_a_time_zone_is_in_the_workspaces_default_utc(api):
    created = api.call("POST", SCHEDULES, {"name": "No zone"})
    assert created.status == 201, created.text
    assert created.body["time_zone_name"] == "UTC"
    assert created.body["time_intervals"] == []


def test_a_duplicate_schedule_name_is_422_on_create_and_rename_and_changes_nothing(api, seeded, table_items):
    sales = api.call("POST", SCHEDULES, schedule("Sales")).body
    before = table_items()
    for reply in (
        api.call("POST", SCHEDULES, schedule(" support ")),  # the seeded schedule's name, in other letters
        api.call("PUT", schedule_url(sales["id"]), {"name": "SUPPORT", "time_zone_name": "Asia/Tokyo"}),
    ):
        assert reply.status == 422, reply.text
        assert reply.body["errors"][0] | {"message": ""} == {"code": "data_invalid", "field": "name", "message": ""}
    assert without_counters(table_items()) == without_counters(before)
    assert api.call("GET", schedule_url(sales["id"])).body == sales
    # A schedule keeps its own name in other letters; the name stays its own
    renamed = api.call("PUT", schedule_url(sales["id"]), {"name": "SALES"})
    assert (renamed.status, renamed.body["name"]) == (200, "SALES")
    assert api.call("POST", SCHEDULES, schedule("sales")).status == 422


def test_a_duplicate_name_of_the_longest_length_is_quoted_cut(api):
    name = "n" * 255
    assert api.call("POST", SCHEDULES, schedule(name)).status == 201
    reply = api.call("POST", SCHEDULES, schedule(name.upper()))
    assert reply.status == 422, reply.text
    [error] = reply.body["errors"]
    cut = f"'{'N' * 100}…' (cut: 255 characters)"
    assert error["message"] == f"name: {cut} is already the name of schedule 1"


def test_deleting_a_schedule_deletes_its_exceptions_and_frees_nothing_else(api, seeded, table_items):
    other = api.call("POST", SCHEDULES, schedule("Sales")).body["id"]
    kept = api.call("POST", exceptions_url(other), closed("2026-12-25")).body
    reply = api.call("DELETE", schedule_url("1"))
    assert reply.status == 200, reply.text
    assert reply.body == {"id": "1", "object": "office_hours_schedule", "deleted": True}
    assert api.call("GET", schedule_url("1")).status == 404
    assert api.call("GET", exceptions_url("1")).status == 404
    assert api.call("GET", exception_url("1", seeded["closed"]["id"])).status == 404
    partitions = {item["pk"]["S"] for item in table_items()}
    assert not any(pk.endswith("#SCHEDULE#1") for pk in partitions), partitions
    assert api.call("GET", exceptions_url(other)).body["data"] == [kept]
    assert api.call("DELETE", schedule_url("1")).status == 404


def test_exceptions_are_created_in_the_vendors_shape(api, seeded):
    assert seeded["custom_hours"] == {
        "type": "office_hours_exception",
        "id": "1",
        "office_hours_schedule_id": "1",
        **exception_answer(custom_hours("2026-12-24")),
        "created_at": seeded["custom_hours"]["created_at"],
        "updated_at": seeded["custom_hours"]["created_at"],
    }
    assert seeded["closed"]["time_intervals"] is None
    assert seeded["closed"]["recurring_annually"] is False


def test_exceptions_are_listed_in_the_order_they_were_created(api, seeded):
    reply = api.call("GET", exceptions_url("1"))
    assert reply.status == 200
    assert reply.body == {"type": "office_hours_exception.list", "data": [seeded["custom_hours"], seeded["closed"]]}


def test_a_schedule_without_exceptions_lists_none(api):
    api.call("POST", SCHEDULES, schedule())
    assert api.call("GET", exceptions_url("1")).body == {"type": "office_hours_exception.list", "data": []}


def test_deleting_an_exception_frees_its_date(api, seeded, table_items):
    url = exception_url("1", seeded["closed"]["id"])
    reply = api.call("DELETE", url)
    assert reply.body == {"id": seeded["closed"]["id"], "object": "office_hours_exception", "deleted": True}
    assert api.call("GET", url).status == 404
    assert api.call("DELETE", url).status == 404
    assert api.call("POST", exceptions_url("1"), closed("2026-12-25")).status == 201


@pytest.mark.parametrize(
    ("case", "body", "code", "field", "next_id"),
    [
        # 422 whatever is stored: refused before an id is taken
        ("closed with intervals", closed(time_intervals=[interval(540, 600)]), "data_invalid", "time_intervals", "3"),
        ("custom_hours without intervals", custom_hours(time_intervals=None), "data_invalid", "time_intervals", "3"),
        # refused by the create's transaction: the id it took ("3") is a gap
        ("a date the schedule has", closed("2026-12-24"), "data_invalid", "exception_date", "4"),
    ],
)
def test_a_create_that_breaks_a_rule_is_422_and_stores_nothing(
    api, seeded, table_items, case, body, code, field, next_id
):
    before = table_items()
    reply = api.call("POST", exceptions_url("1"), body)
    assert reply.status == 422, reply.text
    assert reply.body["errors"][0] | {"message": ""} == {"code": code, "field": field, "message": ""}
    assert without_counters(table_items()) == without_counters(before)
    assert api.call("POST", exceptions_url("1"), closed("2027-01-01")).body["id"] == next_id


@pytest.mark.parametrize("body", [closed("2027-01-01"), closed(time_intervals=[interval(0, 15)])])
def test_a_create_under_an_unknown_schedule_is_404_even_when_the_body_is_unprocessable(api, seeded, table_items, body):
    before = table_items()
    reply = api.call("POST", exceptions_url("99"), body)
    assert reply.status == 404, reply.text
    assert reply.body["errors"][0]["code"] == "not_found"
    assert without_counters(table_items()) == without_counters(before)


ROUTES = [
    ("GET", SCHEDULES, None),
    ("POST", SCHEDULES, schedule("New")),
    ("GET", schedule_url("1"), None),
    ("PUT", schedule_url("1"), {"name": "x"}),
    ("DELETE", schedule_url("1"), None),
    ("GET", schedule_url("1") + "/effective_hours", None),
    ("GET", schedule_url("1") + "/status?at=1798200000", None),
    ("GET", exceptions_url("1"), None),
    ("POST", exceptions_url("1"), closed("2027-01-01")),
    ("GET", exception_url("1", "1"), None),
    ("PUT", exception_url("1", "1"), {"name": "x"}),
    ("DELETE", exception_url("1", "1"), None),
]
ROUTE_IDS = [f"{method} {path}" for method, path, _ in ROUTES]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=ROUTE_IDS)
def test_every_route_answers_401_without_an_authenticated_workspace(api, seeded, table_items, method, path, body):
    before = table_items()
    reply = api.call(method, path, body, tenant=None)
    assert reply.status == 401
    assert reply.body["errors"] == [{"code": "unauthorized", "message": "Access Token Invalid", "field": None}]
    assert table_items() == before


OBJECT_ROUTES = [route for route in ROUTES if route[1] != SCHEDULES]


@pytest.mark.parametrize(("method", "path", "body"), OBJECT_ROUTES, ids=[f"{m} {p}" for m, p, _ in OBJECT_ROUTES])
def test_every_route_answers_404_for_another_workspaces_objects(api, seeded, table_items, method, path, body):
    before = table_items()
    reply = api.call(method, path, body, tenant="acct2")
    assert reply.status == 404, reply.text
    assert reply.body["errors"][0]["code"] == "not_found"
    assert without_counters(table_items()) == without_counters(before)  # an exception create takes an id of acct2
    assert [i for i in table_items() if i["pk"]["S"].startswith("WORKSPACE#acct1")] == [
        i for i in before if i["pk"]["S"].startswith("WORKSPACE#acct1")
    ]


def test_another_workspace_has_its_own_schedules_and_ids(api, seeded):
    assert api.call("GET", SCHEDULES, tenant="acct2").body == {"type": "office_hours_schedule.list", "data": []}
    assert api.call("POST", SCHEDULES, schedule("Theirs"), tenant="acct2").body["id"] == "1"
    assert api.call("GET", schedule_url("1")).body == seeded["schedule"]


def assert_version_refused(reply):
    assert reply.status == 400, reply.text
    assert reply.body["errors"][0] | {"message": ""} == {
        "code": "intercom_version_invalid",
        "field": "Intercom-Version",
        "message": "",
    }


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=ROUTE_IDS)
def test_every_route_refuses_an_unknown_intercom_version(api, seeded, table_items, method, path, body):
    before = table_items()
    assert_version_refused(api.call(method, path, body, headers={"Intercom-Version": "3.0"}))
    assert table_items() == before


@pytest.mark.parametrize("version", ["2.18", "3.0", "1.5", "0.9", "preview", "PREVIEW", "", "2.1 ", "2", "2.016"])
def test_versions_outside_the_vendors_list_are_refused(api, seeded, table_items, version):
    before = table_items()
    reply = api.call("PUT", exception_url("1", "1"), {"name": "x"}, headers={"Intercom-Version": version})
    assert_version_refused(reply)
    assert table_items() == before


# The vendor's enum of Intercom-Version (its 2.16 description: 1.0..1.4, 2.0..2.16, Preview),
# and 2.17, the version of its current reference.
VENDOR_VERSIONS = ["1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8",
                   "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15", "2.16", "2.17", "Preview"]  # fmt: skip


@pytest.mark.parametrize("version", VENDOR_VERSIONS)
def test_every_listed_intercom_version_is_accepted(api, seeded, version):
    assert (
        api.call("PUT", exception_url("1", "1"), {"name": version}, headers={"Intercom-Version": version}).status == 200
    )


def test_the_version_header_name_is_case_insensitive(api, seeded):
    assert_version_refused(api.call("GET", SCHEDULES, headers={"intercom-version": "9.9"}))


def test_authentication_is_checked_before_the_version(api, seeded):
    assert api.call("GET", SCHEDULES, headers={"Intercom-Version": "9.9"}, tenant=None).status == 401


# What each operation costs in DynamoDB round trips (docs/office-hours.md repeats this table).
COSTS = [
    ("POST", SCHEDULES, schedule("New"), ["UpdateItem", "TransactWriteItems"]),
    ("GET", SCHEDULES, None, ["Query"]),
    ("GET", schedule_url("1"), None, ["GetItem"]),
    ("PUT", schedule_url("1"), {"time_intervals": []}, ["UpdateItem"]),
    ("PUT", schedule_url("1"), {"name": "Support"}, ["UpdateItem"]),
    ("PUT", schedule_url("1"), {"name": "x"}, ["UpdateItem", "TransactWriteItems"]),
    ("DELETE", schedule_url("1"), None, ["GetItem", "TransactWriteItems", "Query", "BatchWriteItem"]),
    ("POST", exceptions_url("1"), closed("2027-01-01"), ["UpdateItem", "TransactWriteItems"]),
    ("GET", exceptions_url("1"), None, ["Query"]),
    ("GET", exception_url("1", "1"), None, ["GetItem"]),
    ("PUT", exception_url("1", "1"), {"name": "x"}, ["UpdateItem"]),
    ("PUT", exception_url("1", "1"), {"exception_date": "2027-01-01"}, ["UpdateItem", "TransactWriteItems"]),
    ("DELETE", exception_url("1", "1"), None, ["GetItem", "TransactWriteItems"]),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "calls"), COSTS, ids=[f"{c[0]} {c[1]} {sorted(c[2] or {})}" for c in COSTS]
)
def test_dynamodb_round_trips_per_operation(api, seeded, dynamodb_calls, method, path, body, calls):
    assert api.call(method, path, body).status == (201 if method == "POST" else 200)
    assert dynamodb_calls == calls


def test_listing_an_empty_schedule_costs_a_query_and_a_read(api, seeded, dynamodb_calls):
    api.call("DELETE", exception_url("1", "1"))
    api.call("DELETE", exception_url("1", "2"))
    dynamodb_calls.clear()
    assert api.call("GET", exceptions_url("1")).body["data"] == []
    assert dynamodb_calls == ["Query", "GetItem"]
