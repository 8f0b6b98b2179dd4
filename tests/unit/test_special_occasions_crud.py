"""The operations around the PUT: list, get one, create and delete, with their revisions."""

from __future__ import annotations

import json
import logging

import pytest

from tests.builders import SEED_PAGE_OCCASION, collection, occasion

URL = collection()


def test_empty_account_lists_nothing_at_revision_0(api):
    reply = api.call("GET", URL)
    assert reply.status == 200
    assert reply.body == []
    assert reply.revision == "0"


def test_create_assigns_numeric_ids_and_returns_the_array_and_revision(api):
    reply = api.call("POST", URL, [occasion("A"), occasion("B")])
    assert reply.status == 200
    assert [o["id"] for o in reply.body] == [1, 2]
    assert [o["name"] for o in reply.body] == ["A", "B"]
    assert reply.revision == "1"
    again = api.call("POST", URL, [occasion("C")])
    assert again.body[0]["id"] == 3
    assert again.revision == "2"


def test_create_accepts_one_object_as_the_vendor_example_and_answers_one_object(api):
    reply = api.call("POST", URL, SEED_PAGE_OCCASION)
    assert reply.status == 200
    assert reply.body == {"id": 1, **SEED_PAGE_OCCASION}


def test_create_with_a_stale_if_match_is_409_and_creates_nothing(api):
    api.call("POST", URL, [occasion("A")])
    reply = api.call("POST", URL, [occasion("B")], {"If-Match": "0"})
    assert reply.status == 409
    assert [o["name"] for o in api.call("GET", URL).body] == ["A"]


def test_create_with_a_current_if_match_is_accepted(api):
    api.call("POST", URL, [occasion("A")])
    assert api.call("POST", URL, [occasion("B")], {"If-Match": "1"}).status == 200


def test_create_refuses_an_id(api):
    reply = api.call("POST", URL, [dict(occasion("A"), id=5)])
    assert reply.status == 400
    assert "[0].id" in reply.body["message"]


def test_create_refuses_a_name_already_stored(api):
    api.call("POST", URL, [occasion("Christmas")])
    reply = api.call("POST", URL, [occasion("CHRISTMAS")])
    assert reply.status == 400
    assert "already the name" in reply.body["message"]
    assert api.call("GET", URL).revision == "1"


def test_creating_a_default_makes_it_the_only_default(api):
    api.call("POST", URL, [occasion("A", isDefault=True)])
    api.call("POST", URL, [occasion("B", isDefault=True)])
    listed = api.call("GET", URL).body
    assert [o["name"] for o in listed if o["isDefault"]] == ["B"]


def test_get_one_answers_the_object_and_revision(api):
    created = api.call("POST", URL, [occasion("A"), occasion("B")]).body
    reply = api.call("GET", f"{URL}/{created[1]['id']}")
    assert reply.status == 200
    assert reply.body == created[1]
    assert reply.revision == "1"


@pytest.mark.parametrize(("path", "status"), [("/999", 404), ("/abc", 400), ("/1,2", 400)])
def test_get_one_unknown_or_malformed_id(api, path, status):
    api.call("POST", URL, [occasion("A"), occasion("B")])
    reply = api.call("GET", URL + path)
    assert reply.status == status
    assert reply.body["message"]


def test_delete_one_and_several_ids_with_if_match(api):
    api.call("POST", URL, [occasion("A"), occasion("B"), occasion("C")])
    one = api.call("DELETE", f"{URL}/1", headers={"If-Match": "1"})
    assert one.status == 200
    assert one.revision == "2"
    several = api.call("DELETE", f"{URL}/2,3", headers={"If-Match": "2"})
    assert several.status == 200
    assert several.revision == "3"
    assert api.call("GET", URL).body == []
    assert api.call("GET", f"{URL}/1").status == 404


def test_delete_frees_the_name_and_the_default(api):
    api.call("POST", URL, [occasion("A", isDefault=True)])
    api.call("DELETE", f"{URL}/1", headers={"If-Match": "1"})
    reply = api.call("POST", URL, [occasion("A")])
    assert reply.status == 200
    assert not any(o["isDefault"] for o in api.call("GET", URL).body)


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/1", {}, 400),  # If-Match required
        ("/1", {"If-Match": "0"}, 409),  # stale
        ("/1,999", {"If-Match": "1"}, 404),  # one unknown id: nothing deleted
        ("/x", {"If-Match": "1"}, 400),
    ],
)
def test_delete_refusals_change_nothing(api, path, headers, status):
    api.call("POST", URL, [occasion("A"), occasion("B")])
    before = api.call("GET", URL)
    reply = api.call("DELETE", URL + path, headers=headers)
    assert reply.status == status
    after = api.call("GET", URL)
    assert (after.revision, after.body) == (before.revision, before.body)


@pytest.mark.parametrize(("method", "path"), [("GET", ""), ("GET", "/1"), ("POST", ""), ("PUT", ""), ("DELETE", "/1")])
def test_every_route_refuses_another_account_and_an_unauthenticated_caller(api, method, path):
    api.call("POST", URL, [occasion("A")])
    body = [occasion("B")] if method == "POST" else ([dict(occasion("A"), id=1)] if method == "PUT" else None)
    headers = {"If-Match": "1"}
    other = api.call(method, collection("acct2") + path, body, headers)
    assert other.status == 403
    assert other.body["internalCode"] == 21
    anonymous = api.call(method, URL + path, body, headers, tenant=None)
    assert anonymous.status == 401
    assert api.call("GET", URL).revision == "1"


def test_unexpected_errors_are_500_without_internals_and_logged_with_the_request_id(api, monkeypatch, caplog):
    from calendar_exceptions.account_config.service import CollectionService

    def explode(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(CollectionService, "list", explode)
    with caplog.at_level(logging.ERROR):
        reply = api.call("GET", URL)
    assert reply.status == 500
    assert reply.body == {"type": "specialoccasion", "internalCode": 1, "message": "Internal server error"}
    assert "secret" not in reply.text
    logged = [json.loads(r.getMessage()) if r.getMessage().startswith("{") else r for r in caplog.records]
    assert any(getattr(r, "request_id", None) for r in caplog.records), logged


def test_storage_throttling_is_503_with_retry_after(api, monkeypatch):
    from botocore.exceptions import ClientError

    from calendar_exceptions.account_config.service import CollectionService

    def throttled(*_args, **_kwargs):
        raise ClientError({"Error": {"Code": "ThrottlingException", "Message": "slow down"}}, "Query")

    monkeypatch.setattr(CollectionService, "list", throttled)
    reply = api.call("GET", URL)
    assert reply.status == 503
    assert reply.headers["retry-after"] == "1"
    assert reply.body["internalCode"] == 2
