"""Every conditional write of office hours items (layout.py): each condition the storage side of a rule.

Also the two unconditional writes (the id counter, the default zone). The repositories
commit them and read what a refusal means; a rule's home is
office_hours/rules.py, named beside each condition. A write that replaces or deletes what was
read is conditional on the `version` read, spelled one way (`_unchanged`). Values in the
conditions are plain (the `dynamodb.Update` and `_with_values` write them for DynamoDB).
The writes of teammates', teams' and the workspace default's assignments are their feature's
(assignments/writes.py); a schedule's delete adds their condition (`delete_schedule`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from calendar_exceptions.dynamodb import Update
from calendar_exceptions.office_hours import rules
from calendar_exceptions.office_hours.annual import dates
from calendar_exceptions.office_hours.assignments.writes import unassigned_since
from calendar_exceptions.office_hours.layout import (
    ANNUAL_BLOCKED,
    ANNUAL_SHARD,
    FIRST_YEAR,
    NAME_CLAIM,
    AnnualCandidate,
    DateHolder,
    IdKind,
    Versioned,
    VersionedSchedule,
    annual_shard,
    claim_item,
    date_claim_key,
    exception_item,
    exception_key,
    held_name_claim_key,
    ids_key,
    name_claim_key,
    name_claim_sk,
    schedule_item,
    schedule_key,
    workspace_key,
)
from calendar_exceptions.storage import to_item

if TYPE_CHECKING:
    from calendar_exceptions.office_hours.models import OfficeHoursException, Schedule


def issue_id(table: str, workspace: str, kind: IdKind, count: int = 1) -> dict[str, Any]:
    """Raise the workspace's counter of `kind` by one (by `count` for as many ids at once: the
    last `count` values up to the new one), unconditionally, returning the whole item.

    An atomic ADD never fails and never makes concurrent creates contend: each gets its own
    value (rules.issued_id). The conditional writes of the create follow in their own
    transaction; when one refuses it, the id stays unused (a gap).
    """
    return {
        "TableName": table,
        "Key": ids_key(workspace),
        "UpdateExpression": "ADD #kind :one",
        "ExpressionAttributeNames": {"#kind": kind},
        "ExpressionAttributeValues": {":one": {"N": str(count)}},
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
    """Claim a free schedule name: names are unique in a workspace (rules.NameTaken).

    A refusal hands back the claim that holds it, naming its schedule (free: no extra read).
    """
    return _claim(table, {**name_claim_key(workspace, name), "schedule_id": {"S": schedule_id}})


def release_name(table: str, workspace: str, read: VersionedSchedule) -> dict[str, Any]:
    """Release the name claim the schedule read holds (layout.held_name_claim_key), only if it is still the schedule's.

    A schedule stored before names were claimed holds no claim: there is nothing to release.
    """
    return {
        "Delete": {
            "TableName": table,
            "Key": held_name_claim_key(workspace, read.values),
            "ConditionExpression": "attribute_not_exists(pk) OR schedule_id = :id",
            "ExpressionAttributeValues": {":id": {"S": read.id}},
        }
    }


def update_schedule(table: str, workspace: str, schedule_id: str, sent: Mapping[str, Any], now: int) -> dict[str, Any]:
    """The UpdateItem of a partial update that keeps the name: a sent name is the stored one.

    A new name needs its claim moved (rename_schedule). A refusal returns the stored item.
    """
    condition, names, values = "attribute_exists(pk)", {}, {}
    if "name" in sent:
        condition += " AND #name = :kept_name"
        names["#name"], values[":kept_name"] = "name", sent["name"]
    update = Update({**sent, "updated_at": now}, increment="version")
    return {
        "TableName": table,
        "Key": schedule_key(workspace, schedule_id),
        "ReturnValues": "ALL_NEW",
        "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        **update.request(condition, names, values),
    }


def rename_schedule(
    table: str, workspace: str, read: VersionedSchedule, sent: Mapping[str, Any], now: int
) -> dict[str, Any]:
    """The Update, in a rename's transaction, of the `sent` fields of the schedule read, if it is still the one read.

    A sent name also sets NAME_CLAIM, the claim the schedule holds from then on (claim_name).
    """
    fields = {**sent, "updated_at": now}
    if "name" in sent:
        fields[NAME_CLAIM] = name_claim_sk(sent["name"])
    update = Update(fields, increment="version").request(*_unchanged(read.version))
    return {"Update": {"TableName": table, "Key": schedule_key(workspace, read.id), **update}}


def delete_schedule(table: str, workspace: str, read: VersionedSchedule) -> dict[str, Any]:
    """The Delete, in a delete's transaction, of the schedule read, only if it is still the one read and
    nothing assigned it since (a schedule in use is not deleted: assignments.rules.ScheduleInUse)."""
    key = schedule_key(workspace, read.id)
    condition, names, values = _unchanged(read.version)
    unassigned, more_names, more_values = unassigned_since(read.values)
    condition = f"{condition} AND {unassigned}"
    return {
        "Delete": {"TableName": table, "Key": key, **_with_values(condition, names | more_names, values | more_values)}
    }


def new_exception(table: str, workspace: str, exception: OfficeHoursException) -> dict[str, Any]:
    """A Put of a new exception (version 1), only where none exists."""
    item = exception_item(workspace, exception, version=1)
    return {"Put": {"TableName": table, "Item": item, "ConditionExpression": "attribute_not_exists(pk)"}}


def replace_exception(table: str, workspace: str, exception: OfficeHoursException, read: Versioned) -> dict[str, Any]:
    """A Put of the whole of `exception` over the one read, only if it is still the one read."""
    item = exception_item(workspace, exception, read.version + 1)
    return {"Put": {"TableName": table, "Item": item, **_with_values(*_unchanged(read.version))}}


def update_exception(
    table: str, workspace: str, schedule_id: str, exception_id: str, sent: Mapping[str, Any], now: int
) -> dict[str, Any]:
    """The UpdateItem of a partial update: the `sent` fields, when the stored exception leaves a valid result.

    The conditions: the exception exists; its stored type is the one the change needs
    (rules.required_stored_type, the rule "custom_hours has intervals, closed has none" as a
    condition on the stored item); a sent exception_date is the stored one (a new date needs
    its claim moved: replace_exception). A refusal returns the stored item.
    """
    assignments = rules.assignments(sent)
    if "recurring_annually" in sent:
        shard = annual_shard(workspace, schedule_id, exception_id)
        assignments[ANNUAL_SHARD] = shard if sent["recurring_annually"] else None
    assignments[ANNUAL_BLOCKED] = None  # any write: the annual job tries it afresh
    conditions, names, values = ["attribute_exists(pk)"], {}, {}
    required_type = rules.required_stored_type(sent)
    if required_type is not None:
        conditions.append("#exception_type = :required_type")
        names["#exception_type"], values[":required_type"] = "exception_type", required_type
    if "exception_date" in sent:
        conditions.append("#exception_date = :kept_date")
        names["#exception_date"], values[":kept_date"] = "exception_date", assignments.pop("exception_date")
    update = Update(assignments | {"updated_at": now}, increment="version")
    return {
        "TableName": table,
        "Key": exception_key(workspace, schedule_id, exception_id),
        "ReturnValues": "ALL_NEW",
        "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        **update.request(" AND ".join(conditions), names, values),
    }


def delete_exception(table: str, workspace: str, read: Versioned) -> dict[str, Any]:
    """A Delete of the exception read, only if it is still the one read."""
    key = exception_key(workspace, read.office_hours_schedule_id, read.id)
    return {"Delete": {"TableName": table, "Key": key, **_with_values(*_unchanged(read.version))}}


def schedule_exists(table: str, workspace: str, schedule_id: str) -> dict[str, Any]:
    """The check, in a create's transaction, that the exception's schedule exists."""
    key = schedule_key(workspace, schedule_id)
    return {"ConditionCheck": {"TableName": table, "Key": key, "ConditionExpression": "attribute_exists(pk)"}}


def claim_date(table: str, workspace: str, holder: DateHolder) -> dict[str, Any]:
    """Claim a free date: one exception per date and schedule (rules.DateTaken).

    A refusal hands back the claim that holds it (free: no extra read).
    """
    return _claim(table, claim_item(workspace, holder))


def date_held(table: str, workspace: str, holder: DateHolder) -> dict[str, Any]:
    """The check, in a transaction, that `holder` still holds its date (a holiday import skips that date)."""
    return {"ConditionCheck": _date_claim_of(table, workspace, holder)}


def release_date(table: str, workspace: str, holder: DateHolder) -> dict[str, Any]:
    """Release the date `holder` claimed, only if it is still the holder's."""
    return {"Delete": _date_claim_of(table, workspace, holder)}


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


