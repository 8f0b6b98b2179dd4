"""What distinguishes one LivePerson collection from another: its names, its storage keys, its models, its event rules.

Everything else (revisions, ids, names, the default, If-Match, errors, limits) is the same
for every collection and lives once in this package. A Kind names its models and rules by
module and imports them on first use: the functions that parse no body (list, get, delete)
never import them, nor pydantic (their cold start).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from calendar_exceptions.liveperson.account_config.layout import Layout

if TYPE_CHECKING:
    from calendar_exceptions.liveperson.account_config.models import ObjectFields


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
    # The module of its models and their names: `model_name` a stored object (and an element
    # of a PUT), `new_model_name` an element of a POST. The names are also the OpenAPI schemas'.
    models_module: str
    model_name: str
    new_model_name: str
    # The module whose `check_event` states the rules of one event its model's types cannot
    # express; it raises primitives.RuleViolation.
    rules_module: str

    @property
    def model(self) -> type[ObjectFields]:
        return getattr(importlib.import_module(self.models_module), self.model_name)

    @property
    def new_model(self) -> type[ObjectFields]:
        return getattr(importlib.import_module(self.models_module), self.new_model_name)

    def check_event(self, event: Any) -> None:
        importlib.import_module(self.rules_module).check_event(event)

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
