"""DynamoDB access for assignments: strongly consistent reads of holders and schedules, and the one transaction.

Reads give stored values (plain), never models. Every write is `commit`: one
TransactWriteItems of the holders' items, each conditional on the schedule read for it, and
the `assigned` marker of each schedule newly assigned, conditional on the schedule existing
(writes.py). A write that lost a race raises Contention; the service reads again and retries.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from calendar_exceptions.dynamodb import CONDITION_FAILED, Contention, codes, get_keys, query_items, transact
from calendar_exceptions.office_hours.assignments import writes
from calendar_exceptions.office_hours.assignments.layout import (
    ADMIN_SK_PREFIX,
    ASSIGNMENT_SK_PREFIX,
    SCHEDULE_ID,
    assigned,
    assignment_key,
)
from calendar_exceptions.office_hours.assignments.rules import Holder, admin
from calendar_exceptions.office_hours.consistent_reads import ConsistentReads
from calendar_exceptions.office_hours.layout import schedule_key, schedules_partition
from calendar_exceptions.storage import from_item


@dataclass
class Snapshot:
    """What one read found: each holder's own schedule id (absent: none) and the stored values of schedules."""

    own: dict[Holder, str] = field(default_factory=dict)
    schedules: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """Set `holder`'s own schedule from `read` (what it was read as; None: none) to `new` (None: clear it)."""

    holder: Holder
    read: str | None
    new: str | None


class AssignmentRepository:
    def __init__(self, client: Any, table: str) -> None:
        self._client = client
        self._table = table
        self._reads = ConsistentReads(client, table)

    def read(self, workspace: str, holders: Iterable[Holder], schedule_ids: Iterable[str | None] = ()) -> Snapshot:
        """The holders' own schedules and the schedules named, in one strongly consistent BatchGetItem
        (at most 100 keys: holders and schedules are each distinct)."""
        keys = [assignment_key(workspace, holder) for holder in holders]
        keys += [schedule_key(workspace, sid) for sid in dict.fromkeys(sid for sid in schedule_ids if sid is not None)]
        snapshot = Snapshot()
        for item in get_keys(self._client, self._table, keys):
            if item["sk"]["S"].startswith(ASSIGNMENT_SK_PREFIX):
                holder, schedule_id = assigned(item)
                snapshot.own[holder] = schedule_id
            else:
                values = from_item(item)
                snapshot.schedules[values["id"]] = values
        return snapshot

    def schedule(self, workspace: str, schedule_id: str) -> dict[str, Any] | None:
        """A schedule's stored values, None when the workspace has none of that id."""
        item = self._reads.item(schedule_key(workspace, schedule_id))
        return None if item is None else from_item(item)

    def admins(self, workspace: str, after: str | None, limit: int) -> list[tuple[str, str]]:
        """Up to `limit` teammates with a schedule of their own, by id, after teammate `after`: (admin id, schedule id).

        One Query (strongly consistent) of at most `limit` items, from the key after `after`'s.
        """
        request: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :prefix)",
            "ExpressionAttributeValues": {
                ":pk": {"S": schedules_partition(workspace)},
                ":prefix": {"S": ADMIN_SK_PREFIX},
            },
            "ConsistentRead": True,
            "Limit": limit,
        }
        if after is not None:
            request["ExclusiveStartKey"] = assignment_key(workspace, admin(after))
        found = itertools.islice(query_items(self._client, **request), limit)
        return [(holder.id, schedule_id) for holder, schedule_id in map(assigned, found)]

    def users(self, workspace: str, schedule_id: str) -> list[Holder]:
        """Every holder whose own schedule is `schedule_id`: a Query of the workspace's assignments (all pages)."""
        items = query_items(
            self._client,
            TableName=self._table,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :prefix)",
            FilterExpression="#schedule = :schedule",
            ExpressionAttributeNames={"#schedule": SCHEDULE_ID},
            ExpressionAttributeValues={
                ":pk": {"S": schedules_partition(workspace)},
                ":prefix": {"S": ASSIGNMENT_SK_PREFIX},
                ":schedule": {"S": schedule_id},
            },
            ConsistentRead=True,
        )
        return [assigned(item)[0] for item in items]

    def commit(self, workspace: str, changes: Sequence[Change]) -> None:
        """Write `changes` all or nothing, in one TransactWriteItems (at most 50 changes: 100 items).

        Raises Contention when a holder's schedule is no longer the one read, or a schedule
        newly assigned no longer exists (deleted since it was read): read again, decide again.
        """
        if not changes:
            return
        items = [writes.assign(self._table, workspace, c.holder, c.read, c.new) for c in changes]
        assigned_now = dict.fromkeys(c.new for c in changes if c.new is not None)
        items += [writes.mark_assigned(self._table, workspace, schedule_id) for schedule_id in assigned_now]
        found = codes(transact(self._client, items))
        if not found:
            return
        failed = found.index(CONDITION_FAILED)
        if failed < len(changes):
            raise Contention(f"{changes[failed].holder}'s schedule changed while it was being assigned")
        raise Contention(
            f"schedule {list(assigned_now)[failed - len(changes)]} was deleted while it was being assigned"
        )
