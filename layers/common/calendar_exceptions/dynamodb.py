"""The DynamoDB toolkit both repositories build on: updates, transactions, retries of lost races, paging, batch deletes.

`storage` holds the client, its deadline and the item (de)serialisation; this module the
requests made with them, each written once:

- `Update`: an UpdateItem expression that sets and removes fields, with a condition;
- `transact`: TransactWriteItems, answering the cancellation reasons of a refused one;
- `Contention` and `contended`: a write that lost a race with another write;
- `retry_contended`: the one retry of such writes, with the one back-off policy (`pause`);
- `query_items`: every page of a Query; `get_keys`: BatchGetItem, strongly consistent, every key;
  `delete_keys`: BatchWriteItem deletes, all of them.
"""

from __future__ import annotations

import contextlib
import itertools
import random
import time
from collections.abc import Callable, Iterator
from typing import Any

from botocore.exceptions import ClientError

from calendar_exceptions.errors import ServiceUnavailable
from calendar_exceptions.storage import attempt_fits_after, to_item

CONDITION_FAILED = "ConditionalCheckFailed"
TRANSACTION_CONFLICT = "TransactionConflict"

# The back-off policy: before retry n (0 for the first), a pause drawn uniformly from 0 up
# to FIRST_PAUSE * 2**n, at most LONGEST_PAUSE ("full jitter"). Racing writers spread out
# over a window that doubles while they keep colliding, so N of them racing for one item
# land about one per attempt's duration instead of colliding again in lockstep.
FIRST_PAUSE = 0.01
LONGEST_PAUSE = 0.4
# A write that lost a race with a write to the same object is tried this many times in
# all: that is rare, and a 409 tells the client at once. Writes that race with every other
# write of a tenant (creates, for the next id) are retried until the deadline instead.
ATTEMPTS = 5
# Without a function deadline (a script, the benchmark), retries stop after this many
# seconds of pauses: about what the API functions' 10 s timeout leaves them.
RETRY_SECONDS_WITHOUT_DEADLINE = 4.0
BATCH_SIZE = 25
BATCH_ATTEMPTS = 8


class Contention(Exception):
    """Another write reached the same items first; the operation may succeed when tried again."""


def pause(retry: int, first: float = FIRST_PAUSE, longest: float = LONGEST_PAUSE) -> float:
    """Seconds to wait before retry number `retry` (0 for the first): the one back-off policy.

    `first` and `longest` scale it for writers that know their races are crowded.
    """
    return random.uniform(0, min(longest, first * 2**retry))  # noqa: S311 - jitter, not crypto


def retry_contended[T](
    attempt: Callable[[], T],
    give_up: Callable[[], Exception],
    *,
    until_deadline: bool = False,
    first_pause: float = FIRST_PAUSE,
    longest_pause: float = LONGEST_PAUSE,
) -> T:
    """`attempt()`, again after a `pause` each time it raises Contention; `give_up()` is raised when retries end.

    Retries end after ATTEMPTS attempts (with `until_deadline`, no count), and in any case
    when the function's remaining time (storage.deadline) could not hold the pause and one
    more attempt: the caller is then answered with `give_up()`, not cut off by the deadline.
    `first_pause` and `longest_pause` scale the pauses (`pause`).
    """
    attempts = None if until_deadline else ATTEMPTS
    started = time.monotonic()
    for retry in itertools.count():
        try:
            return attempt()
        except Contention:
            if attempts is not None and retry + 1 >= attempts:
                raise give_up() from None
            wait = pause(retry, first_pause, longest_pause)
            fits = attempt_fits_after(wait)
            if fits is None:
                fits = time.monotonic() - started + wait <= RETRY_SECONDS_WITHOUT_DEADLINE
            if not fits:
                raise give_up() from None
            time.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover - itertools.count() never ends


@contextlib.contextmanager
def contended() -> Iterator[None]:
    """A single-item write refused because a transaction holds the item is Contention, not a failure."""
    try:
        yield
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "TransactionConflictException":
            raise Contention("a transaction holds this item") from None
        raise


