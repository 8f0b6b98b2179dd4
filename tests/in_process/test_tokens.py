"""Tokens: storage as hashes, listing, revocation, and the look-up cache of the shared layer."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from calendar_exceptions import clock, storage, tenancy
from calendar_exceptions.errors import Forbidden, InvalidInput, NotFound, Unauthenticated
from calendar_exceptions.tokens import TOKEN_FORMAT, TokenRepository, token_hash, token_id
from tests.builders import collection

TENANT = "acct1"


class Clock:
    """A settable "now" for the layer's clock: `monkeypatch.setattr(clock, "now", fake)`."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fake_now(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(clock, "now", fake)
    return fake


def dynamodb_calls() -> list[str]:
    calls: list[str] = []
    storage.dynamodb_client().meta.events.register("before-call.dynamodb", lambda model, **_: calls.append(model.name))
    return calls


def event(token: str | None, method: str = "GET", multi: bool = True, name: str = "Authorization") -> dict:
    headers = {} if token is None else {name: f"Bearer {token}"}
    return {
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()} if multi else None,
        "requestContext": {},
    }


# --- storage -----------------------------------------------------------------------------


def test_a_minted_token_is_stored_only_as_its_hash(api, dynamodb):
    token, record = api.tokens.mint(TENANT, "read write", note="ci")
    assert TOKEN_FORMAT.fullmatch(token)
    items = dynamodb.scan(TableName=storage.table_name())["Items"]
    assert len(items) == 2
    assert token not in repr(items)
    assert token[4:20] not in repr(items)
    assert {item["pk"]["S"] for item in items} == {f"TOKEN#{token_hash(token)}", f"ACCOUNT#{TENANT}#TOKEN"}
    assert record.token_id == token_id(token_hash(token))


def test_tokens_are_random_and_listed_without_secrets(api):
    first, _ = api.tokens.mint(TENANT, "read")
    second, _ = api.tokens.mint(TENANT, "read write", expires_at=1_900_000_000)
    api.tokens.mint("acct2")
    assert first != second
    listed = sorted(api.tokens.of_tenant(TENANT), key=lambda r: sorted(r.scopes))
    assert [sorted(r.scopes) for r in listed] == [["read"], ["read", "write"]]
    assert [r.expires_at for r in listed] == [None, 1_900_000_000]
    assert all(r.tenant == TENANT and r.revoked_at is None for r in listed)
    assert first not in repr(listed) and second not in repr(listed)


def test_revoking_marks_both_items_and_keeps_the_first_time(api, fake_now):
    token, record = api.tokens.mint(TENANT)
    assert record.created_at == int(fake_now.now)
    fake_now.now += 5
    revoked = api.tokens.revoke(TENANT, record.token_id)
    assert revoked.revoked_at == int(fake_now.now)
    fake_now.now += 5
    assert api.tokens.revoke(TENANT, record.token_id).revoked_at == revoked.revoked_at
    assert api.tokens.find(token_hash(token)).revoked_at == revoked.revoked_at
    assert [r.revoked_at for r in api.tokens.of_tenant(TENANT)] == [revoked.revoked_at]


def test_a_token_can_only_be_revoked_through_its_own_tenant(api):
    _, record = api.tokens.mint(TENANT)
    with pytest.raises(NotFound):
        api.tokens.revoke("acct2", record.token_id)
    with pytest.raises(NotFound):
        api.tokens.revoke(TENANT, "0" * 16)


@pytest.mark.parametrize("scopes", ["", "admin", "read admin"])
def test_unknown_scopes_are_refused(api, scopes):
    with pytest.raises(InvalidInput):
        api.tokens.mint(TENANT, scopes)


def test_only_well_formed_tokens_can_be_registered(api):
    with pytest.raises(InvalidInput):
        api.tokens.register("dev:acct1", TENANT)


# --- the Authorization header ----------------------------------------------------------


def test_header_name_is_case_insensitive_and_scheme_too(api):
    token = api.token(TENANT)
    assert tenancy.authenticated_tenant(event(token, name="authorization")) == TENANT
    assert tenancy.authenticated_tenant(event(token, name="AUTHORIZATION", multi=False)) == TENANT
    lower = event(None)
    lower["headers"] = {"Authorization": f"bearer {token}"}
    lower["multiValueHeaders"] = {"Authorization": [f"bearer {token}"]}
    assert tenancy.authenticated_tenant(lower) == TENANT


def test_multi_value_headers_are_read_as_powertools_reads_them(api):
    # API Gateway sends both; Powertools reads multiValueHeaders when present, and so does the check
    token = api.token(TENANT)
    only_single = event(token)
    only_single["multiValueHeaders"] = {"Accept": ["*/*"]}
    with pytest.raises(Unauthenticated):
        tenancy.authenticated_tenant(only_single)
    only_multi = event(token)
    only_multi["headers"] = None
    assert tenancy.authenticated_tenant(only_multi) == TENANT


def test_an_authorizer_context_is_ignored():
    forged = event(None)
    forged["requestContext"] = {"authorizer": {"tenantId": TENANT, "scopes": "read write"}}
    with pytest.raises(Unauthenticated):
        tenancy.authenticated_tenant(forged)


