"""`make openapi`: the OpenAPI 3.1 document of the API, from the routes as their handlers declare them.

Each Api route of `template.yaml` is looked up in its function's resolver (the function's
`app.py` imported as Lambda would): its summary, parameters, request body and the
responses it answers are the arguments of its route decorator (`calendar_exceptions.rest`).
A route of the template that its function does not declare, or declares without its
responses, fails `document()`, so the document cannot silently miss a route. The
components the routes refer to are built here: the schemas of the layer's pydantic models,
each API's error body and error responses, the Intercom-Version header.

The document is checked in as `openapi.json` at the repository root; a test fails when the
file is stale, the local API serves it at `/openapi.json` and the fuzz tests hold the API to it.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from local import runtime, template

CHECKED_IN = template.ROOT / "openapi.json"

_JSON = "application/json"
_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before retrying",
        "required": True,
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    }
}
_LP_ERRORS = {
    400: "Bad Request: validation, If-Match or id",
    401: "Not Authorized",
    403: "Forbidden: the token lacks the method's scope, or the account is not the token's",
    404: "Data Not Found",
    409: "Conflict: If-Match is not the current revision; or a delete of an object a skill uses",
    413: "Payload Too Large",
    500: "Internal Server Error",
    503: "Service Unavailable: storage still throttled or failing after retries",
}
_SHIFT_STATUS_ERRORS = {
    400: "Bad Request: skillId or at",
    401: "Not Authorized",
    403: "Forbidden: the token lacks the read scope, or the account is not the token's",
    404: "Not Found: a path the route does not accept",
    500: "Internal Server Error",
    503: "Service Unavailable: storage still throttled or failing after retries",
}
_FEEDS_ERRORS = {
    400: "Bad Request: the body, feedId or v",
    401: "Not Authorized",
    403: "Forbidden: the token lacks the method's scope, or the account is not the token's",
    404: "Not Found: no such feed link",
    409: "Conflict: the links kept changing during the request",
    413: "Payload Too Large",
    422: "Unprocessable: the account has as many links as it may",
    500: "Internal Server Error",
    503: "Service Unavailable: storage still throttled or failing after retries",
}
_INTERCOM_ERRORS = {
    400: "parameter_invalid, parameter_not_found or intercom_version_invalid",
    401: "unauthorized",
    403: "forbidden: the token lacks the method's scope",
    404: "not_found",
    409: "conflict: the object kept changing during the request",
    413: "payload_too_large",
    422: "data_invalid",
    500: "server_error",
    503: "service_unavailable: storage still throttled or failing after retries",
}


def _ref(schema: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{schema}"}


def _error_responses(schema: str, descriptions: dict[int, str]) -> dict[str, Any]:
    """Each API's error responses, which the routes refer to (openapi.error_responses), with the
    error body `schema` (503 with Retry-After)."""
    responses = {}
    for status, description in descriptions.items():
        response: dict[str, Any] = {"description": description, "content": {_JSON: {"schema": _ref(schema)}}}
        if status == 503:
            response["headers"] = _RETRY_AFTER
        responses[f"{schema}{status}"] = response
    return responses


@functools.cache
def resolvers() -> dict[str, Any]:
    """The resolver (`app`) of each function of the template with Api routes, by logical id."""
    runtime.prepare_process()
    found = {}
    for logical_id, spec in template.functions().items():
        if spec.routes:
            module = runtime.import_handler_module(spec, f"_openapi_{logical_id}")
            if not hasattr(module, "app"):
                raise LookupError(f"{logical_id}: {spec.code_dir.name}/app.py declares no resolver named app")
            found[logical_id] = module.app
    return found


def _declared(logical_id: str, route: template.Route) -> Any:
    """The route of the function's resolver that answers the template's `route`."""
    for declared in resolvers()[logical_id].routes:
        if declared.method == route.method and declared.openapi_path == route.path:
            if not declared.summary or not declared.responses:
                raise ValueError(f"{logical_id}: {route.method} {route.path} is declared without summary or responses")
            return declared
    raise LookupError(f"{logical_id}: the template's {route.method} {route.path} is not a route of its app.py")


def operation(declared: Any) -> dict[str, Any]:
    """The OpenAPI operation of a declared route (rest.Route)."""
    given = {p["name"]: p for p in declared.parameters if p.get("in") == "path"}
    path_parameters = [
        given.get(name) or {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"\{([^}]+)\}", declared.openapi_path)
    ]
    undeclared = set(given) - {p["name"] for p in path_parameters}
    if undeclared:
        raise ValueError(f"{declared.openapi_path}: path parameters {sorted(undeclared)} are not in the path")
    result: dict[str, Any] = {"operationId": declared.operation_id, "summary": declared.summary}
    if declared.description:
        result["description"] = declared.description
    result["parameters"] = path_parameters + [p for p in declared.parameters if p.get("in") != "path"]
    if declared.request_body is not None:
        result["requestBody"] = declared.request_body
    if declared.security is not None:
        result["security"] = declared.security
    result["responses"] = {str(status): response for status, response in sorted(declared.responses.items())}
    return result


def _version_order(version: str) -> tuple[int, ...]:
    """1.0 < 1.4 < 2.0 < 2.17 < Preview, as the vendor lists them."""
    return tuple(int(part) for part in version.split(".")) if version[0].isdigit() else (99,)


def _schemas() -> dict[str, Any]:
    from pydantic.json_schema import models_json_schema

    from calendar_exceptions.feeds.models import NewLivePersonFeed
    from calendar_exceptions.liveperson.http import INTERNAL_CODES
    from calendar_exceptions.liveperson.kinds import KINDS
    from calendar_exceptions.office_hours import api as office_hours_api
    from calendar_exceptions.office_hours import models as office_hours
    from calendar_exceptions.office_hours.assignments import models as assignments
    from calendar_exceptions.office_hours.models import ID_PATTERN
    from calendar_exceptions.office_hours.validation import PARAMETER_NOT_FOUND

    _, top = models_json_schema(
        [
            *[
                (model, mode)
                for kind in KINDS
                for model, mode in ((kind.model, "serialization"), (kind.new_model, "validation"))
            ],
            (office_hours.Schedule, "serialization"),
            (office_hours.NewSchedule, "validation"),
            (office_hours.ScheduleChange, "validation"),
            (office_hours.OfficeHoursException, "serialization"),
            (office_hours.NewException, "validation"),
            (office_hours.ExceptionChange, "validation"),
            (assignments.OfficeHoursAssignment, "validation"),
            (assignments.BulkAdminAssignments, "validation"),
            (assignments.AdminOfficeHours, "serialization"),
            (NewLivePersonFeed, "validation"),
        ],
        ref_template="#/components/schemas/{model}",
    )
    schemas = top.get("$defs", {})
    schemas["LivePersonError"] = {
        "type": "object",
        "required": ["type", "internalCode", "message"],
        "additionalProperties": False,
        "properties": {
            "type": {"enum": [kind.type for kind in KINDS]},
            "internalCode": {"enum": sorted(set(INTERNAL_CODES.values()))},
            "message": {"type": "string"},
        },
    }
    schemas["ShiftStatusError"] = {
        **schemas["LivePersonError"],
        "properties": {**schemas["LivePersonError"]["properties"], "type": {"const": "shiftstatus"}},
    }
    epoch_ms = {"type": ["integer", "null"], "description": "Epoch milliseconds; null when not within 400 days"}
    schemas["ShiftStatus"] = {
        "type": "object",
        "required": ["skillId", "onShift", "nextOn", "nextOff"],
        "additionalProperties": False,
        "properties": {
            "skillId": {"type": "integer", "minimum": 1},
            "onShift": {"type": "boolean"},
            "nextOn": {
                **epoch_ms,
                "description": "Start of the next shift beginning after at; " + epoch_ms["description"],
            },
            "nextOff": {
                **epoch_ms,
                "description": "End of the current shift when on shift, else of the next one; "
                + epoch_ms["description"],
            },
        },
    }
    codes = sorted({*office_hours_api.CODES.values(), PARAMETER_NOT_FOUND, "intercom_version_invalid"})
    schemas["IntercomError"] = {
        "type": "object",
        "required": ["type", "request_id", "errors"],
        "additionalProperties": False,
        "properties": {
            "type": {"const": "error.list"},
            "request_id": {"type": ["string", "null"]},
            "errors": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["code", "message", "field"],
                    "additionalProperties": False,
                    "properties": {
                        "code": {"enum": codes},
                        "message": {"type": ["string", "null"]},
                        "field": {"type": ["string", "null"]},
                    },
                },
            },
        },
    }
    for name, item, kind in (
        ("ScheduleList", "Schedule", "office_hours_schedule.list"),
        ("OfficeHoursExceptionList", "OfficeHoursException", "office_hours_exception.list"),
    ):
        schemas[name] = {
            "type": "object",
            "required": ["type", "data"],
            "additionalProperties": False,
            "properties": {"type": {"const": kind}, "data": {"type": "array", "items": _ref(item)}},
        }
    schemas.update(_hours_schemas(ID_PATTERN))
    schemas.update(_assignment_lists())
    schemas.update(_holiday_schemas(ID_PATTERN))
    schemas["Deleted"] = {
        "type": "object",
        "description": "The vendor's delete body (its 2.16 description)",
        "required": ["id", "object", "deleted"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN},
            "object": {"enum": ["office_hours_schedule", "office_hours_exception", "office_hours_feed"]},
            "deleted": {"const": True},
        },
    }
    schemas.update(_feeds_schemas(ID_PATTERN, schemas))
    return schemas


def _feeds_schemas(id_pattern: str, schemas: dict[str, Any]) -> dict[str, Any]:
    """The feed links' answers and errors (calendar_exceptions/feeds: plain dicts, no models)."""
    from calendar_exceptions.feeds import management

    def closed_object(properties: dict[str, Any], description: str | None = None) -> dict[str, Any]:
        found = {"type": "object", "required": list(properties), "additionalProperties": False}
        if description:
            found["description"] = description
        return found | {"properties": properties}

    identifier = {"type": "string", "pattern": id_pattern}
    url = {"type": "string", "format": "uri", "description": "Carries the link's secret: answered only here"}
    office_hours = {
        "type": {"const": management.OFFICE_HOURS_TYPE},
        "id": identifier,
        "office_hours_schedule_id": identifier,
        "created_at": {"type": "integer"},
    }
    liveperson = {
        "id": {"type": "integer", "minimum": 1},
        "skillId": {"type": ["integer", "null"], "minimum": 1},
        "createdAt": {"type": "integer", "description": "Epoch milliseconds"},
    }
    created = dict(list(office_hours.items())[:3]) | {"calendar_url": url, "status_url": url}
    created["created_at"] = office_hours["created_at"]
    shift_status = schemas["ShiftStatus"]
    return {
        "OfficeHoursFeed": closed_object(office_hours, "A feed link of the schedule (docs/feeds.md)"),
        "OfficeHoursFeedCreated": closed_object(created, "A new feed link, with its two URLs"),
        "OfficeHoursFeedList": closed_object(
            {"type": {"const": "office_hours_feed.list"}, "data": {"type": "array", "items": _ref("OfficeHoursFeed")}}
        ),
        "LivePersonFeed": closed_object(liveperson, "A feed link of the account (skillId null) or of a skill"),
        "LivePersonFeedCreated": closed_object(
            {"id": liveperson["id"], "skillId": liveperson["skillId"], "calendarUrl": url, "statusUrl": url}
            | {"createdAt": liveperson["createdAt"]},
            "A new feed link, with its two URLs",
        ),
        "LivePersonFeedDeleted": closed_object({"id": liveperson["id"], "deleted": {"const": True}}),
        "FeedShiftStatus": shift_status
        | {"properties": shift_status["properties"] | {"skillId": liveperson["skillId"]}},
        "FeedStatus": {"oneOf": [_ref("OfficeHoursStatus"), _ref("FeedShiftStatus")]},
        "FeedsError": {
            **schemas["LivePersonError"],
            "properties": {**schemas["LivePersonError"]["properties"], "type": {"const": management.ERROR_TYPE}},
        },
        "FeedNotFound": closed_object(
            {"message": {"const": "Not Found"}}, "One body for an unknown, malformed or revoked secret"
        ),
        "FeedError": {
            "anyOf": [
                _ref("IntercomError"),
                _ref("ShiftStatusError"),
                closed_object({"message": {"type": "string"}}),
            ]
        },
    }


