"""Where office hours live in the shared table: keys, partitions and the stored form of each item.

Item layout (string keys pk, sk):

    pk WORKSPACE#<ws>#OFFICE_HOURS      sk #IDS                        the last ids issued in the workspace
                                        sk SCHEDULE#<id, 12 digits>    one schedule
    pk WORKSPACE#<ws>#SCHEDULE#<id>     sk EXCEPTION#<id, 12 digits>   one exception of that schedule
                                        sk DATE#<YYYY-MM-DD>           the claim of a date by one exception

An exception with recurring_annually true also carries `annual_shard` ("ANNUAL#0" ..
"ANNUAL#7", from a hash of its key): the partition key of the sparse index
AnnualRecurrenceIndex, whose sort key is `exception_date` itself. Every write that sets
recurring_annually sets or removes the shard in the same request, and a date move needs
nothing more, so the index costs no extra round trip (see docs/annual-recurrence.md).

The schedule id is part of an exception's key, so an exception asked for under another
schedule, or in another workspace, is simply not found. Every exception write increments
`version`. Below the layout: the conditional writes of these items, each condition the
storage side of a rule. The repository commits them; the benchmark and the tests build
items here too, to seed a table directly.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from calendar_exceptions.dynamodb import Update
from calendar_exceptions.office_hours import rules
from calendar_exceptions.storage import from_item, to_item

if TYPE_CHECKING:
    # Only `schedule_of` and `versioned` build models, and import them when called: the
    # read-only functions use the keys without importing pydantic (docs/office-hours.md).
    from calendar_exceptions.office_hours.models import OfficeHoursException, Schedule

IDS_SK = "#IDS"
EXCEPTION_SK_PREFIX = "EXCEPTION#"
ANNUAL_INDEX = "AnnualRecurrenceIndex"
ANNUAL_SHARD = "annual_shard"
# On a recurring exception the annual job could not move because another exception holds
# its next date: that date. Projected into the index, so that later runs try the exception
# after the others (docs/annual-recurrence.md); any later write of the exception removes it.
ANNUAL_BLOCKED = "annual_blocked"
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
    # The date a run last found taken when it tried to move the exception (ANNUAL_BLOCKED).
    blocked_on: str | None = None

    @classmethod
    def listed(cls, item: dict[str, Any]) -> AnnualCandidate:
        """The candidate an index entry (or any item with these attributes) stands for."""
        values = from_item(item)
        return cls(
            values["workspace"],
            values["office_hours_schedule_id"],
            values["id"],
            values["exception_date"],
            values.get(ANNUAL_BLOCKED),
        )


@dataclass(frozen=True)
class Versioned:
    """A stored exception and its `version`, the condition of a write that replaces or deletes it."""

    exception: OfficeHoursException
    version: int


def schedules_partition(workspace: str) -> str:
    return f"WORKSPACE#{workspace}#OFFICE_HOURS"


def exceptions_partition(workspace: str, schedule_id: str) -> str:
    return f"WORKSPACE#{workspace}#SCHEDULE#{schedule_id}"


def ids_key(workspace: str) -> dict[str, Any]:
    return {"pk": {"S": schedules_partition(workspace)}, "sk": {"S": IDS_SK}}


def schedule_key(workspace: str, schedule_id: str) -> dict[str, Any]:
    return {"pk": {"S": schedules_partition(workspace)}, "sk": {"S": f"SCHEDULE#{int(schedule_id):012d}"}}


def exception_key(workspace: str, schedule_id: str, exception_id: str) -> dict[str, Any]:
    pk = exceptions_partition(workspace, schedule_id)
    return {"pk": {"S": pk}, "sk": {"S": f"{EXCEPTION_SK_PREFIX}{int(exception_id):012d}"}}


def date_key(workspace: str, schedule_id: str, exception_date: str) -> dict[str, Any]:
    return {"pk": {"S": exceptions_partition(workspace, schedule_id)}, "sk": {"S": f"DATE#{exception_date}"}}


def annual_shard(workspace: str, schedule_id: str, exception_id: str) -> str:
    """The index partition of a recurring exception: a stable hash of its key, never of what changes."""
    key = exception_key(workspace, schedule_id, exception_id)
    return ANNUAL_SHARDS[zlib.crc32(f"{key['pk']['S']}|{key['sk']['S']}".encode()) % len(ANNUAL_SHARDS)]


def schedule_item(workspace: str, schedule: Schedule) -> dict[str, Any]:
    return {**schedule_key(workspace, schedule.id), **to_item({**schedule.to_json(), "workspace": workspace})}


def exception_item(workspace: str, exception: OfficeHoursException, version: int) -> dict[str, Any]:
    """The stored item of an exception, with its index shard when it recurs annually."""
    schedule_id = exception.office_hours_schedule_id
    values = {**exception.to_json(), "workspace": workspace, "version": version}
    if exception.recurring_annually:
        values[ANNUAL_SHARD] = annual_shard(workspace, schedule_id, exception.id)
    return {**exception_key(workspace, schedule_id, exception.id), **to_item(values)}


def claim_item(workspace: str, holder: DateHolder) -> dict[str, Any]:
    """The item that reserves `holder.exception_date` in its schedule for exception `holder.id`."""
    key = date_key(workspace, holder.office_hours_schedule_id, holder.exception_date)
    return {**key, "exception_id": {"S": holder.id}}


def schedule_of(item: dict[str, Any]) -> Schedule:
    from calendar_exceptions.office_hours.models import Schedule

    return Schedule.model_validate(from_item(item))


def versioned(item: dict[str, Any]) -> Versioned:
    from calendar_exceptions.office_hours.models import OfficeHoursException

    values = from_item(item)
    return Versioned(OfficeHoursException.model_validate(values), values["version"])


# --- the conditional writes of these items: each condition keeps a rule --------------------


def issue_id(table: str, workspace: str, kind: IdKind, last_id: int) -> dict[str, Any]:
    """Issue the id after `last_id` (rules.next_id), only if `last_id` is still the last one issued."""
    update: dict[str, Any] = {
        "TableName": table,
        "Key": ids_key(workspace),
        "UpdateExpression": "SET #kind = :next",
        "ExpressionAttributeNames": {"#kind": kind},
        "ExpressionAttributeValues": {":next": {"N": rules.next_id(last_id)}},
        "ConditionExpression": "attribute_not_exists(#kind)",
    }
    if last_id:
        update["ConditionExpression"] = "#kind = :last"
        update["ExpressionAttributeValues"][":last"] = {"N": str(last_id)}
    return {"Update": update}


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


def mark_blocked(table: str, candidate: AnnualCandidate, taken_date: str) -> dict[str, Any]:
    """The UpdateItem that marks a recurring exception whose next date `taken_date` another holds.

    Only an order for later runs of the annual job (docs/annual-recurrence.md), so it changes
    nothing the API shows, neither `version` nor `updated_at`; conditional on the exception
    still recurring on the date the index listed.
    """
    update = Update({ANNUAL_BLOCKED: taken_date}).request(
        "#exception_date = :listed_date AND #recurring_annually = :recurring",
        {"#exception_date": "exception_date", "#recurring_annually": "recurring_annually"},
        {":listed_date": candidate.exception_date, ":recurring": True},
    )
    key = exception_key(candidate.workspace, candidate.office_hours_schedule_id, candidate.id)
    return {"TableName": table, "Key": key, **update}
