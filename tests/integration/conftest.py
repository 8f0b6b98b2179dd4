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

from local.dynamodb import LOCAL_CREDENTIALS, DynamoDBServer, client, ensure_tables
from local.serve import serve_in_thread
from tests.conftest import reset_clients


@pytest.fixture(scope="session")
def dynamodb_server() -> Iterator[DynamoDBServer]:
    server = DynamoDBServer().start()
    yield server
    server.stop()


@pytest.fixture
def endpoint(dynamodb_server: DynamoDBServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A DynamoDB endpoint with empty template tables, set as AWS_ENDPOINT_URL_DYNAMODB for this test."""
    requests.post(f"{dynamodb_server.endpoint}/moto-api/reset", timeout=10).raise_for_status()
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", dynamodb_server.endpoint)
    for key, value in LOCAL_CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    reset_clients()
    ensure_tables(client(dynamodb_server.endpoint))
    yield dynamodb_server.endpoint
    reset_clients()


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
    """The local API's development credentials for `tenant` (see local/authorizer.py)."""
    return {"Authorization": f"Bearer dev:{tenant}"}


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


def env_with(endpoint: str, **extra: Any) -> dict[str, str]:
    env = dict(os.environ)
    env["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint
    env.update({k: str(v) for k, v in extra.items()})
    return env
