"""PUT on each LivePerson collection (special occasions, workdays): the operation the product is built around.

Every rule here is the same for every collection, so each test runs on each (the `kind`
fixture; the rules of the default on those that have one, the `defaulted` fixture); the vendor
page's own example is a special occasion.
"""

from __future__ import annotations

import copy

import pytest

from tests.builders import SEED_PAGE_OCCASION, SPECIAL_OCCASIONS_API


def create(api, kind, *bodies):
    reply = api.call("POST", kind.url(), list(bodies))
    assert reply.status == 200, reply.text
    return reply.body, int(reply.revision)


def stored(api, kind):
    reply = api.call("GET", kind.url())
    assert reply.status == 200
    return reply.body, int(reply.revision)


def test_seed_page_request_body_is_accepted(api):
    kind = SPECIAL_OCCASIONS_API
    # Given the vendor page's occasion, created
    [created], revision = create(api, kind, SEED_PAGE_OCCASION)
    # When the page's exact request body is PUT with its id
    body = [{"id": created["id"], **SEED_PAGE_OCCASION, "description": "changed"}]
    reply = api.call("PUT", kind.url(), body, {"If-Match": str(revision)})
    # Then it is accepted and answered in the vendor's shape
    assert reply.status == 200, reply.text
    assert reply.body == body
    assert int(reply.revision) == revision + 1


def test_update_returns_objects_in_request_order_and_new_revision(api, kind):
    created, revision = create(api, kind, kind.body("A"), kind.body("B"), kind.body("C"))
    a, b, c = created
    update = [dict(c, description="c2"), dict(a, description="a2")]
    reply = api.call("PUT", kind.url(), update, {"If-Match": str(revision)})
    assert reply.status == 200
    assert [o["id"] for o in reply.body] == [c["id"], a["id"]]
    assert reply.body == update
    assert reply.revision == str(revision + 1)
    assert reply.headers["content-type"] == "application/json"
    listed, listed_revision = stored(api, kind)
    assert listed_revision == revision + 1
    assert {o["id"]: o["description"] for o in listed} == {a["id"]: "a2", b["id"]: b["description"], c["id"]: "c2"}


def test_unchanged_objects_answer_304_and_keep_the_revision(api, kind):
    created, revision = create(api, kind, kind.body("A"), kind.body("B"))
    reply = api.call("PUT", kind.url(), created, {"If-Match": str(revision)})
    assert reply.status == 304
    assert reply.text == ""
    assert reply.revision == str(revision)
    assert stored(api, kind) == (created, revision)


def test_stale_revision_is_409_and_changes_nothing(api, kind):
    created, revision = create(api, kind, kind.body("A"))
    before = stored(api, kind)
    reply = api.call("PUT", kind.url(), [dict(created[0], description="x")], {"If-Match": str(revision - 1)})
    assert reply.status == 409
    assert reply.body["internalCode"] == 13
    assert "revision" in reply.body["message"]
    assert stored(api, kind) == before


def test_stale_revision_wins_over_304(api, kind):
    created, revision = create(api, kind, kind.body("A"))
    reply = api.call("PUT", kind.url(), created, {"If-Match": str(revision + 5)})
    assert reply.status == 409


@pytest.mark.parametrize("if_match", ["", "  ", "abc", "1.5", "-1", "*"])
def test_missing_or_malformed_if_match_is_400(api, kind, if_match):
    created, _ = create(api, kind, kind.body("A"))
    headers = {"If-Match": if_match} if if_match else {}
    reply = api.call("PUT", kind.url(), created, headers)
    assert reply.status == 400
    assert "If-Match" in reply.body["message"]


def test_quoted_if_match_is_accepted(api, kind):
    created, revision = create(api, kind, kind.body("A"))
    reply = api.call("PUT", kind.url(), [dict(created[0], description="q")], {"If-Match": f'"{revision}"'})
    assert reply.status == 200


