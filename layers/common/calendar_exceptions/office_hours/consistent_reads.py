"""The strongly consistent reads both office hours repositories make: an item by its key, a partition's items.

`schedule_repository` and `exception_repository` each hold a ConsistentReads of their client
and table (composition): neither repository is built on the other.
"""

from __future__ import annotations

from typing import Any

from calendar_exceptions.dynamodb import query_items


class ConsistentReads:
    def __init__(self, client: Any, table: str) -> None:
        self._client = client
        self._table = table

    def item(self, key: dict[str, Any]) -> dict[str, Any] | None:
        """The item stored at `key`, None when there is none."""
        return self._client.get_item(TableName=self._table, Key=key, ConsistentRead=True).get("Item")

    def partition(self, pk: str, sk_prefix: str | None = None, keys_only: bool = False) -> list[dict[str, Any]]:
        """Every item of partition `pk` (whose sort key starts with `sk_prefix`), all pages; only the keys
        when `keys_only`."""
        request: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": {"S": pk}},
            "ConsistentRead": True,
        }
        if sk_prefix is not None:
            request["KeyConditionExpression"] += " AND begins_with(sk, :prefix)"
            request["ExpressionAttributeValues"][":prefix"] = {"S": sk_prefix}
        if keys_only:
            request["ProjectionExpression"] = "pk, sk"
        return list(query_items(self._client, **request))
