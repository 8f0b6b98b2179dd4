"""The annual job against a careless or hostile caller: no early moves, no starved workspace.

An event whose time is ahead of the function's clock would move every due exception early,
for good: it is refused unless it says it is a rehearsal. Exceptions that cannot move (their
next date taken) never delay those that can: workspaces take turns, and an exception found
blocked is tried after the others by later runs.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from calendar_exceptions import clock, storage
from calendar_exceptions.office_hours.annual import job as annual_job
from calendar_exceptions.office_hours.annual.job import FutureTime, apply_annual_recurrences, in_turn
from calendar_exceptions.office_hours.layout import (
    ANNUAL_BLOCKED,
    AnnualCandidate,
    claim_item,
    exception_item,
    exception_key,
    schedule_item,
)
from calendar_exceptions.office_hours.models import OfficeHoursException, Schedule
from local import runtime, template
from tests.builders import SCHEDULES, closed, exception_url, exceptions_url, schedule
from tests.in_process.conftest import TABLE, repositories
from tests.in_process.test_annual_recurrence_cost import one_table_copy_per_transaction  # noqa: F401 - a fixture

JOB = "ApplyAnnualRecurrencesFunction"
FIXTURE = json.loads((template.ROOT / "events" / JOB / "success.json").read_text())
CLOCK = datetime(2027, 3, 2, 0, 0, tzinfo=UTC)  # the function's clock in these tests
PLENTY_OF_TIME = 60_000


def scheduled(time: str, **detail) -> dict:
    """The fixture's scheduled event at `time`, with `detail` as given (the fixture's flag dropped)."""
    return {**FIXTURE, "time": time, "detail": detail}


@pytest.fixture
def function_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", CLOCK.timestamp)


@pytest.fixture
def due_exception(api) -> dict:
    """A recurring exception of 24 December 2026 in Dublin: due at any time from 25 December 2026 on."""
    schedule_id = api.call("POST", SCHEDULES, schedule()).body["id"]
    created = api.call("POST", exceptions_url(schedule_id), closed("2026-12-24", recurring_annually=True))
    assert created.status == 201, created.text
    return created.body


# --- an event time ahead of the function's clock -------------------------------------------


def test_an_event_far_after_the_functions_clock_is_refused_logged_once_and_changes_nothing(
    api, functions, function_clock, due_exception, table_items, log_lines
):
    # Given a scheduled event dated 2207, with no rehearsal flag
    before = table_items()
    event = scheduled("2207-01-02T00:05:00Z")
    # When the function is invoked with it
    with pytest.raises(FutureTime) as refused:
        functions[JOB].invoke(event)
    # Then the invocation fails, nothing changed, and one log line says why
    assert table_items() == before
    [line] = [entry for entry in log_lines() if entry["level"] in {"ERROR", "WARNING"}]
    assert line["message"] == "annual recurrences refused"
    assert (line["time"], line["clock"]) == ("2207-01-02T00:05:00Z", "2027-03-02T00:00:00Z")
    assert "allow_future_time" in line["reason"]
    assert str(refused.value) == line["reason"]


@pytest.mark.parametrize(
    ("lead", "detail", "runs"),
    [
        (timedelta(minutes=15), {}, True),  # EventBridge's time and the clock differ by seconds
        (timedelta(minutes=15, seconds=1), {}, False),
        (timedelta(days=-2000), {}, True),  # replaying a missed day, however long ago
        (timedelta(days=365 * 180), {"allow_future_time": True}, True),  # a rehearsal
        (timedelta(days=1), {"allow_future_time": "true"}, False),  # only the JSON true asks for it
        (timedelta(days=1), {"allow_future_time": 1}, False),
    ],
    ids=["15 min", "15 min 1 s", "past", "flag", "flag as text", "flag as 1"],
)
def test_only_times_at_most_15_minutes_ahead_or_an_explicit_rehearsal_run(
    api, functions, function_clock, due_exception, table_items, lead, detail, runs
):
    before = table_items()
    event = scheduled((CLOCK + lead).strftime("%Y-%m-%dT%H:%M:%SZ"), **detail)
    if runs:
        assert functions[JOB].invoke(event)["complete"] is True
    else:
        with pytest.raises(FutureTime):
            functions[JOB].invoke(event)
        assert table_items() == before


def test_the_fixture_is_a_rehearsal_and_says_so():
    # The fixture's time (2027-03-02) was in the future when it was written: it carries the flag
    assert FIXTURE["detail"] == {"allow_future_time": True}


# --- blocked exceptions never delay movable ones -------------------------------------------


def _put_all(dynamodb, items: list[dict]) -> None:
    for start in range(0, len(items), 25):
        batch = [{"PutRequest": {"Item": item}} for item in items[start : start + 25]]
        assert not dynamodb.batch_write_item(RequestItems={TABLE: batch}).get("UnprocessedItems")


def _seed_workspace(dynamodb, workspace: str, dated: list[tuple[str, bool]]) -> list[OfficeHoursException]:
    """Schedule "1" (Dublin) of `workspace` with exceptions (date, recurring) and their date claims, stored directly."""
    items = [schedule_item(workspace, Schedule(id="1", name="S", time_zone_name="Europe/Dublin", time_intervals=[],
                                               created_at=0, updated_at=0))]  # fmt: skip
    exceptions = []
    for number, (exception_date, recurring) in enumerate(dated, start=1):
        exception = OfficeHoursException(
            id=str(number),
            office_hours_schedule_id="1",
            exception_date=exception_date,
            exception_type="closed",
            recurring_annually=recurring,
            created_at=0,
            updated_at=0,
        )
        exceptions.append(exception)
        items += [exception_item(workspace, exception, version=1), claim_item(workspace, exception)]
    _put_all(dynamodb, items)
    return exceptions


def _stored_date(dynamodb, workspace: str, exception: OfficeHoursException) -> str:
    key = exception_key(workspace, "1", exception.id)
    return dynamodb.get_item(TableName=TABLE, Key=key, ConsistentRead=True)["Item"]["exception_date"]["S"]


BLOCKED = 2_000
TRIES = 20


@pytest.mark.usefixtures("one_table_copy_per_transaction")
def test_thousands_of_blocked_exceptions_in_one_workspace_do_not_keep_another_workspaces_from_moving(
    dynamodb, functions, monkeypatch
):
    # Given a workspace with 2,000 recurring exceptions whose next date another exception of
    # the schedule holds (each run can only skip them), dated before everything else due
    last = date(2026, 12, 31)
    blocked = [((last - timedelta(days=n)).isoformat(), True) for n in range(BLOCKED)]
    holders = [((date(2027, 3, 2) + timedelta(days=n)).isoformat(), False) for n in range(366)]
    _seed_workspace(dynamodb, "crowded", blocked + holders)
    # and another workspace with one exception due, listed after all of them (1 March 2027)
    [quiet] = _seed_workspace(dynamodb, "quiet", [("2027-03-01", True)])
    # When the daily run (2 March 2027, 00:05 UTC) has time for about TRIES tries beyond its stop
    # margin: each one tried costs a transaction, and here each transaction spends a second of
    # the function's remaining time, whatever the machine's speed
    transactions: list[str] = []
    storage.dynamodb_client().meta.events.register(
        "before-call.dynamodb.TransactWriteItems", lambda **_: transactions.append("sent")
    )
    budget_ms = annual_job.STOP_MARGIN_MS + TRIES * 1000
    monkeypatch.setattr(
        runtime.LambdaContext, "get_remaining_time_in_millis", lambda self: budget_ms - 1000 * len(transactions)
    )
    summary = functions[JOB].invoke(FIXTURE)
    # Then it runs out of time among the blocked ones, but the other workspace's exception moved
    assert summary["complete"] is False
    assert summary["moved"] == 1, summary
    assert summary["candidates"] <= TRIES + 1 < BLOCKED, summary
    assert _stored_date(dynamodb, "quiet", quiet) == "2028-03-01"


def test_an_exception_found_blocked_is_tried_after_the_others_by_later_runs(api, dynamodb):
    # Given five recurring exceptions whose next dates are taken, in one schedule
    schedule_id = api.call("POST", SCHEDULES, schedule()).body["id"]
    blocked = []
    for day in range(20, 25):
        blocked.append(api.call("POST", exceptions_url(schedule_id), closed(f"2026-12-{day}", recurring_annually=True)))
        api.call("POST", exceptions_url(schedule_id), closed(f"2027-12-{day}"))
    now = datetime(2026, 12, 26, 0, 5, tzinfo=UTC)
    assert apply_annual_recurrences(*repositories(dynamodb), now, lambda: PLENTY_OF_TIME).skipped == 5
    # And then one that can move, later than all of them in the same workspace
    movable = api.call("POST", exceptions_url(schedule_id), closed("2026-12-25", recurring_annually=True)).body
    # When the next run has time for one exception only
    checks = iter([PLENTY_OF_TIME] + [annual_job.STOP_MARGIN_MS - 1] * 10)
    summary = apply_annual_recurrences(*repositories(dynamodb), now + timedelta(days=1), lambda: next(checks))
    # Then the one it tried is the one that can move
    assert (summary.moved, summary.skipped, summary.complete) == (1, 0, False)
    reply = api.call("GET", exception_url(schedule_id, movable["id"]))
    assert reply.body["exception_date"] == "2027-12-25"
    assert all(b.status == 201 for b in blocked)


def test_any_later_write_of_a_blocked_exception_lets_runs_try_it_with_the_others(api, dynamodb):
    schedule_id = api.call("POST", SCHEDULES, schedule()).body["id"]
    recurring = api.call("POST", exceptions_url(schedule_id), closed("2026-12-24", recurring_annually=True)).body
    api.call("POST", exceptions_url(schedule_id), closed("2027-12-24"))
    apply_annual_recurrences(*repositories(dynamodb), datetime(2026, 12, 26, 0, 5, tzinfo=UTC), lambda: PLENTY_OF_TIME)
    key = exception_key("acct1", schedule_id, recurring["id"])

    def marked():
        return dynamodb.get_item(TableName=TABLE, Key=key, ConsistentRead=True)["Item"].get(ANNUAL_BLOCKED)

    assert marked() == {"S": "2027-12-24"}
    # The mark changes nothing the API shows
    shown = api.call("GET", exception_url(schedule_id, recurring["id"])).body
    assert shown == recurring
    # When the exception is written again (any field)
    assert api.call("PUT", exception_url(schedule_id, recurring["id"]), {"name": "Renamed"}).status == 200
    # Then the mark is gone
    assert marked() is None


def test_workspaces_take_turns_and_known_blocked_ones_come_last():
    def candidate(workspace: str, day: int, blocked: bool = False) -> AnnualCandidate:
        return AnnualCandidate(workspace, "1", f"{workspace}{day}", f"2026-12-{day:02d}", "x" if blocked else None)

    listed = [
        candidate("a", 3),
        candidate("a", 1, blocked=True),
        candidate("a", 2),
        candidate("a", 4),
        candidate("b", 9),
        candidate("c", 5, blocked=True),
        candidate("c", 6),
    ]
    assert [c.id for c in in_turn(listed)] == ["a2", "b9", "c6", "a3", "a4", "a1", "c5"]
