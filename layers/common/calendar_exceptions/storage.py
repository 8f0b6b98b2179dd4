"""The DynamoDB client, its deadline, and item (de)serialisation shared by every data-access module.

The requests built with them (updates, transactions, retries, paging, batch deletes) are in `dynamodb`.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

import boto3
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


# An attempt of a retried operation (dynamodb.retry_contended) is a read and a write or
# two, well under a second unless storage is failing, when the calls' own check answers 503.
ATTEMPT_ALLOWANCE_MS = 1000


def attempt_fits_after(pause_s: float) -> bool | None:
    """Whether another attempt of an operation could still be made after waiting `pause_s`; None without a deadline."""
    remaining_ms = _remaining_ms.get()
    if remaining_ms is None:
        return None
    return remaining_ms() - pause_s * 1000 >= REQUIRED_REMAINING_MS + ATTEMPT_ALLOWANCE_MS


def _before_attempt(**_: Any) -> None:
    remaining_ms = _remaining_ms.get()
    if remaining_ms is not None and remaining_ms() < REQUIRED_REMAINING_MS:
        raise StorageDeadline("Service temporarily unavailable, retry later")


@functools.cache
def dynamodb_client() -> Any:
    """One client per execution environment, made on first use so tests can mock AWS first."""
    client = boto3.client("dynamodb", config=_CLIENT_CONFIG)
    client.meta.events.register_first("before-send.dynamodb", _before_attempt)
    return client


def table_name() -> str:
    return os.environ["TABLE_NAME"]


def to_item(values: dict[str, Any]) -> dict[str, Any]:
    return {key: _attribute(value) for key, value in values.items() if value is not None}


def from_item(item: dict[str, Any]) -> dict[str, Any]:
    return {key: _value(value) for key, value in item.items()}


# The types this product stores (str, bool, int, None, lists and maps of them) are
# (de)serialised here directly; boto3's TypeSerializer and TypeDeserializer, which handle
# every DynamoDB type through Decimal contexts and type probes, were a sixth of a warm PUT
# outside botocore. Anything else still goes through them, with the same result as before;
# they are imported only then (boto3.dynamodb.types, about 1 ms of a cold start otherwise).
@functools.cache
def _serializer() -> Any:
    from boto3.dynamodb.types import TypeSerializer

    return TypeSerializer()


@functools.cache
def _deserializer() -> Any:
    from boto3.dynamodb.types import TypeDeserializer

    return TypeDeserializer()


def _attribute(value: Any) -> dict[str, Any]:
    kind = type(value)
    if kind is str:
        return {"S": value}
    if kind is bool:
        return {"BOOL": value}
    if kind is int:
        return {"N": str(value)}
    if kind is dict:
        return {"M": {key: _attribute(item) for key, item in value.items()}}
    if kind is list:
        return {"L": [_attribute(item) for item in value]}
    if value is None:
        return {"NULL": True}
    return _serializer().serialize(value)


def _value(attribute: dict[str, Any]) -> Any:
    ((kind, value),) = attribute.items()
    if kind == "S":
        return value
    if kind == "N":
        return int(value) if value.lstrip("-").isdigit() else int(Decimal(value))
    if kind == "BOOL":
        return value
    if kind == "M":
        return {key: _value(item) for key, item in value.items()}
    if kind == "L":
        return [_value(item) for item in value]
    if kind == "NULL":
        return None
    return _plain(_deserializer().deserialize(attribute))


def _plain(value: Any) -> Any:
    """Turn DynamoDB's Decimals back into ints (this product stores no fractional numbers)."""
    if isinstance(value, Decimal):
        return int(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
