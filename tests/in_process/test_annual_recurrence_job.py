"""The annual recurrence job against mock_aws: what moves, what stays, and what it never overwrites."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from calendar_exceptions import clock
from calendar_exceptions.observability import logger
from calendar_exceptions.office_hours.annual import job as annual_job
from calendar_exceptions.office_hours.annual.job import apply_annual_recurrences
from calendar_exceptions.office_hours.exception_repository import ExceptionRepository
from calendar_exceptions.office_hours.layout import ANNUAL_BLOCKED
from local import template
from tests.builders import SCHEDULES, closed, custom_hours, exception_url, exceptions_url, schedule
from tests.in_process.conftest import TABLE, repositories

WORKSPACE = "acct1"  # the ApiClient's default tenant
PLENTY_OF_TIME = 60_000
FIXTURE = template.ROOT / "events" / "ApplyAnnualRecurrencesFunction" / "success.json"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def make_schedule(api, zone: str = "Europe/Dublin") -> str:
    reply = api.call("POST", SCHEDULES, schedule(zone, time_zone_name=zone))
    assert reply.status == 201, reply.text
    return reply.body["id"]


def make_exception(api, schedule_id: str, exception_date: str, recurring: bool = True, **fields) -> dict:
    reply = api.call(
        "POST", exceptions_url(schedule_id), closed(exception_date, recurring_annually=recurring, **fields)
    )
    assert reply.status == 201, reply.text
    return reply.body


def stored(api, exception: dict) -> dict:
    reply = api.call("GET", exception_url(exception["office_hours_schedule_id"], exception["id"]))
    assert reply.status == 200, reply.text
    return reply.body


def run(dynamodb, now: datetime, remaining_ms=lambda: PLENTY_OF_TIME):
    return apply_annual_recurrences(*repositories(dynamodb), now, remaining_ms)


# --- what "passed" means, and where a date goes -----------------------------------------


def test_passed_is_judged_in_the_schedules_time_zone(api, dynamodb):
    # Given 1 March 2027, recurring, in a schedule in Kiritimati (UTC+14) and one in Pago Pago (UTC-11)
    kiritimati = make_exception(api, make_schedule(api, "Pacific/Kiritimati"), "2027-03-01")
    pago_pago = make_exception(api, make_schedule(api, "Pacific/Pago_Pago"), "2027-03-01")
    # When the job runs at 2027-03-01T12:30Z (2 March 02:30 in Kiritimati, 1 March 01:30 in Pago Pago)
    summary = run(dynamodb, utc("2027-03-01T12:30:00"))
    # Then only Kiritimati's exception has passed and moves to next year
    assert stored(api, kiritimati)["exception_date"] == "2028-03-01"
    assert stored(api, pago_pago) == pago_pago
    assert (summary.candidates, summary.due, summary.moved, summary.skipped, summary.failed) == (2, 1, 1, 0, 0)
    assert summary.complete


def test_pago_pagos_date_moves_once_it_has_passed_there(api, dynamodb):
    pago_pago = make_exception(api, make_schedule(api, "Pacific/Pago_Pago"), "2027-03-01")
    run(dynamodb, utc("2027-03-01T12:30:00"))
    run(dynamodb, utc("2027-03-02T00:05:00"))  # 1 March 13:05 in Pago Pago: not yet
    assert stored(api, pago_pago)["exception_date"] == "2027-03-01"
    summary = run(dynamodb, utc("2027-03-03T00:05:00"))
    assert stored(api, pago_pago)["exception_date"] == "2028-03-01"
    assert summary.moved == 1


def test_a_move_changes_only_the_date_and_updated_at_and_moves_the_date_claim(api, dynamodb):
    # Given the vendor's example: reduced hours on Christmas Eve, every year
    schedule_id = make_schedule(api)
    created = api.call("POST", exceptions_url(schedule_id), custom_hours("2026-12-24")).body
    # When the run after Christmas Eve happens
    now = utc("2026-12-25T00:05:00")
    run(dynamodb, now)
    # Then the exception is on next year's Christmas Eve, updated at the run's time, all else kept
    moved = stored(api, created)
    # (24 December is a Thursday in 2026, a Friday in 2027: the intervals' day follows the date)
    assert [i["day_of_week"] for i in created["time_intervals"]] == [3]
    friday = [{**i, "day_of_week": 4} for i in created["time_intervals"]]
    expected = {**created, "exception_date": "2027-12-24", "time_intervals": friday, "updated_at": int(now.timestamp())}
    assert moved == expected
    # And the new date is claimed while the old one is free again
    assert api.call("POST", exceptions_url(schedule_id), closed("2027-12-24")).status == 422
    assert api.call("POST", exceptions_url(schedule_id), closed("2026-12-24")).status == 201


def test_29_february_moves_to_the_next_leap_year(api, dynamodb):
    leap_day = make_exception(api, make_schedule(api), "2028-02-29")
    run(dynamodb, utc("2028-03-01T00:05:00"))
    assert stored(api, leap_day)["exception_date"] == "2032-02-29"


def test_after_years_without_a_run_a_date_jumps_to_its_first_occurrence_not_passed(api, dynamodb):
    schedule_id = make_schedule(api)
    christmas = make_exception(api, schedule_id, "2020-12-25")
    new_year = make_exception(api, schedule_id, "2020-01-01")
    today = make_exception(api, schedule_id, "2020-03-01")
    run(dynamodb, utc("2027-03-01T12:30:00"))
    assert stored(api, christmas)["exception_date"] == "2027-12-25"
    assert stored(api, new_year)["exception_date"] == "2028-01-01"
    assert stored(api, today)["exception_date"] == "2027-03-01"  # today in Dublin: not passed


def test_exceptions_that_do_not_recur_are_never_read_or_moved(api, dynamodb, table_items):
    make_exception(api, make_schedule(api), "2020-01-01", recurring=False)
    before = table_items()
    summary = run(dynamodb, utc("2027-03-01T12:30:00"))
    assert table_items() == before
    assert summary.candidates == 0


def test_an_exception_whose_recurrence_is_switched_off_stays_where_it_is(api, dynamodb):
    exception = make_exception(api, make_schedule(api), "2026-12-24")
    api.call(
        "PUT", exception_url(exception["office_hours_schedule_id"], exception["id"]), {"recurring_annually": False}
    )
    assert run(dynamodb, utc("2027-03-01T12:30:00")).candidates == 0
    assert stored(api, exception)["exception_date"] == "2026-12-24"


# --- never two exceptions on one date ---------------------------------------------------


def test_a_move_onto_a_date_another_exception_holds_is_skipped_reported_and_retried(api, dynamodb, table_items):
    # Given a recurring 24 December 2026 and, in the same schedule, an exception already on 24 December 2027
    schedule_id = make_schedule(api)
    recurring = make_exception(api, schedule_id, "2026-12-24")
    holder = make_exception(api, schedule_id, "2027-12-24", recurring=False, name="Office party")
    before = table_items()
    # When the job runs after 24 December 2026
    summary = run(dynamodb, utc("2026-12-25T00:05:00"))
    # Then nothing changes but the mark that lets later runs try it after the others
    # (blocked exceptions never delay movable ones: docs/annual-recurrence.md), and the run reports which
    # exception could not move where, and why
    marked = table_items()
    assert [_unmarked(item) for item in marked] == before
    assert [item[ANNUAL_BLOCKED] for item in marked if ANNUAL_BLOCKED in item] == [{"S": "2027-12-24"}]
    assert (summary.due, summary.moved, summary.skipped) == (1, 0, 1)
    assert summary.reported == [
        {
            "workspace": WORKSPACE,
            "office_hours_schedule_id": schedule_id,
            "id": recurring["id"],
            "exception_date": "2026-12-24",
            "outcome": "skipped",
            "reason": "date_taken",
            "to": "2027-12-24",
            "held_by": holder["id"],
        }
    ]
    # And it stays due: the next run tries again (writing nothing), and moves it once the date is free
    assert run(dynamodb, utc("2026-12-26T00:05:00")).skipped == 1
    assert table_items() == marked
    assert api.call("DELETE", exception_url(schedule_id, holder["id"])).status == 200
    assert run(dynamodb, utc("2026-12-27T00:05:00")).moved == 1
    assert stored(api, recurring)["exception_date"] == "2027-12-24"
    assert not [item for item in table_items() if ANNUAL_BLOCKED in item]


def _unmarked(item: dict) -> dict:
    return {name: value for name, value in item.items() if name != ANNUAL_BLOCKED}


# --- idempotence and concurrency ---------------------------------------------------------


def test_a_second_run_for_the_same_time_changes_nothing(api, dynamodb, table_items):
    schedule_id = make_schedule(api)
    for exception_date in ("2026-12-24", "2020-03-01", "2028-02-29"):
        make_exception(api, schedule_id, exception_date)
    now = utc("2029-03-01T12:30:00")
    assert run(dynamodb, now).moved == 3
    after_first = table_items()
    second = run(dynamodb, now)
    assert table_items() == after_first
    assert (second.due, second.moved, second.skipped, second.failed) == (0, 0, 0, 0)


def slip_in_before_the_move(dynamodb, write):
    """Run `write` (an API request) once, between the job's reads and its transaction."""
    pending = [write]

    def before_transaction(**_):
        while pending:
            pending.pop()()

    dynamodb.meta.events.register("before-call.dynamodb.TransactWriteItems", before_transaction)


