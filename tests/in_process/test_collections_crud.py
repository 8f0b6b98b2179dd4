"""The operations around the PUT on each LivePerson collection: list, get one, create and delete, with their revisions.

Every rule here is the same for special occasions, workdays and skills, so each test runs on
each (the `kind` fixture; the rules of the default on those that have one, the `defaulted`
fixture), unless it checks a vendor example of one of them.
"""

from __future__ import annotations

import json
import logging

import pytest

from tests.builders import SEED_PAGE_OCCASION, SPECIAL_OCCASIONS_API, WORKDAYS_API


def test_empty_account_lists_nothing_at_revision_0(api, kind):
    reply = api.call("GET", kind.url())
    assert reply.status == 200
    assert reply.body == []
    assert reply.revision == "0"


def test_create_assigns_numeric_ids_and_returns_the_array_and_revision(api, kind):
    reply = api.call("POST", kind.url(), [kind.body("A"), kind.body("B")])
    assert reply.status == 200
    assert [o["id"] for o in reply.body] == [1, 2]
    assert [o["name"] for o in reply.body] == ["A", "B"]
    assert reply.revision == "1"
    again = api.call("POST", kind.url(), [kind.body("C")])
    assert again.body[0]["id"] == 3
    assert again.revision == "2"


def test_create_accepts_one_object_as_the_vendor_example_and_answers_one_object(api):
    kind = SPECIAL_OCCASIONS_API
    reply = api.call("POST", kind.url(), SEED_PAGE_OCCASION)
    assert reply.status == 200
    assert reply.body == {"id": 1, **SEED_PAGE_OCCASION}


def test_create_with_a_stale_if_match_is_409_and_creates_nothing(api, kind):
    api.call("POST", kind.url(), [kind.body("A")])
    reply = api.call("POST", kind.url(), [kind.body("B")], {"If-Match": "0"})
    assert reply.status == 409
    assert [o["name"] for o in api.call("GET", kind.url()).body] == ["A"]


def test_create_with_a_current_if_match_is_accepted(api, kind):
    api.call("POST", kind.url(), [kind.body("A")])
    assert api.call("POST", kind.url(), [kind.body("B")], {"If-Match": "1"}).status == 200


def test_create_refuses_an_id(api, kind):
    reply = api.call("POST", kind.url(), [dict(kind.body("A"), id=5)])
    assert reply.status == 400
    assert "[0].id" in reply.body["message"]


def test_create_refuses_a_name_already_stored(api, kind):
    api.call("POST", kind.url(), [kind.body("Christmas")])
    reply = api.call("POST", kind.url(), [kind.body("CHRISTMAS")])
    assert reply.status == 400
    assert "already the name" in reply.body["message"]
    assert api.call("GET", kind.url()).revision == "1"


def test_creating_a_default_makes_it_the_only_default(api, defaulted):
    kind = defaulted
    api.call("POST", kind.url(), [kind.body("A", isDefault=True)])
    api.call("POST", kind.url(), [kind.body("B", isDefault=True)])
    listed = api.call("GET", kind.url()).body
    assert [o["name"] for o in listed if o["isDefault"]] == ["B"]


def test_get_one_answers_the_object_and_revision(api, kind):
    created = api.call("POST", kind.url(), [kind.body("A"), kind.body("B")]).body
    reply = api.call("GET", f"{kind.url()}/{created[1]['id']}")
    assert reply.status == 200
    assert reply.body == created[1]
    assert reply.revision == "1"


@pytest.mark.parametrize(("path", "status"), [("/999", 404), ("/abc", 400), ("/1,2", 400)])
def test_get_one_unknown_or_malformed_id(api, kind, path, status):
    api.call("POST", kind.url(), [kind.body("A"), kind.body("B")])
    reply = api.call("GET", kind.url() + path)
    assert reply.status == status
    assert reply.body["message"]


def test_delete_one_and_several_ids_with_if_match(api, kind):
    api.call("POST", kind.url(), [kind.body("A"), kind.body("B"), kind.body("C")])
    one = api.call("DELETE", f"{kind.url()}/1", headers={"If-Match": "1"})
    assert one.status == 200
    assert one.revision == "2"
    several = api.call("DELETE", f"{kind.url()}/2,3", headers={"If-Match": "2"})
    assert several.status == 200
    assert several.revision == "3"
    assert api.call("GET", kind.url()).body == []
    assert api.call("GET", f"{kind.url()}/1").status == 404


