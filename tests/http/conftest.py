"""Integration set-up: a moto DynamoDB server over HTTP and the local API in front of it.

Both run for the whole session on 127.0.0.1; each test gets a clean table and the
endpoint in its environment, so the local API's handlers and `make invoke` subprocesses
reach the same storage.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from calendar_exceptions import storage
from calendar_exceptions.tokens import TokenRepository, new_token
from local.dynamodb import LOCAL_CREDENTIALS, DynamoDBServer, client, ensure_tables
from local.serve import serve_in_thread
from tests.conftest import reset_clients

# Tenant -> the read-write token `bearer` hands out for it in this test session.
_TEST_TOKENS: dict[str, str] = {}


@pytest.fixture(scope="session")
def dynamodb_server() -> Iterator[DynamoDBServer]:
    server = DynamoDBServer().start()
    yield server
    server.stop()


@pytest.fixture
def endpoint(dynamodb_server: DynamoDBServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A DynamoDB endpoint, set as AWS_ENDPOINT_URL_DYNAMODB for this test: the template tables, empty but for
    the tokens `bearer` handed out."""
    requests.post(f"{dynamodb_server.endpoint}/moto-api/reset", timeout=10).raise_for_status()
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", dynamodb_server.endpoint)
    for key, value in LOCAL_CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    # The functions get ten times their template Timeout (local/runtime.py): these tests are
    # about what is answered and stored, and a machine busy with the parallel suite must not
    # turn a slow request into a 503. Tests of the deadline itself ask for `template_timeouts`
    # or set the function's remaining time themselves (test_storage_faults.py).
    monkeypatch.setenv("LOCAL_TIMEOUT_SCALE", "10")
    reset_clients()
    ensure_tables(client(dynamodb_server.endpoint))
    store_test_tokens(dynamodb_server.endpoint, _TEST_TOKENS)
    yield dynamodb_server.endpoint
    reset_clients()


@pytest.fixture
def template_timeouts(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The functions' deadlines as the template sets them, for tests of how a crowd is served in time."""
    monkeypatch.setenv("LOCAL_TIMEOUT_SCALE", "1")


@pytest.fixture(scope="session")
def _local_api_server() -> Iterator[str]:
    server, _ = serve_in_thread()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def base_url(_local_api_server: str, endpoint: str) -> str:
    """The local API's base URL, its storage the clean endpoint of this test."""
    return _local_api_server


def bearer(tenant: str) -> dict[str, str]:
    """An Authorization header with a read-write token of `tenant`, stored in the test's storage.

    Usable at import time too (`AUTH = bearer("acct1")`): every test's clean storage gets
    every token handed out so far, through the token repository, before the test runs.
    """
    token = _TEST_TOKENS.get(tenant)
    if token is None:
        token = _TEST_TOKENS[tenant] = new_token()
        endpoint = os.environ.get("AWS_ENDPOINT_URL_DYNAMODB")
        if endpoint:
            store_test_tokens(endpoint, {tenant: token})
    return {"Authorization": f"Bearer {token}"}


def store_test_tokens(endpoint: str, tokens: dict[str, str], scopes: str = "read write") -> None:
    """Store `tokens` (tenant -> token) through the token repository at `endpoint`."""
    repository = TokenRepository(client(endpoint), storage.table_name())
    for tenant, token in tokens.items():
        repository.register(token, tenant, scopes, note="test")


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


def env_with(endpoint: str, **extra: Any) -> dict[str, str]:
    env = dict(os.environ)
    env["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint
    env.update({k: str(v) for k, v in extra.items()})
    return env