# (PUT body, when the PUT is written relative to the run's time, whether the job still moves the date)
SLIPPED_IN = [
    ({"name": "Renamed"}, +30, False),  # written after the run's time: refused, so updated_at never goes back
    ({"name": "Renamed"}, -30, True),  # unseen but older: the job writes only the date, the name stays
    ({"exception_date": "2027-01-05"}, -30, False),  # the index listed the old date: refused
    ({"recurring_annually": False}, -30, False),  # no longer recurring: refused
]


@pytest.mark.parametrize(
    ("body", "written_at", "moves"),
    SLIPPED_IN,
    ids=["name after the run's time", "name before it", "date", "recurrence off"],
)
def test_an_api_update_between_read_and_write_is_never_overwritten(api, dynamodb, monkeypatch, body, written_at, moves):
    # Given a due exception, and a PUT that lands after the job read it and before it writes
    exception = make_exception(api, make_schedule(api), "2026-12-24")
    now = utc("2026-12-25T00:05:00")
    monkeypatch.setattr(clock, "now", lambda: int(now.timestamp()) + written_at)
    url = exception_url(exception["office_hours_schedule_id"], exception["id"])
    slip_in_before_the_move(dynamodb, lambda: api.call("PUT", url, body))
    # When the job runs
    summary = run(dynamodb, now)
    # Then every field the PUT wrote stands as the PUT wrote it
    after = stored(api, exception)
    assert {field: after[field] for field in body} == body
    if moves:
        assert (after["exception_date"], after["updated_at"]) == ("2027-12-24", int(now.timestamp()))
        assert (summary.moved, summary.skipped) == (1, 0)
    else:
        # And a refused move changed nothing at all
        assert after == {**exception, **body, "updated_at": int(now.timestamp()) + written_at}
        assert (summary.due, summary.moved, summary.skipped) == (1, 0, 1)
        assert summary.reported[0]["reason"] == "changed"


