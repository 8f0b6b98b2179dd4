"""PUT an office hours exception: only the sent fields change, and the rules that refuse an update."""

from __future__ import annotations

import pytest

from calendar_exceptions import clock
from tests.builders import closed, exception_answer, exception_url, exceptions_url, interval

FIELDS = {
    "type",
    "id",
    "office_hours_schedule_id",
    "exception_date",
    "exception_type",
    "name",
    "time_intervals",
    "recurring_annually",
    "created_at",
    "updated_at",
}


def url(seeded, kind="custom_hours"):
    return exception_url(seeded["schedule"]["id"], seeded[kind]["id"])


def put(api, seeded, body, kind="custom_hours", **kwargs):
    return api.call("PUT", url(seeded, kind), body, **kwargs)


def stored(api, seeded, kind="custom_hours"):
    reply = api.call("GET", url(seeded, kind))
    assert reply.status == 200, reply.text
    return reply.body


def assert_error(reply, status, code, field):
    assert reply.status == status, reply.text
    assert reply.body["type"] == "error.list"
    [error] = reply.body["errors"]
    assert (error["code"], error["field"]) == (code, field), error
    assert error["message"]


def test_vendor_page_request_updates_and_answers_the_whole_object(api, seeded):
    # Given the vendor page's example request
    body = {
        "exception_date": "2026-12-24",
        "exception_type": "custom_hours",
        "name": "Christmas Day (reduced hours)",
        "time_intervals": [interval(540, 1020)],
        "recurring_annually": True,
    }
    # When it is PUT with the version the page documents
    reply = put(api, seeded, body, headers={"Intercom-Version": "Preview"})
    # Then the answer is the whole object in the vendor's shape
    assert reply.status == 200, reply.text
    assert set(reply.body) == FIELDS
    assert reply.body == {**seeded["custom_hours"], **exception_answer(body), "updated_at": reply.body["updated_at"]}
    assert reply.body["type"] == "office_hours_exception"
    assert isinstance(reply.body["id"], str) and isinstance(reply.body["office_hours_schedule_id"], str)
    assert stored(api, seeded) == reply.body


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Renamed"),
        ("name", None),
        ("recurring_annually", False),
        ("time_intervals", [interval(600, 720), interval(780, 900)]),
        ("exception_date", "2026-12-23"),
    ],
)
def test_only_the_sent_field_changes(api, seeded, field, value):
    before = stored(api, seeded)
    reply = put(api, seeded, {field: value})
    assert reply.status == 200, reply.text
    # (intervals are answered with the weekday of the exception's date, which a move changes)
    assert reply.body == exception_answer({**before, field: value, "updated_at": reply.body["updated_at"]})
    assert stored(api, seeded) == reply.body


def test_created_at_is_kept_and_updated_at_is_the_time_of_the_write(api, seeded, monkeypatch):
    created = seeded["custom_hours"]
    monkeypatch.setattr(clock, "now", lambda: created["created_at"] + 3600)
    reply = put(api, seeded, {"name": "Later"})
    assert reply.body["created_at"] == created["created_at"]
    assert reply.body["updated_at"] == created["created_at"] + 3600
    monkeypatch.setattr(clock, "now", lambda: created["created_at"] + 7200)
    moved = put(api, seeded, {"exception_date": "2027-01-02"})
    assert (moved.body["created_at"], moved.body["updated_at"]) == (created["created_at"], created["created_at"] + 7200)
    assert stored(api, seeded) == moved.body


def test_switching_to_closed_without_sending_intervals_clears_them(api, seeded):
    reply = put(api, seeded, {"exception_type": "closed"})
    assert reply.status == 200, reply.text
    assert reply.body["exception_type"] == "closed"
    assert reply.body["time_intervals"] is None
    assert stored(api, seeded)["time_intervals"] is None


@pytest.mark.parametrize("intervals", [None, []])
def test_switching_to_closed_with_null_or_empty_intervals_is_accepted(api, seeded, intervals):
    reply = put(api, seeded, {"exception_type": "closed", "time_intervals": intervals})
    assert reply.status == 200, reply.text
    assert reply.body["time_intervals"] is None


