"""The requests the bench measures, and the DynamoDB calls each makes, recorded against moto.

Everything here runs in the bench's own process, with every handler loaded as `make serve`
loads it (`local.runtime`) and moto's `mock_aws` as storage. A `World` is one fresh table
with one tenant, its token and a little data; `record` runs one request of one function
in a world whose caches were just dropped, as a cold execution environment would, and
keeps each DynamoDB call it made: operation, parameters and the raw HTTP answer. The
measuring children (bench/child.py) replay those answers.
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tests import builders
from tests.builders import SCHEDULES, closed, custom_hours, schedule, with_event

TENANT = "1234567"
NEXT_YEAR = datetime.now(UTC).year + 1
COLLECTION = f"/api/account/{TENANT}/configuration/ac-common/specialoccasion"


def occasion(name: str, **fields: Any) -> dict[str, Any]:
    """The tests' occasion, its event recurring yearly, so that a PUT also checks a recurrence rule."""
    return with_event(builders.occasion(name, **fields), recurrence=["RRULE:FREQ=YEARLY;COUNT=10"])


@dataclass
class Call:
    operation: str
    params: dict[str, Any]
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    parsed: dict[str, Any] = field(default_factory=dict)

    def answer(self) -> dict[str, Any]:
        return {"operation": self.operation, "status": self.status, "headers": self.headers, "body": self.body}

    def is_token_lookup(self) -> bool:
        key = self.params.get("Key") or {}
        return self.operation == "GetItem" and key.get("pk", {}).get("S", "").startswith("TOKEN#")


@dataclass
class Request:
    method: str
    path: str
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200
    token: str | None = None  # the bearer token sent; None: the world's own


class World:
    """One fresh table (moto, in-process) with tenant TENANT and a token for it."""

    def __init__(self, functions: dict[str, Any], router: Any, client: Any) -> None:
        from calendar_exceptions import storage
        from calendar_exceptions.tokens import TokenRepository

        self.functions = functions
        self.router = router
        self.client = client
        self.table = storage.table_name()
        self.token, _ = TokenRepository(client, self.table).mint(TENANT, "read write", note="bench")

    def event(self, request: Request) -> tuple[str, dict[str, Any]]:
        from local import gateway

        path, _, query = request.path.partition("?")
        match = self.router.match(request.method, path)
        assert isinstance(match, gateway.Match), f"no route for {request.method} {request.path}"
        token = request.token or self.token
        headers = [("Content-Type", "application/json"), ("Authorization", f"Bearer {token}")]
        headers += list(request.headers.items())
        data = b"" if request.body is None else json.dumps(request.body).encode()
        return match.function.logical_id, gateway.build_event(match, request.method, path, query, headers, data)

    def call(self, request: Request) -> Any:
        from local import gateway

        function, event = self.event(request)
        result = self.functions[function].invoke(event)
        status, headers, payload = gateway.http_response(result)
        if status != request.status:
            raise AssertionError(f"{request.method} {request.path}: {status}, expected {request.status}: {payload!r}")
        types = [value for name, value in headers if name.lower() == "content-type"]
        if types and not types[0].startswith("application/json"):
            return payload.decode()  # a feed's calendar: text/calendar
        return json.loads(payload) if payload else None

    @contextlib.contextmanager
    def recording(self) -> Iterator[list[Call]]:
        """The DynamoDB calls the handlers make meanwhile, from a cold start: caches dropped first."""
        from calendar_exceptions import storage

        drop_caches()
        calls: list[Call] = []
        events = storage.dynamodb_client().meta.events
        handlers = record_calls(events, calls)
        try:
            yield calls
        finally:
            for name, handler in handlers:
                events.unregister(name, handler)


