"""The annual recurrence job killed mid-run and run again: every due exception moved exactly once.

The kill is a BaseException raised from the functions' DynamoDB client after N date
moves (a TransactWriteItems each): either before the next move is sent, or after the
N-th was applied but before the job learned it (its answer lost as the process died).
Neither is an Exception, so the job's per-exception error handling cannot catch it, as
it could not catch a Lambda timeout. The same scheduled event is then invoked again
through the function's real handler, as EventBridge's retry or the next day's run would.
"""

from __future__ import annotations

import json

import pytest

from calendar_exceptions import storage
from local import template
from tests.builders import SCHEDULES, closed, exceptions_url, schedule
from tests.conftest import reset_clients
from tests.in_process.conftest import TABLE

EVENT = json.loads((template.ROOT / "events" / "ApplyAnnualRecurrencesFunction" / "success.json").read_text())
JOB = "ApplyAnnualRecurrencesFunction"

# The event's time is 2027-03-02T00:05Z: 2 March in both zones, so everything up to 1 March has passed.
DUE = {
    ("Europe/Dublin", "2026-12-24"): "2027-12-24",
    ("Europe/Dublin", "2027-01-01"): "2028-01-01",
    ("Europe/Dublin", "2027-03-01"): "2028-03-01",
    ("Pacific/Kiritimati", "2026-02-28"): "2028-02-28",  # 28 February 2027 has passed too
    ("Pacific/Kiritimati", "2027-02-14"): "2028-02-14",
    ("Pacific/Kiritimati", "2024-02-29"): "2028-02-29",
}
NOT_DUE = [("Europe/Dublin", "2027-03-02", True), ("Pacific/Kiritimati", "2026-12-31", False)]


class Killed(BaseException):
    """The function's process dying: nothing after it runs, and no `except Exception` stops it."""


@pytest.fixture
def exceptions(api) -> dict[tuple[str, str], dict]:
    """The due and the not-due exceptions, by (zone, date), in two schedules."""
    schedules = {}
    for zone in ("Europe/Dublin", "Pacific/Kiritimati"):
        reply = api.call("POST", SCHEDULES, schedule(zone, time_zone_name=zone))
        schedules[zone] = reply.body["id"]
    created = {}
    for zone, exception_date, recurring in [(zone, day, True) for zone, day in DUE] + NOT_DUE:
        body = closed(exception_date, name=f"{zone} {exception_date}", recurring_annually=recurring)
        reply = api.call("POST", exceptions_url(schedules[zone]), body)
        assert reply.status == 201, reply.text
        created[zone, exception_date] = reply.body
    return created


def _kill_after(moves: int, *, applied: bool) -> None:
    """Kill the run once `moves` date moves went through: before the next is sent, or as the last one's answer comes."""
    seen = []

    def before_send(**_):
        seen.append("sent")
        if len(seen) > moves:
            raise Killed

    def after_call(**_):
        seen.append("applied")
        if len(seen) == moves:
            raise Killed

    events = storage.dynamodb_client().meta.events
    if applied:
        events.register_first("after-call.dynamodb.TransactWriteItems", after_call)
    else:
        events.register_first("before-send.dynamodb.TransactWriteItems", before_send)


def _stored(dynamodb) -> tuple[dict[str, dict], dict[str, str]]:
    """The exceptions (by id: date and version) and the date claims (by 'schedule/date': exception id)."""
    items = dynamodb.scan(TableName=TABLE, ConsistentRead=True)["Items"]
    found = {
        item["id"]["S"]: {"date": item["exception_date"]["S"], "version": int(item["version"]["N"])}
        for item in items
        if item["sk"]["S"].startswith("EXCEPTION#")
    }
    claims = {
        f"{item['pk']['S'].rpartition('#')[2]}/{item['sk']['S'].removeprefix('DATE#')}": item["exception_id"]["S"]
        for item in items
        if item["sk"]["S"].startswith("DATE#")
    }
    return found, claims


@pytest.mark.parametrize(
    ("moves", "applied"),
    [(0, False), (2, False), (5, False), (1, True), (3, True), (6, True)],
    ids=[
        "before the first move",
        "before the third",
        "before the last",
        "after the first",
        "after the third",
        "after the last",
    ],
)
def test_a_run_killed_after_some_moves_and_run_again_moves_every_due_exception_exactly_once(
    api, dynamodb, functions, exceptions, moves, applied
):
    # Given six due exceptions, and a run that dies after `moves` of them were moved
    _kill_after(moves, applied=applied)
    with pytest.raises(Killed):
        functions[JOB].invoke(EVENT)

    # When the same scheduled event runs again, nothing failing (a new environment: a new client)
    reset_clients()
    summary = functions[JOB].invoke(EVENT)

    # Then it moves exactly the ones the first run did not, and the run is complete
    assert (summary["due"], summary["moved"], summary["skipped"], summary["failed"]) == (
        len(DUE) - moves,
        len(DUE) - moves,
        0,
        0,
    )
    assert summary["complete"] is True

    # And every due exception moved once (version 1 -> 2) to its next date; the others did not move
    found, claims = _stored(dynamodb)
    for (zone, listed), created in exceptions.items():
        expected = DUE.get((zone, listed), listed)
        moved_once = 2 if (zone, listed) in DUE else 1
        assert found[created["id"]] == {"date": expected, "version": moved_once}, (zone, listed)
        assert claims.pop(f"{created['office_hours_schedule_id']}/{expected}") == created["id"]
    assert claims == {}, "a date claim is left that no exception holds"

    # And a third run finds nothing due
    assert functions[JOB].invoke(EVENT)["due"] == 0
