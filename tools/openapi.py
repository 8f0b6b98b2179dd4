"""The OpenAPI 3.1 document of the API, built from the template's routes and the layer's models.

Paths and methods come from `template.yaml`; schemas, limits, versions and error codes
from the layer; what each function answers is described in `operations()`, keyed by the
function's logical id. A function of the template without an entry there fails
`document()`, so the document cannot silently miss a route.

The document is checked in as `openapi.json` at the repository root (`make openapi`
writes it); a test fails when the file is stale, and the fuzz tests hold the API to it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from local import template

CHECKED_IN = template.ROOT / "openapi.json"

_JSON = "application/json"
_REVISION_HEADER = {
    "ac-revision": {"description": "Revision of the collection", "required": True, "schema": {"type": "string"}}
}
_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before retrying",
        "required": True,
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    }
}
_IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "description": "The collection revision (ac-revision) the write is based on; quotes and W/ are accepted",
    "schema": {"type": "string"},
}
# Every route answers these, whatever it does: the token check, and the unexpected.
_ALWAYS = (401, 403, 500, 503)
_LP_ERRORS = {
    400: "Bad Request: validation, If-Match or id",
    401: "Not Authorized",
    403: "Forbidden: the token lacks the method's scope, or the account is not the token's",
    404: "Data Not Found",
    409: "Conflict: If-Match is not the current revision",
    413: "Payload Too Large",
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


def _errors(schema: str, statuses: tuple[int, ...]) -> dict[str, Any]:
    """References to the error responses of the API whose error body is `schema`, one per status."""
    return {
        str(status): {"$ref": f"#/components/responses/{schema}{status}"} for status in sorted({*statuses, *_ALWAYS})
    }


def _error_responses(schema: str, descriptions: dict[int, str]) -> dict[str, Any]:
    """The error responses `_errors` refers to, with the error body `schema` (503 with Retry-After)."""
    responses = {}
    for status, description in descriptions.items():
        response: dict[str, Any] = {"description": description, "content": {_JSON: {"schema": _ref(schema)}}}
        if status == 503:
            response["headers"] = _RETRY_AFTER
        responses[f"{schema}{status}"] = response
    return responses


def _body(schema: dict[str, Any], max_bytes: int) -> dict[str, Any]:
    return {
        "required": True,
        "description": f"JSON, at most {max_bytes} bytes (larger bodies are refused with 413 before parsing)",
        "content": {_JSON: {"schema": schema}},
    }


def _occasions(description: str, array: bool = True, single: bool = False) -> dict[str, Any]:
    """Occasions with the revision; `array` an array of them, `single` also one object (as sent)."""
    schema: dict[str, Any] = _ref("SpecialOccasion")
    if array:
        schema = {"type": "array", "items": schema}
    if single:
        schema = {"oneOf": [schema, _ref("SpecialOccasion")]}
    return {"description": description, "headers": _REVISION_HEADER, "content": {_JSON: {"schema": schema}}}


def operations() -> dict[str, dict[str, Any]]:
    """Each function's operation; `pathSchemas` gives its path parameters' schemas (string when absent)."""
    from calendar_exceptions.office_hours.models import ID_PATTERN
    from calendar_exceptions.special_occasions.validation import MAX_PER_REQUEST
    from calendar_exceptions.validation import MAX_BODY_BYTES

    def lp_errors(*statuses: int) -> dict[str, Any]:
        return _errors("LivePersonError", statuses)

    occasion_id = r"[0-9]{1,18}"
    occasions_body = {"type": "array", "minItems": 1, "maxItems": MAX_PER_REQUEST}
    version = {"$ref": "#/components/parameters/IntercomVersion"}
    ids = {"office_hours_schedule_id": ID_PATTERN, "id": ID_PATTERN}

    def intercom(operation_id: str, summary: str, schema: str, *errors: int, body: str | None = None) -> dict[str, Any]:
        operation: dict[str, Any] = {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [version],
            "pathSchemas": {name: {"type": "string", "pattern": pattern} for name, pattern in ids.items()},
            "responses": {
                "200": {"description": summary, "content": {_JSON: {"schema": _ref(schema)}}},
                **_errors("IntercomError", (400, *errors, *((413,) if body else ()))),
            },
        }
        if body is not None:
            operation["requestBody"] = _body(_ref(body), MAX_BODY_BYTES)
        return operation

    return {
        "ListSpecialOccasionsFunction": {
            "operationId": "listSpecialOccasions",
            "summary": "List the account's special occasions",
            "responses": {"200": _occasions("The special occasions"), **lp_errors()},
        },
        "GetSpecialOccasionFunction": {
            "operationId": "getSpecialOccasion",
            "summary": "Get one special occasion",
            "pathSchemas": {"id": {"type": "string", "pattern": f"^{occasion_id}$"}},
            "responses": {"200": _occasions("The special occasion", array=False), **lp_errors(400, 404)},
        },
        "CreateSpecialOccasionsFunction": {
            "operationId": "createSpecialOccasions",
            "summary": "Create special occasions (an array, or one object); ids are assigned by the server",
            "parameters": [{**_IF_MATCH, "required": False}],
            "requestBody": _body(
                {"oneOf": [{**occasions_body, "items": _ref("NewSpecialOccasion")}, _ref("NewSpecialOccasion")]},
                MAX_BODY_BYTES,
            ),
            "responses": {
                "200": _occasions("The created special occasions; one object when one was sent", single=True),
                **lp_errors(400, 409, 413),
            },
        },
        "UpdateSpecialOccasionsFunction": {
            "operationId": "updateSpecialOccasions",
            "summary": "Update special occasions, all or none, guarded by the collection revision",
            "parameters": [{**_IF_MATCH, "required": True}],
            "requestBody": _body({**occasions_body, "items": _ref("SpecialOccasion")}, MAX_BODY_BYTES),
            "responses": {
                "200": _occasions("The updated special occasions, in request order"),
                "304": {"description": "Nothing changed; no body", "headers": _REVISION_HEADER},
                **lp_errors(400, 404, 409, 413),
            },
        },
        "DeleteSpecialOccasionsFunction": {
            "operationId": "deleteSpecialOccasions",
            "summary": f"Delete special occasions: /{{id}} or /{{id1}},{{id2}} (at most {MAX_PER_REQUEST} ids)",
            "parameters": [{**_IF_MATCH, "required": True}],
            "pathSchemas": {
                "id": {"type": "string", "pattern": f"^{occasion_id}(,{occasion_id}){{0,{MAX_PER_REQUEST - 1}}}$"}
            },
            "responses": {
                "200": {"description": "Deleted; no body", "headers": _REVISION_HEADER},
                **lp_errors(400, 404, 409),
            },
        },
        "ListOfficeHoursSchedulesFunction": intercom(
            "listOfficeHoursSchedules", "The workspace's office hours schedules", "ScheduleList"
        ),
        "CreateOfficeHoursScheduleFunction": intercom(
            "createOfficeHoursSchedule", "The created schedule", "Schedule", 409, body="NewSchedule"
        ),
        "GetOfficeHoursScheduleFunction": intercom("getOfficeHoursSchedule", "The schedule", "Schedule", 404),
        "UpdateOfficeHoursScheduleFunction": intercom(
            "updateOfficeHoursSchedule",
            "The schedule with the sent fields changed",
            "Schedule",
            404,
            body="ScheduleChange",
        ),
        "DeleteOfficeHoursScheduleFunction": intercom(
            "deleteOfficeHoursSchedule", "The schedule and its exceptions are deleted", "Deleted", 404
        ),
        "ListOfficeHoursExceptionsFunction": intercom(
            "listOfficeHoursExceptions", "The schedule's exceptions", "OfficeHoursExceptionList", 404
        ),
        "CreateOfficeHoursExceptionFunction": intercom(
            "createOfficeHoursException",
            "The created exception",
            "OfficeHoursException",
            404,
            409,
            422,
            body="NewException",
        ),
        "GetOfficeHoursExceptionFunction": intercom(
            "getOfficeHoursException", "The exception", "OfficeHoursException", 404
        ),
        "UpdateOfficeHoursExceptionFunction": intercom(
            "updateOfficeHoursException",
            "The exception with the sent fields changed",
            "OfficeHoursException",
            404,
            409,
            422,
            body="ExceptionChange",
        ),
        "DeleteOfficeHoursExceptionFunction": intercom(
            "deleteOfficeHoursException", "The exception is deleted and its date freed", "Deleted", 404, 409
        ),
    }


def _version_order(version: str) -> tuple[int, ...]:
    """1.0 < 1.4 < 2.0 < 2.15 < Preview, as the vendor lists them."""
    return tuple(int(part) for part in version.split(".")) if version[0].isdigit() else (99,)


def _schemas() -> dict[str, Any]:
    from pydantic.json_schema import models_json_schema

    from calendar_exceptions.office_hours import api as office_hours_api
    from calendar_exceptions.office_hours import models as office_hours
    from calendar_exceptions.office_hours.models import ID_PATTERN
    from calendar_exceptions.office_hours.validation import PARAMETER_NOT_FOUND
    from calendar_exceptions.special_occasions import api as special_occasions_api
    from calendar_exceptions.special_occasions.models import NewSpecialOccasion, SpecialOccasion

    _, top = models_json_schema(
        [
            (SpecialOccasion, "serialization"),
            (NewSpecialOccasion, "validation"),
            (office_hours.Schedule, "serialization"),
            (office_hours.NewSchedule, "validation"),
            (office_hours.ScheduleChange, "validation"),
            (office_hours.OfficeHoursException, "serialization"),
            (office_hours.NewException, "validation"),
            (office_hours.ExceptionChange, "validation"),
        ],
        ref_template="#/components/schemas/{model}",
    )
    schemas = top.get("$defs", {})
    schemas["LivePersonError"] = {
        "type": "object",
        "required": ["type", "internalCode", "message"],
        "additionalProperties": False,
        "properties": {
            "type": {"const": "specialoccasion"},
            "internalCode": {"enum": sorted(set(special_occasions_api.INTERNAL_CODES.values()))},
            "message": {"type": "string"},
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
    schemas["Deleted"] = {
        "type": "object",
        "required": ["type", "id", "deleted"],
        "additionalProperties": False,
        "properties": {
            "type": {"enum": ["office_hours_schedule", "office_hours_exception"]},
            "id": {"type": "string", "pattern": ID_PATTERN},
            "deleted": {"const": True},
        },
    }
    return schemas


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
    described = operations()
    paths: dict[str, dict[str, Any]] = {}
    for logical_id, spec in sorted(template.functions().items()):
        if not spec.routes:
            continue
        if logical_id not in described:
            raise KeyError(f"{logical_id} has Api routes but no entry in local/openapi.py operations()")
        for route in spec.routes:
            operation = {**described[logical_id]}
            path_schemas = operation.pop("pathSchemas", {})
            path_params = [
                {"name": name, "in": "path", "required": True, "schema": path_schemas.get(name, {"type": "string"})}
                for name in re.findall(r"\{([^}+]+)\+?\}", route.path)
            ]
            operation["parameters"] = path_params + operation.get("parameters", [])
            paths.setdefault(route.path, {})[route.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": "Calendar exceptions API", "version": "1.0.0"},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": _schemas(),
            "parameters": _parameters(),
            "responses": {
                **_error_responses("LivePersonError", _LP_ERRORS),
                **_error_responses("IntercomError", _INTERCOM_ERRORS),
            },
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearerAuth": []}],
    }


def document_json() -> str:
    """The document as `openapi.json` holds it: stable key order, one trailing newline."""
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


def write(path: Path = CHECKED_IN) -> Path:
    """`make openapi`: (re)write the checked-in document."""
    path.write_text(document_json(), encoding="utf-8")
    return path


if __name__ == "__main__":
    from local import runtime

    runtime.prepare_process()
    print(f"wrote {write()}")
