"""HTTP glue shared by the office hours handlers: routes, the Intercom error body, version, tenant, ids.

It also holds the pieces of the routes' OpenAPI declarations that the routes share (the
path parameters, the Intercom-Version header, the Intercom error responses). It imports no
request or response models (pydantic), nor does `service()`: the functions that read or
delete answer from stored values (`answers`); the writes import the models when they parse
a body or build an object.
"""

from __future__ import annotations

import functools
import json
import re
from typing import TYPE_CHECKING, Any

from calendar_exceptions import clock, openapi
from calendar_exceptions.errors import DomainError, InvalidInput, echo
from calendar_exceptions.http_errors import register_error_handlers
from calendar_exceptions.office_hours.rules import (
    FIRST_AT,
    ID_PATTERN,
    LAST_AT,
    exception_not_found,
    schedule_not_found,
)
from calendar_exceptions.rest import APPLICATION_JSON, Response, RestResolver
from calendar_exceptions.storage import dynamodb_client, table_name
from calendar_exceptions.tenancy import authentication, tenant

if TYPE_CHECKING:
    from calendar_exceptions.office_hours.hours.service import ScheduleHoursService
    from calendar_exceptions.office_hours.service import OfficeHoursService

SCHEDULES = "/office_hours_schedules"
SCHEDULE = SCHEDULES + "/<office_hours_schedule_id>"
EXCEPTIONS = SCHEDULE + "/office_hours_exceptions"
EXCEPTION = EXCEPTIONS + "/<id>"
# Extensions of Intercom's API (it has no such endpoints): docs/office-hours.md.
EFFECTIVE_HOURS = SCHEDULE + "/effective_hours"
STATUS = SCHEDULE + "/status"

VERSION_HEADER = "Intercom-Version"
# The vendor's enum of versions: its 2.16 description lists 1.0..2.16 and Preview; its
# 2.17 reference adds 2.17.
VERSIONS = frozenset([f"1.{minor}" for minor in range(5)] + [f"2.{minor}" for minor in range(18)] + ["Preview"])
# Ids are issued as "1", "2", ...; anything else names nothing that can exist.
_ID = re.compile(ID_PATTERN)

CODES = {
    400: "parameter_invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    413: "payload_too_large",
    422: "data_invalid",
    500: "server_error",
    503: "service_unavailable",
}
UNAUTHORIZED_MESSAGE = "Access Token Invalid"
# The hours routes' answers hold for the moment asked about ("now" when none is given) and for
# data that may change at any time: no cache may keep them (docs/office-hours.md, "Caching").
NO_STORE = {"Cache-Control": "no-store"}


class IntercomErrorFormat:
    """`{"type": "error.list", "request_id": ..., "errors": [{"code", "message", "field"}]}`."""

    def body(self, status: int, error: DomainError, request_id: str) -> dict[str, Any]:
        message = UNAUTHORIZED_MESSAGE if status == 401 else error.message
        code = error.code or CODES.get(status, "server_error")
        return {
            "type": "error.list",
            "request_id": request_id or None,
            "errors": [{"code": code, "message": message, "field": error.field}],
        }


def resolver() -> RestResolver:
    app = RestResolver()
    register_error_handlers(app, IntercomErrorFormat())
    app.use(middlewares=[authentication(_supported_version)])
    return app


def _supported_version(app: RestResolver, caller: str) -> None:
    """Every office hours route, once the caller is known (401, 403): the Intercom-Version header (400)."""
    version = app.current_event.headers.get(VERSION_HEADER)
    if version is not None and version not in VERSIONS:
        raise InvalidInput(
            f"{VERSION_HEADER}: {echo(version)} is not a supported version",
            VERSION_HEADER,
            code="intercom_version_invalid",
        )


def workspace(app: RestResolver) -> str:
    """The authenticated caller's workspace; never one from the path or the body."""
    return tenant(app)


@functools.cache
def service() -> OfficeHoursService:
    # Imported here, not above: each function imports only the service its routes use (cold start).
    from calendar_exceptions.office_hours.exception_repository import ExceptionRepository
    from calendar_exceptions.office_hours.schedule_repository import ScheduleRepository
    from calendar_exceptions.office_hours.service import OfficeHoursService

    client, table = dynamodb_client(), table_name()
    return OfficeHoursService(ScheduleRepository(client, table), ExceptionRepository(client, table))


@functools.cache
def hours_service() -> ScheduleHoursService:
    from calendar_exceptions.office_hours.hours.reads import HoursRepository
    from calendar_exceptions.office_hours.hours.service import ScheduleHoursService

    return ScheduleHoursService(HoursRepository(dynamodb_client(), table_name()))


def request_time(app: RestResolver) -> int:
    """When the request was made, whole Unix seconds: API Gateway's requestTimeEpoch, else the layer's clock."""
    return int(clock.request_time(app.current_event.request_context.request_time_epoch))


def schedule_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise schedule_not_found(value)
    return value


def exception_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise exception_not_found(value)
    return value


def respond(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    return Response(status_code=status, content_type=APPLICATION_JSON, body=json.dumps(body), headers=headers)


def listed(kind: str, answers: list[dict[str, Any]]) -> dict[str, Any]:
    """The vendor's list body of `kind`'s answers (answers.schedule, answers.exception)."""
    return {"type": f"{kind}.list", "data": answers}


def deleted(kind: str, object_id: str) -> dict[str, Any]:
    """The vendor's delete body: `object`, not `type`, names the kind."""
    return {"id": object_id, "object": kind, "deleted": True}


# --- what the routes declare for the OpenAPI document (tools/openapi.py) ----------------------

_ID_SCHEMA = {"type": "string", "pattern": ID_PATTERN}
SCHEDULE_ID = openapi.path_parameter("office_hours_schedule_id", _ID_SCHEMA)
EXCEPTION_ID = openapi.path_parameter("id", _ID_SCHEMA)
# The status routes' instant: a schedule's, and a team's or a teammate's (assignments/).
AT = openapi.query_parameter(
    "at",
    {"type": "integer", "minimum": FIRST_AT, "maximum": LAST_AT},
    "The instant, Unix seconds (default: when the request is made)",
)
# Every route reads it (the middleware): a route's parameters are `parameters(...)`.
_VERSION = {"$ref": "#/components/parameters/IntercomVersion"}


def parameters(*path_parameters: dict[str, Any]) -> list[dict[str, Any]]:
    """The route's path parameters and the Intercom-Version header every route reads."""
    return [*path_parameters, _VERSION]


def returns(model: str, description: str) -> dict[str, Any]:
    """A success response (200, or 201 for a create): the JSON object of the component schema `model`."""
    return openapi.json_response(description, openapi.schema(model))


def errors(*statuses: int) -> dict[int, dict[str, str]]:
    """The error responses of a route answering `statuses`, with the 400 every route can answer
    (the Intercom-Version header) and those of every route."""
    return openapi.error_responses("IntercomError", 400, *statuses)


def json_body(model: str) -> dict[str, Any]:
    return openapi.json_request_body(openapi.schema(model))