def _hours_schemas(id_pattern: str) -> dict[str, Any]:
    """The answers of the effective hours and status routes (extensions of Intercom's API), as
    `office_hours/hours/service.py` builds them: plain dicts, no models."""
    from calendar_exceptions.office_hours.hours import service as hours_service

    identifier = {"type": "string", "pattern": id_pattern}
    instant = {"type": "integer"}
    minute = {"type": "integer", "minimum": 0, "maximum": 1440}

    def closed_object(properties: dict[str, Any]) -> dict[str, Any]:
        return {"type": "object", "required": list(properties), "additionalProperties": False, "properties": properties}

    interval = closed_object(
        {"start_minute": minute, "end_minute": minute, "start_at": instant, "end_at": instant},
    )
    interval["description"] = (
        "Minutes from the date's local midnight (1440: the next midnight) and the same bounds as Unix seconds"
    )
    day = closed_object(
        {
            "date": {"type": "string", "format": "date"},
            "day_of_week": {"type": "integer", "minimum": 0, "maximum": 6, "description": "0 = Monday"},
            "source": {"enum": ["schedule", "exception"]},
            "office_hours_exception_id": {"type": ["string", "null"], "pattern": id_pattern},
            "time_intervals": {"type": "array", "items": _ref("EffectiveTimeInterval")},
        }
    )
    return {
        "EffectiveTimeInterval": interval,
        "OfficeHoursEffectiveDay": day,
        "OfficeHoursEffectiveHours": closed_object(
            {
                "type": {"const": hours_service.EFFECTIVE_HOURS_TYPE},
                "office_hours_schedule_id": identifier,
                "time_zone_name": {"type": "string"},
                "days": {"type": "array", "items": _ref("OfficeHoursEffectiveDay")},
            }
        ),
        "OfficeHoursStatus": closed_object(
            {
                "type": {"const": hours_service.STATUS_TYPE},
                "office_hours_schedule_id": identifier,
                "at": instant,
                "open": {"type": "boolean"},
                "next_open_at": {"type": ["integer", "null"]},
                "next_close_at": {"type": ["integer", "null"]},
                "office_hours_exception_id": {"type": ["string", "null"], "pattern": id_pattern},
            }
        ),
    }


