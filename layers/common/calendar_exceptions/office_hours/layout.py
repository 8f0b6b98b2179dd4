"""Where office hours live in the shared table: keys, partitions and the stored form of each item.

Item layout (string keys pk, sk):

    pk WORKSPACE#<ws>#OFFICE_HOURS      sk #IDS                        the workspace item: id counters, settings
                                        sk SCHEDULE#<id, 12 digits>    one schedule
                                        sk NAME#<sha256 of name key>   the claim of a schedule name by one schedule
    pk WORKSPACE#<ws>#SCHEDULE#<id>     sk EXCEPTION#<id, 12 digits>   one exception of that schedule
                                        sk DATE#<YYYY-MM-DD>           the claim of a date by one exception

An exception with recurring_annually true also carries `annual_shard` ("ANNUAL#0" ..
"ANNUAL#7", from a hash of its key): the partition key of the sparse index
AnnualRecurrenceIndex, whose sort key is `exception_date` itself. Every write that sets
recurring_annually sets or removes the shard in the same request, and a date move needs
nothing more, so the index costs no extra round trip (see docs/annual-recurrence.md).

The workspace item holds the last id issued of each kind (`schedule`, `exception`) and the
workspace's settings: `time_zone_name`, the default zone of schedules created without one
(set by the operator, `make workspace`). Issuing an id returns the whole item, so a create
reads the setting at no extra cost.

The schedule id is part of an exception's key, so an exception asked for under another
schedule, or in another workspace, is simply not found. Every exception and schedule write
increments `version` (schedules stored before schedules had one have none: read as 0).
Below the layout: the conditional writes of these items, each condition the storage side
of a rule. The repository commits them; the benchmark and the tests build
items here too, to seed a table directly.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from calendar_exceptions.office_hours import rules
from calendar_exceptions.office_hours.models import OfficeHoursException, Schedule
from calendar_exceptions.storage import from_item, to_item

IDS_SK = "#IDS"
ANNUAL_INDEX = "AnnualRecurrenceIndex"
ANNUAL_SHARD = "annual_shard"
# Recurring exceptions are spread over this many index partitions, so that their writes
# never crowd one partition and a run could be split per shard (docs/annual-recurrence.md).
ANNUAL_SHARDS = tuple(f"ANNUAL#{n}" for n in range(8))

IdKind = Literal["schedule", "exception"]


class DateHolder(Protocol):
    """What names a date claim: OfficeHoursException and AnnualCandidate both have these."""

    @property
    def office_hours_schedule_id(self) -> str: ...

    @property
    def id(self) -> str: ...

    @property
    def exception_date(self) -> str: ...


@dataclass(frozen=True)
class AnnualCandidate:
    """An exception the annual recurrence index lists: where it is and the date it held when listed."""

    workspace: str
    office_hours_schedule_id: str
    id: str
    exception_date: str

    @classmethod
    def listed(cls, item: dict[str, Any]) -> AnnualCandidate:
        """The candidate an index entry (or any item with these attributes) stands for."""
        values = from_item(item)
        return cls(values["workspace"], values["office_hours_schedule_id"], values["id"], values["exception_date"])


@dataclass(frozen=True)
class Versioned:
    """A stored exception and its `version`, the condition of a write that replaces or deletes it."""

    exception: OfficeHoursException
    version: int


@dataclass(frozen=True)
class VersionedSchedule:
    """A stored schedule and its `version` (0 when it has none), the condition of a rename or delete."""

    schedule: Schedule
    version: int


@dataclass(frozen=True)
class WorkspaceItem:
    """What a create learns when it takes its id: the id, and the workspace's default time zone."""

    issued_id: str
    time_zone_name: str


def schedules_partition(workspace: str) -> str:
    return f"WORKSPACE#{workspace}#OFFICE_HOURS"


def exceptions_partition(workspace: str, schedule_id: str) -> str:
    return f"WORKSPACE#{workspace}#SCHEDULE#{schedule_id}"


