"""The shift status of a skill with its own hours, and of every skill of an account, through the real handlers.

Vendor facts (LivePerson's working hours best practices, "Clarifications"; Shift Status API):
workdays and special occasions set as the account default apply to all skills unless the skill
specifies its own; a skill's own workdays object replaces the account's workdays and its own
special occasions object replaces the account's special occasions, the two independently; to
give a skill no special occasions while the account has a default, assign it a special
occasions object with an empty list of occasions. A skill id the account does not have answers
the account level. `GET /api/account/{accountId}/shift-status` answers one entry per skill.

Instants (Warsaw is UTC+1 in December; 2026-12-14 is a Monday):
2026-12-14T00:00Z = 1797206400000; `at` is Monday 10:00 Warsaw = 09:00Z = 1797238800000.
"""

from __future__ import annotations

from typing import Any

import pytest

from calendar_exceptions import storage
from tests.builders import OFFICE, SKILLS_API, SPECIAL_OCCASIONS_API, WORKDAYS_API, shift, skill
from tests.builders import occasion_event as event

ACCOUNT = "acct1"
AT = "1797238800000"  # Monday 2026-12-14 10:00 Warsaw
MON_15Z, MON_16Z, MON_21Z, MON_23Z = 1797260400000, 1797264000000, 1797282000000, 1797289200000
TUE_05Z, TUE_08Z, TUE_16Z = 1797310800000, 1797321600000, 1797350400000

# The account's hours: its default workdays object Mon-Fri 09:00-17:00 (id 1); another, Monday
# nights 22:00-06:00 (id 2). Its default special occasions object closes Monday 2026-12-14
# (id 1); another opens that Monday evening only, 16:00-22:00 (id 2); a third holds no
# occasion at all (id 3).
OFFICE_HOURS = {"name": "Office", "description": "", "isDefault": True, "events": OFFICE["events"]}
NIGHTS = {
    "name": "Nights",
    "description": "",
    "isDefault": False,
    "events": [shift("2026-12-07T22:00:00", "2026-12-08T06:00:00")],
}
CLOSED_MONDAY = {
    "name": "Closed Monday",
    "description": "",
    "isDefault": True,
    "events": [event("2026-12-14", "2026-12-15", working=False)],  # the whole Monday: the end date is exclusive
}
OPEN_EVENING = {
    "name": "Open evening",
    "description": "",
    "isDefault": False,
    "events": [event("2026-12-14T16:00:00", "2026-12-14T22:00:00")],
}
NO_OCCASIONS = {"name": "None", "description": "", "isDefault": False, "events": []}


@pytest.fixture
def account(api) -> None:
    assert api.call("POST", WORKDAYS_API.url(), [OFFICE_HOURS, NIGHTS]).status == 200
    occasions = [CLOSED_MONDAY, OPEN_EVENING, NO_OCCASIONS]
    assert api.call("POST", SPECIAL_OCCASIONS_API.url(), occasions).status == 200


def skills(api, *bodies: dict[str, Any]) -> None:
    reply = api.call("POST", SKILLS_API.url(), list(bodies))
    assert reply.status == 200, reply.text


def skill_status(api, skill_id: int, at: str = AT) -> dict[str, Any]:
    reply = api.call("GET", f"/api/account/{ACCOUNT}/skills/{skill_id}/shift-status-skill", query=f"at={at}")
    assert reply.status == 200, reply.text
    return reply.body


def account_status(api, at: str | None = AT, **kwargs: Any):
    return api.call("GET", f"/api/account/{ACCOUNT}/shift-status", query="" if at is None else f"at={at}", **kwargs)


# The answers at AT, by what applies.
ACCOUNT_LEVEL = {"onShift": False, "nextOn": TUE_08Z, "nextOff": TUE_16Z}  # closed on Monday
OWN_OCCASION = {"onShift": False, "nextOn": MON_15Z, "nextOff": MON_21Z}  # open 16:00-22:00 only
NO_OCCASION = {"onShift": True, "nextOn": TUE_08Z, "nextOff": MON_16Z}  # the office hours
# The Monday 22:00 night shift is cut at Tuesday's midnight (Monday closed): 00:00-06:00 Warsaw.
OWN_WORKDAYS = {"onShift": False, "nextOn": MON_23Z, "nextOff": TUE_05Z}


