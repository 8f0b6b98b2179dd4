"""Which workday and special occasion objects apply: the account's defaults, or an owner's own (a skill's).

For the shift status. A collection with a default (Kind.has_default: workdays, special
occasions) gives every owner its default object, unless the owner names its own object of
that collection (a skill's `workingHoursId`, `specialOccasionId`). Two strongly consistent
BatchGetItem round trips:

1. every defaulted collection's head (its `default_id`) and, when asked, one more item that
   says which owners there are and which objects they name (a skill, or the skills head,
   whose index holds every skill's references);
2. the defaults and the owners' own objects, each read once however many owners share it (at
   most 100 keys a call: one call for up to 100 distinct objects); none without an owner.

A write between the two (a default's item read is gone or no longer the default, or an
owner's own object is gone: the owner named another, then that one was deleted) makes it
read again, at most READS times in all; after that it answers what it found, without a
former default, and an owner whose own object is gone gets the default. The objects are
plain dicts, as stored: nothing here imports the models (pydantic).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from calendar_exceptions.dynamodb import get_keys
from calendar_exceptions.liveperson.account_config.kind import Kind
from calendar_exceptions.liveperson.kinds import KINDS
from calendar_exceptions.storage import from_item

READS = 3
# BatchGetItem takes at most this many keys.
BATCH_KEYS = 100
# The collections with a default object: those whose objects apply to an owner.
DEFAULTED = tuple(kind for kind in KINDS if kind.has_default)

Objects = dict[Kind, dict[str, Any] | None]
# The item read with the heads (None when absent) -> each owner to answer for, with the id
# of its own object of each collection where it names one.
Owners = Callable[[dict[str, Any] | None], dict[Any, dict[Kind, int]]]


class Applying(NamedTuple):
    """What `read_applying` found: each owner's objects, and each defaulted collection's revision as its head
    had it (0: never written; a feed's SEQUENCE grows with them, docs/feeds.md)."""

    objects: dict[Any, Objects]
    revisions: dict[Kind, int]


def read_defaults(client: Any, table: str, account: str) -> Objects:
    """The account's default object of each collection with a default, None where it has none."""
    return read_defaults_and_revisions(client, table, account)[0]


def read_defaults_and_revisions(client: Any, table: str, account: str) -> tuple[Objects, dict[Kind, int]]:
    """`read_defaults`, and each collection's revision (Applying.revisions)."""
    found = read_applying(client, table, account, None, lambda _: {None: {}})
    return found.objects[None], found.revisions


def read_applying(client: Any, table: str, account: str, key: dict[str, Any] | None, owners: Owners) -> Applying:
    """The objects that apply to each owner `owners` finds in the item at `key` (module docstring)."""
    head_keys = [kind.layout.head_key(account) for kind in DEFAULTED]
    answer: dict[Any, Objects] = {}
    revisions: dict[Kind, int] = {}
    for _ in range(READS):
        items = {_where(item): item for item in get_keys(client, table, [*head_keys, *([key] if key else [])])}
        heads = {kind: from_item(items.get(_where(k)) or {}) for kind, k in zip(DEFAULTED, head_keys, strict=True)}
        defaults = {kind: heads[kind].get("default_id") for kind in DEFAULTED}
        revisions = {kind: int(heads[kind].get("revision", 0)) for kind in DEFAULTED}
        wanted = owners(items.get(_where(key)) if key else None)
        # The defaults even where every owner names its own: the fallback of one whose own is gone.
        needed = {(kind, i) for kind, i in defaults.items() if i is not None and wanted}
        needed |= {(kind, i) for own in wanted.values() for kind, i in own.items()}
        found = _read_objects(client, table, account, needed)
        answer = {owner: _applying(own, defaults, found) for owner, own in wanted.items()}
        if all(_settled(own, defaults, found) for own in wanted.values()):
            break
    return Applying(answer, revisions)


def _read_objects(client: Any, table: str, account: str, needed: set[tuple[Kind, int]]) -> dict[tuple[Kind, int], Any]:
    keys = [kind.layout.item_key(account, object_id) for kind, object_id in sorted(needed, key=_order)]
    kinds = {kind.layout.partition_key(account): kind for kind in DEFAULTED}
    found = {}
    for start in range(0, len(keys), BATCH_KEYS):
        for item in get_keys(client, table, keys[start : start + BATCH_KEYS]):
            values = from_item(item)
            kind = kinds[values.pop("pk")]
            del values["sk"]
            found[kind, values["id"]] = values
    return found


def _applying(own: dict[Kind, int], defaults: dict[Kind, int | None], found: dict[tuple[Kind, int], Any]) -> Objects:
    """The owner's own object where it names one that was read, else the default if it still is one."""
    applying: Objects = {}
    for kind in DEFAULTED:
        mine = found.get((kind, own[kind])) if kind in own else None
        default = found.get((kind, defaults[kind])) if defaults[kind] is not None else None
        applying[kind] = mine if mine is not None else (default if _still_default(default) else None)
    return applying


def _settled(own: dict[Kind, int], defaults: dict[Kind, int | None], found: dict[tuple[Kind, int], Any]) -> bool:
    """Whether what was read is what the heads and the owner named: nothing changed between the two reads."""
    for kind in DEFAULTED:
        if kind in own:
            if (kind, own[kind]) not in found:
                return False
        elif defaults[kind] is not None and not _still_default(found.get((kind, defaults[kind]))):
            return False
    return True


def _still_default(item: dict[str, Any] | None) -> bool:
    return item is not None and item.get("isDefault") is not False


def _where(key: dict[str, Any]) -> tuple[str, str]:
    return key["pk"]["S"], key["sk"]["S"]


def _order(needed: tuple[Kind, int]) -> tuple[int, int]:
    return DEFAULTED.index(needed[0]), needed[1]
