"""What distinguishes one LivePerson collection from another: its names, route, storage keys, models, rules, references.

Everything else (revisions, ids, names, If-Match, errors, limits, the default where a
collection has one, references between collections) is the same for every collection and
lives once in this package. Each collection's Kind is in its own package
(special_occasions/kind.py, workdays/kind.py, skills/kind.py), and the list of them all is
liveperson/kinds.py. A Kind reaches its models and rules through two functions of its own
module, each a plain function-local import run on first use: the functions that parse no
body (list, get, delete) never import them, nor pydantic (their cold start).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from calendar_exceptions.liveperson.account_config.layout import Layout
from calendar_exceptions.primitives import RuleViolation

if TYPE_CHECKING:
    from calendar_exceptions.liveperson.account_config.models import NamedObject


@dataclass(frozen=True, eq=False)
class Kind:
    """One collection: `type` is the last path segment and the error body's `type` (the vendor's collection name)."""

    type: str
    # The path segment before it: `ac-common` (Account Configuration's common objects) or
    # `le-users` (skills).
    prefix: str
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
    models: Callable[[], tuple[type[NamedObject], type[NamedObject]]]
    # Imports and applies the rules of one object (a model) that its types cannot express,
    # beyond those every object has (account_config/validation.py); it raises
    # primitives.RuleViolation naming the field relative to the object (`each_event` makes
    # one of a rule for events).
    check_object: Callable[[Any], None]
    # Whether one object of the collection may be the account's default (`isDefault`):
    # workdays and special occasions; the head's `default_id` is then kept by every write.
    has_default: bool = True
    # The fields of its objects that hold the id of another collection's object of the same
    # account (a skill's `workingHoursId`): account_config/references.py keeps them pointing
    # at stored objects.
    references: tuple[Reference, ...] = ()

    @property
    def model(self) -> type[NamedObject]:
        return self.models()[0]

    @property
    def new_model(self) -> type[NamedObject]:
        return self.models()[1]

    @property
    def collection_route(self) -> str:
        return f"/api/account/<accountId>/configuration/{self.prefix}/{self.type}"

    @property
    def item_route(self) -> str:
        return self.collection_route + "/<id>"


class Reference(NamedTuple):
    """A field of a collection's objects that holds the id of an object of `kind` (or null)."""

    field: str
    kind: Kind


def each_event(check_event: Callable[[Any], None]) -> Callable[[Any], None]:
    """The object rule of a collection whose objects hold `events`: `check_event` on each of them."""

    def check_object(item: Any) -> None:
        for index, event in enumerate(item.events):
            try:
                check_event(event)
            except RuleViolation as violation:
                raise RuleViolation(f"events[{index}].{violation.field}", violation.problem) from None

    return check_object