@pytest.mark.usefixtures("account")
def test_a_skills_own_objects_replace_the_account_defaults_each_on_its_own(api):
    skills(
        api,
        skill("Account level"),  # 1
        skill("Own occasion", specialOccasionId=2),  # 2
        skill("No occasions", specialOccasionId=3),  # 3
        skill("Own workdays", workingHoursId=2),  # 4
        skill("Both", workingHoursId=2, specialOccasionId=3),  # 5
    )
    assert skill_status(api, 1) == {"skillId": 1, **ACCOUNT_LEVEL}
    assert skill_status(api, 2) == {"skillId": 2, **OWN_OCCASION}
    assert skill_status(api, 3) == {"skillId": 3, **NO_OCCASION}
    assert skill_status(api, 4) == {"skillId": 4, **OWN_WORKDAYS}
    # Monday nights 22:00-06:00, no occasion: Monday 22:00 Warsaw = 21:00Z until Tuesday 06:00 = 05:00Z
    assert skill_status(api, 5) == {"skillId": 5, "onShift": False, "nextOn": MON_21Z, "nextOff": TUE_05Z}


@pytest.mark.usefixtures("account")
def test_a_skill_id_the_account_does_not_have_answers_the_account_level(api):
    skills(api, skill("Own occasion", specialOccasionId=2))
    assert skill_status(api, 42) == {"skillId": 42, **ACCOUNT_LEVEL}


@pytest.mark.usefixtures("account")
def test_a_changed_reference_changes_the_answer(api):
    skills(api, skill("S", specialOccasionId=2))
    assert skill_status(api, 1) == {"skillId": 1, **OWN_OCCASION}
    stored = api.call("GET", SKILLS_API.url() + "/1").body
    assert api.call("PUT", SKILLS_API.url(), [dict(stored, specialOccasionId=3)], {"If-Match": "1"}).status == 200
    assert skill_status(api, 1) == {"skillId": 1, **NO_OCCASION}


# --- every skill of the account ---------------------------------------------------------------


@pytest.mark.usefixtures("account")
def test_the_account_route_answers_every_skill_in_ascending_id_as_the_skill_route_does(api):
    skills(api, skill("A", specialOccasionId=2), skill("B"), skill("C", workingHoursId=2), skill("D"))
    # A skill created after another was deleted: ids ascend, not creation order
    assert api.call("DELETE", SKILLS_API.url() + "/2", headers={"If-Match": "1"}).status == 200
    skills(api, skill("E", specialOccasionId=3))
    reply = account_status(api)
    assert reply.status == 200, reply.text
    assert reply.headers["content-type"] == "application/json"
    assert reply.headers["cache-control"] == "no-store"
    assert reply.body == [
        {"skillId": 1, **OWN_OCCASION},
        {"skillId": 3, **OWN_WORKDAYS},
        {"skillId": 4, **ACCOUNT_LEVEL},
        {"skillId": 5, **NO_OCCASION},
    ]
    assert reply.body == [skill_status(api, entry["skillId"]) for entry in reply.body]


def test_an_account_without_skills_answers_an_empty_array(api):
    reply = account_status(api)
    assert (reply.status, reply.body) == (200, [])
    assert account_status(api, at=None).body == []


