"""The conditional writes of office hours items (layout.py): each condition the storage side of a rule.

The repositories commit them; a rule's home is office_hours/rules.py, named beside each condition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from calendar_exceptions.dynamodb import Update
from calendar_exceptions.office_hours.layout import (
    ANNUAL_BLOCKED,
    AnnualCandidate,
    DateHolder,
    IdKind,
    VersionedSchedule,
    claim_item,
    date_key,
    exception_item,
    exception_key,
    ids_key,
    name_key,
    schedule_item,
    workspace_key,
)

if TYPE_CHECKING:
    from calendar_exceptions.office_hours.models import OfficeHoursException, Schedule


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
