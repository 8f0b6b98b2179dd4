"""Reading an account's default workday and default special occasion: two strongly consistent round trips.

The storage layout both collections share: partition `ACCOUNT#<account>#WORKINGHOURS`
(workdays) or `ACCOUNT#<account>#SPECIALOCCASION` (special occasions), each with a head
item at sort key `#HEAD` whose `default_id` (a number; absent or NULL when there is no
default) names the default object, stored at `WORKDAY#<id:012d>` or `OCCASION#<id:012d>`
with the object's JSON fields.

The first BatchGetItem reads both heads (only their `default_id`), the second the default
objects; both with ConsistentRead. Keys DynamoDB leaves unprocessed (while it throttles) are
asked again after a pause, BATCH_ATTEMPTS times in all, then ServiceUnavailable (503).
The objects are plain dicts, as stored: nothing here imports pydantic.
"""

from __future__ import annotations

import time
from typing import Any

from calendar_exceptions.dynamodb import BATCH_ATTEMPTS, pause
from calendar_exceptions.errors import ServiceUnavailable
from calendar_exceptions.storage import from_item

HEAD_SK = "#HEAD"
# (partition suffix, object sort key prefix) of each collection.
WORKDAYS = ("WORKINGHOURS", "WORKDAY#")
SPECIAL_OCCASIONS = ("SPECIALOCCASION", "OCCASION#")


def partition(account: str, collection: tuple[str, str]) -> str:
    return f"ACCOUNT#{account}#{collection[0]}"


def object_key(account: str, collection: tuple[str, str], object_id: int) -> dict[str, Any]:
    return {"pk": {"S": partition(account, collection)}, "sk": {"S": f"{collection[1]}{object_id:012d}"}}


def read_defaults(client: Any, table: str, account: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The account's default workday and default special occasion, each None when there is none."""
    collections = (WORKDAYS, SPECIAL_OCCASIONS)
    heads = _batch_get(
        client,
        table,
        [{"pk": {"S": partition(account, c)}, "sk": {"S": HEAD_SK}} for c in collections],
        projection="pk, default_id",
    )
    default_ids = {item["pk"]["S"]: from_item(item).get("default_id") for item in heads}
    wanted = {
        c: object_key(account, c, default_ids[partition(account, c)])
        for c in collections
        if default_ids.get(partition(account, c)) is not None
    }
    found = {item["pk"]["S"]: item for item in _batch_get(client, table, list(wanted.values()))} if wanted else {}
    objects = []
    for collection in collections:
        item = found.get(partition(account, collection)) if collection in wanted else None
        objects.append(_object(item) if item is not None else None)
    return objects[0], objects[1]


def _batch_get(
    client: Any, table: str, keys: list[dict[str, Any]], projection: str | None = None
) -> list[dict[str, Any]]:
    request: dict[str, Any] = {"Keys": keys, "ConsistentRead": True}
    if projection is not None:
        request["ProjectionExpression"] = projection
    items: list[dict[str, Any]] = []
    pending: dict[str, Any] = {table: request}
    for retry in range(BATCH_ATTEMPTS):
        response = client.batch_get_item(RequestItems=pending)
        items += response.get("Responses", {}).get(table, [])
        pending = response.get("UnprocessedKeys") or {}
        if not pending:
            return items
        time.sleep(pause(retry))
    raise ServiceUnavailable("Service temporarily unavailable, retry later")


def _object(item: dict[str, Any]) -> dict[str, Any]:
    values = from_item(item)
    del values["pk"], values["sk"]
    return values
