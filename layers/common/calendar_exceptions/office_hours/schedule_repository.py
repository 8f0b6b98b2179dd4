"""DynamoDB access for office hours schedules and the workspace item: the writes that keep schedule rules.

A schedule's name claim is written in the same transaction as the schedule that takes the
name, under `attribute_not_exists`, which keeps names unique in a workspace (rules.NameTaken)
however requests race; a rename moves the claim and a delete releases it in the transaction
that writes the schedule. Ids come from the workspace item's counters, which never contend.
Renames and deletes are conditional on the schedule's `version`. A write that lost a race
raises Contention; the service retries it. See docs/office-hours.md for what each operation
costs. Exceptions and their date claims are `exception_repository`'s; the two share their
strongly consistent reads (`consistent_reads`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from calendar_exceptions.dynamodb import (
    CONDITION_FAILED,
    Contention,
    codes,
    contended,
    delete_keys,
    transact,
)
from calendar_exceptions.errors import echo
from calendar_exceptions.feeds.links import revocations
from calendar_exceptions.office_hours import layout, rules, writes
from calendar_exceptions.office_hours.assignments.layout import ASSIGNED
from calendar_exceptions.office_hours.assignments.repository import AssignmentRepository
from calendar_exceptions.office_hours.assignments.rules import ScheduleInUse
from calendar_exceptions.office_hours.consistent_reads import ConsistentReads
from calendar_exceptions.office_hours.layout import IdKind
from calendar_exceptions.office_hours.rules import NameTaken
from calendar_exceptions.storage import from_item

if TYPE_CHECKING:
    # Writes are given models; reads give stored values (plain): see exception_repository.py.
    from calendar_exceptions.office_hours.models import Schedule, ScheduleChange


@dataclass(frozen=True)
class ScheduleResult:
    """Either the updated schedule, or what was stored when the update's condition refused it."""

    updated: Schedule | None = None
    stored: layout.VersionedSchedule | None = None


