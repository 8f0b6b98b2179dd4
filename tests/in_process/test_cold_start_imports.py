"""What each function of template.yaml imports at a cold start: pydantic only where a body is parsed.

Each function runs in a fresh interpreter, as a new Lambda execution environment would: a
function whose routes only read or delete imports its handler and answers real requests
(on mock_aws storage seeded directly, in the layout the APIs store) without pydantic ever
being imported; a function that writes imports its handler without it (its request models
are imported by the request that parses a body).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from local import template
from tests.builders import COLLECTIONS

ACCOUNT = "1234567"
SCHEDULE = "/office_hours_schedules/1"
ASSIGNED = "/office_hours_schedules/3"  # team 42's and teammate 456's own schedule
EXCEPTIONS = f"{SCHEDULE}/office_hours_exceptions"
CURRENT = {"If-Match": "1"}  # the seeded collections' revision
NEXT_YEAR = datetime.now(UTC).year + 1  # the preview takes the current year - 1 to + 10
# The feed links the interpreter seeds (the office hours workspace's, the LivePerson account's): test-only secrets.
SECRETS = {"ws": "cexf_" + "w" * 43, ACCOUNT: "cexf_" + "a" * 43}
_FUNCTIONS = template.functions()

# The requests each read-only function answers: (method, path, headers, status, text its body holds).
Request = tuple[str, str, dict[str, str], int, str]


def _serving(method: str, route: str) -> str:
    """The function of the template that serves `method` `route` (a Powertools route: <accountId>)."""
    path = route.replace("<", "{").replace(">", "}")
    return next(name for name, spec in _FUNCTIONS.items() if template.Route(method, path) in spec.routes)


def _collection_requests() -> dict[str, list[Request]]:
    """The list, get and delete functions of every LivePerson collection (KINDS, as tests.builders.COLLECTIONS)."""
    requests: dict[str, list[Request]] = {}
    for collection in COLLECTIONS:
        kind, base = collection.kind, collection.url(ACCOUNT)
        named = f'"name": "{collection.stored["name"]}"'
        requests[_serving("GET", kind.collection_route)] = [
            ("GET", base, {}, 200, named),
            ("GET", base, CURRENT, 304, ""),
        ]
        requests[_serving("GET", kind.item_route)] = [
            ("GET", f"{base}/1", {}, 200, named),
            ("GET", f"{base}/1", CURRENT, 304, ""),
            ("GET", f"{base}/2", {}, 404, "not found"),
        ]
        requests[_serving("DELETE", kind.item_route)] = [
            ("DELETE", f"{base}/2", CURRENT, 404, "not found"),
            ("DELETE", f"{base}/1", CURRENT, 200, ""),
        ]
    return requests


REQUESTS: dict[str, list[Request]] = {
    **_collection_requests(),
    "GetShiftStatusSkillFunction": [
        ("GET", f"/api/account/{ACCOUNT}/skills/42/shift-status-skill", {}, 200, '"skillId": 42'),
        ("GET", f"/api/account/{ACCOUNT}/skills/1/shift-status-skill", {}, 200, '"skillId": 1'),
    ],
    "GetShiftStatusAccountFunction": [
        ("GET", f"/api/account/{ACCOUNT}/shift-status", {}, 200, '[{"skillId": 1, "onShift": '),
    ],
    "ListOfficeHoursSchedulesFunction": [
        ("GET", "/office_hours_schedules", {}, 200, '"twenty_four_seven": false'),
    ],
    "GetOfficeHoursScheduleFunction": [
        ("GET", SCHEDULE, {}, 200, '"day_of_week": 0'),
        ("GET", "/office_hours_schedules/2", {}, 404, "not found"),
    ],
    "DeleteOfficeHoursScheduleFunction": [
        ("DELETE", "/office_hours_schedules/2", {}, 404, "not found"),
        ("DELETE", ASSIGNED, {}, 422, "is in use by team 42, teammate 456"),
        ("DELETE", SCHEDULE, {}, 200, '"deleted": true'),
    ],
    "GetOfficeHoursEffectiveHoursFunction": [
        ("GET", f"{SCHEDULE}/effective_hours?from=2026-12-24", {}, 200, '"office_hours_exception_id": "1"'),
    ],
    "GetOfficeHoursStatusFunction": [
        ("GET", f"{SCHEDULE}/status?at=1798200000", {}, 200, '"open": '),
    ],
    "ListAdminOfficeHoursFunction": [
        ("GET", "/admins/office_hours?per_page=1", {}, 200, '"admin_id": "456", "office_hours_schedule_id": "3"'),
    ],
    "GetAdminOfficeHoursFunction": [
        ("GET", "/admins/456/office_hours", {}, 200, '"office_hours_schedule_id": "3"'),
        ("GET", "/admins/457/office_hours", {}, 200, '"office_hours_schedule_id": null'),
        ("GET", "/admins/0456/office_hours", {}, 404, "not a teammate id"),
    ],
    "GetAdminOfficeHoursStatusFunction": [
        ("GET", "/admins/456/office_hours/status?at=1798200000", {}, 200, '"office_hours_schedule_id": "3"'),
        ("GET", "/admins/457/office_hours/status", {}, 404, "no default"),
    ],
    "GetTeamOfficeHoursFunction": [
        ("GET", "/teams/42/office_hours", {}, 200, '"name": "Assigned"'),
        ("GET", "/teams/43/office_hours", {}, 404, "no default"),
    ],
    "GetTeamOfficeHoursStatusFunction": [
        ("GET", "/teams/42/office_hours/status?at=1798200000", {}, 200, '"open": '),
        ("GET", "/teams/43/office_hours/status", {}, 404, "no default"),
    ],
    "GetWorkspaceOfficeHoursFunction": [
        ("GET", "/workspace/office_hours", {}, 404, "no default"),
    ],
    "ListOfficeHoursExceptionsFunction": [
        ("GET", EXCEPTIONS, {}, 200, '"day_of_week": 3'),
        ("GET", "/office_hours_schedules/2/office_hours_exceptions", {}, 404, "not found"),
    ],
    "GetOfficeHoursExceptionFunction": [
        ("GET", f"{EXCEPTIONS}/1", {}, 200, '"exception_date": "2026-12-24"'),
        ("GET", f"{EXCEPTIONS}/2", {}, 404, "not found"),
    ],
    "DeleteOfficeHoursExceptionFunction": [
        ("DELETE", f"{EXCEPTIONS}/2", {}, 404, "not found"),
        ("DELETE", f"{EXCEPTIONS}/1", {}, 200, '"deleted": true'),
    ],
    "ListHolidaysFunction": [
        ("GET", f"/holidays?country_code=FR&year={NEXT_YEAR}", {}, 200, '"name": "Jour de l\'an"'),
        ("GET", f"/holidays?country_code=XX&year={NEXT_YEAR}", {}, 400, "country_code"),
    ],
    "ListOfficeHoursFeedsFunction": [
        ("GET", f"{SCHEDULE}/feeds", {}, 200, '"office_hours_feed.list"'),
        ("GET", "/office_hours_schedules/2/feeds", {}, 404, "not found"),
    ],
    "DeleteOfficeHoursFeedFunction": [
        ("DELETE", f"{SCHEDULE}/feeds/9", {}, 404, "not found"),
        ("DELETE", f"{SCHEDULE}/feeds/1", {}, 200, '"deleted": true'),
    ],
    "ListShiftStatusFeedsFunction": [
        ("GET", f"/api/account/{ACCOUNT}/shift-status/feeds", {}, 200, '"skillId": null'),
    ],
    "DeleteShiftStatusFeedFunction": [
        ("DELETE", f"/api/account/{ACCOUNT}/shift-status/feeds/9", {}, 404, "not found"),
        ("DELETE", f"/api/account/{ACCOUNT}/shift-status/feeds/1", {}, 200, '"deleted": true'),
    ],
    "GetFeedStatusFunction": [
        ("GET", f"/feeds/{SECRETS['ws']}/status?at=1798200000", {}, 200, '"open": '),
        ("GET", f"/feeds/{SECRETS[ACCOUNT]}/status", {}, 200, '"onShift": '),
        ("GET", "/feeds/cexf_unknown/status", {}, 404, "Not Found"),
    ],
    "GetFeedCalendarFunction": [
        ("GET", f"/feeds/{SECRETS['ws']}/calendar.ics", {}, 200, "BEGIN:VCALENDAR"),
        ("GET", f"/feeds/{SECRETS[ACCOUNT]}/calendar.ics", {}, 200, "X-WR-CALNAME:Account 1234567"),
    ],
}
# Only the function that builds calendars imports icalendar (its own layer, FeedsLayer).
ICALENDAR = frozenset({"GetFeedCalendarFunction"})

# Run in a fresh interpreter from the repository root: argv[1] the function, argv[2] its requests (JSON).
_ANSWER = """
import json, os, sys
os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1",
                  POWERTOOLS_TRACE_DISABLED="true", POWERTOOLS_LOG_LEVEL="WARNING")
