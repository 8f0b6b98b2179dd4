"""DynamoDB access for office hours exceptions: the conditional writes that keep their rules.

The items and keys are laid out in `layout`; the requests are built with the `dynamodb`
toolkit. A date claim is written in the same transaction as the exception that takes the
date, under `attribute_not_exists`, which keeps one exception per date and schedule
(rules.DateTaken) however requests race. Writes that replace or delete a whole exception
are conditional on its `version`. The annual job reads its index here and moves a date with
the same transaction as the API. Schedules, their name claims and the workspace item are
`schedule_repository`'s. A write that lost a race raises Contention; the service retries it.
See docs/office-hours.md for what each operation costs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from calendar_exceptions.dynamodb import (
    CONDITION_FAILED,
    Contention,
    codes,
    contended,
    query_items,
    transact,
)
from calendar_exceptions.office_hours import layout, rules, writes
from calendar_exceptions.office_hours.consistent_reads import ConsistentReads
from calendar_exceptions.office_hours.layout import DateHolder, Versioned
from calendar_exceptions.office_hours.rules import DateTaken
from calendar_exceptions.storage import from_item

if TYPE_CHECKING:
    # Writes are given models; reads give stored values (plain): the functions that only read
    # or delete never import the models (pydantic).
    from calendar_exceptions.office_hours.models import ExceptionChange, OfficeHoursException


@dataclass(frozen=True)
class UpdateResult:
    """Either the updated exception, or what was stored when the update's conditions refused it."""

    updated: OfficeHoursException | None = None
    stored: Versioned | None = None


