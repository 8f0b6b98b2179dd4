"""The Skills API (`/api/account/{accountId}/configuration/le-users/skills`): the entity and its references.

What skills share with the other LivePerson collections (revisions, If-Match, 304, `v`, ids,
unique names, limits, errors) is tested on every collection in test_collections_crud.py and
test_collections_update.py. Here: the vendor's Skill fields and types (the Skills API
appendix: `name` required and unique, `id` and `deleted` read only, `maxWaitTime` "defaults
to 120", `canTransfer` "default true", `dateUpdated` "year-month-date hrs:min:sec"), the two
hours references, and what they do to deletes of what they reference.
"""

from __future__ import annotations

from typing import Any

import pytest

from calendar_exceptions import storage
from tests.builders import SKILLS_API, SPECIAL_OCCASIONS_API, VENDOR_SKILL, WORKDAYS_API, skill

SKILLS = SKILLS_API.url()
WORKDAYS = WORKDAYS_API.url()
OCCASIONS = SPECIAL_OCCASIONS_API.url()


def post(api, *bodies: dict[str, Any], url: str = SKILLS, **kwargs: Any):
    return api.call("POST", url, list(bodies), **kwargs)


def listed(api, url: str = SKILLS) -> tuple[str | None, Any]:
    reply = api.call("GET", url)
    return reply.revision, reply.body


@pytest.fixture
def hours(api) -> None:
    """Workdays objects 1 and 2 and special occasions object 1 of acct1."""
    assert (
        post(api, WORKDAYS_API.body("Office", isDefault=True), WORKDAYS_API.body("Nights"), url=WORKDAYS).status == 200
    )
    assert post(api, SPECIAL_OCCASIONS_API.body("Holidays"), url=OCCASIONS).status == 200


# --- the entity --------------------------------------------------------------------------------


def test_the_vendors_example_skill_is_stored_and_answered_as_sent(api, hours):
    body = {**VENDOR_SKILL, "workingHoursId": 2, "specialOccasionId": 1}
    created = api.call("POST", SKILLS, body)
    assert created.status == 200, created.text
    assert created.body == {"id": 1, **body}
    assert created.revision == "1"
    assert api.call("GET", SKILLS + "/1").body == created.body
    assert listed(api) == ("1", [created.body])


def test_a_skill_with_a_name_only_gets_the_vendors_defaults(api):
    created = post(api, {"name": "Sales"})
    assert created.status == 200, created.text
    assert created.body == [{"id": 1, "deleted": False, "name": "Sales", "maxWaitTime": 120, "canTransfer": True}]


def test_null_is_as_absent_and_is_not_answered(api, hours):
    created = post(api, skill("A", workingHoursId=None, specialOccasionId=None, lobIds=None, description=None))
    assert created.status == 200, created.text
    assert "workingHoursId" not in created.body[0]
    assert "description" not in created.body[0]
    assert api.call("GET", SKILLS + "/1").body == created.body[0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("skillOrder", "1"),
        ("skillOrder", 2**31),
        ("maxWaitTime", 1.5),
        ("maxWaitTime", -1),
        ("maxWaitTime", None),
        ("canTransfer", "true"),
        ("canTransfer", None),
        ("wrapUpTime", -1),
        ("slaUrgentResponseTime", True),
        ("lobIds", ["766661812"]),
        ("lobIds", [0]),
        ("lobIds", 766661812),
        ("skillTransferList", [2**63]),
        ("workingHoursId", 0),
        ("workingHoursId", "1"),
        ("specialOccasionId", 1.0),
        ("defaultAgentSurveyId", 12),
        ("description", "d" * 201),
        ("dateUpdated", "2015-11-25T14:18:11"),
        ("dateUpdated", "2015-11-25"),
        ("dateUpdated", "2015-02-30 14:18:11"),
        ("dateUpdated", "2015-11-25 24:00:00"),
        ("skillRoutingConfiguration", [{"priority": 1, "splitPercentage": 10}]),
        ("skillRoutingConfiguration", [{"priority": 0, "splitPercentage": 10, "agentGroupId": 1}]),
        ("skillRoutingConfiguration", [{"priority": 1, "splitPercentage": 101, "agentGroupId": 1}]),
        ("skillRoutingConfiguration", [{"priority": 1, "splitPercentage": 10, "agentGroupId": 1, "x": 1}]),
        ("name", ""),
        ("name", " \u200b "),
        ("name", "n" * 51),
        ("deleted", True),
        ("isDefault", False),
        ("events", []),
        ("skillname", "typo"),
    ],
)
def test_a_value_of_the_wrong_type_or_range_is_400_naming_its_field_and_stores_nothing(api, table_items, field, value):
    before = table_items()
    reply = post(api, skill("A"), {**skill("B"), field: value})
    assert reply.status == 400, reply.text
    assert reply.body["type"] == "skills"
    assert reply.body["internalCode"] == 10
    assert reply.body["message"].startswith(f"[1].{field}"), reply.body["message"]
    assert table_items() == before


