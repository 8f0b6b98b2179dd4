"""Teammates' own office hours schedules (Intercom Preview): one teammate, the paged list, the bulk update.

The vendor's rules written into the tests (its Preview reference): `admin_office_hours` is
`{"type": "admin_office_hours", "admin_id", "office_hours_schedule_id"}`, the id null when the
teammate inherits ("not the id of the inherited schedule"); the PUT body's
`office_hours_schedule_id` is required even when null, and null clears; sending the current
value "is a no-op that changes nothing"; the list holds only teammates with their own schedule,
`per_page` "must be a positive integer. Values above 50 are reduced to 50", `pages.next` "is
omitted on the last page"; the bulk update takes 1 to 50 entries, each teammate once, "if any
assignment is invalid or cannot be saved, none of the assignments are changed", errors name an
entry by its zero-based index, and the answer lists the teammates in request order.
"""

from __future__ import annotations

import pytest

from tests.builders import (
    ADMINS_OFFICE_HOURS,
    SCHEDULES,
    admin_office_hours,
    admin_url,
    assignment,
    schedule,
)


@pytest.fixture
def schedules(api) -> list[str]:
    """Schedules "1" (Support) and "2" (Sales) of workspace acct1."""
    created = [api.call("POST", SCHEDULES, schedule(name)) for name in ("Support", "Sales")]
    assert [reply.status for reply in created] == [201, 201], [reply.text for reply in created]
    return [reply.body["id"] for reply in created]


def error(reply, status, code, field):
    assert reply.status == status, reply.text
    [found] = reply.body["errors"]
    assert (found["code"], found["field"]) == (code, field), found
    return found["message"]


def bulk(*pairs):
    return {"assignments": [{"admin_id": a, "office_hours_schedule_id": s} for a, s in pairs]}


# --- one teammate -------------------------------------------------------------------------


def test_a_teammate_never_assigned_inherits_their_own_schedule_is_null(api, schedules):
    reply = api.call("GET", admin_url("456"))
    assert (reply.status, reply.body) == (200, admin_office_hours("456", None))


def test_the_vendors_example_assigns_a_teammate_and_reads_it_back(api, schedules):
    # PUT /admins/456/office_hours {"office_hours_schedule_id": "123"} answers the admin_office_hours object
    # (here the schedule is "2": ids are issued from 1)
    headers = {"Intercom-Version": "Preview"}
    reply = api.call("PUT", admin_url("456"), assignment("2"), headers=headers)
    assert (reply.status, reply.body) == (200, admin_office_hours("456", "2"))
    assert api.call("GET", admin_url("456"), headers=headers).body == admin_office_hours("456", "2")
    assert api.call("GET", admin_url("457")).body == admin_office_hours("457", None)  # another teammate


def test_null_clears_a_teammates_own_schedule_so_they_inherit(api, schedules):
    api.call("PUT", admin_url("456"), assignment("1"))
    reply = api.call("PUT", admin_url("456"), assignment(None))
    assert (reply.status, reply.body) == (200, admin_office_hours("456", None))
    assert api.call("GET", admin_url("456")).body == admin_office_hours("456", None)
    assert api.call("GET", ADMINS_OFFICE_HOURS).body["data"] == []


def test_moving_a_teammate_to_another_schedule(api, schedules):
    api.call("PUT", admin_url("456"), assignment("1"))
    assert api.call("PUT", admin_url("456"), assignment("2")).body == admin_office_hours("456", "2")
    assert api.call("GET", ADMINS_OFFICE_HOURS).body["data"] == [admin_office_hours("456", "2")]


@pytest.mark.parametrize("current", ["1", None], ids=["a schedule", "null (inherits)"])
def test_sending_the_current_value_writes_nothing(api, schedules, table_items, dynamodb, current):
    if current is not None:
        api.call("PUT", admin_url("456"), assignment(current))
    before = table_items()
    calls = _calls()
    reply = api.call("PUT", admin_url("456"), assignment(current))
    assert (reply.status, reply.body) == (200, admin_office_hours("456", current))
    assert table_items() == before
    assert calls == ["BatchGetItem"]