class ExceptionRepository:
    """Exceptions, their date claims, and the annual job's index of recurring ones."""

    def __init__(self, client: Any, table: str) -> None:
        self._client = client
        self._table = table
        self._reads = ConsistentReads(client, table)

    def create_exception(self, workspace: str, exception: OfficeHoursException) -> None:
        """Store a new exception and claim its date, all or nothing.

        Raises NotFound without the schedule, DateTaken when another exception of the
        schedule holds the date.
        """
        schedule_id = exception.office_hours_schedule_id
        found = codes(
            transact(
                self._client,
                [
                    writes.schedule_exists(self._table, workspace, schedule_id),
                    writes.claim_date(self._table, workspace, exception),
                    writes.new_exception(self._table, workspace, exception),
                ],
            )
        )
        if not found:
            return
        if found[0] == CONDITION_FAILED:
            raise rules.schedule_not_found(schedule_id)
        if found[1] == CONDITION_FAILED:
            raise DateTaken(exception.exception_date)
        raise RuntimeError(f"exception id {exception.id} was issued twice: {found}")

    def exception(self, workspace: str, schedule_id: str, exception_id: str) -> Versioned | None:
        item = self._reads.item(layout.exception_key(workspace, schedule_id, exception_id))
        return None if item is None else layout.versioned(item)

    def exceptions(self, workspace: str, schedule_id: str) -> list[dict[str, Any]]:
        """The stored values of every exception of the schedule (answers.exception shapes them)."""
        items = self._reads.partition(layout.exceptions_partition(workspace, schedule_id), layout.EXCEPTION_SK_PREFIX)
        return [from_item(item) for item in items]

    def update_exception(
        self, workspace: str, schedule_id: str, exception_id: str, change: ExceptionChange, now: int
    ) -> UpdateResult:
        """Write only the sent fields, in one UpdateItem, when the stored exception leaves a valid result.

        The conditions are writes.update_exception's (a new date needs its claim moved: see
        move_exception). When they fail, DynamoDB returns the stored item, so the caller
        tells 404 from 422 without another read.
        """
        request = writes.update_exception(self._table, workspace, schedule_id, exception_id, change.sent_values(), now)
        try:
            with contended():
                response = self._client.update_item(**request)
        except self._client.exceptions.ConditionalCheckFailedException as error:
            item = error.response.get("Item")
            return UpdateResult(stored=None if item is None else layout.versioned(item))
        return UpdateResult(updated=layout.versioned(response["Attributes"]).exception)

    def move_exception(self, workspace: str, stored: Versioned, moved: OfficeHoursException) -> None:
        """Replace `stored` by `moved` (on another date) and move the date claim, all or nothing.

        Raises Contention when the exception changed since `stored` was read (the write is
        conditional on its version, so `moved` is exactly what gets stored), DateTaken
        when another exception of the schedule holds the new date.
        """
        self._move_date(workspace, writes.replace_exception(self._table, workspace, moved, stored), stored, moved)

    def annual_candidates(self, shard: str, cutoff: str) -> Iterator[layout.AnnualCandidate]:
        """The recurring exceptions of one index shard dated `cutoff` or earlier, oldest first, page by page.

        Only recurring exceptions are in the index, and only those whose date is at most
        `cutoff` are read: the cost follows the work due, not the table. The index is
        eventually consistent; every write made from what it lists is conditional.
        """
        request: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": layout.ANNUAL_INDEX,
            "KeyConditionExpression": "#shard = :shard AND #exception_date <= :cutoff",
            "ExpressionAttributeNames": {"#shard": layout.ANNUAL_SHARD, "#exception_date": "exception_date"},
            "ExpressionAttributeValues": {":shard": {"S": shard}, ":cutoff": {"S": cutoff}},
        }
        return (layout.AnnualCandidate.listed(item) for item in query_items(self._client, **request))

    def advance_annual_date(self, candidate: layout.AnnualCandidate, new_date: str, now: int) -> None:
        """Move a recurring exception from the date the index listed to `new_date`, with its claim.

        One transaction, like a date move of the API, whose exception write and conditions
        are writes.advance_annual_date's: a change the job did not see is never overwritten.
        Raises Contention when a condition refused it, DateTaken when another exception
        holds `new_date`.
        """
        write = writes.advance_annual_date(self._table, candidate, new_date, now)
        self._move_date(candidate.workspace, write, candidate, replace(candidate, exception_date=new_date))

    def remember_blocked(self, candidate: layout.AnnualCandidate, taken_date: str) -> None:
        """Mark an exception whose next date `taken_date` is held (writes.mark_blocked); nothing if it changed."""
        try:
            with contended():
                self._client.update_item(**writes.mark_blocked(self._table, candidate, taken_date))
        except (self._client.exceptions.ConditionalCheckFailedException, Contention):
            pass  # changed (or changing) since it was listed: a later run decides afresh

    def delete_exception(self, workspace: str, stored: Versioned) -> None:
        """Delete an exception and release its date; Contention when it changed since it was read."""
        delete = writes.delete_exception(self._table, workspace, stored)
        found = codes(transact(self._client, [delete, writes.release_date(self._table, workspace, stored)]))
        if not found:
            return
        if found[0] == CONDITION_FAILED:
            raise Contention(f"exception {stored.id} changed while it was being deleted")
        raise RuntimeError(f"date claim {stored.exception_date} is not held by exception {stored.id}: {found}")

    def _move_date(self, workspace: str, write: dict[str, Any], old: DateHolder, new: DateHolder) -> None:
        """Commit `write` (of the exception) with the claim of the new date and the release of the old one.

        Raises Contention when `write`'s condition refused it, DateTaken when another
        exception holds the new date.
        """
        reasons = transact(
            self._client,
            [write, writes.claim_date(self._table, workspace, new), writes.release_date(self._table, workspace, old)],
        )
        found = codes(reasons)
        if not found:
            return
        if found[0] == CONDITION_FAILED:
            raise Contention(f"exception {old.id} changed while its date was being moved")
        if found[1] == CONDITION_FAILED:
            held_by = (reasons[1].get("Item") or {}).get("exception_id", {}).get("S")
            raise DateTaken(new.exception_date, held_by)
        raise RuntimeError(f"date claim {old.exception_date} is not held by exception {old.id}: {found}")