def test_a_skill_without_a_name_is_400(api):
    reply = post(api, {"description": "nameless"})
    assert reply.status == 400
    assert reply.body["message"] == "[0].name: is required"


def test_names_are_unique_as_names_are_compared_elsewhere(api):
    assert post(api, skill("Café")).status == 200
    for same in ("cafe\u0301", " CAFÉ "):
        reply = post(api, skill(same))
        assert reply.status == 400, same
        assert reply.body["message"].startswith("[0].name: "), reply.body["message"]
        assert "already the name of skill 1" in reply.body["message"]
    assert post(api, skill("Cafe")).status == 200


def test_skills_have_no_default(api, dynamodb):
    # No isDefault in the vendor's entity: refused as an unknown field (above); the head keeps no default
    post(api, skill("A"), skill("B"))
    head = dynamodb.get_item(TableName=storage.table_name(), Key=SKILLS_API.kind.layout.head_key("acct1"))["Item"]
    assert "default_id" not in head
    assert all("isDefault" not in s for s in listed(api)[1])


def test_the_routes_are_under_le_users(api):
    assert SKILLS == "/api/account/acct1/configuration/le-users/skills"
    assert api.call("GET", SKILLS).status == 200


# --- references: workingHoursId and specialOccasionId ------------------------------------------------


def test_a_skill_may_name_a_workdays_and_a_special_occasions_object_of_its_account(api, hours):
    created = post(api, skill("A", workingHoursId=2, specialOccasionId=1), skill("B", workingHoursId=1))
    assert created.status == 200, created.text
    assert [(s["id"], s.get("workingHoursId"), s.get("specialOccasionId")) for s in created.body] == [
        (1, 2, 1),
        (2, 1, None),
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"workingHoursId": 3}, "[1].workingHoursId: 3 is not the id of a workday object of this account"),
        (
            {"specialOccasionId": 2},
            "[1].specialOccasionId: 2 is not the id of a special occasion object of this account",
        ),
        # A workdays object's id is not a special occasions object's
        ({"workingHoursId": 2, "specialOccasionId": 2}, "[1].specialOccasionId: 2 is not the id of a special occasion"),
    ],
)
def test_a_reference_to_no_stored_object_is_400_naming_the_field_and_stores_nothing(
    api, hours, table_items, fields, message
):
    before = table_items()
    reply = post(api, skill("A", workingHoursId=1), skill("B", **fields))
    assert reply.status == 400, reply.text
    assert reply.body["message"].startswith(message), reply.body["message"]
    assert table_items() == before


def test_another_accounts_objects_are_not_this_accounts(api, hours):
    # acct2 has no workdays: acct1's workdays object 1 is no id of acct2's
    reply = api.call("POST", SKILLS_API.url("acct2"), [skill("A", workingHoursId=1)], tenant="acct2")
    assert reply.status == 400
    assert reply.body["message"].startswith("[0].workingHoursId: 1 is not the id")


