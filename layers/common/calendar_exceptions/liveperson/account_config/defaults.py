"""The account's default object of every LivePerson collection (liveperson/kinds.py), read together.

For the shift status: which workday object gives the regular hours and which special
occasion overrides them. Two strongly consistent BatchGetItem round trips: every
collection's head (its `default_id`), then the default items. A write that changes a default
between the two (the item read is gone or no longer the default) makes it read again, at
most READS times in all; an account whose collection never wrote, or has no default,
answers None for it. The objects are plain dicts, as stored: nothing here imports the
models (pydantic).
"""

from __future__ import annotations

from typing import Any

from calendar_exceptions.dynamodb import get_keys
from calendar_exceptions.liveperson.account_config.kind import Kind
from calendar_exceptions.liveperson.kinds import KINDS
from calendar_exceptions.storage import from_item

READS = 3


def read_defaults(client: Any, table: str, account: str) -> dict[Kind, dict[str, Any] | None]:
    """The account's default object of each collection of KINDS, None where it has none."""
    return read_defaults_and_revisions(client, table, account)[0]


def read_defaults_and_revisions(
    client: Any, table: str, account: str
) -> tuple[dict[Kind, dict[str, Any] | None], dict[Kind, int]]:
    """`read_defaults`, and each collection's revision as its head had it when they were read (0: never written)."""
    layouts = [kind.layout for kind in KINDS]
    partitions = [layout.partition_key(account) for layout in layouts]
    found: list[dict[str, Any] | None] = [None] * len(layouts)
    for _ in range(READS):
        heads = {
            item["pk"]["S"]: from_item(item) for item in get_keys(client, table, [c.head_key(account) for c in layouts])
        }
        default_ids = [heads.get(p, {}).get("default_id") for p in partitions]
        keys = [c.item_key(account, i) for c, i in zip(layouts, default_ids, strict=True) if i is not None]
        items = {item["pk"]["S"]: item for item in get_keys(client, table, keys)}
        found = [
            _object(items[p]) if i is not None and p in items else None
            for p, i in zip(partitions, default_ids, strict=True)
        ]
        if all(i is None or _still_default(item) for i, item in zip(default_ids, found, strict=True)):
            break
    else:
        # The defaults kept changing under the reads: what the last read found, without a former default.
        found = [item if _still_default(item) else None for item in found]
    revisions = [heads.get(p, {}).get("revision", 0) for p in partitions]
    return dict(zip(KINDS, found, strict=True)), dict(zip(KINDS, revisions, strict=True))


def _still_default(item: dict[str, Any] | None) -> bool:
    return item is not None and item.get("isDefault") is not False


def _object(item: dict[str, Any]) -> dict[str, Any]:
    values = from_item(item)
    del values["pk"], values["sk"]
    return values
