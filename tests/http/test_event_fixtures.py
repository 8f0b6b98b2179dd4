"""Every event fixture of events/ answers what its name promises, through `make invoke`, as a new user runs it.

Fixtures are events/<FunctionLogicalId>/<case>.json: API Gateway REST proxy events, and for the
scheduled job its EventBridge event; what each acts on is its seed (events/<Function>/seed.json:
a tenant of its own, its tokens, API requests replayed through the handlers; events/README.md).
Each function's cases run in one `make invoke` (EVENT names them all, each seeded afresh) with
no server and no endpoint: `make invoke` starts its embedded DynamoDB, loads each case's seed,
runs the handler and prints the result, exactly as on a fresh clone. The same seeds serve
`make seed` and `make invoke` against a running `make serve`, tested below.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from calendar_exceptions import storage
from calendar_exceptions.tokens import TOKEN_FORMAT
from local import seeds, template
from local.dynamodb import DEFAULT_PORT
from tests.builders import exception_answer, occasion
from tests.holidays_data import FRANCE
from tests.http.conftest import bearer, env_with
from tools import events

EVENTS = seeds.EVENTS
FUNCTIONS = sorted(template.functions())
SCHEDULED = {name for name, spec in template.functions().items() if spec.schedules}
SAM_LOCAL_ENV = EVENTS / "sam-local-env.json"

# What each case name promises (events/README.md lists the same names). "success": any 2xx.
CASE_STATUS = {
    "success": range(200, 300),
    "not_modified": [304],
    "bad_body": [400],
    "bad_id": [400],
    "bad_version": [400],
    "bad_at": [400],
    "bad_skill": [400],
    "parameter_invalid": [400],
    "authorizer_context_only": [401],
    "read_only_token": [403],
    "other_account": [403],
    "not_found": [404],
    "stale_revision": [409],
    "in_use": [409],
    "data_invalid": [422],
    "name_taken": [422],
    "date_taken": [422],
}
# The Intercom error code of each office hours error case.
INTERCOM_CODE = {
    "bad_body": "parameter_invalid",
    "parameter_invalid": "parameter_invalid",
    "bad_version": "intercom_version_invalid",
    "authorizer_context_only": "unauthorized",
    "read_only_token": "forbidden",
    "not_found": "not_found",
    "data_invalid": "data_invalid",
    "name_taken": "data_invalid",
    "date_taken": "data_invalid",
}
# Success answers written out by hand. Office hours: schedule "1" in Dublin (UTC in winter),
# weekdays 09:00-17:00, exceptions "1" (custom_hours 2026-12-24) and "2" (closed 2026-12-25); the
# status case sends no `at`: it is the event's request time, Saturday 2026-11-21 12:00 UTC, and
# the schedule next opens on Monday at 09:00. Assignments: schedule "1" (Dublin) is the workspace
# default and team 42 has "2" (New York, UTC-5 in November: Monday 09:00 there is 14:00 UTC); teammate
# 5 has none of their own. Shift status: Monday 2026-12-14 10:00 Warsaw
# (09:00Z), on shift until 16:00Z, next shift Tuesday 08:00Z; a skill on the Monday nights shift
# (22:00-06:00 Warsaw) is off until 21:00Z, on until Tuesday 05:00Z. Annual job at 2027-03-02T00:05Z:
# Kiritimati's two recurring dates were due, Pago Pago's was not.
EXPECTED_BODY: dict[str, Any] = {
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
    "GetTeamOfficeHoursStatusFunction": {
        "type": "office_hours_status", "office_hours_schedule_id": "2", "at": 1795262400, "open": False,
        "next_open_at": 1795442400, "next_close_at": 1795471200, "office_hours_exception_id": None,
    },
    "GetAdminOfficeHoursStatusFunction": {
        "type": "office_hours_status", "office_hours_schedule_id": "1", "at": 1795262400, "open": False,
        "next_open_at": 1795424400, "next_close_at": 1795453200, "office_hours_exception_id": None,
    },
    "GetAdminOfficeHoursFunction": {"type": "admin_office_hours", "admin_id": "456", "office_hours_schedule_id": "2"},
    "UpdateAdminOfficeHoursFunction": {
        "type": "admin_office_hours", "admin_id": "456", "office_hours_schedule_id": "1",
    },
    "ListAdminOfficeHoursFunction": {
        "type": "list", "data": [{"type": "admin_office_hours", "admin_id": "456", "office_hours_schedule_id": "2"}],
        "pages": {"type": "pages", "per_page": 1, "next": {"per_page": 1, "starting_after": "456"}},
    },
    "BulkUpdateAdminOfficeHoursFunction": {"type": "list", "data": [
        {"type": "admin_office_hours", "admin_id": "456", "office_hours_schedule_id": "1"},
        {"type": "admin_office_hours", "admin_id": "789", "office_hours_schedule_id": None},
        {"type": "admin_office_hours", "admin_id": "1001", "office_hours_schedule_id": "2"},
    ]},
    "GetShiftStatusSkillFunction": {"skillId": 42, "onShift": True, "nextOn": 1797321600000, "nextOff": 1797264000000},
    # France's public holidays of 2027, in French (tests/holidays_data.py has them too).
    "ListHolidaysFunction": {
        "type": "holiday.list", "country_code": "FR", "subdivision_code": None, "year": 2027, "language": "fr",
        "data": [{"date": day, "name": name} for day, name in FRANCE.holidays],
    },
    "GetShiftStatusAccountFunction": [
        {"skillId": 1, "onShift": True, "nextOn": 1797321600000, "nextOff": 1797264000000},
        {"skillId": 2, "onShift": False, "nextOn": 1797282000000, "nextOff": 1797310800000},
        {"skillId": 3, "onShift": True, "nextOn": 1797321600000, "nextOff": 1797264000000},
    ],
    "ApplyAnnualRecurrencesFunction": {
        "time": "2027-03-02T00:05:00Z", "cutoff": "2027-03-01", "candidates": 3, "due": 2, "moved": 2,
        "skipped": 0, "failed": 0, "complete": True, "reported": [],
    },
}  # fmt: skip


def fresh_clone_env(**extra: str) -> dict[str, str]:
    """A shell with nothing running: no endpoint; the embedded DynamoDB on a free port (not a developer's 8100)."""
    env = {k: v for k, v in os.environ.items() if k != "AWS_ENDPOINT_URL_DYNAMODB"}
    # Stretched deadlines, as for every test over HTTP (tests/http/conftest.py): about answers, not time.
    return {**env, "LOCAL_DYNAMODB_PORT": "0", "LOCAL_TIMEOUT_SCALE": "10", **extra}


def make(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", *args], cwd=template.ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def make_invoke(function: str, events: list[Path], env: dict[str, str], *extra: str) -> list[dict[str, Any]]:
    """The results of `make invoke` of `events` (one line each), or the failure."""
    relative = " ".join(str(path.relative_to(template.ROOT)) for path in events)
    completed = make("invoke", f"FUNCTION={function}", f"EVENT={relative}", *extra, env=env)
    assert completed.returncode == 0, completed.stderr[-3000:]
    lines = completed.stdout.strip().splitlines()
    assert len(lines) == len(events), completed.stdout
    return [json.loads(line) for line in lines]


# --- the fixtures, as files ----------------------------------------------------------------------


def test_every_function_has_a_success_fixture_and_every_folder_is_a_function():
    folders = {path.name for path in EVENTS.iterdir() if path.is_dir()}
    assert folders <= set(FUNCTIONS), folders - set(FUNCTIONS)
    without = [name for name in FUNCTIONS if not (EVENTS / name / "success.json").is_file()]
    assert without == [], f"functions of template.yaml without events/<Function>/success.json: {without}"


def test_every_case_is_named_for_what_it_answers():
    unnamed = [str(path) for name in FUNCTIONS for path in seeds.cases(EVENTS / name) if path.stem not in CASE_STATUS]
    assert unnamed == [], f"name each case for what it answers (events/README.md): {unnamed}"


def test_every_case_is_the_event_its_function_receives_and_carries_a_token_of_its_seed():
    functions = template.functions()
    for name in FUNCTIONS:
        seed = seeds.read(EVENTS / name / seeds.SEED)
        tokens = {token.token for token in seed.tokens}
        for path in seeds.cases(EVENTS / name):
            assert seeds.seed_of(path) is not None, path
            event = json.loads(path.read_text())
            if name in SCHEDULED:
                assert (event["source"], event["detail-type"]) == ("aws.events", "Scheduled Event"), path
                continue
            [route] = functions[name].routes
            assert (event["httpMethod"], event["resource"]) == (route.method, route.path), path
            assert event["requestContext"]["resourcePath"] == route.path, path
            assert event["requestContext"]["path"] == f"/v1{event['path']}", path
            assert {k: v[-1] for k, v in (event["multiValueHeaders"] or {}).items()} == (event["headers"] or {}), path
            authorization = (event["headers"] or {}).get("Authorization")
            if event["resource"].startswith("/feeds/"):
                # the public feed routes take no token: the secret in the path is the credential
                assert authorization is None, path
            elif path.stem == "authorizer_context_only":
                assert authorization is None and event["requestContext"]["authorizer"], path
            else:
                assert authorization is not None and authorization.removeprefix("Bearer ") in tokens, path


def test_seeds_have_tenants_and_test_only_tokens_of_their_own():
    tenants: dict[str, Path] = {}
    tokens: dict[str, Path] = {}
    for path in seeds.every_seed():
        seed = seeds.read(path)
        assert seed.tenant.startswith("fixture-"), path
        assert tenants.setdefault(seed.tenant, path) == path, f"{path} and {tenants[seed.tenant]} share a tenant"
        assert seed.writer, path
        for token in seed.tokens:
            assert TOKEN_FORMAT.fullmatch(token.token) and token.token.startswith("cex_TEST-ONLY-"), path
            assert tokens.setdefault(token.token, path) == path, f"{path} and {tokens[token.token]} share a token"


def test_the_sam_local_env_vars_file_points_every_function_at_the_local_dynamodb():
    # SAM's --env-vars file: "Parameters" applies to every function; SAM sets only variables the
    # template declares, so each must be one of the Globals' (else the container would ignore it)
    variables = json.loads(SAM_LOCAL_ENV.read_text())
    assert list(variables) == ["Parameters"]
    parameters = variables["Parameters"]
    assert set(parameters) <= set(template.global_environment())
    assert parameters["AWS_ENDPOINT_URL_DYNAMODB"] == f"http://127.0.0.1:{DEFAULT_PORT}"
    assert parameters["TABLE_NAME"] == template.local_table_name("CalendarTable")
    assert template.global_environment()["AWS_ENDPOINT_URL_DYNAMODB"] == ""  # unset when deployed


def test_the_event_writer_builds_the_checked_in_fixtures():
    # tools.events, which events/README.md gives for new fixtures, writes what is checked in
    for name, case, token in ((UPDATE, "stale_revision", "write"), ("GetOfficeHoursStatusFunction", "success", "read")):
        checked_in = json.loads((EVENTS / name / f"{case}.json").read_text())
        headers = [(k, v) for k, v in checked_in["headers"].items() if k not in events.FIXED_HEADERS]
        built = events.event(
            name,
            case,
            checked_in["path"],
            query="&".join(f"{k}={v}" for k, v in (checked_in["queryStringParameters"] or {}).items()),
            headers=headers,
            body=checked_in["body"],
            authorization=events.token_of(name, token),
        )
        assert built == checked_in


# --- every case through make invoke, alone -----------------------------------------------------


@pytest.mark.parametrize("function", FUNCTIONS)
def test_every_case_answers_what_its_name_promises_through_make_invoke_alone(function):
    cases = seeds.cases(EVENTS / function)
    results = make_invoke(function, cases, fresh_clone_env())
    problems = [f"{case.name}: {problem}" for case, result in zip(cases, results, strict=True)
                for problem in [check(function, case, result)] if problem]  # fmt: skip
    assert problems == []


def check(function: str, case: Path, result: dict[str, Any]) -> str | None:
    """What is wrong with `result` as the answer to `case`, or None."""
    event = json.loads(case.read_text())
    if function in SCHEDULED:
        return None if result == EXPECTED_BODY[function] else f"summary {result}"
    status = result.get("statusCode")
    if status not in CASE_STATUS[case.stem]:
        return f"answered {status}: {result.get('body')}"
    headers = {**(result.get("headers") or {}), **(result.get("multiValueHeaders") or {})}
    json_body = headers.get("Content-Type", ["application/json"])[-1].startswith("application/json")
    body = (json.loads(result["body"]) if json_body else result["body"]) if result.get("body") else None
    liveperson = event["path"].startswith("/api/account/")
    if case.stem == "not_modified":
        return None if body is None and "ac-revision" in headers else f"a 304 with {body}, {headers}"
    if case.stem == "success":
        if function in EXPECTED_BODY and body != EXPECTED_BODY[function]:
            return f"answered {body}"
        if function == "UpdateOfficeHoursExceptionFunction":
            sent = json.loads(event["body"])
            if body | exception_answer({**body, **sent}) != body:
                return f"the change is not in {body}"
        if "/configuration/" in event["path"] and event["httpMethod"] == "GET" and "ac-revision" not in headers:
            return "no ac-revision"
        return None
    if event["resource"].startswith("/feeds/"):
        # a public feed route: one 404 body; a 400 in the format of the link's API (a LivePerson link here)
        expected_body = {"message": "Not Found"} if status == 404 else None
        if headers.get("Access-Control-Allow-Origin") != ["*"]:
            return f"no CORS header: {headers}"
        if expected_body is not None:
            return None if body == expected_body else f"error body {body}"
        return None if body["type"] == "shiftstatus" and body["message"] else f"error body {body}"
    if liveperson:
        # the error body names the API: the collection's path segment, the shift status, or its feeds
        resource = event["resource"]
        expected = (
            "feeds" if "/feeds" in resource else "shiftstatus" if "shift-status" in resource else resource.split("/")[6]
        )
        return None if body["type"] == expected and body["message"] else f"error body {body}"
    if body.get("type") != "error.list" or body.get("request_id") != event["requestContext"]["requestId"]:
        return f"error body {body}"
    return None if body["errors"][0]["code"] == INTERCOM_CODE[case.stem] else f"error code {body['errors']}"


def test_an_annual_run_dated_ahead_of_the_clock_without_the_rehearsal_flag_fails_and_says_why(tmp_path):
    # Given the job's fixture dated 2207 and without its rehearsal flag, beside the job's seed
    fixture = EVENTS / "ApplyAnnualRecurrencesFunction" / "success.json"
    future = tmp_path / "future.json"
    future.write_text(json.dumps({**json.loads(fixture.read_text()), "time": "2207-01-02T00:05:00Z", "detail": {}}))
    (tmp_path / seeds.SEED).write_text((fixture.parent / seeds.SEED).read_text())
    # When it runs through make invoke
    completed = make("invoke", "FUNCTION=ApplyAnnualRecurrencesFunction", f"EVENT={future}", env=fresh_clone_env())
    # Then make invoke fails and the log says why (nothing moved: tests/in_process/test_annual_recurrence_guards.py)
    assert completed.returncode != 0
    [refused] = [json.loads(line) for line in completed.stderr.splitlines() if "annual recurrences refused" in line]
    assert "allow_future_time" in refused["reason"]


# --- with storage running: make invoke leaves its case there, make seed loads every seed ----------

UPDATE = "UpdateSpecialOccasionsFunction"


def test_make_invoke_with_storage_running_seeds_only_its_tenant_and_leaves_the_result_to_look_at(
    endpoint, base_url, http
):
    # Given a running local API with another account's data, and the fixture's tenant holding
    # what earlier work left there (an extra occasion, another revision)
    seed = seeds.read(EVENTS / UPDATE / seeds.SEED)
    others = base_url + "/api/account/someone/configuration/ac-common/specialoccasion"
    assert http.post(others, json=[occasion("Theirs")], headers=bearer("someone")).status_code == 200
    mine = base_url + f"/api/account/{seed.tenant}/configuration/ac-common/specialoccasion"
    for name in ("Left over", "And another"):
        assert http.post(mine, json=[occasion(name)], headers=bearer(seed.tenant)).status_code == 200
    # When the update's success case runs through make invoke in another shell
    [result] = make_invoke(UPDATE, [EVENTS / UPDATE / "success.json"], env_with(endpoint))
    # Then it answered as on fresh storage: the seed's two occasions at revision 1, the second one updated
    assert result["statusCode"] == 200, result
    assert [o["id"] for o in json.loads(result["body"])] == [2]
    # And what it left is there to look at through the local API, with the fixture's own token
    auth = {"Authorization": f"Bearer {seed.writer}"}
    listed = http.get(mine, headers=auth)
    assert [o["name"] for o in listed.json()] == ["special occasion 2", "Christmas"]
    assert listed.json()[1]["description"] == "Updated through the fixture"
    assert listed.headers["ac-revision"] == "2"
    # And nothing of any other account changed
    assert [o["name"] for o in http.get(others, headers=bearer("someone")).json()] == ["Theirs"]


def test_make_seed_loads_every_seed_so_every_success_case_answers_without_its_seed(endpoint, functions):
    # Given every fixture's seed loaded by make seed into the running local storage
    seeded = make("seed", env=env_with(endpoint))
    assert seeded.returncode == 0, seeded.stderr[-3000:]
    assert len(seeded.stdout.strip().splitlines()) == len(seeds.every_seed()) + 1
    # Then each success case answers as it is, without loading anything (as `sam local invoke` runs
    # it): API functions first, the annual job (which moves every workspace's due dates) last
    for name in sorted(FUNCTIONS, key=lambda name: name in SCHEDULED):
        result = functions[name].invoke(json.loads((EVENTS / name / "success.json").read_text()))
        if name in SCHEDULED:
            # Every seeded workspace's due dates moved, the job's own two among them
            assert (result["complete"], result["failed"]) == (True, 0) and result["moved"] >= 2, result
        else:
            assert 200 <= result["statusCode"] < 300, (name, result)


@pytest.mark.parametrize("target", ["seed", "invoke"])
def test_seeds_are_never_loaded_into_storage_that_is_not_local(target, tmp_path):
    # Given an endpoint that is not this machine's (a deployed table's): the fixtures' tokens are public
    env = fresh_clone_env(AWS_ENDPOINT_URL_DYNAMODB="https://dynamodb.us-east-1.amazonaws.com")
    args = ["seed"] if target == "seed" else ["invoke", f"FUNCTION={UPDATE}", f"EVENT=events/{UPDATE}/success.json"]
    # When make seed or make invoke of a fixture runs
    completed = make(*args, env=env)
    # Then it refuses before sending anything
    assert completed.returncode == 2
    assert "refusing to load fixture seeds into https://dynamodb.us-east-1.amazonaws.com" in completed.stderr


def test_make_seed_needs_running_local_storage():
    completed = make("seed", env=fresh_clone_env())
    assert completed.returncode == 2
    assert "make serve" in completed.stderr


def test_loading_a_seed_twice_starts_its_tenant_afresh(endpoint, functions):
    seed = seeds.read(EVENTS / UPDATE / seeds.SEED)
    client = storage.dynamodb_client()
    for _ in range(2):
        seeds.load(seed, functions, client, storage.table_name())
    tokens = sorted(record.scopes for record in _token_repository(client).of_tenant(seed.tenant))
    assert tokens == sorted(frozenset(token.scopes.split()) for token in seed.tokens)
    stale = json.loads((EVENTS / UPDATE / "stale_revision.json").read_text())
    assert functions[UPDATE].invoke(stale)["statusCode"] == 409
    success = json.loads((EVENTS / UPDATE / "success.json").read_text())
    assert functions[UPDATE].invoke(success)["statusCode"] == 200


def _token_repository(client: Any) -> Any:
    from calendar_exceptions.tokens import TokenRepository

    return TokenRepository(client, storage.table_name())