class ScheduleRepository:
    """Schedules, their name claims and the workspace item (ids, the default zone)."""

    def __init__(self, client: Any, table: str) -> None:
        self._client = client
        self._table = table
        self._reads = ConsistentReads(client, table)

    # --- the workspace item: ids and settings --------------------------------------------

    def issue_id(self, workspace: str, kind: IdKind) -> layout.WorkspaceItem:
        """A new id of `kind` (never contended: an atomic counter), with the workspace's default zone."""
        response = self._client.update_item(**writes.issue_id(self._table, workspace, kind))
        return layout.workspace_of(response["Attributes"], kind)

    def default_time_zone(self, workspace: str) -> str:
        """The zone of schedules created without one: the workspace's setting, else rules.DEFAULT_TIME_ZONE."""
        item = self._reads.item(layout.workspace_key(workspace)) or {}
        return item["time_zone_name"]["S"] if "time_zone_name" in item else rules.DEFAULT_TIME_ZONE

    def set_default_time_zone(self, workspace: str, time_zone_name: str) -> None:
        self._client.update_item(**writes.set_default_time_zone(self._table, workspace, time_zone_name))

    # --- schedules ----------------------------------------------------------------------

    def create_schedule(self, workspace: str, schedule: Schedule) -> None:
        """Store a new schedule and claim its name, all or nothing; NameTaken when another schedule has it."""
        reasons = transact(
            self._client,
            [
                writes.new_schedule(self._table, workspace, schedule),
                writes.claim_name(self._table, workspace, schedule.id, schedule.name),
            ],
        )
        found = codes(reasons)
        if found and found[1] == CONDITION_FAILED:
            raise NameTaken(schedule.name, _holder(reasons[1]))
        if found:
            raise RuntimeError(f"schedule id {schedule.id} was issued twice: {found}")

    def schedule(self, workspace: str, schedule_id: str) -> dict[str, Any] | None:
        """The schedule's stored values (answers.schedule shapes them), None when there is none."""
        item = self._reads.item(layout.schedule_key(workspace, schedule_id))
        return None if item is None else from_item(item)

    def schedules(self, workspace: str) -> list[dict[str, Any]]:
        """The stored values of every schedule of the workspace."""
        return [from_item(item) for item in self._reads.partition(layout.schedules_partition(workspace), "SCHEDULE#")]

    def update_schedule(self, workspace: str, schedule_id: str, change: ScheduleChange, now: int) -> ScheduleResult:
        """Set the sent fields of a stored schedule in one UpdateItem, when its name stays.

        A sent name is the condition of the update (a new name needs its claim moved: see
        rename_schedule); when it is refused, DynamoDB returns the stored schedule, so
        the caller tells 404 from a rename without another read.
        """
        request = writes.update_schedule(self._table, workspace, schedule_id, change.sent_values(), now)
        try:
            with contended():
                response = self._client.update_item(**request)
        except self._client.exceptions.ConditionalCheckFailedException as error:
            item = error.response.get("Item")
            return ScheduleResult(stored=None if item is None else layout.versioned_schedule(item))
        return ScheduleResult(updated=layout.schedule_of(response["Attributes"]))

    def rename_schedule(
        self, workspace: str, stored: layout.VersionedSchedule, change: ScheduleChange, now: int
    ) -> None:
        """Write the sent fields of `stored` with its new name, and move the name claim, all or nothing.

        Raises Contention when the schedule changed since `stored` was read (the write is
        conditional on its version, so the caller's `stored.schedule.apply(change)` is
        exactly what is stored), NameTaken when another schedule holds the new name.
        """
        new = change.name
        items = [writes.rename_schedule(self._table, workspace, stored, change.sent_values(), now)]
        if layout.name_claim_key(workspace, new) != layout.held_name_claim_key(workspace, stored.values):
            items.append(writes.claim_name(self._table, workspace, stored.id, new))
            items.append(writes.release_name(self._table, workspace, stored))
        reasons = transact(self._client, items)
        found = codes(reasons)
        if not found:
            return
        if found[0] == CONDITION_FAILED:
            raise Contention(f"schedule {stored.id} changed while it was being renamed")
        if found[1] == CONDITION_FAILED:
            raise NameTaken(new, _holder(reasons[1]))
        raise RuntimeError(f"name claim of {echo(stored.name)} is not held by schedule {stored.id}: {found}")

    def delete_schedule(self, workspace: str, schedule_id: str) -> bool:
        """Delete a schedule with its name claim, then its exceptions and date claims; False when there was none.

        ScheduleInUse (422) when a teammate, a team or the workspace default uses it, and nothing changes.

        The schedule goes first, with its name and the look-ups of the feed links it lists
        (revoked with it: docs/feeds.md), in one transaction conditional on the version read
        (Contention when it changed: a rename could have moved the claim, a link been made). An
        exception created meanwhile either commits before (its transaction checks the
        schedule) and is found by the query below, or is refused. The exceptions are
        deleted even when the schedule was already gone: a DELETE that stopped between
        the two steps (storage unavailable, the function timed out) left them behind, and
        repeating the DELETE is how a client finishes it.
        """
        stored = self._versioned_schedule(workspace, schedule_id)
        if stored is not None:
            self._check_unused(workspace, stored)
            delete = writes.delete_schedule(self._table, workspace, stored)
            release = writes.release_name(self._table, workspace, stored)
            revoked = revocations(self._table, stored.values.get("feed_links"))
            found = codes(transact(self._client, [delete, release, *revoked]))
            if found and found[0] == CONDITION_FAILED:
                raise Contention(f"schedule {schedule_id} changed while it was being deleted")
            if found:
                raise RuntimeError(f"name claim {echo(stored.name)} is not held by schedule {schedule_id}")
        keys = self._reads.partition(layout.exceptions_partition(workspace, schedule_id), keys_only=True)
        delete_keys(self._client, self._table, keys)
        return stored is not None

    def _check_unused(self, workspace: str, stored: layout.VersionedSchedule) -> None:
        """ScheduleInUse when a teammate, a team or the workspace default has the schedule read as their own.

        Only a schedule ever assigned carries the `assigned` marker, and only then are the
        workspace's assignments read (one Query). The delete that follows is conditional on
        the marker read, so an assignment committed since refuses it (assignments/layout.py).
        """
        if ASSIGNED in stored.values:
            users = AssignmentRepository(self._client, self._table).users(workspace, stored.id)
            if users:
                raise ScheduleInUse(stored.id, users)

    def _versioned_schedule(self, workspace: str, schedule_id: str) -> layout.VersionedSchedule | None:
        item = self._reads.item(layout.schedule_key(workspace, schedule_id))
        return None if item is None else layout.versioned_schedule(item)


def _holder(reason: dict[str, Any]) -> str | None:
    """The schedule id of a name claim that refused a transaction (writes.claim_name returns it)."""
    return (reason.get("Item") or {}).get("schedule_id", {}).get("S")