@pytest.mark.usefixtures("account")
def test_without_at_the_account_route_answers_for_the_request_time(api):
    skills(api, skill("A"))
    assert account_status(api, at=None, request_time=int(AT) // 1000).body == [{"skillId": 1, **ACCOUNT_LEVEL}]


@pytest.mark.parametrize("query", ["at=", "at=-1", "at=1.5", "at=1&at=1", "at=253339228800001"])
def test_a_malformed_at_is_400_naming_at(api, query):
    reply = api.call("GET", f"/api/account/{ACCOUNT}/shift-status", query=query)
    assert reply.status == 400
    assert reply.body["type"] == "shiftstatus"
    assert reply.body["message"].startswith("at:")


def test_another_account_is_403_and_no_token_401(api):
    reply = api.call("GET", "/api/account/other/shift-status")
    assert reply.status == 403
    assert reply.body == {"type": "shiftstatus", "internalCode": 21, "message": "Not allowed to access account 'other'"}
    assert api.call("GET", f"/api/account/{ACCOUNT}/shift-status", tenant=None).status == 401


# --- cost ---------------------------------------------------------------------------------------


@pytest.fixture
def calls(api) -> list[tuple[str, dict[str, Any]]]:
    made: list[tuple[str, dict[str, Any]]] = []
    storage.dynamodb_client().meta.events.register(
        "provide-client-params.dynamodb", lambda model, params, **_: made.append((model.name, params))
    )
    return made


def _keys(calls: list[tuple[str, dict[str, Any]]]) -> list[int]:
    assert {name for name, _ in calls} == {"BatchGetItem"}, calls
    requests = [params["RequestItems"][storage.table_name()] for _, params in calls]
    assert all(request["ConsistentRead"] for request in requests)
    return [len(request["Keys"]) for request in requests]


@pytest.mark.usefixtures("account")
def test_thirty_skills_cost_two_round_trips_and_each_distinct_pair_is_computed_once(api, calls, monkeypatch):
    from calendar_exceptions.liveperson.shift_status import statuses

    computed: list[tuple[Any, Any]] = []
    real_status = statuses.status

    def counted(workday, occasion, at):
        computed.append((workday and workday["id"], occasion and occasion["id"]))
        return real_status(workday, occasion, at)

    monkeypatch.setattr(statuses, "status", counted)
    # Given 30 skills over three pairs of objects: (1, 1) the defaults, (2, 1), (1, 3)
    pairs = [{}, {"workingHoursId": 2}, {"specialOccasionId": 3}]
    skills(api, *[skill(f"S{n}", **pairs[n % 3]) for n in range(30)])
    account_status(api)  # the token looked up
    calls.clear()
    computed.clear()
    # When every skill's status is asked
    reply = account_status(api)
    # Then two strongly consistent round trips: the three heads, then the four objects the pairs use
    assert _keys(calls) == [3, 4]
    assert [entry["skillId"] for entry in reply.body] == list(range(1, 31))
    assert sorted(computed) == [(1, 1), (1, 3), (2, 1)]


def test_without_skills_one_round_trip(api, calls):
    account_status(api)
    calls.clear()
    assert account_status(api).body == []
    assert _keys(calls) == [3]


def test_past_a_hundred_distinct_objects_one_more_read_per_hundred(api, calls):
    # Given 120 skills, each with its own workdays object (no defaults)
    for first in range(0, 120, 40):
        bodies = [WORKDAYS_API.body(f"W{n}") for n in range(first, first + 40)]
        assert api.call("POST", WORKDAYS_API.url(), bodies).status == 200
        skills(api, *[skill(f"S{n}", workingHoursId=n + 1) for n in range(first, first + 40)])
    account_status(api)
    calls.clear()
    reply = account_status(api)
    # Then the heads, then the 120 objects, at most 100 keys per BatchGetItem
    assert _keys(calls) == [3, 100, 20]
    assert len(reply.body) == 120


@pytest.mark.usefixtures("account")
def test_the_skill_route_costs_two_round_trips(api, calls):
    skills(api, skill("A", workingHoursId=2))
    skill_status(api, 1)
    calls.clear()
    skill_status(api, 1)
    # The two heads and the skill; then its own workdays object and the two defaults
    assert _keys(calls) == [3, 3]


@pytest.mark.usefixtures("account")
def test_a_reference_changed_between_the_two_reads_is_read_again(api, monkeypatch):
    # Given skill 1 with the night shifts, moved to the office hours and the night shifts deleted
    # just after the first read: its object is gone when the second read looks for it
    from calendar_exceptions.liveperson.account_config import defaults

    skills(api, skill("A", workingHoursId=2))
    stored = api.call("GET", SKILLS_API.url() + "/1").body
    real_get_keys, reads = defaults.get_keys, []

    def get_keys_then_move(client, table, keys):
        found = real_get_keys(client, table, keys)
        reads.append(len(keys))
        if len(reads) == 1:
            moved = api.call("PUT", SKILLS_API.url(), [dict(stored, workingHoursId=1)], {"If-Match": "1"})
            assert moved.status == 200
            assert api.call("DELETE", WORKDAYS_API.url() + "/2", headers={"If-Match": "1"}).status == 200
        return found

    monkeypatch.setattr(defaults, "get_keys", get_keys_then_move)
    # Then the answer is the office hours' (the account level), read again
    assert skill_status(api, 1) == {"skillId": 1, **ACCOUNT_LEVEL}
    assert len(reads) == 4