def transact(client: Any, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Commit `items` in one TransactWriteItems; [] when committed.

    When conditions refused it, the per-item cancellation reasons (`codes` reads them);
    Contention when another transaction held one of the items. Any other cancellation
    (throttled items among them) is raised as it is: http_errors answers it 503.
    """
    try:
        client.transact_write_items(TransactItems=items)
    except client.exceptions.TransactionCanceledException as error:
        reasons = cancellation_reasons(error)
        found = codes(reasons)
        if TRANSACTION_CONFLICT in found:
            raise Contention("another transaction holds one of these items") from None
        if CONDITION_FAILED in found:
            return reasons
        raise
    return []


def cancellation_reasons(error: Any) -> list[dict[str, Any]]:
    """The per-item reasons of a TransactionCanceledException, in the order of its items."""
    return error.response.get("CancellationReasons") or []


def codes(reasons: list[dict[str, Any]]) -> list[str]:
    """The code of each cancellation reason, '' where the item passed."""
    return [reason.get("Code") or "" for reason in reasons]


class Update:
    """An UpdateItem that sets the non-null values and removes the null ones.

    Every attribute name is a placeholder (`name` is a reserved word); a list of models is
    written as a list of maps; `increment` names a counter raised by one (from 0 when absent);
    `if_absent` values are set only on an item that has no such attribute yet.
    """

    def __init__(
        self, values: dict[str, Any], increment: str | None = None, if_absent: dict[str, Any] | None = None
    ) -> None:
        self._set = {field: _plain(value) for field, value in values.items() if value is not None}
        self._removed = [field for field, value in values.items() if value is None]
        self._increment = increment
        self._if_absent = if_absent or {}

    def request(
        self, condition: str, names: dict[str, str] | None = None, values: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The UpdateItem parameters, with `condition` and the `names` and `values` (plain) it uses."""
        names = {**(names or {}), **{f"#{field}": field for field in [*self._set, *self._removed]}}
        values = {**(values or {}), **{f":{field}": value for field, value in self._set.items()}}
        assignments = [f"#{field} = :{field}" for field in self._set]
        for field, value in self._if_absent.items():
            names[f"#{field}"], values[f":{field}"] = field, value
            assignments.append(f"#{field} = if_not_exists(#{field}, :{field})")
        if self._increment is not None:
            names[f"#{self._increment}"] = self._increment
            values[":one"], values[":zero"] = 1, 0
            # An item written before it had the counter counts from 0.
            assignments.append(f"#{self._increment} = if_not_exists(#{self._increment}, :zero) + :one")
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
    if isinstance(value, list):
        return [item.model_dump() if hasattr(item, "model_dump") else item for item in value]
    return value


def query_items(client: Any, **request: Any) -> Iterator[dict[str, Any]]:
    """Every item a Query returns, page after page."""
    while True:
        page = client.query(**request)
        yield from page.get("Items", [])
        if "LastEvaluatedKey" not in page:
            return
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def get_keys(client: Any, table: str, keys: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stored items of `keys` (at most 100; those that do not exist are absent), in one strongly
    consistent BatchGetItem, in no particular order.

    Keys DynamoDB leaves unprocessed while it throttles are asked again after a `pause`;
    still unprocessed after BATCH_ATTEMPTS is ServiceUnavailable (a 503).
    """
    if not keys:
        return []
    request: dict[str, Any] = {table: {"Keys": keys, "ConsistentRead": True}}
    items: list[dict[str, Any]] = []
    for retry in range(BATCH_ATTEMPTS):
        response = client.batch_get_item(RequestItems=request)
        items += response.get("Responses", {}).get(table, [])
        request = response.get("UnprocessedKeys") or {}
        if not request:
            return items
        time.sleep(pause(retry))
    raise ServiceUnavailable(f"{len(request[table]['Keys'])} items left unread after {BATCH_ATTEMPTS} attempts")


def delete_keys(client: Any, table: str, keys: list[dict[str, Any]]) -> None:
    """Delete every item of `keys` with BatchWriteItem, BATCH_SIZE at a time.

    DynamoDB leaves items unprocessed while it throttles: they are sent again after a
    `pause`, and what is still left after BATCH_ATTEMPTS is ServiceUnavailable (a 503; the
    caller's operation finishes the job when repeated).
    """
    for start in range(0, len(keys), BATCH_SIZE):
        requests = {table: [{"DeleteRequest": {"Key": key}} for key in keys[start : start + BATCH_SIZE]]}
        for retry in range(BATCH_ATTEMPTS):
            requests = client.batch_write_item(RequestItems=requests).get("UnprocessedItems") or {}
            if not requests:
                break
            time.sleep(pause(retry))
        else:
            left = len(requests[table])
            raise ServiceUnavailable(f"{left} items left undeleted after {BATCH_ATTEMPTS} attempts")
