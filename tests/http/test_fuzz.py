"""Schemathesis against the local API's /openapi.json: every operation, no 5xx, every answer as documented.

Requests go over HTTP to the local API on 127.0.0.1, whose handlers use the moto server,
with a valid token of the tenant `fuzz`. Schemathesis' dictionaries steer part of the
generated values towards ones that exist or pass validation (seeded ids, real zones,
dates, the current revision), so that generated bodies reach the rules and storage
rather than stopping at 404 or at the first field. Each operation gets its own storage.

Budget: FUZZ_MAX_EXAMPLES per operation for the fuzzing phase (CI default below), plus
schemathesis' examples and coverage phases; the test asserts at least FUZZ_MIN_REQUESTS
requests in all. `make fuzz` raises the budget and draws a fresh seed (FUZZ_SEED empty).
"""

from __future__ import annotations

import json
import os

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.builders import (
    SCHEDULES,
    SKILLS_API,
    closed,
    collection,
    custom_hours,
    exceptions_url,
    occasion,
    schedule,
    skill,
)
from tests.http.conftest import bearer
from tools import openapi

# Alone, after the parallel suite (Makefile): its budget is a request count.
pytestmark = pytest.mark.alone

TENANT = "fuzz"
AUTH = bearer(TENANT)
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES") or 25)
SEED = os.environ.get("FUZZ_SEED", "20261121")
MIN_REQUESTS = int(os.environ.get("FUZZ_MIN_REQUESTS") or 1000)
# An If-Match value the test replaces by the collection's current revision before sending.
CURRENT_REVISION = "current"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

# HTTP's own framing, which the client library writes: a generated value (a Content-Length of ":" or
# of more bytes than are sent) is a broken message that API Gateway never hands to a function, not
# an input of the API, so generated headers of these names are not sent.
FRAMING_HEADERS = frozenset({"content-length", "transfer-encoding", "connection", "host"})

ZONES = ["Europe/Warsaw", "America/New_York", "UTC", "Pacific/Kiritimati", "Mars/Base"]
DATE_TIMES = [
    "2026-12-24",
    "2026-12-25",
    "2026-12-24T09:00:00",
    "2026-12-24T17:00",
    "2026-12-24T23:59",
    "2026-03-29T02:30:00",
]
DATES = ["2026-12-24", "2026-12-25", "2026-12-26", "2027-02-29", "2028-02-29"]


def _often(dictionary: str, probability: float = 0.6) -> dict[str, object]:
    return {"dictionary": dictionary, "probability": probability}


CONFIG = schemathesis.Config.from_dict(
    {
        **({"seed": int(SEED)} if SEED else {}),
        "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "database": "none"},
        "phases": {"stateful": {"enabled": False}},
        "headers": AUTH,
        "dictionaries": {
            "ids": {"values": ["1", "2", "3"]},
            "occasion_ids": {"values": [1, 2, 3]},
            "revisions": {"values": [CURRENT_REVISION, "0"]},
            "zones": {"values": ZONES},
            "date_times": {"values": DATE_TIMES},
            "dates": {"values": DATES},
        },
        "parameters": {
            # The token's own account: other accounts are 403 before anything else
            # (tests/in_process/test_authentication.py).
            "path.accountId": TENANT,
            "path.office_hours_schedule_id": _often("ids", 0.8),
            "path.id": _often("ids", 0.8),
            "header.If-Match": _often("revisions", 0.8),
            "body.time_zone_name": _often("zones"),
            "body.exception_date": _often("dates"),
            "body.[*].id": _often("occasion_ids", 0.8),
            # Office hours assignments: teams and teammates of any id, the seeded schedules
            "path.team_id": _often("ids", 0.8),
            "body.office_hours_schedule_id": _often("ids"),
            "body.assignments[*].office_hours_schedule_id": _often("ids"),
            "body.assignments[*].admin_id": _often("ids"),
            **{
                f"body.{prefix}events[*].{end}.{field}": _often(dictionary)
                for prefix in ("", "[*].")
                for end in ("start", "end")
                for field, dictionary in (("timeZone", "zones"), ("dateTime", "date_times"))
            },
        },
    }
)
schema = schemathesis.openapi.from_path(openapi.CHECKED_IN, config=CONFIG)
sent: list[tuple[str, int]] = []


def _seed_objects(base_url: str, http: requests.Session) -> None:
    """Schedules 1 and 2, exceptions 1 and 2 of schedule 1, special occasions 1 and 2 and skills 1 and 2 of the
    tenant (each collection at revision 1)."""
    replies = [http.post(base_url + SCHEDULES, json=body, headers=AUTH) for body in (schedule(), schedule("Sales"))]
    replies += [
        http.post(base_url + exceptions_url("1"), json=body, headers=AUTH)
        for body in (custom_hours("2026-12-24"), closed("2026-12-25"))
    ]
    replies.append(http.post(base_url + collection(TENANT), json=[occasion("A"), occasion("B")], headers=AUTH))
    replies.append(http.post(base_url + SKILLS_API.url(TENANT), json=[skill("A"), skill("B")], headers=AUTH))
    assert [reply.status_code for reply in replies] == [201] * 4 + [200] * 2, [reply.text for reply in replies]


@pytest.fixture(scope="module", autouse=True)
def _budget_spent():
    """At least MIN_REQUESTS requests once every operation ran (under `make test`'s --dist loadfile, on one worker)."""
    yield
    operations = {result.ok().label for result in schema.get_all_operations()}
    if {label for label, _ in sent} == operations:
        assert len(sent) >= MIN_REQUESTS, f"only {len(sent)} requests were generated"


@pytest.fixture
def seeded_api(base_url: str, http: requests.Session) -> str:
    """The local API, serving the checked-in document, with the seeded objects."""
    assert http.get(base_url + "/openapi.json").json() == json.loads(openapi.CHECKED_IN.read_text())
    _seed_objects(base_url, http)
    return base_url


@schema.parametrize()
# The storage is the operation's own and is meant to carry over from one request to the next.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
# Also gives each operation's test its own node id: with pytest 9, schemathesis' items would share one,
# and pytest-xdist would run only the first of them.
@pytest.mark.parametrize("tenant", [TENANT])
def test_every_operation_answers_as_documented(case, tenant, seeded_api, http):
    for name in [name for name in case.headers or {} if name.lower() in FRAMING_HEADERS]:
        del case.headers[name]
    if case.headers and case.headers.get("If-Match") == CURRENT_REVISION:
        current = http.get(seeded_api + collection(tenant), headers=AUTH).headers["ac-revision"]
        case.headers["If-Match"] = current
    response = case.call(base_url=seeded_api, session=http)
    sent.append((case.operation.label, response.status_code))
    case.validate_response(response, checks=CHECKS)