@pytest.mark.parametrize(
    "schedule_id",
    ["9", "abc", "01", "0", "1" * 13, "", "x" * 300],
    ids=["unknown", "letters", "leading zero", "zero", "too long", "empty", "long text"],
)
def test_a_schedule_the_workspace_does_not_have_is_422_and_changes_nothing(api, schedules, table_items, schedule_id):
    api.call("PUT", admin_url("456"), assignment("1"))
    before = table_items()
    message = error(
        api.call("PUT", admin_url("456"), assignment(schedule_id)), 422, "data_invalid", "office_hours_schedule_id"
    )
    assert "not found" in message and len(message) < 200
    assert table_items() == before


def test_another_workspaces_schedule_is_unknown(api, schedules, table_items):
    theirs = api.call("POST", SCHEDULES, schedule("Theirs"), tenant="acct2").body["id"]
    before = table_items()
    reply = api.call("PUT", admin_url("456"), assignment("3"))
    assert theirs == "1"  # acct2's own schedule 1; acct1 has no schedule 3
    error(reply, 422, "data_invalid", "office_hours_schedule_id")
    assert table_items() == before
    # and acct2's teammate 456 is not acct1's
    api.call("PUT", admin_url("456"), assignment("1"), tenant="acct2")
    assert api.call("GET", admin_url("456")).body == admin_office_hours("456", None)


@pytest.mark.parametrize("admin_id", ["0456", "abc", "0", "-1", "4.5", "1" * 20, "%20456"])
def test_an_id_that_is_not_a_teammate_id_is_404_on_every_teammate_route(api, schedules, table_items, admin_id):
    before = table_items()
    for method, body in (("GET", None), ("PUT", assignment("1"))):
        message = error(api.call(method, admin_url(admin_id), body), 404, "not_found", "id")
        assert "is not a teammate id" in message
    error(api.call("GET", admin_url(admin_id) + "/status"), 404, "not_found", "id")
    assert table_items() == before


def test_the_largest_teammate_id_is_one(api, schedules):
    largest = "9" * 19
    assert api.call("PUT", admin_url(largest), assignment("1")).body == admin_office_hours(largest, "1")
    assert api.call("GET", ADMINS_OFFICE_HOURS).body["data"] == [admin_office_hours(largest, "1")]


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({}, "parameter_not_found", "office_hours_schedule_id"),
        ({"office_hours_schedule_id": 1}, "parameter_invalid", "office_hours_schedule_id"),
        ({"office_hours_schedule_id": ["1"]}, "parameter_invalid", "office_hours_schedule_id"),
        ({"office_hours_schedule_id": "1", "admin_id": "456"}, "parameter_invalid", "admin_id"),
        (["1"], "parameter_invalid", "body"),
        ("1", "parameter_invalid", "body"),
    ],
    ids=["missing", "a number", "a list", "an unknown field", "an array", "a string"],
)
def test_a_malformed_body_is_400_and_changes_nothing(api, schedules, table_items, body, code, field):
    before = table_items()
    error(api.call("PUT", admin_url("456"), body), 400, code, field)
    assert table_items() == before


def test_a_body_that_is_not_json_is_400(api, schedules):
    error(api.call("PUT", admin_url("456"), raw_body="{"), 400, "parameter_invalid", "body")


def test_reads_take_a_read_only_token_and_writes_refuse_it(api, schedules, table_items):
    read_only, _ = api.tokens.mint("acct1", "read")
    headers = {"Authorization": f"Bearer {read_only}"}
    assert api.call("GET", admin_url("456"), headers=headers).status == 200
    assert api.call("GET", ADMINS_OFFICE_HOURS, headers=headers).status == 200
    before = table_items()
    error(api.call("PUT", admin_url("456"), assignment("1"), headers=headers), 403, "forbidden", None)
    error(api.call("PUT", ADMINS_OFFICE_HOURS, bulk(("456", "1")), headers=headers), 403, "forbidden", None)
    assert table_items() == before


# --- the list ----------------------------------------------------------------------------


