"""DynamoDB faults injected at the client: retried by the SDK, then 503 with Retry-After, and nothing half-written.

Each fault is a botocore `before-send` handler registered on the functions' own
client (storage.dynamodb_client): it answers a request with DynamoDB's throttling or
internal error response, or raises a timeout or a refused connection, without sending
it. The storage behind it is the moto server over HTTP, so a faulted request never reaches
it (with mock_aws, moto's own before-send handler would run it anyway). The SDK's retry
delay is zero here; its retries are counted, not waited for.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import botocore.retries.standard
import pytest
from botocore.awsrequest import AWSResponse
from botocore.exceptions import ConnectTimeoutError, EndpointConnectionError, ReadTimeoutError

from calendar_exceptions import storage
from calendar_exceptions.tokens import TokenRepository
from local import runtime
from local.dynamodb import client
from tests.builders import (
    SCHEDULES,
    closed,
    collection,
    custom_hours,
    exception_url,
    exceptions_url,
    occasion,
    schedule,
    schedule_url,
)
from tests.conftest import ApiClient

# storage._CLIENT_CONFIG: standard retry mode, 3 attempts in all.
ATTEMPTS = 3


class _Body:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **_: Any):
        yield self._data


def _error_response(status: int, error_type: str, **extra: Any) -> Callable[[Any], AWSResponse]:
    body = json.dumps({"__type": f"com.amazonaws.dynamodb.v20120810#{error_type}", "message": error_type, **extra})

    def respond(request: Any) -> AWSResponse:
        headers = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": "fault"}
        return AWSResponse(request.url, status, headers, _Body(body.encode()))

    return respond


def _raise(error: type[Exception]) -> Callable[[Any], AWSResponse]:
    def fail(request: Any) -> AWSResponse:
        raise error(endpoint_url=request.url, error="injected")

    return fail


# DynamoDB's answers (retried by the SDK) and the client's own failures (retried too).
ANSWERS = {
    "ProvisionedThroughputExceededException": _error_response(400, "ProvisionedThroughputExceededException"),
    "ThrottlingException": _error_response(400, "ThrottlingException"),
    "InternalServerError": _error_response(500, "InternalServerError"),
}
UNREACHABLE = {
    "ReadTimeoutError": _raise(ReadTimeoutError),
    "ConnectTimeoutError": _raise(ConnectTimeoutError),
    "EndpointConnectionError": _raise(EndpointConnectionError),
}
FAULTS = {**ANSWERS, **UNREACHABLE}
# A transaction one of whose items was throttled: DynamoDB cancels it, and the SDK does not retry that.
THROTTLED_TRANSACTION = _error_response(
    400,
    "TransactionCanceledException",
    CancellationReasons=[{"Code": "ThrottlingError", "Message": "Throughput exceeds capacity"}, {"Code": "None"}],
)


class Faults:
    """Failures of chosen DynamoDB operations of the functions' client, and every attempt made."""

    def __init__(self) -> None:
        self.attempts: Counter[str] = Counter()
        self.requests: list[dict[str, Any]] = []
        self._failing: dict[str, tuple[Callable[[Any], AWSResponse], int | None]] = {}
        # After the client's own check of the function's remaining time (storage.deadline),
        # which is registered first: a real attempt too is only made once that check passed.
        storage.dynamodb_client().meta.events.register("before-send.dynamodb", self._before_send)

    def fail(self, operation: str, fault: str | Callable[[Any], AWSResponse], times: int | None = None) -> None:
        """Fail `operation` with `fault`: the next `times` attempts, or every one; count attempts from now."""
        self._failing[operation] = (FAULTS[fault] if isinstance(fault, str) else fault, times)
        self.attempts.clear()
        self.requests.clear()

    def _before_send(self, request: Any, **_: Any) -> AWSResponse | None:
        operation = request.headers["X-Amz-Target"].decode().rpartition(".")[2]
        self.attempts[operation] += 1
        self.requests.append({"operation": operation, **json.loads(request.body or b"{}")})
        if operation not in self._failing:
            return None
        fault, times = self._failing[operation]
        if times is not None:
            if times == 0:
                return None
            self._failing[operation] = (fault, times - 1)
        return fault(request)


