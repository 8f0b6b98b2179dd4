"""The account's default objects of both collections (special occasion, workday), read together.

For a reader of the effective hours (the shift status): which workday object gives the
regular hours and which special occasion overrides them. Two strongly consistent
BatchGetItem round trips: both heads (the `default_id` of each), then both default items.
A write that changes a default between the two (the item read is gone or no longer the
default) makes it read again, at most READS times in all; an account whose collection
never wrote, or has no default, answers None for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calendar_exceptions.account_config.kind import Kind
from calendar_exceptions.account_config.repository import head_key, head_of, item_key, stored_object
from calendar_exceptions.dynamodb import get_keys
from calendar_exceptions.special_occasions.collection import SPECIAL_OCCASIONS
from calendar_exceptions.special_occasions.models import SpecialOccasion
from calendar_exceptions.workdays.collection import WORKDAYS
from calendar_exceptions.workdays.models import Workday

READS = 3


@dataclass(frozen=True)
class AccountDefaults:
    special_occasion: SpecialOccasion | None
    workday: Workday | None


def read_account_defaults(client: Any, table: str, account: str) -> AccountDefaults:
    """The default special occasion and the default workday object of `account` (None where there is none)."""
    special_occasion, workday = read_defaults(client, table, account, [SPECIAL_OCCASIONS, WORKDAYS])
    return AccountDefaults(special_occasion, workday)  # type: ignore[arg-type]


def read_defaults(client: Any, table: str, account: str, kinds: list[Kind]) -> list[Any]:
    """The default object of each collection of `kinds` for `account`, in that order (None: no default)."""
    partitions = [kind.partition_key(account) for kind in kinds]
    found: list[Any] = [None] * len(kinds)
    for _ in range(READS):
        heads = {
            item["pk"]["S"]: head_of(item) for item in get_keys(client, table, [head_key(k, account) for k in kinds])
        }
        default_ids = [heads[p].default_id if p in heads else None for p in partitions]
        keys = [item_key(kind, account, i) for kind, i in zip(kinds, default_ids, strict=True) if i is not None]
        items = {item["pk"]["S"]: item for item in get_keys(client, table, keys)}
        found = [
            stored_object(kind, items[p]) if i is not None and p in items else None
            for kind, p, i in zip(kinds, partitions, default_ids, strict=True)
        ]
        if all(i is None or (item is not None and item.isDefault) for i, item in zip(default_ids, found, strict=True)):
            return found
    # The defaults kept changing under the reads: what the last read found, without a former default.
    return [item if item is not None and item.isDefault else None for item in found]