def test_the_list_holds_only_teammates_with_their_own_schedule_in_order_of_their_ids(api, schedules):
    for admin_id, schedule_id in (("100", "1"), ("9", "2"), ("10", "1"), ("11", "2")):
        api.call("PUT", admin_url(admin_id), assignment(schedule_id))
    api.call("PUT", admin_url("11"), assignment(None))  # inherits again
    api.call("GET", admin_url("12"))  # asked about, never assigned
    reply = api.call("GET", ADMINS_OFFICE_HOURS)
    assert reply.status == 200, reply.text
    assert reply.body == {
        "type": "list",
        "data": [admin_office_hours("9", "2"), admin_office_hours("10", "1"), admin_office_hours("100", "1")],
        "pages": {"type": "pages", "per_page": 50},  # the last page: no next
    }


def test_pages_follow_the_cursor_and_the_last_one_has_no_next(api, schedules):
    ids = ["3", "5", "7", "20", "21"]
    for admin_id in ids:
        api.call("PUT", admin_url(admin_id), assignment("1"))
    first = api.call("GET", ADMINS_OFFICE_HOURS + "?per_page=2").body
    assert first["data"] == [admin_office_hours("3", "1"), admin_office_hours("5", "1")]
    assert first["pages"] == {"type": "pages", "per_page": 2, "next": {"per_page": 2, "starting_after": "5"}}
    second = api.call("GET", ADMINS_OFFICE_HOURS, query="per_page=2&starting_after=5").body
    assert [entry["admin_id"] for entry in second["data"]] == ["7", "20"]
    assert second["pages"]["next"]["starting_after"] == "20"
    third = api.call("GET", ADMINS_OFFICE_HOURS, query="per_page=2&starting_after=20").body
    assert third["data"] == [admin_office_hours("21", "1")]
    assert third["pages"] == {"type": "pages", "per_page": 2}
    # A page that ends exactly with the last teammate is the last: no next page that would be empty
    exact = api.call("GET", ADMINS_OFFICE_HOURS, query="per_page=5").body
    assert ([e["admin_id"] for e in exact["data"]], exact["pages"]) == (ids, {"type": "pages", "per_page": 5})


def test_a_cursor_of_a_teammate_who_no_longer_has_a_schedule_still_pages_on(api, schedules):
    for admin_id in ("3", "5", "7"):
        api.call("PUT", admin_url(admin_id), assignment("1"))
    cursor = api.call("GET", ADMINS_OFFICE_HOURS + "?per_page=1").body["pages"]["next"]["starting_after"]
    api.call("PUT", admin_url(cursor), assignment(None))
    after = api.call("GET", ADMINS_OFFICE_HOURS, query=f"per_page=5&starting_after={cursor}").body
    assert [entry["admin_id"] for entry in after["data"]] == ["5", "7"]
    # any teammate id is a place to start from
    assert [e["admin_id"] for e in api.call("GET", ADMINS_OFFICE_HOURS + "?starting_after=4").body["data"]] == [
        "5",
        "7",
    ]
    assert api.call("GET", ADMINS_OFFICE_HOURS + "?starting_after=7").body["data"] == []


def test_per_page_above_50_is_reduced_to_50(api, schedules):
    assert api.call("PUT", ADMINS_OFFICE_HOURS, bulk(*((str(n), "1") for n in range(1, 51)))).status == 200
    api.call("PUT", admin_url("51"), assignment("2"))
    for per_page in ("51", "1000", "9" * 5000):
        page = api.call("GET", ADMINS_OFFICE_HOURS, query=f"per_page={per_page}").body
        assert len(page["data"]) == 50
        assert page["pages"] == {"type": "pages", "per_page": 50, "next": {"per_page": 50, "starting_after": "50"}}
    # without per_page: pages of 50 too
    page = api.call("GET", ADMINS_OFFICE_HOURS).body
    assert (len(page["data"]), page["pages"]["per_page"]) == (50, 50)
    last = api.call("GET", ADMINS_OFFICE_HOURS, query="starting_after=50").body
    assert last == {"type": "list", "data": [admin_office_hours("51", "2")], "pages": {"type": "pages", "per_page": 50}}