def ids_key(workspace: str) -> dict[str, Any]:
    return {"pk": {"S": schedules_partition(workspace)}, "sk": {"S": IDS_SK}}


def workspace_key(workspace: str) -> dict[str, Any]:
    """The workspace item (id counters and settings); the same item as `ids_key`."""
    return ids_key(workspace)


def name_key(workspace: str, name: str) -> dict[str, Any]:
    """The claim of a schedule name: hashed, since a name key may be longer than a sort key may be."""
    digest = hashlib.sha256(rules.schedule_name_key(name).encode()).hexdigest()
    return {"pk": {"S": schedules_partition(workspace)}, "sk": {"S": f"NAME#{digest}"}}


def schedule_key(workspace: str, schedule_id: str) -> dict[str, Any]:
    return {"pk": {"S": schedules_partition(workspace)}, "sk": {"S": f"SCHEDULE#{int(schedule_id):012d}"}}


def exception_key(workspace: str, schedule_id: str, exception_id: str) -> dict[str, Any]:
    pk = exceptions_partition(workspace, schedule_id)
    return {"pk": {"S": pk}, "sk": {"S": f"EXCEPTION#{int(exception_id):012d}"}}


def date_key(workspace: str, schedule_id: str, exception_date: str) -> dict[str, Any]:
    return {"pk": {"S": exceptions_partition(workspace, schedule_id)}, "sk": {"S": f"DATE#{exception_date}"}}


def annual_shard(workspace: str, schedule_id: str, exception_id: str) -> str:
    """The index partition of a recurring exception: a stable hash of its key, never of what changes."""
    key = exception_key(workspace, schedule_id, exception_id)
    return ANNUAL_SHARDS[zlib.crc32(f"{key['pk']['S']}|{key['sk']['S']}".encode()) % len(ANNUAL_SHARDS)]


def schedule_item(workspace: str, schedule: Schedule, version: int = 1) -> dict[str, Any]:
    values = {**schedule.stored(), "workspace": workspace, "version": version}
    return {**schedule_key(workspace, schedule.id), **to_item(values)}


def exception_item(workspace: str, exception: OfficeHoursException, version: int) -> dict[str, Any]:
    """The stored item of an exception, with its index shard when it recurs annually."""
    schedule_id = exception.office_hours_schedule_id
    values = {**exception.stored(), "workspace": workspace, "version": version}
    if exception.recurring_annually:
        values[ANNUAL_SHARD] = annual_shard(workspace, schedule_id, exception.id)
    return {**exception_key(workspace, schedule_id, exception.id), **to_item(values)}


def claim_item(workspace: str, holder: DateHolder) -> dict[str, Any]:
    """The item that reserves `holder.exception_date` in its schedule for exception `holder.id`."""
    key = date_key(workspace, holder.office_hours_schedule_id, holder.exception_date)
    return {**key, "exception_id": {"S": holder.id}}


def schedule_of(item: dict[str, Any]) -> Schedule:
    return Schedule.model_validate(from_item(item))


def versioned_schedule(item: dict[str, Any]) -> VersionedSchedule:
    values = from_item(item)
    return VersionedSchedule(Schedule.model_validate(values), values.get("version", 0))


def workspace_of(item: dict[str, Any], kind: IdKind) -> WorkspaceItem:
    """The id just issued of `kind` and the default time zone, from the workspace item."""
    values = from_item(item)
    return WorkspaceItem(rules.issued_id(values[kind]), values.get("time_zone_name", rules.DEFAULT_TIME_ZONE))


def versioned(item: dict[str, Any]) -> Versioned:
    values = from_item(item)
    return Versioned(OfficeHoursException.model_validate(values), values["version"])


# --- the conditional writes of these items: each condition keeps a rule --------------------