def test_an_exception_refused_for_a_concurrent_change_moves_on_the_next_run(api, dynamodb, monkeypatch):
    exception = make_exception(api, make_schedule(api), "2026-12-24")
    now = utc("2026-12-25T00:05:00")
    monkeypatch.setattr(clock, "now", lambda: int(now.timestamp()) + 30)
    url = exception_url(exception["office_hours_schedule_id"], exception["id"])
    slip_in_before_the_move(dynamodb, lambda: api.call("PUT", url, {"name": "Renamed"}))
    run(dynamodb, now)
    tomorrow = now + timedelta(days=1)
    assert run(dynamodb, tomorrow).moved == 1
    assert stored(api, exception) == {
        **exception,
        "name": "Renamed",
        "exception_date": "2027-12-24",
        "updated_at": int(tomorrow.timestamp()),
    }


def test_an_api_date_move_that_read_before_the_job_moved_retries_on_the_new_version(api, dynamodb):
    # Given a due exception, and a PUT moving its date whose read happens before the job runs
    from calendar_exceptions import storage

    exception = make_exception(api, make_schedule(api), "2026-12-24")
    schedule_id = exception["office_hours_schedule_id"]
    job = [lambda: run(dynamodb, utc("2026-12-25T00:05:00"))]

    def job_runs_first(**_):
        while job:
            assert job.pop()().moved == 1

    storage.dynamodb_client().meta.events.register("before-call.dynamodb.TransactWriteItems", job_runs_first)
    # When the PUT commits after the job moved the exception
    reply = api.call("PUT", exception_url(schedule_id, exception["id"]), {"exception_date": "2027-12-31"})
    # Then the job raised the version, so the PUT retried from what the job stored: its date
    # wins, and no claim is left behind on either date it left
    assert reply.status == 200, reply.text
    assert stored(api, exception)["exception_date"] == "2027-12-31"
    for free in ("2026-12-24", "2027-12-24"):
        assert api.call("POST", exceptions_url(schedule_id), closed(free)).status == 201


# --- stopping in time, failures, orphans -------------------------------------------------


class FakeContext:
    """Lambda time that runs out after `items` checks."""

    def __init__(self, items: int) -> None:
        self.checks = 0
        self._items = items

    def get_remaining_time_in_millis(self) -> int:
        self.checks += 1
        return PLENTY_OF_TIME if self.checks <= self._items else annual_job.STOP_MARGIN_MS - 1


def test_a_run_short_of_time_stops_cleanly_and_the_next_run_finishes(api, dynamodb):
    # Given five due exceptions and Lambda time for two
    schedule_id = make_schedule(api)
    exceptions = [make_exception(api, schedule_id, f"2026-12-{day:02d}") for day in range(20, 25)]
    now = utc("2026-12-25T00:05:00")
    first = run(dynamodb, now, FakeContext(items=2).get_remaining_time_in_millis)
    # Then the first run moves two and says it is not complete
    assert (first.moved, first.complete) == (2, False)
    # And the next run (same time, plenty of time) moves the other three
    second = run(dynamodb, now)
    assert (second.moved, second.complete) == (3, True)
    assert {stored(api, e)["exception_date"] for e in exceptions} == {f"2027-12-{day:02d}" for day in range(20, 25)}


