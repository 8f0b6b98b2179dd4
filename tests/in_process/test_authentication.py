"""Authentication and tenant isolation on every Api route of template.yaml.

The routes come from the template, so a route added there is covered here without a
change: bad tokens answer 401 before any validation, a read-only token cannot write, and
a read-only token can read.
"""

from __future__ import annotations

import json
import re

import pytest

from calendar_exceptions.tokens import new_token
from local import template
from tests.builders import collection, occasion

# Every path parameter is filled with the tenant: it is then the caller's own account where
# a path names one, and a well-formed (numeric) id where it names an object.
TENANT = "1001"
OTHER_TENANT = "2002"
READ_METHODS = {"GET", "HEAD", "OPTIONS"}

# Every route that takes a token: the public feed routes take none, the secret in their path is the
# credential (docs/feeds.md; tests/in_process/test_feed_links.py: an Authorization header is ignored).
ROUTES = sorted(
    (spec.logical_id, route.method, route.path)
    for spec in template.functions().values()
    for route in spec.routes
    if not route.path.startswith("/feeds/")
)
WRITE_ROUTES = [r for r in ROUTES if r[1] not in READ_METHODS]
READ_ROUTES = [r for r in ROUTES if r[1] in READ_METHODS]
# The special occasions routes name the account in the path: another account's is 403.
ACCOUNT_ROUTES = [r for r in ROUTES if "{accountId}" in r[2]]


def route_id(route: tuple[str, str, str]) -> str:
    return f"{route[0]}:{route[1]}"


def concrete(path: str, tenant: str = TENANT, account: str | None = None) -> str:
    def fill(match: re.Match[str]) -> str:
        return account if account is not None and match.group(1) == "accountId" else tenant

    return re.sub(r"\{([^}+]+)\+?\}", fill, path)


def without_request_id(body):
    """A body without its per-request id (Intercom's error.list carries one)."""
    return {k: v for k, v in body.items() if k != "request_id"} if isinstance(body, dict) else body


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def expired_token(api) -> str:
    token, _ = api.tokens.mint(TENANT, "read write", expires_at=1)
    return token


def revoked_token(api) -> str:
    token, record = api.tokens.mint(TENANT, "read write")
    api.tokens.revoke(TENANT, record.token_id)
    return token


BAD_CREDENTIALS = {
    "missing": lambda api: [],
    "empty": lambda api: [("Authorization", "")],
    "not_bearer": lambda api: [("Authorization", f"Basic {api.token(TENANT)}")],
    "bearer_without_token": lambda api: [("Authorization", "Bearer")],
    "token_without_scheme": lambda api: [("Authorization", api.token(TENANT))],
    "malformed_token": lambda api: [("Authorization", "Bearer dev:1001")],
    "two_tokens": lambda api: [("Authorization", f"Bearer {api.token(TENANT)}")] * 2,
    "unknown": lambda api: list(bearer(new_token()).items()),
    "expired": lambda api: list(bearer(expired_token(api)).items()),
    "revoked": lambda api: list(bearer(revoked_token(api)).items()),
}


def test_the_template_has_routes_to_check():
    assert len(ROUTES) >= 5
    assert WRITE_ROUTES and READ_ROUTES and ACCOUNT_ROUTES


@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_bad_credentials_are_401_before_any_validation(api, route):
    # Given requests with no body, no other headers and bad credentials (one test per route:
    # each mock_aws set-up costs more than all the cases together)
    _, method, path = route
    refused = {}
    for case, credentials in sorted(BAD_CREDENTIALS.items()):
        # When each reaches the route
        reply = api.call(method, concrete(path), headers=credentials(api), tenant=None)
        refused[case] = (reply.status, isinstance(reply.body, dict))
    # Then each is refused as unauthenticated, in the API's JSON error format
    assert refused == dict.fromkeys(BAD_CREDENTIALS, (401, True))


@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_an_authorizer_context_without_a_token_is_not_trusted(api, route):
    _, method, path = route
    authorizer = {"tenantId": TENANT, "scopes": "read write", "principalId": "forged"}
    reply = api.call(method, concrete(path), tenant=None, authorizer=authorizer)
    assert reply.status == 401, reply.text


@pytest.mark.parametrize("route", WRITE_ROUTES, ids=route_id)
def test_a_read_only_token_cannot_write(api, route):
    # Given a read-only token of the tenant whose objects the path names
    _, method, path = route
    read_only, _ = api.tokens.mint(TENANT, "read")
    # When it is used on a write route
    refused = api.call(method, concrete(path), headers=bearer(read_only), tenant=None)
    # Then it is 403, and the same request with a read-write token is not refused for its credentials
    assert refused.status == 403, refused.text
    assert isinstance(refused.body, dict)
    allowed = api.call(method, concrete(path), tenant=TENANT)
    assert allowed.status not in (401, 403), allowed.text


@pytest.mark.parametrize("route", READ_ROUTES, ids=route_id)
def test_a_read_only_token_can_read(api, route):
    _, method, path = route
    read_only, _ = api.tokens.mint(TENANT, "read")
    with_read_only = api.call(method, concrete(path), headers=bearer(read_only), tenant=None)
    with_read_write = api.call(method, concrete(path), tenant=TENANT)
    assert with_read_only.status not in (401, 403), with_read_only.text
    assert (with_read_only.status, without_request_id(with_read_only.body)) == (
        with_read_write.status,
        without_request_id(with_read_write.body),
    )