def test_delete_frees_the_name_and_the_default(api, defaulted):
    kind = defaulted
    api.call("POST", kind.url(), [kind.body("A", isDefault=True)])
    api.call("DELETE", f"{kind.url()}/1", headers={"If-Match": "1"})
    reply = api.call("POST", kind.url(), [kind.body("A")])
    assert reply.status == 200
    assert not any(o["isDefault"] for o in api.call("GET", kind.url()).body)


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/1", {}, 400),  # If-Match required
        ("/1", {"If-Match": "0"}, 409),  # stale
        ("/1,999", {"If-Match": "1"}, 404),  # one unknown id: nothing deleted
        ("/x", {"If-Match": "1"}, 400),
    ],
)
def test_delete_refusals_change_nothing(api, kind, path, headers, status):
    api.call("POST", kind.url(), [kind.body("A"), kind.body("B")])
    before = api.call("GET", kind.url())
    reply = api.call("DELETE", kind.url() + path, headers=headers)
    assert reply.status == status
    after = api.call("GET", kind.url())
    assert (after.revision, after.body) == (before.revision, before.body)


@pytest.mark.parametrize(("method", "path"), [("GET", ""), ("GET", "/1"), ("POST", ""), ("PUT", ""), ("DELETE", "/1")])
def test_every_route_refuses_another_account_and_an_unauthenticated_caller(api, kind, method, path):
    api.call("POST", kind.url(), [kind.body("A")])
    body = [kind.body("B")] if method == "POST" else ([dict(kind.body("A"), id=1)] if method == "PUT" else None)
    headers = {"If-Match": "1"}
    other = api.call(method, kind.url("acct2") + path, body, headers)
    assert other.status == 403
    assert other.body["internalCode"] == 21
    anonymous = api.call(method, kind.url() + path, body, headers, tenant=None)
    assert anonymous.status == 401
    assert api.call("GET", kind.url()).revision == "1"


def test_a_path_account_of_3000_characters_is_quoted_cut_in_the_403(api, kind):
    reply = api.call("GET", kind.url("7" * 3000))
    assert reply.status == 403
    assert reply.body["message"] == f"Not allowed to access account '{'7' * 100}…' (cut: 3000 characters)"
    assert "7" * 101 not in reply.text


