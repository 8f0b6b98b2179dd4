"""DynamoDB access for a collection (special occasions, workdays, skills): one partition per account and kind.

Layout (layout.py, each Kind's): partition `ACCOUNT#<account>#SPECIALOCCASION`,
`ACCOUNT#<account>#WORKINGHOURS` or `ACCOUNT#<account>#SKILLS`; the head item at sk `#HEAD`
holds the collection revision, the last id issued, the default object's id and an index of
every object's name, content digest and references (attributes `revision`, `last_id`,
`default_id`, `index`), and, for a collection whose objects reference others, the
`uses#...` attributes derived from the index (references.py); each object is an item at sk
`OCCASION#<id:012d>`, `WORKDAY#<id:012d>` or `SKILL#<id:012d>` holding its JSON fields.

Every write puts the head under the condition that the revision is still the one the
write was based on, so all writes to one account's collection are serialised by DynamoDB
and each takes one transaction. A write that meets another transaction holding the head
raises Contention (dynamodb), which the service retries.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from calendar_exceptions.dynamodb import CONDITION_FAILED, codes, query_items, transact
from calendar_exceptions.errors import RevisionConflict
from calendar_exceptions.liveperson.account_config import references
from calendar_exceptions.liveperson.account_config.kind import Kind
from calendar_exceptions.liveperson.account_config.layout import HEAD_SK
from calendar_exceptions.storage import from_item, to_item

if TYPE_CHECKING:
    # Writes are given models; reads answer the stored JSON, so the functions that only read
    # or delete never import the models (pydantic).
    from calendar_exceptions.liveperson.account_config.models import NamedObject

# Accounts whose head an environment keeps (least recently used out); a head is at most
# 500 index entries, a few tens of KB.
_CACHED_HEADS = 64


def head_key(kind: Kind, account: str) -> dict[str, Any]:
    return kind.layout.head_key(account)


def item_key(kind: Kind, account: str, object_id: int) -> dict[str, Any]:
    return kind.layout.item_key(account, object_id)


@dataclass(frozen=True)
class IndexEntry:
    name: str
    digest: str
    # The references the object holds: (field, id) for each of its Kind's references set.
    refs: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Head:
    """The collection's head item; `exists` is false for an account that never wrote."""

    revision: int = 0
    last_id: int = 0
    default_id: int | None = None
    index: dict[int, IndexEntry] = field(default_factory=dict)
    exists: bool = False


@dataclass(frozen=True)
class Change:
    """Everything one write does to a collection, committed in one transaction."""

    head: Head
    put: list[NamedObject] = field(default_factory=list)
    clear_default: int | None = None
    delete: list[int] = field(default_factory=list)


class HeadCache:
    """The heads this environment last read or wrote, one per account, bounded.

    Sound because a revision names a head's whole content: every write puts the head with
    the next revision on the condition that the revision is still the one it was based on,
    and a head is never deleted. So a cached head at revision R is the stored head whenever
    the stored revision is R; when it is not, a write based on it fails its condition, a 409,
    which is also the answer owed to a client whose If-Match is R.
    """

    def __init__(self, size: int = _CACHED_HEADS) -> None:
        self._size = size
        self._heads: OrderedDict[str, Head] = OrderedDict()
        self._lock = threading.Lock()

    def at(self, account: str, revision: int) -> Head | None:
        with self._lock:
            head = self._heads.get(account)
            if head is None or head.revision != revision:
                return None
            self._heads.move_to_end(account)
            return head

    def keep(self, account: str, head: Head) -> None:
        if not head.exists:
            return
        with self._lock:
            current = self._heads.get(account)
            if current is None or current.revision <= head.revision:
                self._heads[account] = head
                self._heads.move_to_end(account)
            while len(self._heads) > self._size:
                self._heads.popitem(last=False)

    def forget(self, account: str) -> None:
        with self._lock:
            self._heads.pop(account, None)