@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_a_write_only_token_cannot_read_and_can_write(api, route):
    _, method, path = route
    write_only, _ = api.tokens.mint(TENANT, "write")
    reply = api.call(method, concrete(path), headers=bearer(write_only), tenant=None)
    if method in READ_METHODS:
        assert reply.status == 403, reply.text
    else:
        assert reply.status not in (401, 403), reply.text


@pytest.mark.parametrize("route", ACCOUNT_ROUTES, ids=route_id)
def test_another_accounts_special_occasions_are_403(api, route):
    # Given a valid token of one account
    _, method, path = route
    # When it names another account in the path
    reply = api.call(method, concrete(path, account=OTHER_TENANT), tenant=TENANT)
    # Then it is refused, naming the account, in the vendor's format
    assert reply.status == 403, reply.text
    assert OTHER_TENANT in reply.body["message"]


def test_special_occasions_401_and_403_bodies_are_the_vendors_format(api):
    unauthenticated = api.call("GET", collection(TENANT), tenant=None)
    assert unauthenticated.status == 401
    assert unauthenticated.body == {
        "type": "specialoccasion",
        "internalCode": 20,
        "message": "Authentication required: send Authorization: Bearer <token>",
    }
    read_only, _ = api.tokens.mint(TENANT, "read")
    forbidden = api.call("POST", collection(TENANT), [occasion()], headers=bearer(read_only), tenant=None)
    assert forbidden.status == 403
    assert forbidden.body["internalCode"] == 21
    assert "write" in forbidden.body["message"]


def test_read_only_token_reads_special_occasions_with_200(api):
    # Given an occasion of the account and a read-only token
    created = api.call("POST", collection(TENANT), [occasion("Seen")], tenant=TENANT)
    assert created.status == 200
    read_only, _ = api.tokens.mint(TENANT, "read")
    # When it lists and gets
    listed = api.call("GET", collection(TENANT), headers=bearer(read_only), tenant=None)
    one = api.call("GET", f"{collection(TENANT)}/{created.body[0]['id']}", headers=bearer(read_only), tenant=None)
    # Then both answer 200 with the occasion
    assert (listed.status, one.status) == (200, 200)
    assert listed.body == created.body
    assert one.body == created.body[0]


def test_refused_writes_change_nothing(api):
    created = api.call("POST", collection(TENANT), [occasion("Kept")], tenant=TENANT)
    revision = created.revision
    read_only, _ = api.tokens.mint(TENANT, "read")
    attempts = [
        api.call("POST", collection(TENANT), [occasion("New")], headers=bearer(read_only), tenant=None),
        api.call("PUT", collection(TENANT), created.body, {"If-Match": revision}, tenant=None),
        api.call(
            "DELETE", f"{collection(TENANT)}/{created.body[0]['id']}", {"If-Match": revision}, tenant=OTHER_TENANT
        ),
    ]
    assert [a.status for a in attempts] == [403, 401, 403]
    after = api.call("GET", collection(TENANT), tenant=TENANT)
    assert (after.body, after.revision) == (created.body, revision)


def test_the_path_account_is_never_the_tenant_of_a_token_of_another_account(api):
    # A token of OTHER_TENANT used on TENANT's collection is refused even when OTHER_TENANT has data
    api.call("POST", collection(OTHER_TENANT), [occasion("Theirs")], tenant=OTHER_TENANT)
    mine = api.call("GET", collection(TENANT), tenant=OTHER_TENANT)
    assert mine.status == 403


@pytest.mark.parametrize(
    "path",
    [
        '/api/account/a"b/configuration/ac-common/specialoccasion',
        '/office_hours_schedules/a"b',
    ],
    ids=["special_occasions", "office_hours"],
)
def test_a_path_no_route_of_the_function_matches_is_401_without_a_token_then_404(api, path):
    # API Gateway passes any segment; the function's resolver matches fewer characters.
    assert api.call("GET", path, tenant=None).status == 401
    assert api.call("GET", path, tenant=TENANT).status == 404


def test_a_refused_request_is_logged_with_the_tenant_and_the_token_id_never_the_token(api, log_lines):
    from calendar_exceptions.tokens import token_hash, token_id

    read_only, read_only_record = api.tokens.mint(TENANT, "read")
    unknown = new_token()
    revoked = revoked_token(api)
    writer = api.token(TENANT)
    cases = [
        (unknown, "GET", 401, None),  # no record: the id of what was presented, no tenant
        (revoked, "GET", 401, TENANT),
        (read_only, "POST", 403, TENANT),
        (writer, "POST", 400, TENANT),  # refused after authentication: a body that is not JSON
    ]
    for token, method, status, _ in cases:
        reply = api.call(method, collection(TENANT), raw_body="{", headers=bearer(token), tenant=None)
        assert reply.status == status, reply.text
    refusals = [line for line in log_lines() if line["message"] == "request refused"]
    assert [(line["status"], line.get("tenant"), line.get("token_id")) for line in refusals] == [
        (status, tenant, token_id(token_hash(token))) for token, _, status, tenant in cases
    ]
    assert refusals[2]["token_id"] == read_only_record.token_id
    for token, *_ in cases:
        assert all(token not in json.dumps(line) for line in log_lines())