def test_switching_to_custom_hours_with_intervals(api, seeded):
    reply = put(api, seeded, {"exception_type": "custom_hours", "time_intervals": [interval(0, 15)]}, kind="closed")
    assert reply.status == 200, reply.text
    friday = 4  # 2026-12-25, the closed exception's date
    answered = [{**interval(0, 15), "day_of_week": friday}]
    assert (reply.body["exception_type"], reply.body["time_intervals"]) == ("custom_hours", answered)


def test_sending_custom_hours_to_custom_hours_keeps_the_intervals(api, seeded):
    reply = put(api, seeded, {"exception_type": "custom_hours"})
    assert reply.status == 200, reply.text
    assert reply.body["time_intervals"] == seeded["custom_hours"]["time_intervals"]


def test_intervals_are_answered_in_the_order_sent(api, seeded):
    intervals = [interval(780, 900), interval(540, 720)]
    answered = put(api, seeded, {"time_intervals": intervals}).body["time_intervals"]
    assert [{"start_minute": i["start_minute"], "end_minute": i["end_minute"]} for i in answered] == intervals


def test_moving_the_date_frees_the_old_one(api, seeded):
    schedule_id = seeded["schedule"]["id"]
    assert put(api, seeded, {"exception_date": "2026-12-31"}).status == 200
    taken_again = api.call("POST", exceptions_url(schedule_id), closed("2026-12-24"))
    assert taken_again.status == 201, taken_again.text
    assert_error(
        api.call("POST", exceptions_url(schedule_id), closed("2026-12-31")), 422, "data_invalid", "exception_date"
    )


def test_an_exception_can_move_back_and_forth(api, seeded):
    for exception_date in ("2027-01-01", "2026-12-24", "2027-01-01"):
        assert put(api, seeded, {"exception_date": exception_date}).body["exception_date"] == exception_date


# (case, body, which seeded exception, field named by the 422)
UNPROCESSABLE = [
    ("closed with intervals", {"exception_type": "closed", "time_intervals": [interval(540, 600)]}, "custom_hours"),
    (
        "closed with intervals, on a closed one",
        {"exception_type": "closed", "time_intervals": [interval(0, 15)]},
        "closed",
    ),
    ("custom_hours with null intervals", {"exception_type": "custom_hours", "time_intervals": None}, "closed"),
    ("custom_hours with no intervals", {"exception_type": "custom_hours", "time_intervals": []}, "custom_hours"),
    ("custom_hours alone on a closed one", {"exception_type": "custom_hours"}, "closed"),
    ("intervals alone on a closed one", {"time_intervals": [interval(540, 600)]}, "closed"),
    ("removing the intervals of custom_hours", {"time_intervals": None}, "custom_hours"),
    ("emptying the intervals of custom_hours", {"time_intervals": []}, "custom_hours"),
    (
        "custom_hours alone on a closed one, with a move",
        {"exception_type": "custom_hours", "exception_date": "2027-03-01"},
        "closed",
    ),
]


@pytest.mark.parametrize(("case", "body", "kind"), UNPROCESSABLE, ids=[c[0] for c in UNPROCESSABLE])
def test_an_update_that_leaves_an_impossible_exception_is_422_and_changes_nothing(
    api, seeded, table_items, case, body, kind
):
    before = table_items()
    assert_error(put(api, seeded, body, kind=kind), 422, "data_invalid", "time_intervals")
    assert table_items() == before


def test_a_date_another_exception_of_the_schedule_has_is_422_and_changes_nothing(api, seeded, table_items):
    before = table_items()
    reply = put(api, seeded, {"exception_date": seeded["closed"]["exception_date"], "name": "Clash"})
    assert_error(reply, 422, "data_invalid", "exception_date")
    assert table_items() == before


def test_the_same_date_on_another_schedule_is_fine(api, seeded):
    from tests.builders import SCHEDULES, schedule

    other = api.call("POST", SCHEDULES, schedule("Sales")).body["id"]
    reply = api.call("POST", exceptions_url(other), closed(seeded["custom_hours"]["exception_date"]))
    assert reply.status == 201, reply.text


