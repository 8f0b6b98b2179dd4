"""DynamoDB access for office hours schedules and exceptions.

Item layout in the shared table (string keys pk, sk):

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
schedule, or in another workspace, is simply not found. A date claim is written in the
same transaction as the exception that takes the date, under `attribute_not_exists`,
which keeps one exception per date and schedule however requests race. Every exception
write increments `version`; writes that replace a whole exception are conditional on it.
See docs/office-hours.md for what each operation costs.
"""

from __future__ import annotations

import contextlib
import random
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal, Protocol

from botocore.exceptions import ClientError

from calendar_exceptions.errors import NotFound, ServiceUnavailable, Unprocessable
from calendar_exceptions.office_hours.models import (
    ExceptionChange,
    OfficeHoursException,
    Schedule,
    ScheduleChange,
)
from calendar_exceptions.storage import cancellation_codes, from_item, query_items, to_item

IDS_SK = "#IDS"
CONDITION_FAILED = "ConditionalCheckFailed"
_BATCH = 25
_BATCH_ATTEMPTS = 8

ANNUAL_INDEX = "AnnualRecurrenceIndex"
ANNUAL_SHARD = "annual_shard"
# Recurring exceptions are spread over this many index partitions, so that their writes
# never crowd one partition and a run could be split per shard (docs/annual-recurrence.md).
ANNUAL_SHARDS = tuple(f"ANNUAL#{n}" for n in range(8))


class Contention(Exception):
    """Another write reached the same items first; the operation may succeed when tried again."""


class DateTaken(Unprocessable):
    """Another exception of the schedule holds the date (422); `held_by` is its id when DynamoDB said."""

    def __init__(self, exception_date: str, held_by: str | None = None) -> None:
        super().__init__(f"exception_date: the schedule already has an exception on {exception_date}", "exception_date")
        self.exception_date = exception_date
        self.held_by = held_by


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
    exception: OfficeHoursException
    version: int


@dataclass(frozen=True)
class UpdateResult:
    """Either the updated exception, or what was stored when the update's conditions refused it."""

    updated: OfficeHoursException | None = None
    stored: Versioned | None = None


IdKind = Literal["schedule", "exception"]


def schedules_partition(workspace: str) -> str:
    return f"WORKSPACE#{workspace}#OFFICE_HOURS"


def exceptions_partition(workspace: str, schedule_id: str) -> str:
    return f"WORKSPACE#{workspace}#SCHEDULE#{schedule_id}"


def schedule_key(workspace: str, schedule_id: str) -> dict[str, Any]:
    return {"pk": {"S": schedules_partition(workspace)}, "sk": {"S": f"SCHEDULE#{int(schedule_id):012d}"}}


def exception_key(workspace: str, schedule_id: str, exception_id: str) -> dict[str, Any]:
    pk = exceptions_partition(workspace, schedule_id)
    return {"pk": {"S": pk}, "sk": {"S": f"EXCEPTION#{int(exception_id):012d}"}}


def _ids_key(workspace: str) -> dict[str, Any]:
    return {"pk": {"S": schedules_partition(workspace)}, "sk": {"S": IDS_SK}}


def date_key(workspace: str, schedule_id: str, exception_date: str) -> dict[str, Any]:
    return {"pk": {"S": exceptions_partition(workspace, schedule_id)}, "sk": {"S": f"DATE#{exception_date}"}}


def annual_shard(workspace: str, schedule_id: str, exception_id: str) -> str:
    """The index partition of a recurring exception: a stable hash of its key, never of what changes."""
    key = exception_key(workspace, schedule_id, exception_id)
    return ANNUAL_SHARDS[zlib.crc32(f"{key['pk']['S']}|{key['sk']['S']}".encode()) % len(ANNUAL_SHARDS)]


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


