"""Every event fixture in events/ runs through `make invoke`, as `sam local invoke` would run it.

Fixtures live in events/<FunctionLogicalId>/<case>.json: API Gateway events, and for
ApplyAnnualRecurrencesFunction an EventBridge scheduled event. Before each special occasion
fixture, the storage is seeded with the vendor page's occasion (id 1) and a second one
(id 2) at revision 1; before each workday fixture, with workday objects "Office hours"
(id 1, the default) and "Second" (id 2) at revision 1. Before each office hours fixture,
workspace ws_fixtures gets schedule "1" (Europe/Dublin, weekdays 09:00-17:00) with
exceptions "1" (custom_hours, 2026-12-24) and "2" (closed, 2026-12-25): ids are issued 1,
2, ... per workspace in creation order, so the fixtures can name them. Before each shift
status fixture, the account gets a default workday (Monday to Friday 09:00-17:00 in
Warsaw), written directly in the workdays' storage layout. Before every fixture, the
storage gets the test-only tokens the fixtures carry (FIXTURE_TOKENS).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from calendar_exceptions import storage
from calendar_exceptions.liveperson.workdays.kind import WORKDAYS
from local import template
from local.dynamodb import client
from tests.builders import (
    OFFICE,
    SCHEDULES,
    SEED_PAGE_OCCASION,
    WORKDAYS_API,
    closed,
    custom_hours,
    exception_answer,
    exceptions_url,
    occasion,
    schedule,
    workday,
)
from tests.http.conftest import bearer, env_with, store_test_tokens

EVENTS = template.ROOT / "events"
FIXTURE_ACCOUNT = "1234567"
FIXTURE_WORKSPACE = "ws_fixtures"
# TEST ONLY: well-known tokens that the event fixtures carry. They exist in no storage but
# a test's, which this module seeds before each fixture runs; never register them elsewhere.
FIXTURE_TOKENS = {
    "read write": {
        FIXTURE_ACCOUNT: "cex_TEST-ONLY-events-fixture-token-1234567-rw00",
        "7654321": "cex_TEST-ONLY-events-fixture-token-7654321-rw00",
        FIXTURE_WORKSPACE: "cex_TEST-ONLY-events-fixture-ws_fixtures-rw0000",
    },
    "read": {
        FIXTURE_ACCOUNT: "cex_TEST-ONLY-events-fixture-token-1234567-read",
        FIXTURE_WORKSPACE: "cex_TEST-ONLY-events-fixture-ws_fixtures-read00",
    },
}

EXPECTED_STATUS = {
    "success": 200,
    "bad_body": 400,
    "bad_id": 400,
    "other_account": 403,
    "read_only_token": 403,
    "authorizer_context_only": 401,
    "not_found": 404,
    "stale_revision": 409,
    "data_invalid": 422,
    "bad_version": 400,
    "parameter_invalid": 400,
    "bad_at": 400,
    "not_modified": 304,
}
# The Intercom error code each office hours error fixture answers with.
EXPECTED_CODE = {
    "data_invalid": "data_invalid",
    "not_found": "not_found",
    "bad_version": "intercom_version_invalid",
    "read_only_token": "forbidden",
    "authorizer_context_only": "unauthorized",
    "parameter_invalid": "parameter_invalid",
}
# What the read-only office hours fixtures answer, written out by hand (Dublin is UTC in
# winter). The status fixture sends no `at`: it is the event's requestTimeEpoch, Saturday
# 2026-11-21 12:00 UTC, and the schedule next opens on Monday at 09:00.
EXPECTED_BODY = {
    "GetOfficeHoursEffectiveHoursFunction": {
        "type": "office_hours_effective_hours",
        "office_hours_schedule_id": "1",
        "time_zone_name": "Europe/Dublin",
        "days": [
            {"date": "2026-12-24", "day_of_week": 3, "source": "exception", "office_hours_exception_id": "1",
             "time_intervals": [
                 {"start_minute": 540, "end_minute": 1020, "start_at": 1798102800, "end_at": 1798131600}
             ]},
            {"date": "2026-12-25", "day_of_week": 4, "source": "exception", "office_hours_exception_id": "2",
             "time_intervals": []},
            {"date": "2026-12-26", "day_of_week": 5, "source": "schedule", "office_hours_exception_id": None,
             "time_intervals": []},
        ],
    },
    "GetOfficeHoursStatusFunction": {
        "type": "office_hours_status", "office_hours_schedule_id": "1", "at": 1795262400, "open": False,
        "next_open_at": 1795424400, "next_close_at": 1795453200, "office_hours_exception_id": None,
    },
}  # fmt: skip

SPECIAL_OCCASION_FIXTURES = sorted(p for p in EVENTS.glob("*SpecialOccasion*Function/*.json"))
WORKDAY_FIXTURES = sorted(p for p in EVENTS.glob("*Workday*Function/*.json"))
OFFICE_HOURS_FIXTURES = sorted(p for p in EVENTS.glob("*OfficeHours*Function/*.json"))
SHIFT_STATUS_FIXTURES = sorted(EVENTS.glob("GetShiftStatusSkillFunction/*.json"))
RECURRENCE_FIXTURE = EVENTS / "ApplyAnnualRecurrencesFunction" / "scheduled.json"
RECURRENCE_WORKSPACE = "ws_recurrence"


def test_every_function_has_fixtures_and_every_fixture_folder_is_a_function():
    functions = template.functions()
    folders = {p.name for p in EVENTS.iterdir() if p.is_dir()}
    assert folders <= set(functions), folders - set(functions)
    assert {name for name in functions if "SpecialOccasion" in name or "Workday" in name} <= folders
    assert "UpdateOfficeHoursExceptionFunction" in folders
    assert set(EXPECTED_BODY) <= folders
    assert "GetShiftStatusSkillFunction" in folders
    assert {p.stem for p in SHIFT_STATUS_FIXTURES} >= {"success", "bad_at", "other_account"}
    assert {name for name, spec in functions.items() if spec.schedules} <= folders
    assert {p.stem for p in OFFICE_HOURS_FIXTURES} >= {"success", "data_invalid", "not_found", "bad_version"}


@pytest.fixture
def fixture_tokens(endpoint):
    for scopes, tokens in FIXTURE_TOKENS.items():
        store_test_tokens(endpoint, tokens, scopes)


@pytest.fixture
def seeded_special_occasions(base_url, http, fixture_tokens):
    url = f"{base_url}/api/account/{FIXTURE_ACCOUNT}/configuration/ac-common/specialoccasion"
    reply = http.post(url, json=[SEED_PAGE_OCCASION, occasion("Second")], headers=bearer(FIXTURE_ACCOUNT))
    assert reply.status_code == 200
    assert [o["id"] for o in reply.json()] == [1, 2]
    assert reply.headers["ac-revision"] == "1"


def make_invoke(function: str, event: Path, endpoint: str) -> dict:
    completed = run_make_invoke(function, event, endpoint)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def run_make_invoke(function: str, event: Path, endpoint: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "invoke", f"FUNCTION={function}", f"EVENT={event}"],
        cwd=template.ROOT,
        env=env_with(endpoint),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("fixture", SPECIAL_OCCASION_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_special_occasion_fixture(fixture, endpoint, seeded_special_occasions):
    check_liveperson_fixture(fixture, endpoint, "specialoccasion")


@pytest.fixture
def seeded_workdays(base_url, http, fixture_tokens):
    url = base_url + WORKDAYS_API.url(FIXTURE_ACCOUNT)
    reply = http.post(
        url, json=[workday("Office hours", isDefault=True), workday("Second")], headers=bearer(FIXTURE_ACCOUNT)
    )
    assert [o["id"] for o in reply.json()] == [1, 2], reply.text
    assert reply.headers["ac-revision"] == "1"


@pytest.mark.parametrize("fixture", WORKDAY_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_workday_fixture(fixture, endpoint, seeded_workdays):
    check_liveperson_fixture(fixture, endpoint, "workinghours")


def check_liveperson_fixture(fixture: Path, endpoint: str, error_type: str) -> None:
    result = make_invoke(fixture.parent.name, fixture, endpoint)
    assert result["statusCode"] == EXPECTED_STATUS[fixture.stem], result
    headers = {**(result.get("headers") or {}), **(result.get("multiValueHeaders") or {})}
    if fixture.stem in ("success", "not_modified"):
        assert "ac-revision" in headers
    if fixture.stem == "not_modified":
        assert not result["body"]
    elif fixture.stem != "success":
        body = json.loads(result["body"])
        assert body["type"] == error_type
        assert body["message"]


@pytest.fixture
def seeded_workday(endpoint, fixture_tokens):
    """A default workday of FIXTURE_ACCOUNT, Monday to Friday 09:00-17:00 in Warsaw, in the workdays' layout."""
    dynamodb = client(endpoint)
    head = {"pk": WORKDAYS.layout.partition_key(FIXTURE_ACCOUNT), "sk": "#HEAD", "revision": 1}
    head |= {"last_id": 1, "default_id": 1, "index": {}}
    dynamodb.put_item(TableName=storage.table_name(), Item=storage.to_item(head))
    item = WORKDAYS.layout.item_key(FIXTURE_ACCOUNT, 1) | storage.to_item(OFFICE)
    dynamodb.put_item(TableName=storage.table_name(), Item=item)