@pytest.mark.parametrize(
    "query",
    [
        "per_page=0",
        "per_page=-1",
        "per_page=1.5",
        "per_page=abc",
        "per_page=",
        "per_page=%2B5",
        "per_page=1e3",
        "per_page=000",
        "per_page=%EF%BC%95",
        "per_page=5&per_page=5",
    ],
)
def test_a_per_page_that_is_not_a_positive_integer_is_400_naming_it(api, schedules, query):
    message = error(api.call("GET", ADMINS_OFFICE_HOURS, query=query), 400, "parameter_invalid", "per_page")
    assert message.startswith("per_page: ")


@pytest.mark.parametrize("cursor", ["abc", "0", "05", "-5", "1" * 20, ""])
def test_a_cursor_that_is_not_a_teammate_id_is_400_naming_it(api, schedules, cursor):
    error(
        api.call("GET", ADMINS_OFFICE_HOURS, query=f"starting_after={cursor}"),
        400,
        "parameter_invalid",
        "starting_after",
    )


def test_a_long_per_page_is_quoted_cut(api, schedules):
    message = error(
        api.call("GET", ADMINS_OFFICE_HOURS, query="per_page=" + "x" * 3000), 400, "parameter_invalid", "per_page"
    )
    assert "cut: 3000 characters" in message and len(message) < 300


def test_a_page_costs_one_query(api, schedules):
    api.call("PUT", admin_url("456"), assignment("1"))
    calls = _calls()
    api.call("GET", ADMINS_OFFICE_HOURS + "?per_page=1&starting_after=5")
    assert calls == ["Query"]


# --- the bulk update ----------------------------------------------------------------------


def test_the_bulk_update_sets_and_clears_and_answers_every_teammate_in_request_order(api, schedules):
    api.call("PUT", admin_url("789"), assignment("1"))
    api.call("PUT", admin_url("5"), assignment("2"))
    sent = bulk(("456", "1"), ("789", None), ("5", "2"), ("6", None))  # 5 unchanged, 6 already inherits
    reply = api.call("PUT", ADMINS_OFFICE_HOURS, sent, headers={"Intercom-Version": "Preview"})
    assert reply.status == 200, reply.text
    assert reply.body == {
        "type": "list",
        "data": [
            admin_office_hours("456", "1"),
            admin_office_hours("789", None),
            admin_office_hours("5", "2"),
            admin_office_hours("6", None),
        ],
    }
    assert api.call("GET", ADMINS_OFFICE_HOURS).body["data"] == [
        admin_office_hours("5", "2"),
        admin_office_hours("456", "1"),
    ]
    assert api.call("GET", admin_url("789")).body == admin_office_hours("789", None)


def test_fifty_teammates_at_once(api, schedules):
    sent = bulk(*((str(n), "1" if n % 2 else "2") for n in range(1000, 1050)))
    reply = api.call("PUT", ADMINS_OFFICE_HOURS, sent)
    assert reply.status == 200, reply.text
    assert [entry["admin_id"] for entry in api.call("GET", ADMINS_OFFICE_HOURS).body["data"]] == [
        str(n) for n in range(1000, 1050)
    ]
    # and 50 moves at once, each off one schedule onto the other
    moved = bulk(*((str(n), "2" if n % 2 else "1") for n in range(1000, 1050)))
    assert api.call("PUT", ADMINS_OFFICE_HOURS, moved).status == 200
    assert api.call("GET", admin_url("1001")).body == admin_office_hours("1001", "2")


def test_the_largest_bulk_update_fits_one_read_and_one_transaction(api, schedules):
    # 50 teammates, each moved to a schedule of its own: 100 keys read (50 teammates, 50 schedules), 100 items
    # written (50 teammates, 50 schedules' markers), DynamoDB's limits for one BatchGetItem and one transaction
    ids = [api.call("POST", SCHEDULES, schedule(f"Own {n}")).body["id"] for n in range(48)] + schedules
    sent = bulk(*((str(n), schedule_id) for n, schedule_id in zip(range(1, 51), ids, strict=True)))
    calls = _calls()
    reply = api.call("PUT", ADMINS_OFFICE_HOURS, sent)
    assert reply.status == 200, reply.text
    assert calls == ["BatchGetItem", "TransactWriteItems"]
    listed = api.call("GET", ADMINS_OFFICE_HOURS).body["data"]
    assert [(entry["admin_id"], entry["office_hours_schedule_id"]) for entry in listed] == [
        (entry["admin_id"], entry["office_hours_schedule_id"]) for entry in sent["assignments"]
    ]


