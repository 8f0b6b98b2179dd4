"""What distinguishes one LivePerson collection from another: its names, its storage keys, its models, its event rules.

Everything else (revisions, ids, names, the default, If-Match, errors, limits) is the same
for every collection and lives once in this package. Each collection's Kind is in its own
package (special_occasions/kind.py, workdays/kind.py), and the list of them all is
liveperson/kinds.py. A Kind reaches its models and rules through two functions of its own
module, each a plain function-local import run on first use: the functions that parse no
body (list, get, delete) never import them, nor pydantic (their cold start).
"""

from __future__ import annotations

from collections.abc import Callable
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
    layout: Layout
    # For messages: "special occasion" / "special occasions".
    noun: str
    plural: str
    # For metrics: <metric>Created, <metric>Updated, <metric>Deleted.
    metric: str
    # The names of its models, which are also their OpenAPI schemas' (read without importing
    # them): `model_name` a stored object (and an element of a PUT), `new_model_name` an
    # element of a POST.
    model_name: str
    new_model_name: str
    # Imports and returns the two models (model, new model), on first use.
    models: Callable[[], tuple[type[ObjectFields], type[ObjectFields]]]
    # Imports and applies the rules of one event that its model's types cannot express; it
    # raises primitives.RuleViolation.
    check_event: Callable[[Any], None]

    @property
    def model(self) -> type[ObjectFields]:
        return self.models()[0]

    @property
    def new_model(self) -> type[ObjectFields]:
        return self.models()[1]

    @property
    def collection_route(self) -> str:
        return f"/api/account/<accountId>/configuration/ac-common/{self.type}"

    @property
    def item_route(self) -> str:
        return self.collection_route + "/<id>"
