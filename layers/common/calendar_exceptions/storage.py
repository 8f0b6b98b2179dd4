"""DynamoDB client and item (de)serialisation shared by every data-access module."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.config import Config

# The SDK's standard retry mode retries throttling, 5xx, timeouts and refused connections
# with backoff; `max_attempts` counts the retries, so a request is tried 5 times. What still
# fails after that reaches the caller as 503 (see http_errors). Retrying a write is safe:
# TransactWriteItems carries one ClientRequestToken through its retries (DynamoDB applies
# it once), and every UpdateItem sets the values the request sent. No client-side
# parameter validation: every request is built by this code, DynamoDB validates it anyway
# (a bad one is a ValidationException, a 500 here as a ParamValidationError was), and
# botocore's validation walked each request's whole structure, a seventh of a warm
# request's time.
_CLIENT_CONFIG = Config(
    retries={"mode": "standard", "max_attempts": 4},
    connect_timeout=2,
    read_timeout=5,
    parameter_validation=False,
)

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


@functools.cache
def dynamodb_client() -> Any:
    """One client per execution environment, made on first use so tests can mock AWS first."""
    return boto3.client("dynamodb", config=_CLIENT_CONFIG)


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