def test_an_unknown_schedule_in_one_entry_changes_no_teammate(api, schedules, table_items):
    api.call("PUT", admin_url("789"), assignment("1"))
    before = table_items()
    reply = api.call("PUT", ADMINS_OFFICE_HOURS, bulk(("456", "1"), ("789", "9"), ("5", "9")))
    message = error(reply, 422, "data_invalid", "assignments[1].office_hours_schedule_id")
    assert message == "assignments[1].office_hours_schedule_id: schedule 9 not found"
    assert table_items() == before
    malformed = api.call("PUT", ADMINS_OFFICE_HOURS, bulk(("456", "1"), ("5", "2"), ("6", "two")))
    error(malformed, 422, "data_invalid", "assignments[2].office_hours_schedule_id")
    assert table_items() == before


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({}, "parameter_not_found", "assignments"),
        ({"assignments": []}, "parameter_invalid", "assignments"),
        (bulk(*((str(n), "1") for n in range(1, 52))), "parameter_invalid", "assignments"),
        (bulk(("456", "1"), ("789", "2"), ("456", "2")), "parameter_invalid", "assignments[2].admin_id"),
        (bulk(("456", "1"), ("0456", "2")), "parameter_invalid", "assignments[1].admin_id"),
        ({"assignments": [{"office_hours_schedule_id": "1"}]}, "parameter_not_found", "assignments[0].admin_id"),
        ({"assignments": [{"admin_id": "4"}]}, "parameter_not_found", "assignments[0].office_hours_schedule_id"),
        ({"assignments": [{"admin_id": 4, "office_hours_schedule_id": "1"}]}, "parameter_invalid",
         "assignments[0].admin_id"),
        ({"assignments": [{"admin_id": "4", "office_hours_schedule_id": "1", "x": 1}]}, "parameter_invalid",
         "assignments[0].x"),
        ({"assignments": ["4"]}, "parameter_invalid", "assignments[0]"),
        ({"assignments": {"admin_id": "4"}}, "parameter_invalid", "assignments"),
        ({"assignments": [], "extra": 1}, "parameter_invalid", "assignments"),
    ],
    ids=["missing", "empty", "51 entries", "a duplicate", "a malformed admin id", "no admin id", "no schedule id",
         "a number", "an unknown field", "not an object", "not an array", "empty and an unknown field"],
)  # fmt: skip
def test_a_malformed_bulk_update_is_400_naming_the_entry_and_changes_nothing(
    api, schedules, table_items, body, code, field
):
    before = table_items()
    error(api.call("PUT", ADMINS_OFFICE_HOURS, body), 400, code, field)
    assert table_items() == before


def test_a_duplicate_names_both_entries(api, schedules):
    message = error(api.call("PUT", ADMINS_OFFICE_HOURS, bulk(("7", "1"), ("8", "1"), ("7", None))), 400,
                    "parameter_invalid", "assignments[2].admin_id")  # fmt: skip
    assert message == "assignments[2].admin_id: teammate 7 is also assignments[0]; send each once"


def test_a_bulk_update_costs_one_read_and_one_transaction_and_a_no_op_only_the_read(api, schedules):
    calls = _calls()
    api.call("PUT", ADMINS_OFFICE_HOURS, bulk(("456", "1"), ("789", "2"), ("5", None)))
    assert calls == ["BatchGetItem", "TransactWriteItems"]
    calls.clear()
    api.call("PUT", ADMINS_OFFICE_HOURS, bulk(("456", "1"), ("789", "2"), ("5", None)))
    assert calls == ["BatchGetItem"]


def _calls() -> list[str]:
    """The DynamoDB operations the handlers call from now on, in order."""
    from calendar_exceptions import storage

    calls: list[str] = []
    storage.dynamodb_client().meta.events.register("before-call.dynamodb", lambda model, **_: calls.append(model.name))
    return calls