def advance_annual_date(table: str, candidate: AnnualCandidate, new_date: str, now: int) -> dict[str, Any]:
    """The Update, in the annual job's date move, of a recurring exception to `new_date`.

    Only exception_date, updated_at (`now`) and version are written, on the conditions that
    the exception still recurs, still has the date the index listed and was not written
    after `now`: a change the job did not see is never overwritten, and updated_at never
    goes back. The first year (FIRST_YEAR) is never changed: an exception stored before it
    was kept, read as recurring from the listed date, gets the listed date's year, so that
    the move does not take the listed year from its history (annual.dates.recurs_from).
    """
    update = Update(
        {"exception_date": new_date, "updated_at": now, ANNUAL_BLOCKED: None},
        increment="version",
        if_absent={FIRST_YEAR: dates.first_year(candidate.exception_date)},
    )
    request = update.request(
        "#exception_date = :listed_date AND #recurring_annually = :recurring AND #updated_at <= :updated_at",
        {"#recurring_annually": "recurring_annually"},
        {":listed_date": candidate.exception_date, ":recurring": True},
    )
    key = exception_key(candidate.workspace, candidate.office_hours_schedule_id, candidate.id)
    return {"Update": {"TableName": table, "Key": key, **request}}


def _claim(table: str, item: dict[str, Any]) -> dict[str, Any]:
    """A Put of a claim only where none exists; a refusal hands back the claim that holds it (no extra read)."""
    condition = {"ConditionExpression": "attribute_not_exists(pk)", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}
    return {"Put": {"TableName": table, "Item": item, **condition}}


def _date_claim_of(table: str, workspace: str, holder: DateHolder) -> dict[str, Any]:
    """The date claim of `holder`, on the condition that it is still the holder's."""
    key = date_claim_key(workspace, holder.office_hours_schedule_id, holder.exception_date)
    condition = {"ConditionExpression": "exception_id = :id", "ExpressionAttributeValues": {":id": {"S": holder.id}}}
    return {"TableName": table, "Key": key, **condition}


def _unchanged(version: int) -> tuple[str, dict[str, str], dict[str, Any]]:
    """The condition (expression, names, plain values) that an item is still the one read: its `version`.

    A schedule stored before schedules had a version is read as version 0: it has none.
    """
    names = {"#version": "version"}
    if version == 0:
        return "attribute_exists(pk) AND attribute_not_exists(#version)", names, {}
    return "#version = :read_version", names, {":read_version": version}


def _with_values(condition: str, names: dict[str, str], values: dict[str, Any]) -> dict[str, Any]:
    """A Put's or Delete's condition parameters (DynamoDB refuses an empty ExpressionAttributeValues)."""
    request: dict[str, Any] = {"ConditionExpression": condition, "ExpressionAttributeNames": names}
    if values:
        request["ExpressionAttributeValues"] = to_item(values)
    return request