@pytest.fixture
def api(endpoint, functions, router) -> ApiClient:
    """The handlers in-process, their storage the moto server."""
    return ApiClient(functions, router, TokenRepository(client(endpoint), storage.table_name()))


@pytest.fixture
def faults(api, monkeypatch) -> Faults:
    monkeypatch.setattr(botocore.retries.standard.ExponentialBackoff, "delay_amount", lambda self, context: 0)
    api.token("acct1")  # minted before any fault, so that only the operation under test fails
    return Faults()


@pytest.fixture
def stored(endpoint) -> Callable[[], list[dict[str, Any]]]:
    """Every item but tokens, in key order."""
    dynamodb = client(endpoint)

    def scan() -> list[dict[str, Any]]:
        items = dynamodb.scan(TableName=storage.table_name(), ConsistentRead=True)["Items"]
        items = [item for item in items if "TOKEN" not in item["pk"]["S"]]
        return sorted(items, key=lambda item: (item["pk"]["S"], item["sk"]["S"]))

    return scan


@pytest.fixture
def seeded(api) -> None:
    """Special occasions 1 and 2 of acct1 (revision 1); schedule 1 with exceptions 1 and 2."""
    replies = [
        api.call("POST", collection(), [occasion("A", isDefault=True), occasion("B")]),
        api.call("POST", SCHEDULES, schedule()),
        api.call("POST", exceptions_url("1"), custom_hours("2026-12-24")),
        api.call("POST", exceptions_url("1"), closed("2026-12-25")),
    ]
    assert [reply.status for reply in replies] == [200, 201, 201, 201], [reply.text for reply in replies]


def _as_left(items: list[dict[str, Any]], method: str, path: str) -> list[dict[str, Any]]:
    """What a refused write must leave as it was: everything, but for an office hours create the
    workspace's id counters (a create takes its id before its transaction: a refused one leaves a gap)."""
    if method == "POST" and path.startswith(SCHEDULES):
        return [item for item in items if item["sk"]["S"] != "#IDS"]
    return items


def _success(method: str, path: str) -> int:
    return 201 if method == "POST" and path.startswith(SCHEDULES) else 200


def _unavailable(reply) -> None:
    """A 503 in the API's own error format, with Retry-After."""
    assert reply.status == 503, reply.text
    assert reply.headers["retry-after"] == "1"
    if "internalCode" in reply.body:
        assert reply.body == {"type": "specialoccasion", "internalCode": 2, "message": reply.body["message"]}
    else:
        assert reply.body["type"] == "error.list"
        assert [error["code"] for error in reply.body["errors"]] == ["service_unavailable"]


# (case, method, path, body, the write operation that keeps failing)
WRITES = [
    ("special occasions PUT", "PUT", collection(), [{**occasion("B", isDefault=True), "id": 2}], "TransactWriteItems"),
    ("special occasions POST", "POST", collection(), [occasion("C", isDefault=True)], "TransactWriteItems"),
    ("special occasions DELETE", "DELETE", collection() + "/1,2", None, "TransactWriteItems"),
    ("schedule POST", "POST", SCHEDULES, schedule("New"), "TransactWriteItems"),
    ("schedule PUT keeping its name", "PUT", schedule_url("1"), {"time_intervals": []}, "UpdateItem"),
    ("exception POST", "POST", exceptions_url("1"), closed("2027-01-01"), "TransactWriteItems"),
    ("exception PUT keeping its date", "PUT", exception_url("1", "1"), {"name": "Renamed"}, "UpdateItem"),
    (
        "exception PUT moving its date",
        "PUT",
        exception_url("1", "1"),
        {"exception_date": "2027-01-01"},
        "TransactWriteItems",
    ),
    ("exception DELETE", "DELETE", exception_url("1", "2"), None, "TransactWriteItems"),
    ("schedule PUT renaming it", "PUT", schedule_url("1"), {"name": "Renamed"}, "TransactWriteItems"),
    ("schedule DELETE", "DELETE", schedule_url("1"), None, "TransactWriteItems"),
]


