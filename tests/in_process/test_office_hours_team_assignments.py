"""Teams' office hours (Intercom Preview), the workspace default, the status extensions, and deleting a schedule in use.

The vendor's rules written into the tests (its Preview reference): GET /teams/{team_id}/office_hours
answers the team's linked `office_hours_schedule`, or the workspace default when it has none,
and 404 when neither (and for "an unknown, malformed, or other-workspace team id"); the PUT
takes `{"office_hours_schedule_id": "<id>" | null}`, null "so it uses the workspace default",
422 for "an unknown, invalid, or other-workspace schedule id", answers what GET answers after
the change, and cleared with no default "the assignment is still removed but the response is
404"; "sending the current value ... changes nothing". The rest is the product's
(docs/office-hours.md): a teammate inherits the workspace default; the default is read and set
at /workspace/office_hours; a schedule in use is not deleted.

Instants are worked out by hand. Schedule "1" (Support) is Dublin, weekdays 09:00-17:00 (UTC+0
in December); schedule "2" (Sales) is New York, weekdays 09:00-17:00 (UTC-5 in December).
Tuesday 1 December 2026 15:00 UTC = 1,796,137,200 (20,788 days after 1970-01-01, plus 15 h):
Dublin is open until 17:00 UTC (1,796,144,400) and opens again Wednesday 09:00 UTC
(1,796,202,000); New York (10:00 there) is open until 22:00 UTC (1,796,162,400) and opens again
Wednesday 14:00 UTC (1,796,220,000).
"""

from __future__ import annotations

import pytest

from tests.builders import (
    ADMINS_OFFICE_HOURS,
    SCHEDULES,
    WORKSPACE_OFFICE_HOURS,
    admin_office_hours,
    admin_url,
    assignment,
    closed,
    exceptions_url,
    schedule,
    schedule_url,
    team_url,
)

TUESDAY_15_UTC = 1_796_137_200
DUBLIN_CLOSES, DUBLIN_OPENS = 1_796_144_400, 1_796_202_000
NEW_YORK_CLOSES, NEW_YORK_OPENS = 1_796_162_400, 1_796_220_000


@pytest.fixture
def schedules(api) -> dict[str, dict]:
    """Schedule "1" (Support, Dublin) and "2" (Sales, New York), each weekdays 09:00-17:00, as answered."""
    support = api.call("POST", SCHEDULES, schedule("Support"))
    sales = api.call("POST", SCHEDULES, schedule("Sales", time_zone_name="America/New_York"))
    assert (support.status, sales.status) == (201, 201), (support.text, sales.text)
    return {"1": support.body, "2": sales.body}


def error(reply, status, code, field):
    assert reply.status == status, reply.text
    [found] = reply.body["errors"]
    assert (found["code"], found["field"]) == (code, field), found
    return found["message"]


def teammates(*pairs):
    """The bulk update's body for (admin id, schedule id) pairs."""
    return {"assignments": [{"admin_id": a, "office_hours_schedule_id": s} for a, s in pairs]}


def status(schedule_id, at, opens, closes):
    return {"type": "office_hours_status", "office_hours_schedule_id": schedule_id, "at": at, "open": True,
            "next_open_at": opens, "next_close_at": closes, "office_hours_exception_id": None}  # fmt: skip


# --- teams --------------------------------------------------------------------------------


def test_a_team_without_a_schedule_and_a_workspace_without_a_default_is_404(api, schedules):
    message = error(api.call("GET", team_url("42")), 404, "not_found", "team_id")
    assert message == "team_id: team 42 has no office hours schedule of its own and the workspace has no default"


def test_a_team_uses_the_workspace_default_until_it_has_its_own(api, schedules):
    assert api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment("1")).body == schedules["1"]
    assert api.call("GET", team_url("42"), headers={"Intercom-Version": "Preview"}).body == schedules["1"]
    reply = api.call("PUT", team_url("42"), assignment("2"), headers={"Intercom-Version": "Preview"})
    assert (reply.status, reply.body) == (200, schedules["2"])
    assert api.call("GET", team_url("42")).body == schedules["2"]
    assert api.call("GET", team_url("43")).body == schedules["1"]  # another team still uses the default


def test_clearing_a_team_answers_the_workspace_default(api, schedules):
    api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment("1"))
    api.call("PUT", team_url("42"), assignment("2"))
    reply = api.call("PUT", team_url("42"), assignment(None))
    assert (reply.status, reply.body) == (200, schedules["1"])


