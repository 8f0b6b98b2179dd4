"""Shared test set-up: a local Lambda environment, tables from template.yaml, and an API client.

Unit tests run each function's real handler in-process against moto's `mock_aws`; the
events are built by the same code that builds them for the local API.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

# Set before any handler module is imported: Powertools reads these at import time.
os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SECURITY_TOKEN": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
    }
)
os.environ.pop("AWS_ENDPOINT_URL_DYNAMODB", None)

from local import gateway, runtime, template

runtime.prepare_process()


def _share_botocore_data() -> None:
    """One botocore data loader for the whole run.

    mock_aws gives every test a fresh boto3 session, and each new session would parse the
    service models from disk again; they never change, so the parsed copies are shared.
    """
    import functools

    import botocore.session

    botocore.session.create_loader = functools.cache(botocore.session.create_loader)


_share_botocore_data()

from calendar_exceptions import storage, tenancy  # noqa: E402
from calendar_exceptions.liveperson.account_config import api as account_config_api  # noqa: E402
from calendar_exceptions.office_hours import api as office_hours_api  # noqa: E402
from calendar_exceptions.tokens import TokenRepository  # noqa: E402
from tests.builders import COLLECTIONS, WITH_DEFAULT, Collection  # noqa: E402


def reset_clients() -> None:
    """Forget cached clients and token look-ups so the next request starts afresh on the current mock or endpoint."""
    storage.dynamodb_client.cache_clear()
    account_config_api.service.cache_clear()
    office_hours_api.service.cache_clear()
    office_hours_api.hours_service.cache_clear()
    tenancy.authenticator.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_clients() -> Iterator[None]:
    reset_clients()
    yield
    reset_clients()


@pytest.fixture(params=COLLECTIONS, ids=str)
def kind(request: pytest.FixtureRequest) -> Collection:
    """Each LivePerson collection (special occasions, workdays, skills), for the rules they share."""
    return request.param


@pytest.fixture(params=WITH_DEFAULT, ids=str)
def defaulted(request: pytest.FixtureRequest) -> Collection:
    """Each LivePerson collection with a default object (special occasions, workdays), for the default's rules."""
    return request.param


@pytest.fixture(scope="session")
def functions() -> dict[str, runtime.Function]:
    return runtime.load_functions()


@pytest.fixture(scope="session")
def router() -> gateway.Router:
    return gateway.Router(template.functions())


@pytest.fixture
def dynamodb() -> Iterator[Any]:
    """moto's mock_aws with the template's tables."""
    import boto3
    from moto import mock_aws

    from local.dynamodb import ensure_tables

    with mock_aws():
        client = boto3.client("dynamodb")
        ensure_tables(client)
        yield client


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    text: str

    @property
    def body(self) -> Any:
        return json.loads(self.text) if self.text else None

    @property
    def revision(self) -> str | None:
        return self.headers.get("ac-revision")


Headers = dict[str, str] | list[tuple[str, str]]


class ApiClient:
    """Calls a route of the template through its real handler, as API Gateway would.

    `path` may end in a query string (`?v=1.0`). `tenant=` sends a read-write token of that
    tenant (minted on first use in this test); `tenant=None` sends none; an Authorization in
    `headers` is sent as it is. `request_time=` (Unix seconds) is when API Gateway received it.
    """

    def __init__(self, functions: dict[str, runtime.Function], router: gateway.Router, tokens: TokenRepository) -> None:
        self._functions = functions
        self._router = router
        self.tokens = tokens
        self._token_of: dict[str, str] = {}

    def token(self, tenant: str) -> str:
        if tenant not in self._token_of:
            self._token_of[tenant], _ = self.tokens.mint(tenant, "read write", note="test")
        return self._token_of[tenant]

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: Headers | None = None,
        tenant: str | None = "acct1",
        raw_body: str | None = None,
        authorizer: dict[str, Any] | None = None,
        request_time: int | None = None,
        query: str = "",
    ) -> Reply:
        path, _, path_query = path.partition("?")
        query = query or path_query
        match = self._router.match(method, path)
        assert isinstance(match, gateway.Match), f"no route for {method} {path}"
        data = raw_body if raw_body is not None else ("" if body is None else json.dumps(body))
        header_list = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
        if tenant is not None and not any(name.lower() == "authorization" for name, _ in header_list):
            header_list.append(("Authorization", f"Bearer {self.token(tenant)}"))
        event = gateway.build_event(match, method, path, query, header_list, data.encode(), authorizer)
        if request_time is not None:
            event["requestContext"]["requestTimeEpoch"] = request_time * 1000
        result = self._functions[match.function.logical_id].invoke(event)
        status, response_headers, payload = gateway.http_response(result)
        return Reply(status, {k.lower(): v for k, v in response_headers}, payload.decode())


@pytest.fixture
def api(functions: dict[str, runtime.Function], router: gateway.Router, dynamodb: Any) -> ApiClient:
    return ApiClient(functions, router, TokenRepository(dynamodb, storage.table_name()))