def test_unknown_id_is_404_and_nothing_is_written(api, kind):
    created, revision = create(api, kind, kind.body("A"))
    before = stored(api, kind)
    update = [dict(created[0], description="changed"), dict(kind.body("Z"), id=999)]
    reply = api.call("PUT", kind.url(), update, {"If-Match": str(revision)})
    assert reply.status == 404
    assert reply.body["internalCode"] == 12
    assert "999" in reply.body["message"]
    assert stored(api, kind) == before


def test_one_invalid_object_rejects_the_whole_array(api, kind):
    created, revision = create(api, kind, kind.body("A"), kind.body("B"))
    before = stored(api, kind)
    update = [dict(created[0], description="fine"), dict(created[1], isDefault="yes")]
    reply = api.call("PUT", kind.url(), update, {"If-Match": str(revision)})
    assert reply.status == 400
    assert "[1].isDefault" in reply.body["message"]
    assert stored(api, kind) == before


def test_making_one_default_clears_every_other_default_in_the_same_write(api, defaulted):
    kind = defaulted
    created, revision = create(api, kind, kind.body("A", isDefault=True), kind.body("B"), kind.body("C"))
    a, b, _ = created
    assert a["isDefault"]
    reply = api.call("PUT", kind.url(), [dict(b, isDefault=True)], {"If-Match": str(revision)})
    assert reply.status == 200
    listed, new_revision = stored(api, kind)
    assert new_revision == revision + 1
    assert [o["id"] for o in listed if o["isDefault"]] == [b["id"]]


def test_unsetting_the_default_leaves_no_default(api, defaulted):
    kind = defaulted
    created, revision = create(api, kind, kind.body("A", isDefault=True))
    reply = api.call("PUT", kind.url(), [dict(created[0], isDefault=False)], {"If-Match": str(revision)})
    assert reply.status == 200
    listed, _ = stored(api, kind)
    assert not any(o["isDefault"] for o in listed)


def test_default_flag_change_alone_is_a_change(api, defaulted):
    kind = defaulted
    created, revision = create(api, kind, kind.body("A"))
    reply = api.call("PUT", kind.url(), [dict(created[0], isDefault=True)], {"If-Match": str(revision)})
    assert reply.status == 200
    assert reply.revision == str(revision + 1)


def test_two_defaults_in_one_request_is_400(api, defaulted):
    kind = defaulted
    created, revision = create(api, kind, kind.body("A"), kind.body("B"))
    update = [dict(o, isDefault=True) for o in created]
    reply = api.call("PUT", kind.url(), update, {"If-Match": str(revision)})
    assert reply.status == 400
    assert "isDefault" in reply.body["message"]


def test_name_taken_by_another_stored_occasion_is_400(api, kind):
    created, revision = create(api, kind, kind.body("A"), kind.body("B"))
    before = stored(api, kind)
    reply = api.call("PUT", kind.url(), [dict(created[1], name="a ")], {"If-Match": str(revision)})
    assert reply.status == 400
    assert "[0].name" in reply.body["message"]
    assert stored(api, kind) == before


def test_swapping_names_within_one_request_is_allowed(api, kind):
    created, revision = create(api, kind, kind.body("A"), kind.body("B"))
    a, b = created
    reply = api.call("PUT", kind.url(), [dict(a, name="B"), dict(b, name="A")], {"If-Match": str(revision)})
    assert reply.status == 200


def test_duplicate_ids_in_one_request_is_400(api, kind):
    created, revision = create(api, kind, kind.body("A"))
    reply = api.call("PUT", kind.url(), [created[0], dict(created[0], name="A2")], {"If-Match": str(revision)})
    assert reply.status == 400
    assert "[1].id" in reply.body["message"]