os.environ.pop("AWS_ENDPOINT_URL_DYNAMODB", None)
import boto3
from moto import mock_aws
from local import gateway, runtime, template
from local.dynamodb import ensure_tables
runtime.prepare_process()
from calendar_exceptions import storage
from calendar_exceptions.office_hours import layout
from calendar_exceptions.office_hours.assignments import rules as assignments
from calendar_exceptions.office_hours.assignments.layout import assignment_item
from calendar_exceptions.feeds import links
from calendar_exceptions.feeds.store import FeedStore
from calendar_exceptions.tokens import TokenRepository
from tests.builders import COLLECTIONS, interval

ACCOUNT = "1234567"
SCHEDULE = {"type": "office_hours_schedule", "id": "1", "name": "Support", "time_zone_name": "Europe/London",
            "time_intervals": [interval(540, 1020)], "created_at": 1, "updated_at": 1}
EXCEPTION = {"type": "office_hours_exception", "id": "1", "office_hours_schedule_id": "1",
             "exception_date": "2026-12-24", "exception_type": "custom_hours", "time_intervals": [interval(540, 720)],
             "recurring_annually": False, "created_at": 1, "updated_at": 1}

def put(key, values):
    client.put_item(TableName=storage.table_name(), Item={**key, **storage.to_item(values)})

