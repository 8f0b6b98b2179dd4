"""The reads of the effective hours and status routes: a schedule and its exceptions, as plain values.

Two round trips, both strongly consistent: a GetItem of the schedule, then (when it is the
workspace's) a Query of its exceptions, which reads their items only (not the date claims
of the same partition) and only the attributes the hours need; one page holds about 2,500
exceptions. Values are the items' attributes as `storage.from_item` gives them, not models:
the two read-only functions never import pydantic (docs/office-hours.md).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from calendar_exceptions.dynamodb import query_items
from calendar_exceptions.office_hours import layout
from calendar_exceptions.storage import from_item

SCHEDULE_ATTRIBUTES = ("id", "time_zone_name", "time_intervals")
EXCEPTION_ATTRIBUTES = (
    "id",
    "exception_date",
    "exception_type",
    "time_intervals",
    "recurring_annually",
    layout.FIRST_YEAR,
)


class StoredHours(NamedTuple):
    """A schedule's `id`, `time_zone_name`, `time_intervals`, and each of its exceptions' `id`,
    `exception_date`, `exception_type`, `time_intervals` (absent when closed), `recurring_annually`,
    `first_year` (absent when stored before it was kept: layout.FIRST_YEAR)."""

    schedule: dict[str, Any]
    exceptions: list[dict[str, Any]]


class HoursRepository:
    def __init__(self, client: Any, table: str) -> None:
        self._client = client
        self._table = table

    def stored_hours(self, workspace: str, schedule_id: str, also: tuple[str, ...] = ()) -> StoredHours | None:
        """The schedule and its exceptions; None when the workspace has no such schedule (no Query then).

        `also`: attributes read besides those the hours need, of the schedule and of each
        exception (a feed's calendar: `name`, `version`, `updated_at`).
        """
        item = self._client.get_item(
            TableName=self._table,
            Key=layout.schedule_key(workspace, schedule_id),
            ConsistentRead=True,
            **_projection(SCHEDULE_ATTRIBUTES + also),
        ).get("Item")
        if item is None:
            return None
        items = query_items(
            self._client,
            TableName=self._table,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues={
                ":pk": {"S": layout.exceptions_partition(workspace, schedule_id)},
                ":prefix": {"S": layout.EXCEPTION_SK_PREFIX},
            },
            ConsistentRead=True,
            **_projection(EXCEPTION_ATTRIBUTES + also),
        )
        return StoredHours(from_item(item), [from_item(found) for found in items])


def _projection(attributes: tuple[str, ...]) -> dict[str, Any]:
    # Names for every attribute: some of them (`name`, ...) are DynamoDB reserved words.
    names = {f"#a{index}": attribute for index, attribute in enumerate(attributes)}
    return {"ProjectionExpression": ", ".join(names), "ExpressionAttributeNames": names}