def _paths(seeded):
    schedule_id, exception_id = seeded["schedule"]["id"], seeded["custom_hours"]["id"]
    return {
        "unknown exception": exception_url(schedule_id, "99"),
        "unknown schedule": exception_url("99", exception_id),
        "exception id not a number": exception_url(schedule_id, "abc"),
        "exception id with a leading zero": exception_url(schedule_id, f"0{exception_id}"),
        "schedule id zero": exception_url("0", exception_id),
    }


@pytest.mark.parametrize(
    "case",
    [
        "unknown exception",
        "unknown schedule",
        "exception id not a number",
        "exception id with a leading zero",
        "schedule id zero",
    ],
)
@pytest.mark.parametrize(
    "body",
    [
        {"name": "x"},
        {"exception_date": "2027-01-05"},
        {"exception_type": "closed", "time_intervals": [interval(0, 15)]},
    ],
    ids=["field", "move", "always 422"],
)
def test_unknown_objects_are_404_and_change_nothing(api, seeded, table_items, case, body):
    before = table_items()
    reply = api.call("PUT", _paths(seeded)[case], body)
    assert reply.status == 404, reply.text
    assert reply.body["errors"][0]["code"] == "not_found"
    assert table_items() == before


def test_an_exception_under_another_schedule_is_404(api, seeded, table_items):
    from tests.builders import SCHEDULES, schedule

    other = api.call("POST", SCHEDULES, schedule("Sales")).body["id"]
    before = table_items()
    reply = api.call("PUT", exception_url(other, seeded["custom_hours"]["id"]), {"name": "x"})
    assert_error(reply, 404, "not_found", "id")
    assert table_items() == before


def test_another_workspace_gets_404_never_403(api, seeded, table_items):
    before = table_items()
    reply = put(api, seeded, {"name": "Intruder"}, tenant="acct2")
    assert_error(reply, 404, "not_found", "id")
    assert api.call("GET", url(seeded), tenant="acct2").status == 404
    assert table_items() == before


def test_no_authenticated_workspace_is_401(api, seeded, table_items):
    before = table_items()
    reply = put(api, seeded, {"name": "Anonymous"}, tenant=None)
    assert reply.status == 401
    assert reply.body["errors"] == [{"code": "unauthorized", "message": "Access Token Invalid", "field": None}]
    assert table_items() == before


# --- cost: DynamoDB round trips ---------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"name": "One trip"},
        {"recurring_annually": False, "time_intervals": [interval(540, 600)]},
        {"exception_type": "closed"},
        {"exception_date": "2026-12-24", "name": "Same date sent again"},
    ],
    ids=["name", "two fields", "switch to closed", "same date sent"],
)
def test_a_put_that_keeps_the_date_costs_one_update_item(api, seeded, dynamodb_calls, body):
    assert put(api, seeded, body).status == 200
    assert dynamodb_calls == ["UpdateItem"]


def test_a_put_that_moves_the_date_costs_a_refused_update_and_one_transaction(api, seeded, dynamodb_calls):
    assert put(api, seeded, {"exception_date": "2027-01-05", "name": "Moved"}).status == 200
    assert dynamodb_calls == ["UpdateItem", "TransactWriteItems"]


@pytest.mark.parametrize(
    ("body", "kind", "status"),
    [
        ({"name": "x"}, "missing", 404),
        ({"time_intervals": [interval(0, 15)]}, "closed", 422),
        ({"exception_date": "2026-12-25"}, "custom_hours", 422),
    ],
    ids=["404", "422 type", "422 date"],
)
def test_refusals_cost_no_extra_read(api, seeded, dynamodb_calls, body, kind, status):
    target = exception_url(seeded["schedule"]["id"], "99") if kind == "missing" else url(seeded, kind)
    assert api.call("PUT", target, body).status == status
    expected = ["UpdateItem", "TransactWriteItems"] if "exception_date" in body else ["UpdateItem"]
    assert dynamodb_calls == expected