with mock_aws():
    client = boto3.client("dynamodb")
    ensure_tables(client)
    tokens = TokenRepository(client, storage.table_name())
    for collection in COLLECTIONS:
        keys, stored = collection.kind.layout, collection.stored
        index = {"1": {"name": stored["name"], "digest": "seeded"}}
        put(keys.head_key(ACCOUNT), {"revision": 1, "last_id": 1, "default_id": 1, "index": index})
        put(keys.item_key(ACCOUNT, 1), stored)
    put(layout.schedule_key("ws", "1"), {**SCHEDULE, "workspace": "ws", "version": 1})
    put(layout.exception_key("ws", "1", "1"), {**EXCEPTION, "workspace": "ws", "version": 1})
    claim = layout.claim_item("ws", layout.AnnualCandidate("ws", "1", "1", EXCEPTION["exception_date"]))
    client.put_item(TableName=storage.table_name(), Item=claim)
    assigned = {**SCHEDULE, "id": "3", "name": "Assigned", "workspace": "ws", "version": 1, "assigned": 2}
    put(layout.schedule_key("ws", "3"), assigned)
    for holder in (assignments.team("42"), assignments.admin("456")):
        client.put_item(TableName=storage.table_name(), Item=assignment_item("ws", holder, "3"))
    feeds = FeedStore(client, storage.table_name())
    feeds.create_office_hours("ws", "1", links.secret_hash(sys.argv[3]), 1)
    feeds.create_liveperson(ACCOUNT, None, links.secret_hash(sys.argv[4]), 1000)
    bearer = {"ws": tokens.mint("ws")[0], ACCOUNT: tokens.mint(ACCOUNT)[0]}
    function, router = runtime.load_functions()[sys.argv[1]], gateway.Router(template.functions())
    answered = []
    for method, path, headers, _, _ in json.loads(sys.argv[2]):
        route, _, query = path.partition("?")
        match = router.match(method, route)
        assert match.function.logical_id == sys.argv[1], match
        caller = ACCOUNT if route.startswith("/api/") else "ws"
        sent = [] if route.startswith("/feeds/") else [("Authorization", "Bearer " + bearer[caller])]
        sent += headers.items()
        result = function.invoke(gateway.build_event(match, method, route, query, sent, b""))
        answered.append([result["statusCode"], result.get("body") or ""])
imported = sorted(m for m in sys.modules if m.split(".")[0] == "pydantic")
print(json.dumps([answered, imported, "icalendar" in sys.modules]))
"""

_IMPORT = """
import json, sys
from local import runtime, template
runtime.prepare_process()
runtime.import_handler_module(template.functions()[sys.argv[1]], "app")
print(json.dumps([sorted(m for m in sys.modules if m.split(".")[0] == "pydantic"), "icalendar" in sys.modules]))
"""

READ_ONLY = sorted(
    name
    for name, spec in _FUNCTIONS.items()
    if spec.routes and all(route.method in ("GET", "DELETE") for route in spec.routes)
)
WRITING = sorted(name for name, spec in _FUNCTIONS.items() if name not in READ_ONLY)


def _run(script: str, *args: str) -> object:
    completed = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=template.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_every_read_only_function_has_its_requests_here():
    # A function added to the template that only reads or deletes is checked like the others.
    assert sorted(REQUESTS) == READ_ONLY


@pytest.mark.parametrize("function", READ_ONLY)
def test_a_function_that_reads_or_deletes_answers_without_importing_pydantic(function):
    # Given a fresh interpreter and storage seeded directly
    # When the function's handler is imported and answers its requests
    answered, imported, icalendar = _run(_ANSWER, function, json.dumps(REQUESTS[function]), *SECRETS.values())
    # Then each answer is the expected one, pydantic was never imported, icalendar only where calendars are built
    for (status, body), (method, path, _, expected, text) in zip(answered, REQUESTS[function], strict=True):
        assert status == expected, (method, path, body)
        assert text in body, (method, path, body)
    assert imported == []
    assert icalendar is (function in ICALENDAR)


@pytest.mark.parametrize("function", WRITING)
def test_a_function_that_writes_imports_no_pydantic_before_a_body_arrives(function):
    # Given a fresh interpreter, when the function's handler is imported
    imported, icalendar = _run(_IMPORT, function)
    # Then pydantic is not imported yet (the request that parses a body imports it), nor icalendar
    assert imported == []
    assert icalendar is False