def test_clearing_a_team_without_a_default_removes_its_schedule_and_answers_404(api, schedules, table_items):
    api.call("PUT", team_url("42"), assignment("2"))
    error(api.call("PUT", team_url("42"), assignment(None)), 404, "not_found", "team_id")
    assert not [item for item in table_items() if item["sk"]["S"].startswith("ASSIGNMENT#")]
    error(api.call("GET", team_url("42")), 404, "not_found", "team_id")
    # and the schedule it had is free to go
    assert api.call("DELETE", schedule_url("2")).status == 200
    # a no-op null in that state is 404 too, and writes nothing
    before = table_items()
    error(api.call("PUT", team_url("42"), assignment(None)), 404, "not_found", "team_id")
    assert table_items() == before


def test_sending_a_teams_current_schedule_changes_nothing(api, schedules, table_items):
    api.call("PUT", team_url("42"), assignment("2"))
    before = table_items()
    calls = _calls()
    assert api.call("PUT", team_url("42"), assignment("2")).body == schedules["2"]
    assert table_items() == before
    assert calls == ["BatchGetItem"]


@pytest.mark.parametrize("schedule_id", ["9", "abc", "02", ""])
def test_an_unknown_schedule_for_a_team_is_422_and_changes_nothing(api, schedules, table_items, schedule_id):
    api.call("PUT", team_url("42"), assignment("1"))
    before = table_items()
    error(api.call("PUT", team_url("42"), assignment(schedule_id)), 422, "data_invalid", "office_hours_schedule_id")
    assert table_items() == before
    assert api.call("GET", team_url("42")).body == schedules["1"]


@pytest.mark.parametrize("team_id", ["042", "abc", "0", "1" * 20, "4%202"])
def test_an_id_that_is_not_a_team_id_is_404_on_every_team_route(api, schedules, table_items, team_id):
    api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment("1"))
    before = table_items()
    for method, path, body in (
        ("GET", team_url(team_id), None),
        ("PUT", team_url(team_id), assignment("2")),
        ("GET", team_url(team_id) + "/status", None),
    ):
        assert "is not a team id" in error(api.call(method, path, body), 404, "not_found", "team_id")
    assert table_items() == before


def test_another_workspaces_team_is_its_own(api, schedules):
    api.call("PUT", team_url("42"), assignment("1"))
    error(api.call("GET", team_url("42"), tenant="acct2"), 404, "not_found", "team_id")
    error(
        api.call("PUT", team_url("42"), assignment("1"), tenant="acct2"),
        422,
        "data_invalid",
        "office_hours_schedule_id",
    )


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [({}, "parameter_not_found", "office_hours_schedule_id"), ({"office_hours_schedule_id": 2}, "parameter_invalid",
     "office_hours_schedule_id"), ({"office_hours_schedule_id": "2", "team_id": "42"}, "parameter_invalid", "team_id")],
)  # fmt: skip
def test_a_malformed_team_or_workspace_body_is_400_and_changes_nothing(api, schedules, table_items, body, code, field):
    before = table_items()
    error(api.call("PUT", team_url("42"), body), 400, code, field)
    error(api.call("PUT", WORKSPACE_OFFICE_HOURS, body), 400, code, field)
    assert table_items() == before


# --- the workspace default ----------------------------------------------------------------


def test_the_workspace_default_is_read_and_set_and_cleared(api, schedules, table_items):
    assert error(api.call("GET", WORKSPACE_OFFICE_HOURS), 404, "not_found", None) == (
        "The workspace has no default office hours schedule"
    )
    assert api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment("2")).body == schedules["2"]
    assert api.call("GET", WORKSPACE_OFFICE_HOURS).body == schedules["2"]
    # cleared: answered as a team's, 404, and removed all the same
    error(api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment(None)), 404, "not_found", None)
    error(api.call("GET", WORKSPACE_OFFICE_HOURS), 404, "not_found", None)
    assert not [item for item in table_items() if item["sk"]["S"].startswith("ASSIGNMENT#")]


def test_a_schedule_answered_for_a_team_is_the_schedule_as_it_is_now(api, schedules):
    api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment("1"))
    renamed = api.call("PUT", schedule_url("1"), {"name": "Support (winter)"}).body
    assert api.call("GET", team_url("7")).body == renamed == api.call("GET", WORKSPACE_OFFICE_HOURS).body


def test_the_workspace_default_is_no_teammates_own_schedule(api, schedules):
    api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment("1"))
    # the vendor: a teammate's office_hours_schedule_id "is not the id of the inherited schedule"
    assert api.call("GET", admin_url("456")).body == admin_office_hours("456", None)
    assert api.call("GET", ADMINS_OFFICE_HOURS).body["data"] == []