def record_calls(events: Any, calls: list[Call]) -> list[tuple[str, Callable[..., None]]]:
    """Register hooks on a client's events that append each DynamoDB call, with its raw answer, to `calls`."""

    def before(model: Any, params: dict[str, Any], **_: Any) -> None:
        calls.append(Call(model.name, copy.deepcopy(params)))

    def received(response_dict: dict[str, Any] | None, parsed_response: Any, **_: Any) -> None:
        if response_dict is None:
            return
        call = calls[-1]
        call.status = response_dict["status_code"]
        call.headers = {str(k): str(v) for k, v in dict(response_dict["headers"]).items()}
        body = response_dict["body"]
        call.body = body.decode() if isinstance(body, bytes) else str(body)
        call.parsed = parsed_response or {}

    handlers = [("before-parameter-build.dynamodb", before), ("response-received.dynamodb", received)]
    for name, handler in handlers:
        events.register(name, handler)
    return handlers


def drop_caches() -> None:
    """What a new execution environment starts without: the client, the services, the token cache."""
    from calendar_exceptions import storage, tenancy
    from calendar_exceptions.liveperson.account_config import api as account_config_api
    from calendar_exceptions.office_hours import api as office_hours_api

    storage.dynamodb_client.cache_clear()
    account_config_api.service.cache_clear()
    office_hours_api.service.cache_clear()
    office_hours_api.hours_service.cache_clear()
    tenancy.authenticator.cache_clear()


def forget_collections() -> None:
    """What another function's environment does not know: the collection heads the seeding requests
    (made through CreateSpecialOccasionsFunction) left in the in-process service, which every function
    shares here and none shares on Lambda. The token cache stays (the costs are "token already checked")."""
    from calendar_exceptions.liveperson.account_config import api as account_config_api

    account_config_api.service.cache_clear()


class Bench:
    """The handlers of the template, loaded once in this process; `world()` gives fresh storage."""

    def __init__(self) -> None:
        from local import gateway, runtime, template

        runtime.prepare_process()
        self.functions = runtime.load_functions()
        self.router = gateway.Router(template.functions())

    @contextlib.contextmanager
    def world(self) -> Iterator[World]:
        import boto3
        from moto import mock_aws

        from local.dynamodb import ensure_tables

        with mock_aws():
            drop_caches()
            client = boto3.client("dynamodb")
            ensure_tables(client)
            yield World(self.functions, self.router, client)
            drop_caches()


def seed(world: World, occasions: int = 2) -> None:
    """Occasions 1..n at revision 1; schedule "1" with exceptions "1" (2026-12-24) and "2" (2026-12-25);
    feed link 1 of the schedule and feed link 1 of the account, of the secrets FEED_SECRETS."""
    world.call(Request("POST", COLLECTION, [occasion(f"Occasion {i}") for i in range(1, occasions + 1)]))
    world.call(Request("POST", SCHEDULES, schedule(), status=201))
    world.call(Request("POST", f"{SCHEDULES}/1/office_hours_exceptions", custom_hours("2026-12-24"), status=201))
    world.call(Request("POST", f"{SCHEDULES}/1/office_hours_exceptions", closed("2026-12-25"), status=201))
    from calendar_exceptions.feeds.links import secret_hash
    from calendar_exceptions.feeds.store import FeedStore

    feeds = FeedStore(world.client, world.table)
    feeds.create_office_hours(TENANT, "1", secret_hash(FEED_SECRETS["office_hours"]), 1_795_262_400)
    feeds.create_liveperson(TENANT, None, secret_hash(FEED_SECRETS["liveperson"]), 1_795_262_400_000)


# The secrets of the seeded feed links (the routes draw random ones); one never issued.
FEED_SECRETS = {"office_hours": "cexf_" + "o" * 43, "liveperson": "cexf_" + "l" * 43, "unknown": "cexf_" + "u" * 43}
FEEDS = f"/api/account/{TENANT}/shift-status/feeds"


EXCEPTION = f"{SCHEDULES}/1/office_hours_exceptions/1"
IF_MATCH = {"If-Match": "1"}