def test_an_update_may_take_on_change_or_drop_a_reference(api, hours):
    [a] = post(api, skill("A", workingHoursId=1)).body
    moved = api.call("PUT", SKILLS, [dict(a, workingHoursId=2, specialOccasionId=1)], {"If-Match": "1"})
    assert moved.status == 200, moved.text
    missing = api.call("PUT", SKILLS, [dict(a, workingHoursId=9)], {"If-Match": "2"})
    assert missing.status == 400
    assert missing.body["message"].startswith("[0].workingHoursId: 9 is not the id")
    dropped = {k: v for k, v in a.items() if k != "workingHoursId"}
    assert api.call("PUT", SKILLS, [dropped], {"If-Match": "2"}).status == 200
    assert api.call("GET", SKILLS + "/1").body == dropped


def _transactions(calls: list[tuple[str, dict[str, Any]]]) -> list[list[str]]:
    """The kinds of items (Put, ConditionCheck, ...) of each TransactWriteItems made."""
    return [
        [next(iter(item)) for item in params["TransactItems"]] for name, params in calls if name == "TransactWriteItems"
    ]


@pytest.fixture
def calls(api) -> list[tuple[str, dict[str, Any]]]:
    made: list[tuple[str, dict[str, Any]]] = []
    storage.dynamodb_client().meta.events.register(
        "provide-client-params.dynamodb", lambda model, params, **_: made.append((model.name, params))
    )
    return made


def test_references_are_checked_in_the_writes_own_transaction(api, hours, calls):
    # Given a fresh environment, when a skill naming both objects is created
    from calendar_exceptions.liveperson.account_config import api as account_config_api

    account_config_api.service.cache_clear()
    calls.clear()
    assert post(api, skill("A", workingHoursId=1, specialOccasionId=1)).status == 200
    # Then it costs what any create costs: the head, then one transaction that checks both collections' heads
    assert [name for name, _ in calls] == ["GetItem", "TransactWriteItems"]
    assert _transactions(calls) == [["Put", "Put", "ConditionCheck", "ConditionCheck"]]
    # And a reference a skill keeps is not checked again: what it names cannot have been deleted since
    calls.clear()
    [a] = listed(api)[1]
    assert api.call("PUT", SKILLS, [dict(a, description="again")], {"If-Match": "1"}).status == 200
    assert _transactions(calls) == [["Put", "Put"]]


def test_a_delete_of_workdays_checks_the_skills_head_in_its_own_transaction(api, hours, calls):
    calls.clear()
    assert api.call("DELETE", WORKDAYS + "/2", headers={"If-Match": "1"}).status == 200
    assert [name for name, _ in calls] == ["GetItem", "TransactWriteItems"]
    assert _transactions(calls) == [["Put", "Delete", "ConditionCheck"]]


# --- deleting what skills reference --------------------------------------------------------------


def test_deleting_a_workdays_object_a_skill_uses_is_409_naming_the_skills_and_changes_nothing(api, hours, table_items):
    post(api, skill("A", workingHoursId=2), skill("B"), skill("C", workingHoursId=2, specialOccasionId=1))
    before = table_items()
    reply = api.call("DELETE", WORKDAYS + "/2", headers={"If-Match": "1"})
    assert reply.status == 409, reply.text
    assert reply.body == {
        "type": "workinghours",
        "internalCode": 13,
        "message": "Workday 2 is used by skills 1, 3 (their workingHoursId); nothing was deleted: "
        "change or delete those skills first",
    }
    assert table_items() == before
    occasion = api.call("DELETE", OCCASIONS + "/1", headers={"If-Match": "1"})
    assert occasion.status == 409
    assert occasion.body["type"] == "specialoccasion"
    assert occasion.body["message"].startswith("Special occasion 1 is used by skill 3 (their specialOccasionId)")
    assert table_items() == before