def _assignment_lists() -> dict[str, Any]:
    """The teammates' list (a page: `pages.next` only when another page follows) and the bulk update's answer,
    as `office_hours/assignments/answers.py` builds them."""
    from calendar_exceptions.office_hours.assignments import answers, rules

    page_size = {"type": "integer", "minimum": 1, "maximum": rules.MAX_PER_PAGE}
    cursor = {"type": "string", "pattern": rules.HOLDER_ID_PATTERN}
    listed = {"type": "array", "items": _ref("AdminOfficeHours")}
    next_page = {
        "type": "object",
        "description": "Omitted on the last page",
        "required": ["per_page", "starting_after"],
        "additionalProperties": False,
        "properties": {"per_page": page_size, "starting_after": cursor},
    }
    pages = {
        "type": "object",
        "required": ["type", "per_page"],
        "additionalProperties": False,
        "properties": {"type": {"const": answers.PAGES_TYPE}, "per_page": page_size, "next": next_page},
    }
    list_type = {"const": answers.LIST_TYPE}
    return {
        "AdminOfficeHoursList": {
            "type": "object",
            "required": ["type", "data", "pages"],
            "additionalProperties": False,
            "properties": {"type": list_type, "data": listed, "pages": pages},
        },
        "AdminOfficeHoursBulkList": {
            "type": "object",
            "description": "Every teammate sent, in request order, unchanged ones included; no pages",
            "required": ["type", "data"],
            "additionalProperties": False,
            "properties": {"type": list_type, "data": listed},
        },
    }