@pytest.mark.parametrize("fixture", SHIFT_STATUS_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_shift_status_fixture(fixture, endpoint, seeded_workday):
    result = make_invoke(fixture.parent.name, fixture, endpoint)
    assert result["statusCode"] == EXPECTED_STATUS[fixture.stem], result
    body = json.loads(result["body"])
    if fixture.stem == "success":
        # Monday 2026-12-14 10:00 Warsaw (09:00Z): on shift until 16:00Z, next shift Tuesday 08:00Z
        assert body == {"skillId": 42, "onShift": True, "nextOn": 1797321600000, "nextOff": 1797264000000}
    else:
        assert body["type"] == "shiftstatus"
        assert body["message"].startswith("at:" if fixture.stem == "bad_at" else "Not allowed")


@pytest.fixture
def seeded_office_hours(base_url, http, fixture_tokens):
    auth = bearer(FIXTURE_WORKSPACE)
    created = http.post(base_url + SCHEDULES, json=schedule(), headers=auth)
    assert created.json()["id"] == "1", created.text
    for body, expected_id in ((custom_hours("2026-12-24"), "1"), (closed("2026-12-25"), "2")):
        reply = http.post(base_url + exceptions_url("1"), json=body, headers=auth)
        assert reply.json()["id"] == expected_id, reply.text


@pytest.mark.parametrize("fixture", OFFICE_HOURS_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_office_hours_fixture(fixture, endpoint, seeded_office_hours):
    event = json.loads(fixture.read_text())
    result = make_invoke(fixture.parent.name, fixture, endpoint)
    assert result["statusCode"] == EXPECTED_STATUS[fixture.stem], result
    body = json.loads(result["body"])
    if fixture.stem == "success" and fixture.parent.name in EXPECTED_BODY:
        assert body == EXPECTED_BODY[fixture.parent.name]
    elif fixture.stem == "success":
        assert body["type"] == "office_hours_exception"
        assert body | exception_answer({**body, **json.loads(event["body"])}) == body
    else:
        assert body["type"] == "error.list"
        assert body["request_id"] == event["requestContext"]["requestId"]
        assert body["errors"][0]["code"] == EXPECTED_CODE[fixture.stem]


@pytest.fixture
def seeded_recurrences(base_url, http):
    """Schedule "1" in Kiritimati (UTC+14) and "2" in Pago Pago (UTC-11), with recurring and other exceptions."""
    auth = bearer(RECURRENCE_WORKSPACE)
    for zone, expected_id in (("Pacific/Kiritimati", "1"), ("Pacific/Pago_Pago", "2")):
        reply = http.post(base_url + SCHEDULES, json=schedule(zone, time_zone_name=zone), headers=auth)
        assert reply.json()["id"] == expected_id, reply.text
    for schedule_id, body in (
        ("1", closed("2027-03-01", recurring_annually=True)),
        ("1", custom_hours("2026-12-24")),  # recurring: the vendor's example
        ("1", closed("2026-01-01")),  # not recurring
        ("2", closed("2027-03-01", recurring_annually=True)),
    ):
        assert http.post(base_url + exceptions_url(schedule_id), json=body, headers=auth).status_code == 201


def recurrence_dates(base_url, http) -> dict[tuple[str, str], str]:
    auth = bearer(RECURRENCE_WORKSPACE)
    return {
        (schedule_id, e["id"]): e["exception_date"]
        for schedule_id in ("1", "2")
        for e in http.get(base_url + exceptions_url(schedule_id), headers=auth).json()["data"]
    }


def test_annual_recurrences_fixture(endpoint, base_url, http, seeded_recurrences):
    # Given a real EventBridge scheduled event: the daily run at 2027-03-02T00:05Z, a
    # rehearsal of a day to come, which it says (else a time ahead of the function's clock is refused)
    event = json.loads(RECURRENCE_FIXTURE.read_text())
    assert (event["version"], event["detail-type"], event["source"]) == ("0", "Scheduled Event", "aws.events")
    assert event["resources"][0].startswith("arn:aws:events:")
    assert event["detail"] == {"allow_future_time": True}
    # When it runs through make invoke against the seeded storage
    result = make_invoke(RECURRENCE_FIXTURE.parent.name, RECURRENCE_FIXTURE, endpoint)
    # Then the run's summary is printed: Kiritimati's two recurring dates were due, Pago Pago's was not
    assert result == {
        "time": event["time"],
        "cutoff": "2027-03-01",
        "candidates": 3,
        "due": 2,
        "moved": 2,
        "skipped": 0,
        "failed": 0,
        "complete": True,
        "reported": [],
    }
    # And the stored exceptions moved (or not) accordingly
    assert recurrence_dates(base_url, http) == {
        ("1", "1"): "2028-03-01",
        ("1", "2"): "2027-12-24",
        ("1", "3"): "2026-01-01",
        ("2", "4"): "2027-03-01",
    }


def test_annual_recurrences_with_a_future_time_and_no_rehearsal_flag_fail_and_change_nothing(
    endpoint, base_url, http, seeded_recurrences, tmp_path
):
    # Given the daily run's fixture dated 2207, without the rehearsal flag
    event = {**json.loads(RECURRENCE_FIXTURE.read_text()), "time": "2207-01-02T00:05:00Z", "detail": {}}
    future = tmp_path / "future.json"
    future.write_text(json.dumps(event))
    before = recurrence_dates(base_url, http)
    # When it runs through make invoke
    completed = run_make_invoke(RECURRENCE_FIXTURE.parent.name, future, endpoint)
    # Then make invoke fails, the log says why, and nothing moved
    assert completed.returncode != 0
    [refused] = [json.loads(line) for line in completed.stderr.splitlines() if "annual recurrences refused" in line]
    assert "allow_future_time" in refused["reason"]
    assert recurrence_dates(base_url, http) == before