# One successful request per function, on the seeded world.
REQUESTS: dict[str, Request] = {
    "ListSpecialOccasionsFunction": Request("GET", COLLECTION),
    "GetSpecialOccasionFunction": Request("GET", f"{COLLECTION}/1"),
    "CreateSpecialOccasionsFunction": Request("POST", COLLECTION, [occasion("New year")], IF_MATCH),
    "UpdateSpecialOccasionsFunction": Request(
        "PUT", COLLECTION, [{**occasion("Occasion 1", description="changed"), "id": 1}], IF_MATCH
    ),
    "DeleteSpecialOccasionsFunction": Request("DELETE", f"{COLLECTION}/2", None, IF_MATCH),
    "ListOfficeHoursSchedulesFunction": Request("GET", SCHEDULES),
    "CreateOfficeHoursScheduleFunction": Request("POST", SCHEDULES, schedule("Sales"), status=201),
    "GetOfficeHoursScheduleFunction": Request("GET", f"{SCHEDULES}/1"),
    "UpdateOfficeHoursScheduleFunction": Request("PUT", f"{SCHEDULES}/1", {"name": "Support desk"}),
    "DeleteOfficeHoursScheduleFunction": Request("DELETE", f"{SCHEDULES}/1"),
    "ListOfficeHoursExceptionsFunction": Request("GET", f"{SCHEDULES}/1/office_hours_exceptions"),
    "CreateOfficeHoursExceptionFunction": Request(
        "POST", f"{SCHEDULES}/1/office_hours_exceptions", closed("2027-01-01"), status=201
    ),
    "GetOfficeHoursExceptionFunction": Request("GET", EXCEPTION),
    "UpdateOfficeHoursExceptionFunction": Request(
        "PUT", EXCEPTION, {"name": "Christmas Eve", "exception_date": "2026-12-24"}
    ),
    "DeleteOfficeHoursExceptionFunction": Request("DELETE", f"{SCHEDULES}/1/office_hours_exceptions/2"),
    "GetOfficeHoursEffectiveHoursFunction": Request(
        "GET", f"{SCHEDULES}/1/effective_hours?from=2026-12-01&to=2026-12-31"
    ),
    "GetOfficeHoursStatusFunction": Request("GET", f"{SCHEDULES}/1/status?at=1798200000"),
    # The request time is the bench's: next year is always one the public holiday routes take.
    "ListHolidaysFunction": Request("GET", f"/holidays?country_code=FR&year={NEXT_YEAR}"),
    "CreateOfficeHoursHolidayExceptionsFunction": Request(
        "POST",
        f"{SCHEDULES}/1/office_hours_exceptions/holidays",
        {"country_code": "FR", "years": [NEXT_YEAR]},
        status=201,
    ),
    "CreateSpecialOccasionHolidaysFunction": Request(
        "POST", f"{COLLECTION}/holidays", {"countryCode": "FR", "years": [NEXT_YEAR], "timeZone": "Europe/Paris"}
    ),
    "CreateOfficeHoursFeedFunction": Request("POST", f"{SCHEDULES}/1/feeds", status=201),
    "ListOfficeHoursFeedsFunction": Request("GET", f"{SCHEDULES}/1/feeds"),
    "DeleteOfficeHoursFeedFunction": Request("DELETE", f"{SCHEDULES}/1/feeds/1"),
    "CreateShiftStatusFeedFunction": Request("POST", FEEDS, {"skillId": None}),
    "ListShiftStatusFeedsFunction": Request("GET", FEEDS),
    "DeleteShiftStatusFeedFunction": Request("DELETE", f"{FEEDS}/1"),
    "GetFeedStatusFunction": Request("GET", f"/feeds/{FEED_SECRETS['office_hours']}/status?at=1798200000"),
    "GetFeedCalendarFunction": Request("GET", f"/feeds/{FEED_SECRETS['office_hours']}/calendar.ics?at=1798200000"),
}


