"""References between collections: a field holding the id of another collection's object always names a stored one.

A Kind lists its references (kind.Reference: a field, the collection it points into); a
skill's `workingHoursId` names a workdays object, its `specialOccasionId` a special
occasions object, of the same account. Two rules, each held by a DynamoDB condition inside
the write's own transaction, never by a read before it:

- A write that gives an object a reference it did not hold condition-checks the referenced
  collection's head, whose index names every stored object of that collection:
  `attribute_exists(index.<id>)` holds exactly when the object is stored. Refused: 400
  naming the field (the failed check returns the head, which says which id is missing).
- The head of a referring collection carries, beside its index, one attribute per object
  its objects reference, `uses#<PARTITION>#<id>` (layout.uses_attribute): the ids of the
  objects using it, derived from the index each time the head is written, and every write
  writes it. A delete condition-checks, on each referring collection's head, that no
  `uses#` attribute of a deleted id exists. Refused: 409 naming the objects that use it.

A write of references and a delete of what they reference each touch both heads (one
writes its own head and checks the other's), so DynamoDB serialises them: the write lands
first and the delete is refused, or the delete lands first and the write is refused; a
reference never dangles. An object that keeps a reference it held is not checked again:
what it references cannot have been deleted since.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from calendar_exceptions.dynamodb import Contention
from calendar_exceptions.errors import DomainError, InUse, InvalidInput
from calendar_exceptions.liveperson.account_config.kind import Kind

Refs = tuple[tuple[str, int], ...]


class Check(NamedTuple):
    """A ConditionCheck of a write's transaction, and the error its failure means, given the item it checked
    (None when there is none); it raises Contention when the item shows nothing wrong (it changed since)."""

    item: dict[str, Any]
    refused: Callable[[dict[str, Any] | None], DomainError]


def held(kind: Kind, item: Any) -> Refs:
    """The references an object (a model of `kind`) holds: (field, id) for each one set."""
    found = ((reference.field, getattr(item, reference.field)) for reference in kind.references)
    return tuple((field, value) for field, value in found if value is not None)


def uses_attributes(kind: Kind, index: Mapping[int, Refs]) -> dict[str, list[int]]:
    """The `uses#` attributes of a head of `kind` whose objects hold `index` (id -> its references)."""
    into = {reference.field: reference.kind for reference in kind.references}
    uses: dict[str, list[int]] = {}
    for object_id, refs in sorted(index.items()):
        for field, value in refs:
            uses.setdefault(into[field].layout.uses_attribute(value), []).append(object_id)
    return uses


def new_reference_checks(
    kind: Kind, table: str, account: str, before: Mapping[int, Refs], objects: list[Any]
) -> list[Check]:
    """The checks that each reference `objects` (in request order) hold, and did not hold `before`, is stored."""
    wanted: dict[Kind, dict[int, list[tuple[int, str]]]] = {}
    for position, item in enumerate(objects):
        previous = dict(before.get(getattr(item, "id", 0), ()))
        for reference in kind.references:
            value = getattr(item, reference.field)
            if value is not None and previous.get(reference.field) != value:
                wanted.setdefault(reference.kind, {}).setdefault(value, []).append((position, reference.field))
    return [_exists_check(table, account, referenced, ids) for referenced, ids in wanted.items()]


def _exists_check(table: str, account: str, referenced: Kind, ids: dict[int, list[tuple[int, str]]]) -> Check:
    names = {"#index": "index", **{f"#k{n}": str(object_id) for n, object_id in enumerate(ids)}}
    condition = " AND ".join(f"attribute_exists(#index.#k{n})" for n in range(len(ids)))

    def refused(head: dict[str, Any] | None) -> DomainError:
        stored = (head or {}).get("index", {})
        missing = sorted((p, field, i) for i, uses in ids.items() if str(i) not in stored for p, field in uses)
        if not missing:
            raise Contention(f"the {referenced.plural} changed during the write")
        position, field, object_id = missing[0]
        path = f"[{position}].{field}"
        return InvalidInput(f"{path}: {object_id} is not the id of a {referenced.noun} object of this account", path)

    return Check(_condition_check(table, referenced.layout.head_key(account), condition, names), refused)


def referrer_checks(kind: Kind, table: str, account: str, ids: Iterable[int], kinds: Iterable[Kind]) -> list[Check]:
    """The checks that no object of the collections of `kinds` that reference `kind` uses one of `ids`."""
    ids = list(ids)
    checks = []
    for referrer in kinds:
        fields = [reference.field for reference in referrer.references if reference.kind is kind]
        if fields:
            checks.append(_unused_check(table, account, kind, ids, referrer, fields))
    return checks


def _unused_check(table: str, account: str, kind: Kind, ids: list[int], referrer: Kind, fields: list[str]) -> Check:
    names = {f"#u{n}": kind.layout.uses_attribute(object_id) for n, object_id in enumerate(ids)}
    condition = " AND ".join(f"attribute_not_exists(#u{n})" for n in range(len(ids)))

    def refused(head: dict[str, Any] | None) -> DomainError:
        users = {i: (head or {}).get(kind.layout.uses_attribute(i)) for i in ids}
        used = [f"{kind.noun} {i} is used by {_objects(referrer, u)}" for i, u in users.items() if u]
        if not used:
            raise Contention(f"the {referrer.plural} changed during the delete")
        message = "; ".join(used)
        return InUse(
            f"{message[0].upper()}{message[1:]} (their {' or '.join(fields)}); nothing was deleted: "
            f"change or delete those {referrer.plural} first",
            "id",
        )

    return Check(_condition_check(table, referrer.layout.head_key(account), condition, names), refused)


def _objects(kind: Kind, ids: list[int]) -> str:
    return f"{kind.noun if len(ids) == 1 else kind.plural} {', '.join(map(str, ids))}"


def _condition_check(table: str, key: dict[str, Any], condition: str, names: dict[str, str]) -> dict[str, Any]:
    return {
        "ConditionCheck": {
            "TableName": table,
            "Key": key,
            "ConditionExpression": condition,
            "ExpressionAttributeNames": names,
            # The item as it was when the condition failed: the error names what it found.
            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        }
    }