def _rotated(faults: dict[str, Any], shift: int = 0) -> list[str]:
    """One fault per write, taking turns, so that every fault meets several writes."""
    names = sorted(faults)
    return [names[(index + shift) % len(names)] for index in range(len(WRITES))]


# Every write with a DynamoDB answer and with an unreachable DynamoDB; every fault with three writes.
WRITE_FAULTS = [
    pytest.param(*write, fault, id=f"{write[0]}-{fault}")
    for faults in (_rotated(ANSWERS), _rotated(UNREACHABLE, 1))
    for write, fault in zip(WRITES, faults, strict=True)
]


@pytest.mark.parametrize(("case", "method", "path", "body", "operation", "fault"), WRITE_FAULTS)
def test_a_write_that_keeps_failing_is_503_after_the_sdks_retries_and_leaves_nothing(
    api, faults, seeded, stored, fault, case, method, path, body, operation
):
    # Given DynamoDB failing every attempt of the operation the write commits with
    before = stored()
    faults.fail(operation, fault)

    # When the write is made
    reply = api.call(method, path, body, headers={"If-Match": "1"})

    # Then the SDK tried it three times, the caller gets 503 with Retry-After, and nothing changed
    _unavailable(reply)
    assert faults.attempts[operation] == ATTEMPTS
    assert _as_left(stored(), method, path) == _as_left(before, method, path)


@pytest.mark.parametrize(
    ("method", "path", "operation"),
    [
        ("GET", collection(), "Query"),
        ("GET", collection() + "/1", "TransactGetItems"),
        ("GET", SCHEDULES, "Query"),
        ("GET", exception_url("1", "1"), "GetItem"),
    ],
)
def test_a_read_that_keeps_failing_is_503(api, faults, seeded, method, path, operation):
    faults.fail(operation, "ThrottlingException")
    _unavailable(api.call(method, path))
    assert faults.attempts[operation] == ATTEMPTS


@pytest.mark.parametrize(
    ("case", "method", "path", "body", "operation", "fault"),
    [
        pytest.param(*write, fault, id=f"{write[0]}-{fault}")
        for write, fault in zip(WRITES, _rotated(FAULTS, 2), strict=True)
    ],
)
def test_a_fault_that_clears_within_the_retries_is_invisible(
    api, faults, seeded, fault, case, method, path, body, operation
):
    faults.fail(operation, fault, times=ATTEMPTS - 1)
    reply = api.call(method, path, body, headers={"If-Match": "1"})
    assert reply.status == _success(method, path), reply.text
    assert faults.attempts[operation] == ATTEMPTS


def test_the_sdk_retries_a_transaction_with_one_idempotency_token(api, faults, seeded):
    # A retried TransactWriteItems that DynamoDB had in fact applied (the answer was lost)
    # is recognised by its ClientRequestToken and not applied twice.
    faults.fail("TransactWriteItems", "ReadTimeoutError", times=2)
    reply = api.call("PUT", collection(), [{**occasion("B", isDefault=True), "id": 2}], headers={"If-Match": "1"})
    assert reply.status == 200, reply.text
    tokens = [r["ClientRequestToken"] for r in faults.requests if r["operation"] == "TransactWriteItems"]
    assert len(tokens) == 3 and len(set(tokens)) == 1