def _holiday_schemas(id_pattern: str) -> dict[str, Any]:
    """The public holiday routes' request models and their answers (docs/holidays.md), which are plain dicts."""
    from pydantic.json_schema import models_json_schema

    from public_holidays import models, office_hours_routes

    _, top = models_json_schema(
        [(models.NewHolidayExceptions, "validation"), (models.NewHolidayOccasion, "validation")],
        ref_template="#/components/schemas/{model}",
    )

    def closed_object(properties: dict[str, Any]) -> dict[str, Any]:
        return {"type": "object", "required": list(properties), "additionalProperties": False, "properties": properties}

    day = {"type": "string", "format": "date"}
    code = {"type": ["string", "null"]}
    return {
        **top.get("$defs", {}),
        "Holiday": closed_object({"date": day, "name": {"type": "string"}}),
        "HolidayList": closed_object(
            {
                "type": {"const": office_hours_routes.LIST_TYPE},
                "country_code": {"type": "string"},
                "subdivision_code": code,
                "year": {"type": "integer"},
                "language": {**code, "description": "The language of the names; null: the library has only one"},
                "data": {"type": "array", "items": _ref("Holiday")},
            }
        ),
        "SkippedHolidayDate": closed_object(
            {
                "exception_date": day,
                "name": {"type": "string", "description": "The holiday's"},
                "office_hours_exception_id": {
                    "type": "string",
                    "pattern": id_pattern,
                    "description": "The exception the schedule already has on the date, left as it is",
                },
            }
        ),
        "HolidayExceptionList": closed_object(
            {
                "type": {"const": "office_hours_exception.list"},
                "data": {"type": "array", "items": _ref("OfficeHoursException")},
                "skipped": {"type": "array", "items": _ref("SkippedHolidayDate")},
            }
        ),
    }


