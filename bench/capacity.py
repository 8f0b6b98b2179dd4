"""DynamoDB capacity per call: what moto reports, and what DynamoDB's sizing rules give.

Every call is sent with `ReturnConsumedCapacity=TOTAL` (added by a `before-parameter-build`
hook, so the application's requests are otherwise unchanged) and the answer's
`ConsumedCapacity` is read by an `after-call` hook. moto answers it for single-item calls
and queries, but with a constant (0.5 or 1.0, whatever the item size and read
consistency), and with nothing for transactions; so each call's capacity is also computed
from the sizes of the items it touched, read before and after it through a second client
that is not counted:

- item size: attribute names plus values (strings and binaries their bytes, numbers about
  one byte per two digits plus one, booleans and nulls one byte, lists and maps three
  bytes plus one per element plus their elements);
- reads: 4 KB units, a strongly consistent read 1 RCU per unit, eventually consistent 0.5;
  GetItem of a missing item still costs one unit; a Query adds up the items it returns and
  rounds once; transactional reads cost twice;
- writes: 1 KB units of the larger of the item before and after (a delete: the item
  before), at least 1 WCU, also when a condition refuses the write; a transaction's items
  cost twice, and a ConditionCheck is counted like a write of the checked item (assumed;
  DynamoDB does not itemise it);
- global secondary indexes (`index_wcu`): a write that puts an item into an index or takes
  it out costs one index write, one that changes the index key two (delete and put), one
  that changes only projected attributes one, each in 1 KB units of the index entry (the
  table's key, the index key and the projected attributes); transactions do not double
  them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

_CAPACITY_OPERATIONS = frozenset(
    {
        "GetItem",
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "Query",
        "Scan",
        "BatchGetItem",
        "BatchWriteItem",
        "TransactGetItems",
        "TransactWriteItems",
    }
)


def attribute_size(value: dict[str, Any]) -> int:
    ((kind, inner),) = value.items()
    if kind == "S":
        return len(inner.encode())
    if kind == "N":
        return _number_size(inner)
    if kind == "B":
        return len(inner)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "L":
        return 3 + sum(1 + attribute_size(v) for v in inner)
    if kind == "M":
        return 3 + sum(1 + len(k.encode()) + attribute_size(v) for k, v in inner.items())
    if kind == "SS":
        return sum(len(v.encode()) for v in inner)
    if kind == "NS":
        return sum(_number_size(v) for v in inner)
    if kind == "BS":
        return sum(len(v) for v in inner)
    raise ValueError(kind)


def _number_size(text: str) -> int:
    digits = Decimal(text).normalize().as_tuple().digits
    return max(1, math.ceil(len(digits) / 2)) + 1


def item_size(item: dict[str, Any] | None) -> int:
    if not item:
        return 0
    return sum(len(name.encode()) + attribute_size(value) for name, value in item.items())


def read_units(size: int, consistent: bool) -> float:
    return max(1, math.ceil(size / 4096)) * (1.0 if consistent else 0.5)


def write_units(size: int) -> float:
    return float(max(1, math.ceil(size / 1024)))


@dataclass(frozen=True)
class Index:
    """A global secondary index: its key and what it projects (None: every attribute)."""

    name: str
    key: tuple[str, ...]
    projected: frozenset[str] | None

    @classmethod
    def from_template(cls, definition: dict[str, Any]) -> Index:
        key = tuple(part["AttributeName"] for part in definition["KeySchema"])
        projection = definition.get("Projection", {})
        kind = projection.get("ProjectionType", "ALL")
        projected = None if kind == "ALL" else frozenset(projection.get("NonKeyAttributes", []))
        return cls(definition["IndexName"], key, projected)

    def entry(self, item: dict[str, Any] | None, table_key: tuple[str, ...]) -> dict[str, Any] | None:
        if not item or any(name not in item for name in self.key):
            return None
        if self.projected is None:
            return item
        names = set(table_key) | set(self.key) | self.projected
        return {name: value for name, value in item.items() if name in names}

    def write_units(self, old: dict[str, Any] | None, new: dict[str, Any] | None, table_key: tuple[str, ...]) -> float:
        before, after = self.entry(old, table_key), self.entry(new, table_key)
        if before == after:
            return 0.0
        if before is None or after is None:
            return write_units(item_size(before or after))
        if any(before[name] != after[name] for name in self.key):
            return write_units(item_size(before)) + write_units(item_size(after))
        return write_units(max(item_size(before), item_size(after)))


def template_indexes(table_properties: dict[str, Any]) -> list[Index]:
    return [Index.from_template(d) for d in table_properties.get("GlobalSecondaryIndexes", [])]


@dataclass
class Cost:
    operation: str
    rcu: float = 0.0
    wcu: float = 0.0
    index_wcu: float = 0.0
    reported: float | None = None  # what moto answered in ConsumedCapacity, if anything
    items: int = 0  # items read or written


@dataclass
class Meter:
    """Counts the calls of one DynamoDB client and prices each; `observer` is an uncounted client."""

    observer: Any
    table: str
    indexes: list[Index] = field(default_factory=list)
    table_key: tuple[str, ...] = ("pk", "sk")
    costs: list[Cost] = field(default_factory=list)
    _pending: list[dict[str, Any]] = field(default_factory=list)

    def attach(self, events: Any) -> None:
        events.register("before-parameter-build.dynamodb", self._before)
        events.register("after-call.dynamodb", self._after)

    def detach(self, events: Any) -> None:
        events.unregister("before-parameter-build.dynamodb", self._before)
        events.unregister("after-call.dynamodb", self._after)

    def reset(self) -> list[Cost]:
        costs, self.costs = self.costs, []
        return costs

    # -- hooks ---------------------------------------------------------------------------

    def _before(self, model: Any, params: dict[str, Any], **_: Any) -> None:
        if model.name in _CAPACITY_OPERATIONS:
            params.setdefault("ReturnConsumedCapacity", "TOTAL")
        self._pending.append({"params": params, "before": self._images(model.name, params)})

    def _after(self, model: Any, parsed: dict[str, Any], **_: Any) -> None:
        pending = self._pending.pop()
        params = pending["params"]
        cost = self._price(model.name, params, parsed, pending["before"])
        reported = parsed.get("ConsumedCapacity")
        if isinstance(reported, dict):
            cost.reported = reported.get("CapacityUnits")
        elif isinstance(reported, list) and reported:
            cost.reported = sum(entry.get("CapacityUnits", 0) for entry in reported)
        self.costs.append(cost)

    # -- item images ---------------------------------------------------------------------

    def _keys(self, operation: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if operation in ("UpdateItem", "DeleteItem"):
            return [params["Key"]]
        if operation == "PutItem":
            return [_key(params["Item"])]
        if operation == "TransactWriteItems":
            keys = []
            for entry in params["TransactItems"]:
                ((_, action),) = entry.items()
                keys.append(action.get("Key") or _key(action["Item"]))
            return keys
        if operation == "BatchWriteItem":
            keys = []
            for requests in params["RequestItems"].values():
                for request in requests:
                    if "DeleteRequest" in request:
                        keys.append(request["DeleteRequest"]["Key"])
                    else:
                        keys.append(_key(request["PutRequest"]["Item"]))
            return keys
        return []

    def _images(self, operation: str, params: dict[str, Any]) -> list[dict[str, Any] | None]:
        return [self._get(key) for key in self._keys(operation, params)]

    def _get(self, key: dict[str, Any]) -> dict[str, Any] | None:
        return self.observer.get_item(TableName=self.table, Key=key, ConsistentRead=True).get("Item")

    # -- pricing -------------------------------------------------------------------------

    def _price(
        self, operation: str, params: dict[str, Any], parsed: dict[str, Any], before: list[dict[str, Any] | None]
    ) -> Cost:
        cost = Cost(operation)
        consistent = bool(params.get("ConsistentRead"))
        if operation == "GetItem":
            cost.rcu = read_units(item_size(parsed.get("Item")), consistent)
            cost.items = 1 if parsed.get("Item") else 0
        elif operation in ("Query", "Scan"):
            items = parsed.get("Items", [])
            cost.rcu = read_units(sum(item_size(i) for i in items), consistent)
            cost.items = len(items)
        elif operation == "TransactGetItems":
            items = [r.get("Item") for r in parsed.get("Responses", [])]
            cost.rcu = sum(2 * read_units(item_size(i), True) for i in items)
            cost.items = sum(1 for i in items if i)
        elif operation in ("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"):
            keys = self._keys(operation, params)
            after = [self._get(key) for key in keys]
            factor = 2 if operation == "TransactWriteItems" else 1
            refused = "Error" in parsed
            for old, new in zip(before, after, strict=True):
                cost.wcu += factor * write_units(max(item_size(old), item_size(new)))
                if not refused:
                    cost.index_wcu += sum(index.write_units(old, new, self.table_key) for index in self.indexes)
            cost.items = len(keys)
        return cost


def _key(item: dict[str, Any]) -> dict[str, Any]:
    return {"pk": item["pk"], "sk": item["sk"]}
