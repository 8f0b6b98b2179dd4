"""Recurring exceptions keep their history: the annual job moving a date never changes past answers.

A recurring exception applies from the year a request set its date in (its first year: a
create, or a PUT that moves it), on every year since, whatever date the annual job has moved
`exception_date` on to (docs/office-hours.md, "Exceptions that recur"). Through the handlers
and the job, against hand-computed UTC instants: Europe/London is UTC in December and
February, Asia/Tokyo is UTC+9 and America/Los_Angeles UTC-8 in December (no DST there then).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from calendar_exceptions import clock
from calendar_exceptions.office_hours import layout
from calendar_exceptions.office_hours.annual.job import apply_annual_recurrences
from tests.builders import SCHEDULES, closed, exception_url, exceptions_url, interval, schedule, schedule_url
from tests.in_process.conftest import TABLE, repositories

NINE_TO_FIVE = [interval(day * 1440 + 540, day * 1440 + 1020) for day in range(7)]
WORKSPACE = "acct1"  # the ApiClient's default tenant


def utc(*fields: int) -> int:
    return int(datetime(*fields, tzinfo=UTC).timestamp())


@pytest.fixture(autouse=True)
def _writes_on_1_december_2026(monkeypatch):
    """API writes happen at 2026-12-01T00:00Z, before every run of the job below."""
    monkeypatch.setattr(clock, "now", lambda: utc(2026, 12, 1))


def new_schedule(api, zone: str = "Europe/London") -> str:
    reply = api.call("POST", SCHEDULES, schedule(f"Support {zone}", time_zone_name=zone, time_intervals=NINE_TO_FIVE))
    assert reply.status == 201, reply.text
    return reply.body["id"]


def new_christmas(api, schedule_id: str, exception_date: str = "2026-12-25") -> str:
    reply = api.call("POST", exceptions_url(schedule_id), closed(exception_date, recurring_annually=True))
    assert reply.status == 201, reply.text
    return reply.body["id"]


def run_job(dynamodb, *fields: int) -> None:
    summary = apply_annual_recurrences(*repositories(dynamodb), datetime(*fields, tzinfo=UTC), lambda: 60_000)
    assert (summary.failed, summary.skipped) == (0, 0), summary


def exception_date(api, schedule_id: str, exception_id: str) -> str:
    reply = api.call("GET", exception_url(schedule_id, exception_id))
    assert reply.status == 200, reply.text
    return reply.body["exception_date"]


def days(api, schedule_id: str, first: str, last: str, **call: Any) -> list[tuple[str, str | None, list]]:
    """(date, governing exception id or None, [(start_at, end_at)]) of each date from `first` to `last`."""
    query = f"?from={first}&to={last}" if first else ""
    reply = api.call("GET", f"{schedule_url(schedule_id)}/effective_hours{query}", **call)
    assert reply.status == 200, reply.text
    return [
        (d["date"], d["office_hours_exception_id"], [(i["start_at"], i["end_at"]) for i in d["time_intervals"]])
        for d in reply.body["days"]
    ]


def status(api, schedule_id: str, at: int | None = None, **call: Any) -> tuple[bool, int, int, str | None]:
    query = "" if at is None else f"?at={at}"
    reply = api.call("GET", f"{schedule_url(schedule_id)}/status{query}", **call)
    assert reply.status == 200, reply.text
    body = reply.body
    return body["open"], body["next_open_at"], body["next_close_at"], body["office_hours_exception_id"]


def governs(api, schedule_id: str, day: str) -> str | None:
    [(_, found, _)] = days(api, schedule_id, day, day)
    return found


# --- the job moves the date on; last Christmas stays closed ---------------------------------


def test_last_christmas_is_still_closed_after_the_job_moved_the_exception_to_next_year(api, dynamodb):
    schedule_id = new_schedule(api)
    christmas = new_christmas(api, schedule_id)
    # When the run after Christmas moves it (2026-12-26T00:05Z: 26 December 00:05 in London)
    run_job(dynamodb, 2026, 12, 26, 0, 5)
    assert exception_date(api, schedule_id, christmas) == "2027-12-25"
    # Then 25 December 2026 is still closed by it, between two ordinary days
    assert days(api, schedule_id, "2026-12-24", "2026-12-26") == [
        ("2026-12-24", None, [(utc(2026, 12, 24, 9), utc(2026, 12, 24, 17))]),
        ("2026-12-25", christmas, []),
        ("2026-12-26", None, [(utc(2026, 12, 26, 9), utc(2026, 12, 26, 17))]),
    ]
    # And at noon on that day the desk was closed, opening again the next morning
    assert status(api, schedule_id, utc(2026, 12, 25, 12)) == (
        False, utc(2026, 12, 26, 9), utc(2026, 12, 26, 17), christmas
    )  # fmt: skip
    # As it will be next Christmas; the year before it was first set is the schedule's
    assert governs(api, schedule_id, "2027-12-25") == christmas
    assert governs(api, schedule_id, "2025-12-25") is None


def test_every_year_the_job_moves_it_through_stays_in_its_history(api, dynamodb):
    schedule_id = new_schedule(api)
    christmas = new_christmas(api, schedule_id)
    run_job(dynamodb, 2026, 12, 26, 0, 5)
    run_job(dynamodb, 2027, 12, 26, 0, 5)
    assert exception_date(api, schedule_id, christmas) == "2028-12-25"
    for year in (2026, 2027, 2028, 2040):
        assert governs(api, schedule_id, f"{year}-12-25") == christmas, year
    assert governs(api, schedule_id, "2025-12-25") is None


def test_a_schedule_moved_west_right_after_the_run_still_has_its_exception_today(api, dynamodb):
    # Given a schedule in Tokyo (UTC+9) closed on Christmas every year
    schedule_id = new_schedule(api, "Asia/Tokyo")
    christmas = new_christmas(api, schedule_id)
    # When the run at 2026-12-26T00:05Z (26 December 09:05 in Tokyo) moves it to 2027
    run_job(dynamodb, 2026, 12, 26, 0, 5)
    assert exception_date(api, schedule_id, christmas) == "2027-12-25"
    # And the schedule moves to Los Angeles (UTC-8), where it is still 25 December 16:05
    moved = api.call("PUT", schedule_url(schedule_id), {"time_zone_name": "America/Los_Angeles"})
    assert moved.status == 200, moved.text
    now = utc(2026, 12, 26, 0, 10)  # 25 December 16:10 in Los Angeles
    # Then today is Christmas there, and closed by the exception: open at 09:00 PST on the 26th
    # (17:00Z), closing at 17:00 PST (01:00Z on the 27th)
    assert status(api, schedule_id, request_time=now) == (False, utc(2026, 12, 26, 17), utc(2026, 12, 27, 1), christmas)
    assert days(api, schedule_id, "", "", request_time=now)[:2] == [
        ("2026-12-25", christmas, []),
        ("2026-12-26", None, [(utc(2026, 12, 26, 17), utc(2026, 12, 27, 1))]),
    ]


# --- the first year: set by a request that sets the date, kept otherwise --------------------


def test_a_create_with_a_past_date_applies_from_that_year_on(api):
    schedule_id = new_schedule(api)
    christmas = new_christmas(api, schedule_id, "2024-12-25")
    assert [governs(api, schedule_id, f"{year}-12-25") for year in (2023, 2024, 2025, 2026)] == [
        None,
        christmas,
        christmas,
        christmas,
    ]


def test_a_put_that_moves_the_date_sets_the_first_year_anew(api, dynamodb):
    schedule_id = new_schedule(api)
    christmas = new_christmas(api, schedule_id)
    run_job(dynamodb, 2026, 12, 26, 0, 5)
    # When a client moves it to Christmas Eve 2027: from then on, on Christmas Eve only
    moved = api.call("PUT", exception_url(schedule_id, christmas), {"exception_date": "2027-12-24"})
    assert (moved.status, moved.body["exception_date"]) == (200, "2027-12-24"), moved.text
    assert governs(api, schedule_id, "2026-12-25") is None
    assert governs(api, schedule_id, "2026-12-24") is None
    assert governs(api, schedule_id, "2027-12-24") == christmas
    assert governs(api, schedule_id, "2030-12-24") == christmas
    # And moved back to a past year's Christmas: from that year on again
    back = api.call("PUT", exception_url(schedule_id, christmas), {"exception_date": "2025-12-25"})
    assert back.status == 200, back.text
    assert [governs(api, schedule_id, f"{year}-12-25") for year in (2024, 2025, 2026, 2027)] == [
        None,
        christmas,
        christmas,
        christmas,
    ]


@pytest.mark.parametrize(
    "change",
    [{"name": "Christmas"}, {"exception_date": "2027-12-25", "name": "Christmas"}, {"recurring_annually": True}],
    ids=["name", "the same date sent back", "recurring sent again"],
)
def test_a_put_that_does_not_move_the_date_keeps_the_first_year(api, dynamodb, change):
    schedule_id = new_schedule(api)
    christmas = new_christmas(api, schedule_id)
    run_job(dynamodb, 2026, 12, 26, 0, 5)
    reply = api.call("PUT", exception_url(schedule_id, christmas), change)
    assert (reply.status, reply.body["exception_date"]) == (200, "2027-12-25"), reply.text
    assert governs(api, schedule_id, "2026-12-25") == christmas
    assert governs(api, schedule_id, "2025-12-25") is None


def test_29_february_keeps_its_leap_year_after_the_job_moved_it_four_years_on(api, dynamodb):
    schedule_id = new_schedule(api)
    leap_day = new_christmas(api, schedule_id, "2028-02-29")
    run_job(dynamodb, 2028, 3, 1, 0, 5)
    assert exception_date(api, schedule_id, leap_day) == "2032-02-29"
    # 29 February 2028 stays closed: at noon, closed until 09:00 GMT on 1 March
    assert status(api, schedule_id, utc(2028, 2, 29, 12)) == (False, utc(2028, 3, 1, 9), utc(2028, 3, 1, 17), leap_day)
    assert days(api, schedule_id, "2029-02-28", "2029-03-01") == [
        ("2029-02-28", None, [(utc(2029, 2, 28, 9), utc(2029, 2, 28, 17))]),
        ("2029-03-01", None, [(utc(2029, 3, 1, 9), utc(2029, 3, 1, 17))]),
    ]
    assert governs(api, schedule_id, "2032-02-29") == leap_day
    assert governs(api, schedule_id, "2024-02-29") is None


# --- stored before the first year was kept; what the API answers -----------------------------


def test_an_exception_stored_before_the_first_year_was_kept_reads_as_its_date_and_keeps_it_when_moved(api, dynamodb):
    schedule_id = new_schedule(api)
    christmas = new_christmas(api, schedule_id)
    dynamodb.update_item(  # as items were stored before: no first year
        TableName=TABLE,
        Key=layout.exception_key(WORKSPACE, schedule_id, christmas),
        UpdateExpression="REMOVE #first_year",
        ExpressionAttributeNames={"#first_year": layout.FIRST_YEAR},
    )
    assert governs(api, schedule_id, "2025-12-25") is None
    assert governs(api, schedule_id, "2026-12-25") == christmas
    run_job(dynamodb, 2026, 12, 26, 0, 5)
    assert exception_date(api, schedule_id, christmas) == "2027-12-25"
    assert governs(api, schedule_id, "2026-12-25") == christmas  # the year it was listed in is kept
    assert governs(api, schedule_id, "2025-12-25") is None


def test_the_vendors_answer_has_no_first_year(api, dynamodb):
    schedule_id = new_schedule(api)
    christmas = new_christmas(api, schedule_id)
    run_job(dynamodb, 2026, 12, 26, 0, 5)
    answers = [
        api.call("GET", exception_url(schedule_id, christmas)).body,
        *api.call("GET", exceptions_url(schedule_id)).body["data"],
        api.call("PUT", exception_url(schedule_id, christmas), {"name": "Christmas"}).body,
    ]
    for answer in answers:
        assert set(answer) == {
            "type",
            "id",
            "office_hours_schedule_id",
            "exception_date",
            "exception_type",
            "name",
            "time_intervals",
            "recurring_annually",
            "created_at",
            "updated_at",
        }