def test_an_exception_that_fails_is_counted_logged_and_does_not_stop_the_others(api, dynamodb, monkeypatch):
    schedule_id = make_schedule(api)
    first, second = make_exception(api, schedule_id, "2026-12-23"), make_exception(api, schedule_id, "2026-12-24")
    original = ExceptionRepository.advance_annual_date

    def fail_on_first(self, candidate, new_date, now):
        if candidate.id == first["id"]:
            raise RuntimeError("boom")
        return original(self, candidate, new_date, now)

    monkeypatch.setattr(ExceptionRepository, "advance_annual_date", fail_on_first)
    summary = run(dynamodb, utc("2026-12-25T00:05:00"))
    assert (summary.due, summary.moved, summary.failed) == (2, 1, 1)
    assert summary.reported == [
        {**_ids(first), "outcome": "failed", "reason": "RuntimeError"},
    ]
    assert stored(api, second)["exception_date"] == "2027-12-24"


def test_an_exception_left_without_its_schedule_is_skipped(api, dynamodb):
    from calendar_exceptions.office_hours.layout import schedule_key

    exception = make_exception(api, make_schedule(api), "2026-12-24")
    dynamodb.delete_item(TableName=TABLE, Key=schedule_key(WORKSPACE, exception["office_hours_schedule_id"]))
    summary = run(dynamodb, utc("2026-12-25T00:05:00"))
    assert (summary.due, summary.skipped) == (1, 1)
    assert summary.reported[0]["reason"] == "schedule_missing"


def _ids(exception: dict) -> dict:
    return {
        "workspace": WORKSPACE,
        "office_hours_schedule_id": exception["office_hours_schedule_id"],
        "id": exception["id"],
        "exception_date": exception["exception_date"],
    }


# --- the handler ----------------------------------------------------------------------


@pytest.fixture
def info_log(monkeypatch):
    """What the Powertools logger writes at INFO, as parsed JSON lines."""
    stream = io.StringIO()
    handler = logger.registered_handler
    monkeypatch.setattr(handler, "stream", stream)
    level = logger.log_level
    logger.setLevel("INFO")
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.setLevel(level)


def test_the_handler_takes_now_from_the_event_and_logs_one_summary_line_with_metrics(api, functions, info_log, capsys):
    # Given a due exception and the fixture's scheduled event (2027-03-02T00:05Z)
    exception = make_exception(api, make_schedule(api), "2026-12-24")
    event = json.loads(FIXTURE.read_text())
    # When the function is invoked with it
    result = functions["ApplyAnnualRecurrencesFunction"].invoke(event)
    # Then it returns the run's summary
    assert result | {"reported": []} == {
        "time": "2027-03-02T00:05:00Z",
        "cutoff": "2027-03-01",
        "candidates": 1,
        "due": 1,
        "moved": 1,
        "skipped": 0,
        "failed": 0,
        "complete": True,
        "reported": [],
    }
    assert stored(api, exception)["exception_date"] == "2027-12-24"
    # And logs it as one structured line
    [line] = [entry for entry in info_log() if entry["message"] == "annual recurrences applied"]
    assert {key: line[key] for key in result} == result
    # with the EventBridge event's id as its correlation id (entrypoint.scheduled_handler)
    assert line["correlation_id"] == event["id"]
    # And publishes Due, Moved, Skipped and Failed as metrics
    emf = [json.loads(text) for text in capsys.readouterr().out.splitlines() if '"_aws"' in text]
    [published] = [entry for entry in emf if "Moved" in entry]
    assert {name: published[name] for name in ("Due", "Moved", "Skipped", "Failed")} == {
        "Due": [1.0],
        "Moved": [1.0],
        "Skipped": [0.0],
        "Failed": [0.0],
    }


@pytest.mark.parametrize("event", [{}, {"time": 5}, {"time": "2027-03-01T12:30:00"}], ids=["none", "number", "naive"])
def test_an_event_without_a_usable_time_is_refused_never_replaced_by_the_clock(event):
    with pytest.raises(ValueError):
        annual_job.event_time(event)


def test_the_template_runs_the_job_daily_shortly_after_midnight_utc():
    spec = template.functions()["ApplyAnnualRecurrencesFunction"]
    [daily] = spec.schedules
    assert daily["Schedule"] == "cron(5 0 * * ? *)"
    assert spec.timeout * 1000 > 10 * annual_job.STOP_MARGIN_MS