def test_unexpected_errors_are_500_without_internals_and_logged_with_the_request_id(api, kind, monkeypatch, caplog):
    from calendar_exceptions.liveperson.account_config.service import CollectionService

    def explode(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(CollectionService, "list", explode)
    with caplog.at_level(logging.ERROR):
        reply = api.call("GET", kind.url())
    assert reply.status == 500
    assert reply.body == {"type": kind.type, "internalCode": 1, "message": "Internal server error"}
    assert "secret" not in reply.text
    logged = [json.loads(r.getMessage()) if r.getMessage().startswith("{") else r for r in caplog.records]
    assert any(getattr(r, "request_id", None) for r in caplog.records), logged


def test_storage_throttling_is_503_with_retry_after(api, kind, monkeypatch):
    from botocore.exceptions import ClientError

    from calendar_exceptions.liveperson.account_config.service import CollectionService

    def throttled(*_args, **_kwargs):
        raise ClientError({"Error": {"Code": "ThrottlingException", "Message": "slow down"}}, "Query")

    monkeypatch.setattr(CollectionService, "list", throttled)
    reply = api.call("GET", kind.url())
    assert reply.status == 503
    assert reply.headers["retry-after"] == "1"
    assert reply.body["internalCode"] == 2


# --- the vendor's contract: the `v` query parameter and conditional reads -------------------
# Vendor facts (LivePerson Account Configuration appendix): query parameter `v`, "API
# version", a Double, "Validation fail error code: 400"; clients send v=1.0. Every method page
# lists 304 Not Modified; If-Match on a read "allows optimization of backend, networking and
# client resource utilization".

# (method, path after the collection, body builder, headers): each route, answered 200 on a
# collection holding objects 1 and 2 at revision 1.
ROUTES = [
    ("GET", "", None, {}),
    ("GET", "/1", None, {}),
    ("POST", "", lambda kind: [kind.body("New")], {}),
    ("PUT", "", lambda kind: [dict(kind.body("A"), id=1, description="changed")], {"If-Match": "1"}),
    ("DELETE", "/2", None, {"If-Match": "1"}),
]


@pytest.fixture
def two_objects(api, kind):
    reply = api.call("POST", kind.url(), [kind.body("A"), kind.body("B")])
    assert (reply.status, reply.revision) == (200, "1"), reply.text
    return reply.body


@pytest.mark.parametrize("version", ["?v=1.0", "?v=1", ""], ids=["1.0", "1", "absent"])
@pytest.mark.parametrize(("method", "path", "body", "headers"), ROUTES, ids=[f"{r[0]}{r[1]}" for r in ROUTES])
def test_every_route_accepts_the_vendors_version_parameter(
    api, kind, two_objects, version, method, path, body, headers
):
    reply = api.call(method, kind.url() + path + version, body(kind) if body else None, headers)
    assert reply.status == 200, reply.text


@pytest.mark.parametrize("version", ["v=2.0", "v=1.1", "v=", "v=latest", "v=1.0&v=2", "v=1.0&v=1.0", "v=1&v=1.0"])
@pytest.mark.parametrize(("method", "path", "body", "headers"), ROUTES, ids=[f"{r[0]}{r[1]}" for r in ROUTES])
def test_another_version_is_400_naming_v_and_changes_nothing(
    api, kind, two_objects, version, method, path, body, headers
):
    reply = api.call(method, f"{kind.url()}{path}?{version}", body(kind) if body else None, headers)
    assert reply.status == 400, reply.text
    assert reply.body["type"] == kind.type
    assert reply.body["internalCode"] == 10
    assert reply.body["message"].startswith("v: ")
    after = api.call("GET", kind.url())
    assert (after.revision, after.body) == ("1", two_objects)


@pytest.mark.parametrize("path", ["", "/1"], ids=["list", "one"])
@pytest.mark.parametrize("if_match", ["1", '"1"', 'W/"1"'])
def test_a_read_with_the_current_revision_in_if_match_is_304_without_a_body(api, kind, two_objects, path, if_match):
    reply = api.call("GET", kind.url() + path + "?v=1.0", headers={"If-Match": if_match})
    assert reply.status == 304
    assert reply.text == ""
    assert reply.revision == "1"


@pytest.mark.parametrize("path", ["", "/1"], ids=["list", "one"])
@pytest.mark.parametrize("if_match", ["0", "2", "abc", "", "*"], ids=["stale", "ahead", "malformed", "empty", "star"])
def test_a_read_with_any_other_if_match_ignores_it_and_answers_200(api, kind, two_objects, path, if_match):
    reply = api.call("GET", kind.url() + path, headers={"If-Match": if_match})
    assert reply.status == 200
    assert reply.revision == "1"
    assert reply.body == (two_objects if path == "" else two_objects[0])


def test_a_read_after_a_write_is_200_again_for_the_revision_the_client_held(api, kind, two_objects):
    assert api.call("GET", kind.url(), headers={"If-Match": "1"}).status == 304
    api.call("POST", kind.url(), [kind.body("C")])
    reply = api.call("GET", kind.url(), headers={"If-Match": "1"})
    assert (reply.status, reply.revision, len(reply.body)) == (200, "2", 3)


def test_a_conditional_read_of_an_unknown_id_is_404(api, kind, two_objects):
    reply = api.call("GET", kind.url() + "/99", headers={"If-Match": "1"})
    assert reply.status == 404
    assert reply.body["internalCode"] == 12


def test_an_empty_collection_at_revision_0_is_304_for_if_match_0(api, kind):
    reply = api.call("GET", kind.url(), headers={"If-Match": "0"})
    assert (reply.status, reply.revision, reply.text) == (304, "0", "")


def test_deleting_an_already_deleted_workday_answers_the_vendors_error_example(api):
    # The vendor's only error example (delete.md, copied from the workdays pages):
    # {"type": "workinghours", "internalCode": 12, "message": "No data found"}; the message is the product's own.
    url = WORKDAYS_API.url()
    api.call("POST", url, [WORKDAYS_API.body("W")])
    assert api.call("DELETE", url + "/1", headers={"If-Match": "1"}).status == 200
    again = api.call("DELETE", url + "/1", headers={"If-Match": "2"})
    assert again.status == 404
    assert set(again.body) == {"type", "internalCode", "message"}
    assert (again.body["type"], again.body["internalCode"]) == ("workinghours", 12)
