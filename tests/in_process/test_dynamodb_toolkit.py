"""The DynamoDB toolkit's retry, back-off, update and batch helpers, with fake clocks and clients (no moto)."""

from __future__ import annotations

import pytest

from calendar_exceptions import dynamodb, storage
from calendar_exceptions.dynamodb import Contention, Update, retry_contended
from calendar_exceptions.errors import RevisionConflict, ServiceUnavailable


class Clock:
    """A function's remaining time that only the pauses spend."""

    def __init__(self, remaining_ms: int) -> None:
        self.remaining_ms = remaining_ms
        self.pauses: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.remaining_ms -= int(seconds * 1000)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock(10_000)
    monkeypatch.setattr(dynamodb.time, "sleep", clock.sleep)
    return clock


def _losing(times: int | None, result: str = "done"):
    calls = []

    def attempt() -> str:
        calls.append(1)
        if times is None or len(calls) <= times:
            raise Contention("lost")
        return result

    return attempt, calls


def _give_up() -> RevisionConflict:
    return RevisionConflict("gave up")


def test_each_pause_is_jittered_and_bounded_by_a_doubling_window():
    for retry in range(12):
        window = min(dynamodb.LONGEST_PAUSE, dynamodb.FIRST_PAUSE * 2**retry)
        pauses = {dynamodb.pause(retry) for _ in range(200)}
        assert all(0 <= p <= window for p in pauses)
        assert len(pauses) > 100  # drawn, not fixed


def test_a_write_that_loses_a_few_races_is_retried_until_it_lands(clock):
    attempt, calls = _losing(3)
    assert retry_contended(attempt, _give_up) == "done"
    assert len(calls) == 4 and len(clock.pauses) == 3


def test_a_write_that_keeps_losing_gives_up_after_the_fixed_attempts(clock):
    attempt, calls = _losing(None)
    with pytest.raises(RevisionConflict, match="gave up"):
        retry_contended(attempt, _give_up)
    assert len(calls) == dynamodb.ATTEMPTS


def test_until_the_deadline_retries_stop_while_one_more_attempt_and_the_answer_still_fit(clock):
    attempt, calls = _losing(None)
    with storage.deadline(lambda: clock.remaining_ms), pytest.raises(RevisionConflict):
        retry_contended(attempt, _give_up, until_deadline=True)
    # Far more attempts than the fixed count, and never a pause the deadline could not hold
    assert len(calls) > dynamodb.ATTEMPTS
    assert clock.remaining_ms >= storage.REQUIRED_REMAINING_MS + storage.ATTEMPT_ALLOWANCE_MS
    spent, budget = 10_000 - clock.remaining_ms, 10_000 - storage.REQUIRED_REMAINING_MS - storage.ATTEMPT_ALLOWANCE_MS
    assert spent >= budget - 1000 * dynamodb.LONGEST_PAUSE  # and it used the time it had


def test_until_the_deadline_a_write_lands_after_many_lost_races(clock):
    attempt, calls = _losing(10)  # their pauses add up to 2.2 s at most
    with storage.deadline(lambda: clock.remaining_ms):
        assert retry_contended(attempt, _give_up, until_deadline=True) == "done"
    assert len(calls) == 11


def test_without_a_deadline_retries_stop_after_a_bounded_wait(clock, monkeypatch):
    now = [0.0]
    monkeypatch.setattr(dynamodb.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(dynamodb.time, "sleep", lambda seconds: now.__setitem__(0, now[0] + seconds))
    attempt, _ = _losing(None)
    with pytest.raises(RevisionConflict):
        retry_contended(attempt, _give_up, until_deadline=True)
    assert now[0] >= dynamodb.RETRY_SECONDS_WITHOUT_DEADLINE - dynamodb.LONGEST_PAUSE
    assert now[0] <= dynamodb.RETRY_SECONDS_WITHOUT_DEADLINE


def test_other_errors_are_not_retried(clock):
    calls = []

    def attempt() -> None:
        calls.append(1)
        raise ValueError("not a race")

    with pytest.raises(ValueError):
        retry_contended(attempt, _give_up, until_deadline=True)
    assert calls == [1]


def test_an_update_sets_values_removes_nulls_and_raises_a_counter():
    request = Update({"name": "Eve", "time_intervals": None, "updated_at": 5}, increment="version").request(
        "attribute_exists(pk)", {"#t": "exception_type"}, {":t": "closed"}
    )
    assert request["UpdateExpression"] == (
        "SET #name = :name, #updated_at = :updated_at, #version = if_not_exists(#version, :zero) + :one "
        "REMOVE #time_intervals"
    )
    assert request["ConditionExpression"] == "attribute_exists(pk)"
    assert request["ExpressionAttributeNames"] == {
        "#t": "exception_type",
        "#name": "name",
        "#updated_at": "updated_at",
        "#time_intervals": "time_intervals",
        "#version": "version",
    }
    assert request["ExpressionAttributeValues"] == {
        ":t": {"S": "closed"},
        ":name": {"S": "Eve"},
        ":updated_at": {"N": "5"},
        ":one": {"N": "1"},
        ":zero": {"N": "0"},
    }


class BatchClient:
    """BatchWriteItem that leaves the last item of each request unprocessed `throttled` times."""

    def __init__(self, throttled: int) -> None:
        self.throttled = throttled
        self.deleted: list[dict] = []
        self.calls = 0

    def batch_write_item(self, RequestItems):
        self.calls += 1
        ((table, requests),) = RequestItems.items()
        assert len(requests) <= dynamodb.BATCH_SIZE
        if self.throttled:
            self.throttled -= 1
            self.deleted += [r["DeleteRequest"]["Key"] for r in requests[:-1]]
            return {"UnprocessedItems": {table: requests[-1:]}}
        self.deleted += [r["DeleteRequest"]["Key"] for r in requests]
        return {"UnprocessedItems": {}}


def test_batch_deletes_send_25_at_a_time_and_resend_what_was_left(clock):
    keys = [{"pk": {"S": "p"}, "sk": {"S": str(n)}} for n in range(60)]
    client = BatchClient(throttled=2)
    dynamodb.delete_keys(client, "table", keys)
    assert sorted(client.deleted, key=lambda k: int(k["sk"]["S"])) == keys
    assert client.calls == 3 + 2 and len(clock.pauses) == 2


def test_batch_deletes_still_throttled_after_every_attempt_are_503(clock):
    client = BatchClient(throttled=100)
    with pytest.raises(ServiceUnavailable):
        dynamodb.delete_keys(client, "table", [{"pk": {"S": "p"}, "sk": {"S": "1"}}])
    assert client.calls == dynamodb.BATCH_ATTEMPTS
