"""The account's default object of each collection, for the shift status, and the layout it reads.

liveperson/account_config/defaults.read_defaults: at most two strongly consistent round trips, plain dicts.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from calendar_exceptions import storage
from calendar_exceptions.liveperson.account_config.defaults import read_defaults
from tests.builders import SPECIAL_OCCASIONS_API, WORKDAYS_API


@pytest.fixture
def calls(api):
    """The DynamoDB requests made from now on: (operation, parameters)."""
    made: list[tuple[str, dict]] = []
    storage.dynamodb_client().meta.events.register(
        "before-parameter-build.dynamodb", lambda model, params, **_: made.append((model.name, params))
    )
    return made


class Defaults(NamedTuple):
    workday: dict | None
    special_occasion: dict | None


def read(account: str = "acct1") -> Defaults:
    found = read_defaults(storage.dynamodb_client(), storage.table_name(), account)
    return Defaults(found[WORKDAYS_API.kind], found[SPECIAL_OCCASIONS_API.kind])


def _consistent_batch_gets(calls) -> None:
    assert [name for name, _ in calls] in (["BatchGetItem"], ["BatchGetItem", "BatchGetItem"]), calls
    for _, params in calls:
        assert all(request["ConsistentRead"] is True for request in params["RequestItems"].values())


def test_both_defaults_in_two_consistent_round_trips(api, calls):
    # Given an account with a default special occasion and a default workday, among others
    api.call(
        "POST",
        SPECIAL_OCCASIONS_API.url(),
        [SPECIAL_OCCASIONS_API.body("Other"), SPECIAL_OCCASIONS_API.body("Xmas", isDefault=True)],
    )
    api.call("POST", WORKDAYS_API.url(), [WORKDAYS_API.body("Hours", isDefault=True), WORKDAYS_API.body("Spare")])
    calls.clear()
    # When both defaults are read
    defaults = read()
    # Then they are the stored defaults, in two strongly consistent BatchGetItem calls
    assert defaults.special_occasion is not None and defaults.workday is not None
    assert defaults.special_occasion == api.call("GET", SPECIAL_OCCASIONS_API.url() + "/2").body
    assert defaults.workday == api.call("GET", WORKDAYS_API.url() + "/1").body
    assert [name for name, _ in calls[:2]] == ["BatchGetItem", "BatchGetItem"]
    _consistent_batch_gets(calls[:2])


def test_an_account_without_defaults_answers_none_for_each(api, calls):
    assert read("nobody") == Defaults(None, None)
    _consistent_batch_gets(calls)
    api.call("POST", SPECIAL_OCCASIONS_API.url(), [SPECIAL_OCCASIONS_API.body("Not default")])
    api.call("POST", WORKDAYS_API.url(), [WORKDAYS_API.body("Default", isDefault=True)])
    defaults = read()
    assert defaults.special_occasion is None
    assert defaults.workday is not None and defaults.workday["name"] == "Default"


def test_a_default_swap_or_delete_changes_the_answer(api):
    api.call("POST", WORKDAYS_API.url(), [WORKDAYS_API.body("A", isDefault=True), WORKDAYS_API.body("B")])
    assert read().workday["name"] == "A"
    b = api.call("GET", WORKDAYS_API.url() + "/2").body
    assert api.call("PUT", WORKDAYS_API.url(), [dict(b, isDefault=True)], {"If-Match": "1"}).status == 200
    assert read().workday["name"] == "B"
    assert api.call("DELETE", WORKDAYS_API.url() + "/2", headers={"If-Match": "2"}).status == 200
    assert read().workday is None


def test_each_collection_has_its_own_partition_revision_and_ids(api, dynamodb):
    # The layout other readers rely on: partition ACCOUNT#<account>#SPECIALOCCASION / #WORKINGHOURS,
    # head at sk #HEAD (revision, last_id, default_id, index), objects at OCCASION#<id:012d> / WORKDAY#<id:012d>.
    api.call("POST", SPECIAL_OCCASIONS_API.url(), [SPECIAL_OCCASIONS_API.body("O", isDefault=True)])
    api.call("POST", SPECIAL_OCCASIONS_API.url(), [SPECIAL_OCCASIONS_API.body("P")])
    created = api.call("POST", WORKDAYS_API.url(), [WORKDAYS_API.body("W", isDefault=True)])
    assert (created.revision, created.body[0]["id"]) == ("1", 1)
    items = dynamodb.scan(TableName=storage.table_name())["Items"]
    keys = sorted(
        (i["pk"]["S"], i["sk"]["S"]) for i in items if "#TOKEN" not in i["pk"]["S"] and "TOKEN#" not in i["pk"]["S"]
    )
    assert keys == [
        ("ACCOUNT#acct1#SPECIALOCCASION", "#HEAD"),
        ("ACCOUNT#acct1#SPECIALOCCASION", "OCCASION#000000000001"),
        ("ACCOUNT#acct1#SPECIALOCCASION", "OCCASION#000000000002"),
        ("ACCOUNT#acct1#WORKINGHOURS", "#HEAD"),
        ("ACCOUNT#acct1#WORKINGHOURS", "WORKDAY#000000000001"),
    ]
    head = next(i for i in items if i["pk"]["S"] == "ACCOUNT#acct1#WORKINGHOURS" and i["sk"]["S"] == "#HEAD")
    assert {"revision", "last_id", "default_id", "index"} <= set(head)
    assert (head["revision"]["N"], head["last_id"]["N"], head["default_id"]["N"]) == ("1", "1", "1")
    workday = next(i for i in items if i["sk"]["S"] == "WORKDAY#000000000001")
    assert {"id", "name", "description", "isDefault", "deleted", "events"} <= set(workday)


def test_a_default_swapped_between_the_two_round_trips_is_read_again(api, monkeypatch):
    # Given workday A the default, and a swap to B landing just after the heads were read
    from calendar_exceptions.liveperson.account_config import defaults

    api.call("POST", WORKDAYS_API.url(), [WORKDAYS_API.body("A", isDefault=True), WORKDAYS_API.body("B")])
    b = api.call("GET", WORKDAYS_API.url() + "/2").body
    real_get_keys, reads = defaults.get_keys, []

    def get_keys_then_swap(client, table, keys):
        found = real_get_keys(client, table, keys)
        reads.append(len(keys))
        if len(reads) == 1:
            assert api.call("PUT", WORKDAYS_API.url(), [dict(b, isDefault=True)], {"If-Match": "1"}).status == 200
        return found

    monkeypatch.setattr(defaults, "get_keys", get_keys_then_swap)
    # When the defaults are read, then the answer is the new default, never A once it no longer is
    assert read().workday["name"] == "B"
    assert len(reads) == 4
