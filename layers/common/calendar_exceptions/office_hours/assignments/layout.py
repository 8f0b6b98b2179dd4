"""Where assignments live in the shared table: one item per holder with a schedule of its own.

In the workspace's office hours partition (office_hours/layout.py), beside its schedules:

    pk WORKSPACE#<ws>#OFFICE_HOURS   sk ASSIGNMENT#ADMIN#<id, 19 digits>   a teammate's own schedule
                                     sk ASSIGNMENT#TEAM#<id, 19 digits>    a team's own schedule
                                     sk ASSIGNMENT#WORKSPACE               the workspace default

Each holds `holder` (admin, team, workspace), `holder_id` and `office_hours_schedule_id`. A
holder without an item has no schedule of its own and inherits (rules.inherited_from). Ids
are padded so that teammates list in the order of their ids.

The schedule item carries `assigned`, a counter that every assignment to it raises in the
assignment's own transaction (the transaction also checks that the schedule exists). A
schedule never assigned has none. A schedule's delete is conditional on the counter it read
(writes.unassigned_since): an assignment that commits between the delete's read and its
write changes it and so refuses the delete, and one that comes after finds no schedule.
"""

from __future__ import annotations

from typing import Any

from calendar_exceptions.office_hours.assignments.rules import HOLDER_ID_DIGITS, Holder
from calendar_exceptions.office_hours.layout import schedules_partition
from calendar_exceptions.storage import from_item

ASSIGNMENT_SK_PREFIX = "ASSIGNMENT#"
ADMIN_SK_PREFIX = ASSIGNMENT_SK_PREFIX + "ADMIN#"
# On a schedule item: raised by one by every assignment to the schedule (above).
ASSIGNED = "assigned"
SCHEDULE_ID = "office_hours_schedule_id"


def assignment_sort_key(holder: Holder) -> str:
    if holder.kind == "workspace":
        return ASSIGNMENT_SK_PREFIX + "WORKSPACE"
    return f"{ASSIGNMENT_SK_PREFIX}{holder.kind.upper()}#{int(holder.id):0{HOLDER_ID_DIGITS}d}"


def assignment_key(workspace: str, holder: Holder) -> dict[str, Any]:
    return {"pk": {"S": schedules_partition(workspace)}, "sk": {"S": assignment_sort_key(holder)}}


def assignment_item(workspace: str, holder: Holder, schedule_id: str) -> dict[str, Any]:
    """The item that assigns `schedule_id` to `holder` (the workspace has no `holder_id`)."""
    item = {**assignment_key(workspace, holder), "holder": {"S": holder.kind}, SCHEDULE_ID: {"S": schedule_id}}
    if holder.id:
        item["holder_id"] = {"S": holder.id}
    return item


def assigned(item: dict[str, Any]) -> tuple[Holder, str]:
    """The holder of a stored assignment item and the schedule it assigns."""
    values = from_item(item)
    return Holder(values["holder"], values.get("holder_id", "")), values[SCHEDULE_ID]