def _parameters() -> dict[str, Any]:
    from calendar_exceptions.office_hours import api as office_hours

    return {
        "IntercomVersion": {
            "name": office_hours.VERSION_HEADER,
            "in": "header",
            "required": False,
            "description": "Intercom API version; any other value is 400 intercom_version_invalid",
            "schema": {"type": "string", "enum": sorted(office_hours.VERSIONS, key=_version_order)},
        }
    }


def document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for logical_id, spec in sorted(template.functions().items()):
        for route in spec.routes:
            paths.setdefault(route.path, {})[route.method.lower()] = operation(_declared(logical_id, route))
    built = {
        "openapi": "3.1.0",
        "info": {"title": "Calendar exceptions API", "version": "1.0.0"},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": _schemas(),
            "parameters": _parameters(),
            "responses": {
                **_error_responses("LivePersonError", _LP_ERRORS),
                **_error_responses("ShiftStatusError", _SHIFT_STATUS_ERRORS),
                **_error_responses("IntercomError", _INTERCOM_ERRORS),
                **_error_responses("FeedsError", _FEEDS_ERRORS),
            },
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearerAuth": []}],
    }
    _check_references(built)
    return built


def _check_references(built: dict[str, Any]) -> None:
    """Every `$ref` a route declares names a component of the document."""

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                _, section, name = ref.rsplit("/", 2)
                if name not in built["components"].get(section, {}):
                    raise LookupError(f"{ref} names no component of the document")
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(built["paths"])


def document_json() -> str:
    """The document as `openapi.json` holds it: stable key order, one trailing newline."""
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


def write(path: Path = CHECKED_IN) -> Path:
    """`make openapi`: (re)write the checked-in document."""
    path.write_text(document_json(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write()}")