class OfficeHoursRepository:
    def __init__(self, client: Any, table: str) -> None:
        self._client = client
        self._table = table

    # --- ids ----------------------------------------------------------------------------

    def last_id(self, workspace: str, kind: IdKind) -> int:
        """The last schedule or exception id issued in the workspace (0 before the first)."""
        item = self._get(_ids_key(workspace)) or {}
        return int(item[kind]["N"]) if kind in item else 0

    def _issue_id(self, workspace: str, kind: IdKind, last_id: int) -> dict[str, Any]:
        """The transaction item that issues id `last_id + 1`, if `last_id` is still the last one issued."""
        update: dict[str, Any] = {
            "TableName": self._table,
            "Key": _ids_key(workspace),
            "UpdateExpression": "SET #kind = :next",
            "ExpressionAttributeNames": {"#kind": kind},
            "ExpressionAttributeValues": {":next": {"N": str(last_id + 1)}},
            "ConditionExpression": "attribute_not_exists(#kind)",
        }
        if last_id:
            update["ConditionExpression"] = "#kind = :last"
            update["ExpressionAttributeValues"][":last"] = {"N": str(last_id)}
        return {"Update": update}

    # --- schedules ----------------------------------------------------------------------

    def create_schedule(self, workspace: str, schedule: Schedule, last_id: int) -> None:
        """Store a new schedule under id `last_id + 1`; Contention when another create took that id."""
        item = {**schedule_key(workspace, schedule.id), **to_item({**schedule.to_json(), "workspace": workspace})}
        put = {"Put": {"TableName": self._table, "Item": item, "ConditionExpression": "attribute_not_exists(pk)"}}
        if self._transact([self._issue_id(workspace, "schedule", last_id), put]):
            raise Contention(f"schedule id {schedule.id} was issued to another request")

    def schedule(self, workspace: str, schedule_id: str) -> Schedule | None:
        item = self._get(schedule_key(workspace, schedule_id))
        return None if item is None else Schedule.model_validate(from_item(item))

    def schedules(self, workspace: str) -> list[Schedule]:
        items = self._query(schedules_partition(workspace), "SCHEDULE#")
        return [Schedule.model_validate(from_item(item)) for item in items]

    def update_schedule(self, workspace: str, schedule_id: str, change: ScheduleChange, now: int) -> Schedule | None:
        """Set the sent fields of a stored schedule; None when there is none."""
        values = {field: getattr(change, field) for field in change.model_fields_set}
        update = _Update(values | {"updated_at": now})
        try:
            response = self._client.update_item(
                TableName=self._table,
                Key=schedule_key(workspace, schedule_id),
                ReturnValues="ALL_NEW",
                **update.request("attribute_exists(pk)"),
            )
        except self._client.exceptions.ConditionalCheckFailedException:
            return None
        return Schedule.model_validate(from_item(response["Attributes"]))

    def delete_schedule(self, workspace: str, schedule_id: str) -> bool:
        """Delete a schedule, then its exceptions and date claims; False when there was no schedule.

        The schedule goes first: an exception created meanwhile either commits before (its
        transaction checks the schedule) and is found by the query below, or is refused.
        The exceptions are deleted even when the schedule was already gone: a DELETE that
        stopped between the two steps (storage unavailable, the function timed out) left
        them behind, and repeating the DELETE is how a client finishes it.
        """
        try:
            self._client.delete_item(
                TableName=self._table,
                Key=schedule_key(workspace, schedule_id),
                ConditionExpression="attribute_exists(pk)",
            )
            existed = True
        except self._client.exceptions.ConditionalCheckFailedException:
            existed = False
        keys = self._query(exceptions_partition(workspace, schedule_id), None, keys_only=True)
        for start in range(0, len(keys), _BATCH):
            self._delete_batch(keys[start : start + _BATCH])
        return existed

    # --- exceptions ---------------------------------------------------------------------

    def create_exception(self, workspace: str, exception: OfficeHoursException, last_id: int) -> None:
        """Store a new exception under id `last_id + 1` and claim its date, all or nothing.

        Raises NotFound without the schedule, Unprocessable when another exception of the
        schedule holds the date, Contention when another create took the id.
        """
        schedule_id = exception.office_hours_schedule_id
        codes = self._transact(
            [
                {
                    "ConditionCheck": {
                        "TableName": self._table,
                        "Key": schedule_key(workspace, schedule_id),
                        "ConditionExpression": "attribute_exists(pk)",
                    }
                },
                self._claim(workspace, exception),
                self._put_exception(workspace, exception, version=1),
                self._issue_id(workspace, "exception", last_id),
            ]
        )
        if not codes:
            return
        if codes[0] == CONDITION_FAILED:
            raise NotFound(f"office_hours_schedule_id: schedule {schedule_id} not found", "office_hours_schedule_id")
        if codes[1] == CONDITION_FAILED:
            raise DateTaken(exception.exception_date)
        raise Contention(f"exception id {exception.id} was issued to another request")

    def exception(self, workspace: str, schedule_id: str, exception_id: str) -> Versioned | None:
        item = self._get(exception_key(workspace, schedule_id, exception_id))
        return None if item is None else _versioned(item)

    def exceptions(self, workspace: str, schedule_id: str) -> list[OfficeHoursException]:
        items = self._query(exceptions_partition(workspace, schedule_id), "EXCEPTION#")
        return [_versioned(item).exception for item in items]

    def update_exception(
        self, workspace: str, schedule_id: str, exception_id: str, change: ExceptionChange, now: int
    ) -> UpdateResult:
        """Write only the sent fields, in one UpdateItem, when the stored exception leaves a valid result.

        The conditions: the exception exists; its stored type is the one the change needs
        (ExceptionChange.required_stored_type); a sent exception_date is the stored one (a
        new date needs its claim moved: see move_exception). When they fail, DynamoDB
        returns the stored item, so the caller tells 404 from 422 without another read.
        """
        assignments = change.assignments()
        if change.sent("recurring_annually"):
            shard = annual_shard(workspace, schedule_id, exception_id)
            assignments[ANNUAL_SHARD] = shard if change.recurring_annually else None
        conditions, names, values = ["attribute_exists(pk)"], {}, {}
        required_type = change.required_stored_type()
        if required_type is not None:
            conditions.append("#exception_type = :required_type")
            names["#exception_type"], values[":required_type"] = "exception_type", required_type
        if change.sent("exception_date"):
            conditions.append("#exception_date = :kept_date")
            names["#exception_date"], values[":kept_date"] = "exception_date", assignments.pop("exception_date")
        update = _Update(assignments | {"updated_at": now}, increment="version")
        try:
            with _contention():
                response = self._client.update_item(
                    TableName=self._table,
                    Key=exception_key(workspace, schedule_id, exception_id),
                    ReturnValues="ALL_NEW",
                    ReturnValuesOnConditionCheckFailure="ALL_OLD",
                    **update.request(" AND ".join(conditions), names, values),
                )
        except self._client.exceptions.ConditionalCheckFailedException as error:
            item = error.response.get("Item")
            return UpdateResult(stored=None if item is None else _versioned(item))
        return UpdateResult(updated=_versioned(response["Attributes"]).exception)

    def move_exception(self, workspace: str, stored: Versioned, moved: OfficeHoursException) -> None:
        """Replace `stored` by `moved` (on another date) and move the date claim, all or nothing.

        Raises Contention when the exception changed since `stored` was read (the write is
        conditional on its version, so `moved` is exactly what gets stored), Unprocessable
        when another exception of the schedule holds the new date.
        """
        put = self._put_exception(workspace, moved, version=stored.version + 1)
        put["Put"]["ConditionExpression"] = "version = :expected"
        put["Put"]["ExpressionAttributeValues"] = {":expected": {"N": str(stored.version)}}
        self._move_date(workspace, put, stored.exception, moved)

    def annual_candidates(self, shard: str, cutoff: str) -> Iterator[AnnualCandidate]:
        """The recurring exceptions of one index shard dated `cutoff` or earlier, oldest first, page by page.

        Only recurring exceptions are in the index, and only those whose date is at most
        `cutoff` are read: the cost follows the work due, not the table. The index is
        eventually consistent; every write made from what it lists is conditional.
        """
        request: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": ANNUAL_INDEX,
            "KeyConditionExpression": "#shard = :shard AND #exception_date <= :cutoff",
            "ExpressionAttributeNames": {"#shard": ANNUAL_SHARD, "#exception_date": "exception_date"},
            "ExpressionAttributeValues": {":shard": {"S": shard}, ":cutoff": {"S": cutoff}},
        }
        return (AnnualCandidate.listed(item) for item in query_items(self._client, **request))

    def advance_annual_date(self, candidate: AnnualCandidate, new_date: str, now: int) -> None:
        """Move a recurring exception from the date the index listed to `new_date`, with its claim.

        One transaction, like a date move of the API. Only exception_date, updated_at
        (`now`) and version are written, on the conditions that the exception still
        recurs, still has the listed date and was not written after `now`: a change the
        caller did not see is never overwritten, and updated_at never goes back. Raises
        Contention when a condition refused it, DateTaken when another exception holds
        `new_date`.
        """
        update = _Update({"exception_date": new_date, "updated_at": now}, increment="version").request(
            "#exception_date = :listed_date AND #recurring_annually = :recurring AND #updated_at <= :updated_at",
            {"#recurring_annually": "recurring_annually"},
            {":listed_date": candidate.exception_date, ":recurring": True},
        )
        key = exception_key(candidate.workspace, candidate.office_hours_schedule_id, candidate.id)
        write = {"Update": {"TableName": self._table, "Key": key, **update}}
        self._move_date(candidate.workspace, write, candidate, replace(candidate, exception_date=new_date))

    def delete_exception(self, workspace: str, stored: Versioned) -> None:
        """Delete an exception and release its date; Contention when it changed since it was read."""
        exception = stored.exception
        key = exception_key(workspace, exception.office_hours_schedule_id, exception.id)
        codes = self._transact(
            [
                {
                    "Delete": {
                        "TableName": self._table,
                        "Key": key,
                        "ConditionExpression": "version = :version",
                        "ExpressionAttributeValues": {":version": {"N": str(stored.version)}},
                    }
                },
                self._release(workspace, exception),
            ]
        )
        if not codes:
            return
        if codes[0] == CONDITION_FAILED:
            raise Contention(f"exception {exception.id} changed while it was being deleted")
        raise RuntimeError(f"date claim {exception.exception_date} is not held by exception {exception.id}: {codes}")

    # --- items and requests -------------------------------------------------------------

    def _move_date(self, workspace: str, write: dict[str, Any], old: DateHolder, new: DateHolder) -> None:
        """Commit `write` (of the exception) with the claim of the new date and the release of the old one.

        Raises Contention when `write`'s condition refused it, DateTaken when another
        exception holds the new date.
        """
        reasons = self._transact_reasons([write, self._claim(workspace, new), self._release(workspace, old)])
        codes = [reason.get("Code") or "" for reason in reasons]
        if not codes:
            return
        if codes[0] == CONDITION_FAILED:
            raise Contention(f"exception {old.id} changed while its date was being moved")
        if codes[1] == CONDITION_FAILED:
            held_by = (reasons[1].get("Item") or {}).get("exception_id", {}).get("S")
            raise DateTaken(new.exception_date, held_by)
        raise RuntimeError(f"date claim {old.exception_date} is not held by exception {old.id}: {codes}")

    def _put_exception(self, workspace: str, exception: OfficeHoursException, version: int) -> dict[str, Any]:
        """A Put of the whole exception; a new one (version 1) only where none exists."""
        put: dict[str, Any] = {"TableName": self._table, "Item": exception_item(workspace, exception, version)}
        if version == 1:
            put["ConditionExpression"] = "attribute_not_exists(pk)"
        return {"Put": put}

    def _claim(self, workspace: str, holder: DateHolder) -> dict[str, Any]:
        """Claim a free date; a refusal hands back the claim that holds it (free: no extra read)."""
        return {
            "Put": {
                "TableName": self._table,
                "Item": claim_item(workspace, holder),
                "ConditionExpression": "attribute_not_exists(pk)",
                "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
            }
        }

    def _release(self, workspace: str, holder: DateHolder) -> dict[str, Any]:
        return {
            "Delete": {
                "TableName": self._table,
                "Key": date_key(workspace, holder.office_hours_schedule_id, holder.exception_date),
                "ConditionExpression": "exception_id = :id",
                "ExpressionAttributeValues": {":id": {"S": holder.id}},
            }
        }

    def _transact(self, items: list[dict[str, Any]]) -> list[str]:
        """Commit `items`; when a condition refused them, the per-item reason codes, else an error."""
        return [reason.get("Code") or "" for reason in self._transact_reasons(items)]

    def _transact_reasons(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Commit `items`; when a condition refused them, the per-item cancellation reasons, else an error."""
        try:
            self._client.transact_write_items(TransactItems=items)
        except self._client.exceptions.TransactionCanceledException as error:
            reasons = error.response.get("CancellationReasons") or []
            codes = cancellation_codes(error)
            if "TransactionConflict" in codes:
                raise Contention("another transaction holds one of these items") from None
            if CONDITION_FAILED in codes:
                return reasons
            raise  # throttled items among them: http_errors answers 503
        return []

    def _get(self, key: dict[str, Any]) -> dict[str, Any] | None:
        return self._client.get_item(TableName=self._table, Key=key, ConsistentRead=True).get("Item")

    def _query(self, pk: str, sk_prefix: str | None, keys_only: bool = False) -> list[dict[str, Any]]:
        """Every item of partition `pk` (whose sort key starts with `sk_prefix`), all pages."""
        request: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": {"S": pk}},
            "ConsistentRead": True,
        }
        if sk_prefix is not None:
            request["KeyConditionExpression"] += " AND begins_with(sk, :prefix)"
            request["ExpressionAttributeValues"][":prefix"] = {"S": sk_prefix}
        if keys_only:
            request["ProjectionExpression"] = "pk, sk"
        items: list[dict[str, Any]] = []
        while True:
            page = self._client.query(**request)
            items.extend(page.get("Items", []))
            if "LastEvaluatedKey" not in page:
                return items
            request["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def _delete_batch(self, keys: list[dict[str, Any]]) -> None:
        requests = {self._table: [{"DeleteRequest": {"Key": key}} for key in keys]}
        for attempt in range(_BATCH_ATTEMPTS):
            unprocessed = self._client.batch_write_item(RequestItems=requests).get("UnprocessedItems") or {}
            if not unprocessed:
                return
            requests = unprocessed
            time.sleep(random.uniform(0.02, 0.1) * (attempt + 1))  # noqa: S311 - jitter, not crypto
        # DynamoDB leaves items unprocessed when it is throttling: a retry of the DELETE finishes the job.
        raise ServiceUnavailable(f"{len(requests[self._table])} items left undeleted after {_BATCH_ATTEMPTS} attempts")


class _Update:
    """An UpdateItem that sets the non-null values and removes the null ones.

    Every attribute name is a placeholder (`name` is a reserved word); intervals are
    written as lists of maps; `increment` names a counter raised by one.
    """

    def __init__(self, values: dict[str, Any], increment: str | None = None) -> None:
        self._set = {field: _plain(value) for field, value in values.items() if value is not None}
        self._removed = [field for field, value in values.items() if value is None]
        self._increment = increment

    def request(
        self, condition: str, names: dict[str, str] | None = None, values: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        names = {**(names or {}), **{f"#{field}": field for field in [*self._set, *self._removed]}}
        values = {**(values or {}), **{f":{field}": value for field, value in self._set.items()}}
        assignments = [f"#{field} = :{field}" for field in self._set]
        if self._increment is not None:
            names[f"#{self._increment}"] = self._increment
            values[":one"] = 1
            assignments.append(f"#{self._increment} = #{self._increment} + :one")
        expression = "SET " + ", ".join(assignments)
        if self._removed:
            expression += " REMOVE " + ", ".join(f"#{field}" for field in self._removed)
        return {
            "UpdateExpression": expression,
            "ConditionExpression": condition,
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": to_item(values),
        }


def _plain(value: Any) -> Any:
    """Intervals as DynamoDB stores them: a list of maps."""
    if isinstance(value, list):
        return [item.model_dump() if hasattr(item, "model_dump") else item for item in value]
    return value


def _versioned(item: dict[str, Any]) -> Versioned:
    values = from_item(item)
    return Versioned(OfficeHoursException.model_validate(values), values["version"])


@contextlib.contextmanager
def _contention() -> Iterator[None]:
    """A write refused because a transaction holds the item is contention, not a failure."""
    try:
        yield
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "TransactionConflictException":
            raise Contention("a transaction holds this item") from None
        raise
