"""DynamoDB client and item (de)serialisation shared by every data-access module."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.config import Config

from calendar_exceptions.errors import ServiceUnavailable

# The SDK's standard retry mode retries throttling, 5xx, timeouts and refused connections
# with backoff: three attempts in all, the waits before the second and third at most 1 s
# and 2 s. What still fails reaches the caller as 503 (see http_errors). Retrying a write
# is safe: TransactWriteItems carries one ClientRequestToken through its retries (DynamoDB
# applies it once), and every UpdateItem sets the values the request sent. No client-side
# parameter validation: every request is built by this code, DynamoDB validates it anyway
# (a bad one is a ValidationException, a 500 here as a ParamValidationError was), and
# botocore's validation walked each request's whole structure, a seventh of a warm
# request's time.
CONNECT_TIMEOUT = 1
READ_TIMEOUT = 2
_CLIENT_CONFIG = Config(
    retries={"mode": "standard", "total_max_attempts": 3},
    connect_timeout=CONNECT_TIMEOUT,
    read_timeout=READ_TIMEOUT,
    parameter_validation=False,
)

# The retries above, and a request's several calls, must not outlast the function: a Lambda
# timeout reaches an API Gateway caller as a bare 502, not as the API's 503 with
# Retry-After. So before each attempt (the first and every retry) the function's remaining
# time is asked: an attempt is started only if it, the longest backoff that could follow
# it and time to answer all fit; otherwise StorageDeadline (a 503) is raised at once.
MAX_BACKOFF = 2
ANSWER_MARGIN = 0.5
REQUIRED_REMAINING_MS = int((CONNECT_TIMEOUT + READ_TIMEOUT + MAX_BACKOFF + ANSWER_MARGIN) * 1000)
_remaining_ms: ContextVar[Callable[[], int] | None] = ContextVar("storage_remaining_ms", default=None)


class StorageDeadline(ServiceUnavailable):
    """Not enough of the function's time left for another DynamoDB attempt (503)."""


@contextlib.contextmanager
def deadline(remaining_ms: Callable[[], int]) -> Iterator[None]:
    """DynamoDB attempts made inside stop while `remaining_ms()` (the Lambda context's) can still hold them."""
    token = _remaining_ms.set(remaining_ms)
    try:
        yield
    finally:
        _remaining_ms.reset(token)


def _before_attempt(**_: Any) -> None:
    remaining_ms = _remaining_ms.get()
    if remaining_ms is not None and remaining_ms() < REQUIRED_REMAINING_MS:
        raise StorageDeadline("Service temporarily unavailable, retry later")


_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


@functools.cache
def dynamodb_client() -> Any:
    """One client per execution environment, made on first use so tests can mock AWS first."""
    client = boto3.client("dynamodb", config=_CLIENT_CONFIG)
    client.meta.events.register_first("before-send.dynamodb", _before_attempt)
    return client


def table_name() -> str:
    return os.environ["TABLE_NAME"]


def query_items(client: Any, **request: Any) -> Iterator[dict[str, Any]]:
    """Every item a Query returns, page after page."""
    while True:
        page = client.query(**request)
        yield from page.get("Items", [])
        if "LastEvaluatedKey" not in page:
            return
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def to_item(values: dict[str, Any]) -> dict[str, Any]:
    return {key: _serializer.serialize(value) for key, value in values.items() if value is not None}


def from_item(item: dict[str, Any]) -> dict[str, Any]:
    return {key: _plain(_deserializer.deserialize(value)) for key, value in item.items()}


def _plain(value: Any) -> Any:
    """Turn DynamoDB's Decimals back into ints (this product stores no fractional numbers)."""
    if isinstance(value, Decimal):
        return int(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def cancellation_codes(error: Any) -> list[str]:
    """The per-item reason codes of a TransactionCanceledException, '' where an item passed."""
    reasons = error.response.get("CancellationReasons") or []
    return [reason.get("Code") or "" for reason in reasons]


def within_function_time(app: Any, next_middleware: Callable[[Any], Any]) -> Any:
    """Resolver middleware: the request's DynamoDB attempts stop in time for its Lambda context (see deadline)."""
    context = app.lambda_context
    if context is None:
        return next_middleware(app)
    with deadline(context.get_remaining_time_in_millis):
        return next_middleware(app)