@pytest.mark.parametrize(
    ("method", "scopes", "allowed"),
    [
        ("GET", "read", True),
        ("HEAD", "read", True),
        ("OPTIONS", "read", True),
        ("POST", "read", False),
        ("PUT", "read", False),
        ("DELETE", "read", False),
        ("PATCH", "read", False),
        ("GET", "write", False),
        ("DELETE", "write", True),
        ("get", "read write", True),
        ("PUT", "read write", True),
    ],
)
def test_scope_by_method(api, method, scopes, allowed):
    token, _ = api.tokens.mint(TENANT, scopes)
    if allowed:
        assert tenancy.authenticated_tenant(event(token, method)) == TENANT
    else:
        with pytest.raises(Forbidden):
            tenancy.authenticated_tenant(event(token, method))


# --- the cache ------------------------------------------------------------------------------


def test_the_second_request_with_a_token_costs_no_token_read(api):
    # Given a token and a first request that looked it up
    token = api.token(TENANT)
    calls = dynamodb_calls()
    assert api.call("GET", collection(TENANT)).status == 200
    assert calls.count("GetItem") == 1
    assert calls.count("Query") == 1
    calls.clear()
    # When a second request uses the same token
    assert api.call("GET", collection(TENANT), headers={"Authorization": f"Bearer {token}"}).status == 200
    # Then only the route's own read reaches DynamoDB
    assert calls == ["Query"]


def test_unknown_tokens_are_cached_too(api):
    unknown = "cex_" + "A" * 43
    calls = dynamodb_calls()
    for _ in range(3):
        assert api.call("GET", collection(TENANT), headers={"Authorization": f"Bearer {unknown}"}).status == 401
    assert calls == ["GetItem"]


def test_malformed_credentials_never_reach_dynamodb(api):
    calls = dynamodb_calls()
    assert api.call("GET", collection(TENANT), headers={"Authorization": "Bearer nope"}).status == 401
    assert api.call("GET", collection(TENANT), tenant=None).status == 401
    assert calls == []


def test_a_revoked_token_is_refused_once_the_cache_ttl_has_passed(api, fake_now):
    # Given a token in use, cached at time t
    token, record = api.tokens.mint(TENANT)
    auth = {"Authorization": f"Bearer {token}"}
    assert api.call("GET", collection(TENANT), headers=auth).status == 200
    # When it is revoked
    api.tokens.revoke(TENANT, record.token_id)
    # Then a warm environment may accept it until the TTL has passed, and refuses it after
    fake_now.now += tenancy.CACHE_TTL_SECONDS - 1
    assert api.call("GET", collection(TENANT), headers=auth).status == 200
    fake_now.now += 1
    refused = api.call("GET", collection(TENANT), headers=auth)
    assert refused.status == 401
    assert refused.body["message"] == "Access token invalid"


def test_expiry_is_checked_on_every_request_even_from_the_cache(api, fake_now):
    token, _ = api.tokens.mint(TENANT, expires_at=int(fake_now.now) + 10)
    auth = {"Authorization": f"Bearer {token}"}
    assert api.call("GET", collection(TENANT), headers=auth).status == 200
    fake_now.now += 10
    expired = api.call("GET", collection(TENANT), headers=auth)
    assert (expired.status, expired.body["message"]) == (401, "Access token expired")


def test_the_cache_is_bounded_and_forgets_the_least_recently_used(api):
    cache = tenancy.Authenticator(
        lambda: TokenRepository(storage.dynamodb_client(), storage.table_name()), max_entries=2
    )
    tokens = [api.tokens.mint(TENANT)[0] for _ in range(3)]
    for token in tokens:
        assert cache.tenant(event(token)) == TENANT
    assert cache.cached_entries() == 2
    calls = dynamodb_calls()
    cache.tenant(event(tokens[2]))
    assert calls == []
    cache.tenant(event(tokens[0]))
    assert calls == ["GetItem"]


def test_the_cache_serves_concurrent_requests(api):
    tokens = {f"t{i}": api.tokens.mint(f"t{i}")[0] for i in range(4)}
    cache = tenancy.Authenticator(lambda: api.tokens, max_entries=3)
    start = threading.Barrier(8)
    lock = threading.Lock()  # moto's mock_aws is not meant to be called from many threads at once

    class Locked:
        def find(self, key):
            with lock:
                return api.tokens.find(key)

    cache._repository = Locked

    def check(n: int) -> bool:
        start.wait()
        tenant = f"t{n % 4}"
        return all(cache.tenant(event(tokens[tenant])) == tenant for _ in range(50))

    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(check, range(8)))
    assert cache.cached_entries() <= 3


def test_the_token_command_works_on_a_named_table_with_the_callers_aws_settings(api, capsys):
    from tools.tokens import main

    # Given the table named as a deployed one would be (here: under mock_aws)
    assert main(["--table", storage.table_name(), "mint", "--tenant", TENANT, "--expires-in", "never"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    # Then the token works, and the command printed nothing about local storage
    assert api.call("GET", collection(TENANT), headers={"Authorization": f"Bearer {token}"}).status == 200
    assert capsys.readouterr().err == ""