def test_at_most_50_objects_per_request(api, kind):
    created, revision = create(api, kind, *[kind.body(f"O{i}") for i in range(50)])
    changed = [dict(o, description="x") for o in created]
    assert api.call("PUT", kind.url(), changed, {"If-Match": str(revision)}).status == 200
    too_many = [*changed, dict(kind.body("O51"), id=51)]
    reply = api.call("PUT", kind.url(), too_many, {"If-Match": str(revision + 1)})
    assert reply.status == 400
    assert "50" in reply.body["message"]


def test_only_changed_objects_count_and_revision_moves_once(api, kind):
    created, revision = create(api, kind, kind.body("A"), kind.body("B"))
    update = [created[0], dict(created[1], description="new")]
    reply = api.call("PUT", kind.url(), update, {"If-Match": str(revision)})
    assert reply.status == 200
    assert reply.revision == str(revision + 1)
    assert stored(api, kind)[0] == update


def test_other_account_is_403_and_no_authenticated_tenant_is_401(api, kind):
    created, revision = create(api, kind, kind.body("A"))
    update = [dict(created[0], description="x")]
    other = api.call("PUT", kind.url("acct2"), update, {"If-Match": str(revision)})
    assert other.status == 403
    anonymous = api.call("PUT", kind.url(), update, {"If-Match": str(revision)}, tenant=None)
    assert anonymous.status == 401
    assert stored(api, kind)[0] == created


def _dynamodb_calls() -> list[str]:
    from calendar_exceptions import storage

    calls: list[str] = []
    storage.dynamodb_client().meta.events.register("before-call.dynamodb", lambda model, **_: calls.append(model.name))
    return calls


def _fresh_environment() -> None:
    """What a PUT function's environment knows when it never served this account (in Lambda,
    POST and GET are other functions with their own environments)."""
    from calendar_exceptions.liveperson.account_config import api as account_config_api

    account_config_api.service.cache_clear()


def test_a_put_costs_one_read_and_one_transaction(api, kind, dynamodb):
    created, revision = create(api, kind, *[kind.body(f"O{i}") for i in range(50)])
    _fresh_environment()
    calls = _dynamodb_calls()
    update = [dict(o, description="cost") for o in copy.deepcopy(created)]
    assert api.call("PUT", kind.url(), update, {"If-Match": str(revision)}).status == 200
    assert calls == ["GetItem", "TransactWriteItems"]


def test_a_put_at_the_revision_its_environment_last_wrote_costs_one_transaction(api, kind, dynamodb):
    # Given an environment that answered a PUT with revision r
    created, revision = create(api, kind, kind.body("A"), kind.body("B"))
    _fresh_environment()
    first = api.call("PUT", kind.url(), [dict(created[0], description="one")], {"If-Match": str(revision)})
    assert first.status == 200

    # When the client's next PUT carries r, as ac-revision told it
    calls = _dynamodb_calls()
    update = [dict(created[1], description="two", **({"isDefault": True} if kind.has_default else {}))]
    second = api.call("PUT", kind.url(), update, {"If-Match": first.revision})

    # Then it is applied with the transaction alone, and stored as sent
    assert second.status == 200, second.text
    assert calls == ["TransactWriteItems"]
    assert int(second.revision) == revision + 2
    body, stored_revision = stored(api, kind)
    assert body == [dict(created[0], description="one"), update[0]]
    assert stored_revision == revision + 2


def test_answers_that_write_nothing_are_decided_on_the_stored_head(api, kind, dynamodb):
    # Given the environment's head is current: a 304, 404 and 400 still read it, as they make no write
    # whose condition would confirm it (a stale head would have to turn each into a 409)
    created, revision = create(api, kind, kind.body("A"), kind.body("B"))
    calls = _dynamodb_calls()
    assert api.call("PUT", kind.url(), [created[0]], {"If-Match": str(revision)}).status == 304
    assert api.call("PUT", kind.url(), [dict(created[0], id=99)], {"If-Match": str(revision)}).status == 404
    renamed = [dict(created[0], name="b")]
    assert api.call("PUT", kind.url(), renamed, {"If-Match": str(revision)}).status == 400
    assert calls == ["GetItem"] * 3