def test_a_transaction_cancelled_for_throttling_is_503_not_500(api, faults, seeded, stored):
    # DynamoDB reports a throttled item of a transaction as a cancellation reason, which
    # the SDK does not retry.
    before = stored()
    faults.fail("TransactWriteItems", THROTTLED_TRANSACTION)
    _unavailable(
        api.call("PUT", collection(), [{**occasion("B", description="new"), "id": 2}], headers={"If-Match": "1"})
    )
    _unavailable(api.call("POST", exceptions_url("1"), closed("2027-01-01")))
    assert _as_left(stored(), "POST", SCHEDULES) == _as_left(before, "POST", SCHEDULES)


def test_a_token_look_up_that_fails_is_503_and_not_remembered(api, faults, seeded):
    from calendar_exceptions import tenancy

    tenancy.authenticator().clear()
    faults.fail("GetItem", "ProvisionedThroughputExceededException", times=ATTEMPTS)
    _unavailable(api.call("GET", SCHEDULES))
    assert api.call("GET", SCHEDULES).status == 200


def test_a_schedule_delete_cut_off_after_the_schedule_is_finished_by_repeating_it(api, faults, seeded, stored):
    # Given the batched deletes of the schedule's exceptions keep failing
    faults.fail("BatchWriteItem", "ProvisionedThroughputExceededException")

    # When the schedule is deleted: the schedule item goes, its exceptions stay
    _unavailable(api.call("DELETE", schedule_url("1")))
    assert api.call("GET", schedule_url("1")).status == 404
    left = [item["sk"]["S"] for item in stored() if "#SCHEDULE#1" in item["pk"]["S"]]
    assert left == ["DATE#2026-12-24", "DATE#2026-12-25", "EXCEPTION#000000000001", "EXCEPTION#000000000002"]

    # Then repeating the DELETE once DynamoDB recovers removes them
    faults.fail("BatchWriteItem", "ProvisionedThroughputExceededException", times=0)
    assert api.call("DELETE", schedule_url("1")).status == 404
    assert [item for item in stored() if "#SCHEDULE#1" in item["pk"]["S"]] == []
    assert api.call("GET", exception_url("1", "1")).status == 404


