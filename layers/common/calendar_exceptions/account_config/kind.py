"""What distinguishes one LivePerson collection from another: its names, its storage keys, its models, its event rules.

Everything else (revisions, ids, names, the default, If-Match, errors, limits) is the same
for every collection and lives once in this package.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from calendar_exceptions.account_config.layout import Layout
from calendar_exceptions.account_config.models import ObjectFields


@dataclass(frozen=True, eq=False)
class Kind:
    """One collection: `type` is the path segment and the error body's `type` (the vendor's collection name)."""

    type: str
    # Storage: partition ACCOUNT#<account>#<partition>, objects at sk <item_prefix>#<id:012d>.
    partition: str
    item_prefix: str
    # For messages: "special occasion" / "special occasions".
    noun: str
    plural: str
    # For metrics: <metric>Created, <metric>Updated, <metric>Deleted.
    metric: str
    new_model: type[ObjectFields]
    model: type[ObjectFields]
    # The rules of one event its model's types cannot express; raises primitives.RuleViolation.
    check_event: Callable[[Any], None]

    @property
    def collection_route(self) -> str:
        return f"/api/account/<accountId>/configuration/ac-common/{self.type}"

    @property
    def item_route(self) -> str:
        return self.collection_route + "/<id>"

    @property
    def layout(self) -> Layout:
        return Layout(self.partition, self.item_prefix)

    def partition_key(self, account: str) -> str:
        return self.layout.partition_key(account)

    def sort_key(self, object_id: int) -> str:
        return self.layout.sort_key(object_id)