# Well-formed, never minted: its look-up finds nothing and the request is refused with 401.
UNKNOWN_TOKEN = "cex_" + "0" * 43
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def api_functions() -> list[str]:
    """Every function of the template that API Gateway invokes, in the template's order."""
    from local import template

    return [name for name, spec in template.functions().items() if spec.routes]


def unauthenticated_request(function: str) -> Request:
    """A request to `function`'s first route with a token that does not exist: refused with 401.

    Built from the template alone (the account in the path is the tenant's, every other path
    parameter "1", a JSON body for a method that takes one), so a function added to the
    template is measured without a scenario of its own.
    """
    from local import template

    route = template.functions()[function].routes[0]
    method = "GET" if route.method == "ANY" else route.method
    if route.path.startswith("/feeds/{secret}/"):
        # A public feed route takes no token: its refusal is a well-formed secret never issued (one GetItem, 404).
        return Request(method, route.path.replace("{secret}", FEED_SECRETS["unknown"]), status=404)
    path = re.sub(r"\{(\w+)\+?\}", lambda m: TENANT if m[1] == "accountId" else "1", route.path)
    body = {} if method in BODY_METHODS else None
    return Request(method, path, body, status=401, token=UNKNOWN_TOKEN)


def record_unauthenticated(bench: Bench, function: str) -> Recording:
    """`function`'s unauthenticated request (one GetItem of the token, nothing found), from a cold start."""
    return record(bench, function, unauthenticated_request(function), seeded=False)


@dataclass
class Recording:
    function: str
    event: dict[str, Any]
    expect: dict[str, Any]  # what the handler's result must hold: {"statusCode": 200}, {"moved": 1}
    cold: list[Call]

    @property
    def warm(self) -> list[Call]:
        """The calls of the same request in a warm environment: the token look-up is cached."""
        return [call for call in self.cold if not call.is_token_lookup()]


def record(bench: Bench, function: str, request: Request | None = None, seeded: bool = True) -> Recording:
    """`request` (by default the function's successful one of REQUESTS) on a fresh world, from a cold start."""
    request = request or REQUESTS[function]
    with bench.world() as world:
        if seeded:
            seed(world)
        name, event = world.event(request)
        assert name == function, (name, function)
        with world.recording() as calls:
            world.call(request)
        return Recording(function, event, {"statusCode": request.status}, calls)


SCHEDULER = "ApplyAnnualRecurrencesFunction"
# The daily run of 2 March 2027: the seeded recurring exception of 2026-12-24 is due.
SCHEDULER_TIME = "2027-03-02T00:05:00Z"


def scheduled_event(time: str = SCHEDULER_TIME) -> dict[str, Any]:
    from local import template

    event = json.loads((template.ROOT / "events" / SCHEDULER / "success.json").read_text())
    return {**event, "time": time}


def record_scheduler(bench: Bench) -> Recording:
    """The annual recurrence job's run on the seeded world: one exception due, moved."""
    event = scheduled_event()
    with bench.world() as world:
        seed(world)
        with world.recording() as calls:
            result = world.functions[SCHEDULER].invoke(event)
        expect = {"due": 1, "moved": 1, "complete": True}
        if any(result.get(key) != value for key, value in expect.items()):
            raise AssertionError(f"the job answered {result}, expected {expect}")
        return Recording(SCHEDULER, event, expect, calls)


def record_bare(bench: Bench) -> list[Call]:
    """The bare handler's one PutItem, answered by moto."""
    with bench.world() as world:
        calls: list[Call] = []
        record_calls(world.client.meta.events, calls)
        world.client.put_item(TableName=world.table, Item=bare_item())
        return calls


def bare_item() -> dict[str, Any]:
    return {"pk": {"S": "BARE#1"}, "sk": {"S": "BARE"}, "body": {"S": "[]"}}