class CollectionRepository:
    def __init__(self, client: Any, table: str, kind: Kind) -> None:
        self._client = client
        self.table = table
        self._kind = kind
        self._heads = HeadCache()

    def head(self, account: str) -> Head:
        response = self._client.get_item(TableName=self.table, Key=head_key(self._kind, account), ConsistentRead=True)
        head = head_of(response.get("Item"))
        self._heads.keep(account, head)
        return head

    def cached_head(self, account: str, revision: int) -> Head | None:
        """The head this environment last saw for `account`, if it is at `revision`; no read is made."""
        return self._heads.at(account, revision)

    def all(self, account: str) -> tuple[Head, list[dict[str, Any]]]:
        """The head and every object (`stored_object`)."""
        head_item, objects = None, []
        for item in query_items(
            self._client,
            TableName=self.table,
            KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues={":pk": {"S": self._kind.layout.partition_key(account)}},
            ConsistentRead=True,
        ):
            if item["sk"]["S"] == HEAD_SK:
                head_item = item
            else:
                objects.append(stored_object(item))
        return head_of(head_item), objects

    def one(self, account: str, object_id: int) -> tuple[Head, dict[str, Any] | None]:
        """The head and one object (`stored_object`) read as one snapshot."""
        response = self._client.transact_get_items(
            TransactItems=[
                {"Get": {"TableName": self.table, "Key": head_key(self._kind, account)}},
                {"Get": {"TableName": self.table, "Key": item_key(self._kind, account, object_id)}},
            ]
        )
        head_response, item_response = response["Responses"]
        item = item_response.get("Item")
        return head_of(head_response.get("Item")), stored_object(item) if item else None

    def commit(self, account: str, based_on: Head, change: Change, checks: Sequence[references.Check] = ()) -> None:
        """Write `change` if the head is still at `based_on.revision` (else RevisionConflict) and every check holds.

        A check that fails raises what it says (references.Check). Contention when another
        transaction held one of the items: the write may still be valid once it is done.
        """
        kind = self._kind
        items = [self._put_head(account, based_on, change.head)]
        items += [{"Put": {"TableName": self.table, "Item": _item(kind, account, o)}} for o in change.put]
        if change.clear_default is not None:
            items.append(
                {
                    "Update": {
                        "TableName": self.table,
                        "Key": item_key(kind, account, change.clear_default),
                        "UpdateExpression": "SET isDefault = :false",
                        "ExpressionAttributeValues": {":false": {"BOOL": False}},
                    }
                }
            )
        items += [{"Delete": {"TableName": self.table, "Key": item_key(kind, account, i)}} for i in change.delete]
        items += [check.item for check in checks]
        reasons = transact(self._client, items)
        if reasons:
            self._refused(account, reasons, checks)
        self._heads.keep(account, change.head)

    def _refused(self, account: str, reasons: list[dict[str, Any]], checks: Sequence[references.Check]) -> NoReturn:
        """Raise what a refused commit means: the revision moved (409), else what the first failed check says."""
        if reasons[0].get("Code") == CONDITION_FAILED:
            self._heads.forget(account)
            raise RevisionConflict("The revision in If-Match is not the current revision")
        for check, reason in zip(checks, reasons[len(reasons) - len(checks) :], strict=True):
            if reason.get("Code") == CONDITION_FAILED:
                raise check.refused(from_item(reason["Item"]) if "Item" in reason else None)
        raise RuntimeError(f"{self._kind.plural} of {account}: a write refused with {codes(reasons)}")

    def _put_head(self, account: str, based_on: Head, head: Head) -> dict[str, Any]:
        put: dict[str, Any] = {
            "TableName": self.table,
            "Item": to_item(
                {
                    "pk": self._kind.layout.partition_key(account),
                    "sk": HEAD_SK,
                    "revision": head.revision,
                    "last_id": head.last_id,
                    "default_id": head.default_id,
                    "index": {str(i): _index_entry(e) for i, e in head.index.items()},
                    **references.uses_attributes(self._kind, {i: e.refs for i, e in head.index.items()}),
                }
            ),
        }
        if based_on.exists:
            put["ConditionExpression"] = "revision = :expected"
            put["ExpressionAttributeValues"] = {":expected": {"N": str(based_on.revision)}}
        else:
            put["ConditionExpression"] = "attribute_not_exists(pk)"
        return {"Put": put}


def head_of(item: dict[str, Any] | None) -> Head:
    """The head a stored head item holds (None: an account that never wrote)."""
    if item is None:
        return Head()
    values = from_item(item)
    return Head(
        revision=values["revision"],
        last_id=values["last_id"],
        default_id=values.get("default_id"),
        index={
            int(i): IndexEntry(e["name"], e["digest"], tuple(e.get("refs", {}).items()))
            for i, e in values.get("index", {}).items()
        },
        exists=True,
    )


def _index_entry(entry: IndexEntry) -> dict[str, Any]:
    stored: dict[str, Any] = {"name": entry.name, "digest": entry.digest}
    if entry.refs:
        stored["refs"] = dict(entry.refs)
    return stored


def _item(kind: Kind, account: str, stored: NamedObject) -> dict[str, Any]:
    return {**item_key(kind, account, stored.id), **to_item(stored.to_json())}  # type: ignore[attr-defined]


def stored_object(item: dict[str, Any]) -> dict[str, Any]:
    """The object of a stored item as the API answers it: an item holds the object's `to_json()`.

    Plain JSON, not a model: reading builds no validator. DynamoDB keeps no attribute order,
    so the fields come in the order it returns them, `id` first.
    """
    values = from_item(item)
    del values["pk"], values["sk"]
    return {"id": values.pop("id"), **values}