def test_the_local_dynamodb_applies_a_transaction_once_per_client_request_token(endpoint):
    # What DynamoDB does and the retry above relies on: a repeat with the same token succeeds, unapplied.
    dynamodb = client(endpoint)
    counter = {"pk": {"S": "COUNTER"}, "sk": {"S": "#"}}
    increment = {
        "TransactItems": [
            {
                "Update": {
                    "TableName": storage.table_name(),
                    "Key": counter,
                    "UpdateExpression": "ADD hits :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                }
            }
        ]
    }
    for token in ("first", "first", "second"):
        dynamodb.transact_write_items(**increment, ClientRequestToken=token)
    item = dynamodb.get_item(TableName=storage.table_name(), Key=counter, ConsistentRead=True)["Item"]
    assert item["hits"] == {"N": "2"}


# A write whose DynamoDB calls each hang until the client's timeouts, for every write that
# commits with a transaction and every one that commits with an update.
SLOW_WRITES = [WRITES[0], WRITES[4], WRITES[7]]


@pytest.mark.parametrize(
    ("case", "method", "path", "body", "operation"), [pytest.param(*write, id=write[0]) for write in SLOW_WRITES]
)
def test_retries_stop_in_time_to_answer_503_before_the_function_times_out(
    api, faults, seeded, stored, monkeypatch, case, method, path, body, operation
):
    # Given a function with 10 s left (its timeout in template.yaml) and DynamoDB that answers
    # the write's operation only after each attempt timed out, each attempt followed by the
    # longest backoff the SDK could wait (this clock spends the time instead of waiting it)
    remaining = {"ms": 10_000}
    monkeypatch.setattr(runtime.LambdaContext, "get_remaining_time_in_millis", lambda self: remaining["ms"])

    def hang(request: Any) -> AWSResponse:
        remaining["ms"] -= (storage.CONNECT_TIMEOUT + storage.READ_TIMEOUT + storage.MAX_BACKOFF) * 1000
        raise ReadTimeoutError(endpoint_url=request.url, error="injected")

    before = stored()
    faults.fail(operation, hang)

    # When the write is made
    reply = api.call(method, path, body, headers={"If-Match": "1"})

    # Then the retries stopped while there was still time to answer: a 503 in the API's
    # format with Retry-After, not a Lambda timeout (a bare 502 at API Gateway), and nothing changed
    _unavailable(reply)
    assert remaining["ms"] >= storage.ANSWER_MARGIN * 1000
    assert faults.attempts[operation] == 1
    assert stored() == before


def test_no_attempt_starts_when_the_function_is_almost_out_of_time(api, faults, seeded, stored, monkeypatch):
    # Given a request arriving with less time left than one attempt could take
    monkeypatch.setattr(
        runtime.LambdaContext, "get_remaining_time_in_millis", lambda self: storage.REQUIRED_REMAINING_MS - 1
    )
    before = stored()
    faults.attempts.clear()

    # Then it gets 503 at once, no DynamoDB call was made, and nothing changed
    reply = api.call("PUT", exception_url("1", "1"), {"name": "Renamed"})
    _unavailable(reply)
    assert sum(faults.attempts.values()) == 0
    assert stored() == before


# DynamoDB cancels a transaction whose items another transaction holds (TransactionConflict)
# and refuses a single-item write to an item a transaction holds (TransactionConflictException).
# moto never does either; the writes retry them themselves, then answer 409.
TRANSACTION_CONFLICT = _error_response(
    400,
    "TransactionCanceledException",
    CancellationReasons=[{"Code": "TransactionConflict", "Message": "Transaction is ongoing for the item"}],
)
UPDATE_CONFLICT = _error_response(400, "TransactionConflictException")
# (case, method, path, body, operation, the answer while another transaction holds the items)
CONTENDED_WRITES = [
    (*WRITES[0], TRANSACTION_CONFLICT),  # special occasions PUT
    (*WRITES[1], TRANSACTION_CONFLICT),  # special occasions POST
    (*WRITES[5], TRANSACTION_CONFLICT),  # exception POST
    (*WRITES[6], UPDATE_CONFLICT),  # exception PUT keeping its date
    (*WRITES[7], TRANSACTION_CONFLICT),  # exception PUT moving its date
    (*WRITES[3], TRANSACTION_CONFLICT),  # schedule POST
    (*WRITES[4], UPDATE_CONFLICT),  # schedule PUT keeping its name
    (*WRITES[9], TRANSACTION_CONFLICT),  # schedule PUT renaming it
    (*WRITES[10], TRANSACTION_CONFLICT),  # schedule DELETE
]
contended_writes = pytest.mark.parametrize(
    ("case", "method", "path", "body", "operation", "answer"),
    [pytest.param(*write, id=write[0]) for write in CONTENDED_WRITES],
)


@contended_writes
def test_a_write_that_meets_another_transaction_once_is_retried_and_applied(
    api, faults, seeded, stored, case, method, path, body, operation, answer
):
    before = stored()
    faults.fail(operation, answer, times=1)
    reply = api.call(method, path, body, headers={"If-Match": "1"})
    assert reply.status == _success(method, path), reply.text
    assert faults.attempts[operation] >= 2
    assert stored() != before


@contended_writes
def test_a_write_that_keeps_meeting_other_transactions_is_409_and_leaves_nothing(
    template_timeouts, api, faults, seeded, stored, case, method, path, body, operation, answer
):
    # The template's deadline: creates retry until it (not ten times it, as elsewhere in tests/http).
    before = stored()
    faults.fail(operation, answer)
    reply = api.call(method, path, body, headers={"If-Match": "1"})
    assert reply.status == 409, reply.text
    if "internalCode" in reply.body:
        assert set(reply.body) == {"type", "internalCode", "message"}
    else:
        assert [error["code"] for error in reply.body["errors"]] == ["conflict"]
    assert _as_left(stored(), method, path) == _as_left(before, method, path)