def test_deleting_several_objects_of_which_one_is_used_deletes_none(api, hours, table_items):
    post(api, skill("A", workingHoursId=1))
    before = table_items()
    reply = api.call("DELETE", WORKDAYS + "/2,1", headers={"If-Match": "1"})
    assert reply.status == 409
    assert reply.body["message"].startswith("Workday 1 is used by skill 1 ")
    assert table_items() == before


def test_once_no_skill_uses_it_the_object_can_be_deleted(api, hours):
    [a, b] = post(api, skill("A", workingHoursId=2), skill("B", workingHoursId=2)).body
    # A's reference moves to object 1, B is deleted: nothing uses object 2 any more
    assert api.call("PUT", SKILLS, [dict(a, workingHoursId=1)], {"If-Match": "1"}).status == 200
    assert api.call("DELETE", WORKDAYS + "/2", headers={"If-Match": "1"}).status == 409
    assert api.call("DELETE", SKILLS + f"/{b['id']}", headers={"If-Match": "2"}).status == 200
    assert api.call("DELETE", WORKDAYS + "/2", headers={"If-Match": "1"}).status == 200
    # And object 1, still used by A, is not
    assert api.call("DELETE", WORKDAYS + "/1", headers={"If-Match": "2"}).status == 409


def test_the_skills_head_lists_the_skills_using_each_object(api, hours, dynamodb):
    # The layout the deletes' conditions read (liveperson/account_config/references.py)
    post(api, skill("A", workingHoursId=2), skill("B", workingHoursId=2, specialOccasionId=1), skill("C"))
    head = dynamodb.get_item(TableName=storage.table_name(), Key=SKILLS_API.kind.layout.head_key("acct1"))["Item"]
    uses = {name: storage.from_item({name: value})[name] for name, value in head.items() if name.startswith("uses#")}
    assert uses == {"uses#WORKINGHOURS#2": [1, 2], "uses#SPECIALOCCASION#1": [2]}
    assert storage.from_item(head)["index"]["2"]["refs"] == {"workingHoursId": 2, "specialOccasionId": 1}


# --- the races, decided: one write lands between the other's read and its transaction ------------


def _landing_first(monkeypatch, kind, write) -> None:
    """Make the next commit of `kind`'s collection run `write()` just before its transaction."""
    from calendar_exceptions.liveperson.account_config.repository import CollectionRepository

    real_commit, done = CollectionRepository.commit, []

    def commit(self, *args, **kwargs):
        if self._kind is kind and not done:
            done.append(write())
        return real_commit(self, *args, **kwargs)

    monkeypatch.setattr(CollectionRepository, "commit", commit)


def test_a_skill_create_whose_workdays_object_is_deleted_before_its_transaction_is_400(api, hours, monkeypatch):
    deleted = lambda: api.call("DELETE", WORKDAYS + "/2", headers={"If-Match": "1"}).status  # noqa: E731
    _landing_first(monkeypatch, SKILLS_API.kind, deleted)
    reply = post(api, skill("A", workingHoursId=2))
    assert reply.status == 400, reply.text
    assert reply.body["message"].startswith("[0].workingHoursId: 2 is not the id of a workday object")
    assert listed(api) == ("0", [])
    assert api.call("GET", WORKDAYS + "/2").status == 404


def test_a_delete_whose_object_a_skill_takes_on_before_its_transaction_is_409(api, hours, monkeypatch):
    created = lambda: post(api, skill("A", workingHoursId=2)).status  # noqa: E731
    _landing_first(monkeypatch, WORKDAYS_API.kind, created)
    reply = api.call("DELETE", WORKDAYS + "/2", headers={"If-Match": "1"})
    assert reply.status == 409, reply.text
    assert reply.body["message"].startswith("Workday 2 is used by skill 1 ")
    assert api.call("GET", WORKDAYS + "/2").status == 200
    assert listed(api)[1][0]["workingHoursId"] == 2