def issue_id(table: str, workspace: str, kind: IdKind) -> dict[str, Any]:
    """Raise the workspace's counter of `kind` by one, unconditionally, returning the whole item.

    An atomic ADD never fails and never makes concurrent creates contend: each gets its own
    value (rules.issued_id). The conditional writes of the create follow in their own
    transaction; when one refuses it, the id stays unused (a gap).
    """
    return {
        "TableName": table,
        "Key": ids_key(workspace),
        "UpdateExpression": "ADD #kind :one",
        "ExpressionAttributeNames": {"#kind": kind},
        "ExpressionAttributeValues": {":one": {"N": "1"}},
        "ReturnValues": "ALL_NEW",
    }


def set_default_time_zone(table: str, workspace: str, time_zone_name: str) -> dict[str, Any]:
    """Set the workspace's default time zone (an UpdateItem: the id counters stay as they are)."""
    return {
        "TableName": table,
        "Key": workspace_key(workspace),
        "UpdateExpression": "SET #zone = :zone",
        "ExpressionAttributeNames": {"#zone": "time_zone_name"},
        "ExpressionAttributeValues": {":zone": {"S": time_zone_name}},
    }


def new_schedule(table: str, workspace: str, schedule: Schedule) -> dict[str, Any]:
    """A Put of a new schedule, only where none exists."""
    item = schedule_item(workspace, schedule)
    return {"Put": {"TableName": table, "Item": item, "ConditionExpression": "attribute_not_exists(pk)"}}


def claim_name(table: str, workspace: str, schedule_id: str, name: str) -> dict[str, Any]:
    """Claim a free schedule name: names are unique in a workspace (rules.NameTaken)."""
    item = {**name_key(workspace, name), "schedule_id": {"S": schedule_id}}
    return {"Put": {"TableName": table, "Item": item, "ConditionExpression": "attribute_not_exists(pk)"}}


def release_name(table: str, workspace: str, schedule_id: str, name: str) -> dict[str, Any]:
    """Release the name a schedule held, only if it is still the schedule's.

    A schedule stored before names were claimed holds no claim: there is nothing to release.
    """
    return {
        "Delete": {
            "TableName": table,
            "Key": name_key(workspace, name),
            "ConditionExpression": "attribute_not_exists(pk) OR schedule_id = :id",
            "ExpressionAttributeValues": {":id": {"S": schedule_id}},
        }
    }


def unchanged_schedule(stored: VersionedSchedule) -> tuple[str, dict[str, str], dict[str, Any]]:
    """The condition (expression, names, plain values) that a schedule is still the one read: its version."""
    names = {"#version": "version"}
    if stored.version == 0:
        return "attribute_exists(pk) AND attribute_not_exists(#version)", names, {}
    return "#version = :read_version", names, {":read_version": stored.version}


def put_exception(table: str, workspace: str, exception: OfficeHoursException, version: int) -> dict[str, Any]:
    """A Put of the whole exception; a new one (version 1) only where none exists."""
    put: dict[str, Any] = {"TableName": table, "Item": exception_item(workspace, exception, version)}
    if version == 1:
        put["ConditionExpression"] = "attribute_not_exists(pk)"
    return {"Put": put}


def claim(table: str, workspace: str, holder: DateHolder) -> dict[str, Any]:
    """Claim a free date: one exception per date and schedule (rules.DateTaken).

    A refusal hands back the claim that holds it (free: no extra read).
    """
    return {
        "Put": {
            "TableName": table,
            "Item": claim_item(workspace, holder),
            "ConditionExpression": "attribute_not_exists(pk)",
            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        }
    }


def release(table: str, workspace: str, holder: DateHolder) -> dict[str, Any]:
    """Release the date `holder` claimed, only if it is still the holder's."""
    return {
        "Delete": {
            "TableName": table,
            "Key": date_key(workspace, holder.office_hours_schedule_id, holder.exception_date),
            "ConditionExpression": "exception_id = :id",
            "ExpressionAttributeValues": {":id": {"S": holder.id}},
        }
    }