def test_each_workspace_has_its_own_default(api, schedules):
    api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment("1"))
    error(api.call("GET", WORKSPACE_OFFICE_HOURS, tenant="acct2"), 404, "not_found", None)
    error(api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment("2"), tenant="acct2"), 422, "data_invalid",
          "office_hours_schedule_id")  # fmt: skip


# --- status of the schedule that applies (extensions) ------------------------------------


def test_a_teams_status_is_its_own_schedules_else_the_defaults(api, schedules):
    at = f"?at={TUESDAY_15_UTC}"
    error(api.call("GET", team_url("42") + "/status" + at), 404, "not_found", "team_id")
    api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment("1"))
    reply = api.call("GET", team_url("42") + "/status" + at)
    assert (reply.status, reply.body) == (200, status("1", TUESDAY_15_UTC, DUBLIN_OPENS, DUBLIN_CLOSES))
    assert reply.headers["cache-control"] == "no-store"
    api.call("PUT", team_url("42"), assignment("2"))
    reply = api.call("GET", team_url("42") + "/status" + at)
    assert reply.body == status("2", TUESDAY_15_UTC, NEW_YORK_OPENS, NEW_YORK_CLOSES)


def test_a_teammates_status_is_their_own_schedules_else_the_workspace_defaults(api, schedules):
    at = f"?at={TUESDAY_15_UTC}"
    error(api.call("GET", admin_url("456") + "/status" + at), 404, "not_found", "id")
    api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment("2"))
    api.call("PUT", team_url("42"), assignment("1"))  # teams do not pass their schedule to teammates
    reply = api.call("GET", admin_url("456") + "/status" + at)
    assert reply.body == status("2", TUESDAY_15_UTC, NEW_YORK_OPENS, NEW_YORK_CLOSES)
    api.call("PUT", admin_url("456"), assignment("1"))
    reply = api.call("GET", admin_url("456") + "/status" + at)
    assert reply.body == status("1", TUESDAY_15_UTC, DUBLIN_OPENS, DUBLIN_CLOSES)
    assert reply.headers["cache-control"] == "no-store"


def test_the_status_applies_the_schedules_exceptions(api, schedules):
    api.call("PUT", team_url("42"), assignment("1"))
    created = api.call("POST", exceptions_url("1"), closed("2026-12-01")).body
    reply = api.call("GET", team_url("42") + f"/status?at={TUESDAY_15_UTC}")
    # closed all Tuesday in Dublin: next open Wednesday 09:00 UTC, closing 17:00 UTC (1,796,230,800)
    assert reply.body == {**status("1", TUESDAY_15_UTC, DUBLIN_OPENS, 1_796_230_800), "open": False,
                          "office_hours_exception_id": created["id"]}  # fmt: skip


def test_the_status_without_at_is_at_the_requests_time(api, schedules):
    api.call("PUT", team_url("42"), assignment("2"))
    reply = api.call("GET", team_url("42") + "/status", request_time=TUESDAY_15_UTC)
    assert reply.body == status("2", TUESDAY_15_UTC, NEW_YORK_OPENS, NEW_YORK_CLOSES)
    assert reply.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("query", ["at=soon", "at=1.5", f"at={TUESDAY_15_UTC}&at=1", "at="])
def test_a_malformed_at_is_400_naming_it_on_both_status_routes(api, schedules, query):
    api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment("1"))
    for path in (team_url("42") + "/status", admin_url("456") + "/status"):
        error(api.call("GET", path, query=query), 400, "parameter_invalid", "at")


# --- a schedule in use is not deleted -----------------------------------------------------


def test_a_schedule_in_use_is_not_deleted_and_the_answer_names_its_users(api, schedules, table_items):
    api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment("1"))
    api.call("PUT", team_url("42"), assignment("1"))
    api.call("PUT", ADMINS_OFFICE_HOURS, teammates(("456", "1"), ("12", "1")))
    api.call("POST", exceptions_url("1"), closed())
    before = table_items()
    message = error(api.call("DELETE", schedule_url("1")), 422, "data_invalid", "office_hours_schedule_id")
    assert message == (
        "office_hours_schedule_id: schedule 1 is in use by the workspace default, team 42, teammate 12, "
        "teammate 456; assign them another schedule (or none) first"
    )
    assert table_items() == before
    # once no one uses it, it goes
    for path in (WORKSPACE_OFFICE_HOURS, team_url("42"), admin_url("456"), admin_url("12")):
        api.call("PUT", path, assignment("2"))
    assert api.call("DELETE", schedule_url("1")).status == 200
    assert api.call("GET", team_url("42")).body == schedules["2"]


