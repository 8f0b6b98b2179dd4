"""The conditional writes of assignments (layout.py), each the storage side of a rule; the repository commits them.

An assignment is one transaction: the holder's item changes only if it still assigns what
was read (`assign`), and each schedule newly assigned must exist and gets its `assigned`
marker raised (`mark_assigned`). A schedule's delete (office_hours/writes.delete_schedule) adds
`unassigned_since`: nothing assigned the schedule since the delete read it. Together they keep
"a schedule in use is not deleted" (rules.ScheduleInUse) and "no assignment to a deleted
schedule" however the two race.
"""

from __future__ import annotations

from typing import Any

from calendar_exceptions.dynamodb import Update
from calendar_exceptions.office_hours.assignments.layout import (
    ASSIGNED,
    SCHEDULE_ID,
    assignment_item,
    assignment_key,
)
from calendar_exceptions.office_hours.assignments.rules import Holder
from calendar_exceptions.office_hours.layout import schedule_key


def assign(table: str, workspace: str, holder: Holder, read: str | None, new: str | None) -> dict[str, Any]:
    """Set (Put) or clear (Delete) `holder`'s own schedule, only if it is still `read` (None: it had none)."""
    key = assignment_key(workspace, holder)
    condition: dict[str, Any]
    if read is None:
        condition = {"ConditionExpression": "attribute_not_exists(pk)"}
    else:
        condition = {
            "ConditionExpression": "#schedule = :read",
            "ExpressionAttributeNames": {"#schedule": SCHEDULE_ID},
            "ExpressionAttributeValues": {":read": {"S": read}},
        }
    if new is None:
        return {"Delete": {"TableName": table, "Key": key, **condition}}
    return {"Put": {"TableName": table, "Item": assignment_item(workspace, holder, new), **condition}}


def mark_assigned(table: str, workspace: str, schedule_id: str) -> dict[str, Any]:
    """The Update, in an assignment's transaction, raising the `assigned` marker of a schedule that must exist.

    It changes nothing the API answers: neither the schedule's `version` nor `updated_at`.
    """
    update = Update({}, increment=ASSIGNED).request("attribute_exists(pk)")
    return {"Update": {"TableName": table, "Key": schedule_key(workspace, schedule_id), **update}}


def unassigned_since(read: dict[str, Any]) -> tuple[str, dict[str, str], dict[str, Any]]:
    """The condition (expression, names, plain values) that no assignment to the schedule whose stored values
    are `read` committed since it was read: its `assigned` marker is the one read (absent when never assigned)."""
    names = {"#assigned": ASSIGNED}
    if ASSIGNED not in read:
        return "attribute_not_exists(#assigned)", names, {}
    return "#assigned = :assigned", names, {":assigned": read[ASSIGNED]}