def test_a_schedule_with_many_users_names_ten_and_counts_the_rest(api, schedules):
    api.call("PUT", ADMINS_OFFICE_HOURS, teammates(*((str(n), "2") for n in range(1, 13))))
    message = error(api.call("DELETE", schedule_url("2")), 422, "data_invalid", "office_hours_schedule_id")
    named = ", ".join(f"teammate {n}" for n in range(1, 11))
    assert f"is in use by {named} and 2 more;" in message


@pytest.mark.parametrize(
    ("uses", "calls"),
    [
        ([], ["GetItem", "TransactWriteItems", "Query"]),
        ([(team_url("42"), "2"), (team_url("42"), None)], ["GetItem", "Query", "TransactWriteItems", "Query"]),
    ],
    ids=["never assigned", "assigned once"],
)
def test_only_a_schedule_once_assigned_costs_a_query_of_the_assignments_to_delete(api, schedules, uses, calls):
    for path, schedule_id in uses:
        api.call("PUT", path, assignment(schedule_id))
    recorded = _calls()
    assert api.call("DELETE", schedule_url("2")).status == 200
    assert recorded == calls


# --- guards and costs ------------------------------------------------------------------------

ROUTES = [
    ("GET", team_url("42"), None),
    ("PUT", team_url("42"), assignment("1")),
    ("GET", team_url("42") + "/status", None),
    ("GET", admin_url("456"), None),
    ("PUT", admin_url("456"), assignment("1")),
    ("GET", admin_url("456") + "/status", None),
    ("GET", ADMINS_OFFICE_HOURS, None),
    ("PUT", ADMINS_OFFICE_HOURS, {"assignments": [{"admin_id": "456", "office_hours_schedule_id": "1"}]}),
    ("GET", WORKSPACE_OFFICE_HOURS, None),
    ("PUT", WORKSPACE_OFFICE_HOURS, assignment("1")),
]
ROUTE_IDS = [f"{method} {path}" for method, path, _ in ROUTES]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=ROUTE_IDS)
def test_every_assignment_route_refuses_an_unknown_version_and_no_token(
    api, schedules, table_items, method, path, body
):
    before = table_items()
    reply = api.call(method, path, body, headers={"Intercom-Version": "3.0"})
    error(reply, 400, "intercom_version_invalid", "Intercom-Version")
    error(api.call(method, path, body, tenant=None), 401, "unauthorized", None)
    assert table_items() == before


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=ROUTE_IDS)
def test_a_read_only_token_reads_and_never_writes(api, schedules, table_items, method, path, body):
    api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment("2"))
    read_only, _ = api.tokens.mint("acct1", "read")
    before = table_items()
    reply = api.call(method, path, body, headers={"Authorization": f"Bearer {read_only}"})
    assert reply.status == (200 if method == "GET" else 403), reply.text
    assert table_items() == before


# What each operation costs in DynamoDB round trips (docs/office-hours.md repeats this table).
COSTS = [
    ("GET", admin_url("456"), None, ["BatchGetItem"]),
    ("PUT", admin_url("456"), assignment("1"), ["BatchGetItem", "TransactWriteItems"]),
    ("GET", team_url("42"), None, ["BatchGetItem", "GetItem"]),
    ("PUT", team_url("42"), assignment("1"), ["BatchGetItem", "TransactWriteItems"]),
    ("PUT", team_url("43"), assignment(None), ["BatchGetItem", "TransactWriteItems", "BatchGetItem", "GetItem"]),
    ("GET", team_url("42") + "/status?at=0", None, ["BatchGetItem", "GetItem", "Query"]),
    ("GET", admin_url("456") + "/status?at=0", None, ["BatchGetItem", "GetItem", "Query"]),
    ("GET", WORKSPACE_OFFICE_HOURS, None, ["BatchGetItem", "GetItem"]),
    ("PUT", WORKSPACE_OFFICE_HOURS, assignment("1"), ["BatchGetItem", "TransactWriteItems"]),
]


@pytest.mark.parametrize(("method", "path", "body", "calls"), COSTS, ids=[f"{c[0]} {c[1]} {c[2]}" for c in COSTS])
def test_dynamodb_round_trips_per_operation(api, schedules, method, path, body, calls):
    api.call("PUT", WORKSPACE_OFFICE_HOURS, assignment("2"))
    api.call("PUT", team_url("43"), assignment("2"))
    recorded = _calls()
    assert api.call(method, path, body).status == 200
    assert recorded == calls


def _calls() -> list[str]:
    from calendar_exceptions import storage

    calls: list[str] = []
    storage.dynamodb_client().meta.events.register("before-call.dynamodb", lambda model, **_: calls.append(model.name))
    return calls
