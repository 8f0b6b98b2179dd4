"""The OpenAPI 3 document of the API, built from the template's routes and the layer's models.

Paths and methods come from `template.yaml`; schemas from the pydantic models; what each
function answers is described in OPERATIONS, keyed by the function's logical id. A
function of the template without an entry here fails `document()`, so the document cannot
silently miss a route.
"""

from __future__ import annotations

import re
from typing import Any

from local import template

_REVISION_HEADER = {"ac-revision": {"description": "Revision of the collection", "schema": {"type": "string"}}}
_IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "description": "The collection revision (ac-revision) the write is based on",
    "schema": {"type": "string"},
}
_LP_ERRORS = {
    400: "Bad Request",
    401: "Not Authorized",
    403: "Forbidden",
    404: "Data Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def _errors(schema: str, descriptions: dict[int, str], statuses: tuple[int, ...]) -> dict[str, Any]:
    """Error responses with the API's error body `schema`, one per status."""
    content = {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}
    return {str(status): {"description": descriptions[status], "content": content} for status in statuses}


def _lp_errors(*statuses: int) -> dict[str, Any]:
    return _errors("LivePersonError", _LP_ERRORS, (*statuses, 401, 403, 500, 503))


def _occasions(description: str, array: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {"$ref": "#/components/schemas/SpecialOccasion"}
    if array:
        schema = {"type": "array", "items": schema}
    return {
        "description": description,
        "headers": _REVISION_HEADER,
        "content": {"application/json": {"schema": schema}},
    }


_INTERCOM_VERSION = {
    "name": "Intercom-Version",
    "in": "header",
    "required": False,
    "description": "Intercom API version; anything but 1.0..1.4, 2.0..2.15 or Preview is 400 intercom_version_invalid",
    "schema": {"type": "string"},
}
_INTERCOM_ERRORS = {
    400: "parameter_invalid, parameter_not_found or intercom_version_invalid",
    401: "unauthorized",
    404: "not_found",
    409: "conflict: the object kept changing during the request",
    422: "data_invalid",
    500: "server_error",
    503: "service_unavailable",
}


def _intercom(operation_id: str, summary: str, schema: str, *errors: int, body: str | None = None) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "summary": summary,
        "parameters": [_INTERCOM_VERSION],
        "responses": {
            "200": {
                "description": summary,
                "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
            },
            **_errors("IntercomError", _INTERCOM_ERRORS, (400, *errors, 401, 500, 503)),
        },
    }
    if body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{body}"}}},
        }
    return operation


OPERATIONS: dict[str, dict[str, Any]] = {
    "ListSpecialOccasionsFunction": {
        "operationId": "listSpecialOccasions",
        "summary": "List the account's special occasions",
        "responses": {"200": _occasions("The special occasions"), **_lp_errors(400)},
    },
    "GetSpecialOccasionFunction": {
        "operationId": "getSpecialOccasion",
        "summary": "Get one special occasion",
        "responses": {"200": _occasions("The special occasion", array=False), **_lp_errors(400, 404)},
    },
    "CreateSpecialOccasionsFunction": {
        "operationId": "createSpecialOccasions",
        "summary": "Create special occasions (an array, or one object); ids are assigned by the server",
        "parameters": [{**_IF_MATCH, "required": False}],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            {
                                "type": "array",
                                "minItems": 1,
                                "maxItems": 50,
                                "items": {"$ref": "#/components/schemas/NewSpecialOccasion"},
                            },
                            {"$ref": "#/components/schemas/NewSpecialOccasion"},
                        ]
                    }
                }
            },
        },
        "responses": {"200": _occasions("The created special occasions"), **_lp_errors(400, 409)},
    },
    "UpdateSpecialOccasionsFunction": {
        "operationId": "updateSpecialOccasions",
        "summary": "Update special occasions, all or none, guarded by the collection revision",
        "parameters": [{**_IF_MATCH, "required": True}],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": 50,
                        "items": {"$ref": "#/components/schemas/SpecialOccasion"},
                    }
                }
            },
        },
        "responses": {
            "200": _occasions("The updated special occasions, in request order"),
            "304": {"description": "Nothing changed", "headers": _REVISION_HEADER},
            **_lp_errors(400, 404, 409),
        },
    },
    "DeleteSpecialOccasionsFunction": {
        "operationId": "deleteSpecialOccasions",
        "summary": "Delete special occasions: /{id} or /{id1},{id2}",
        "parameters": [{**_IF_MATCH, "required": True}],
        "responses": {
            "200": {"description": "Deleted", "headers": _REVISION_HEADER},
            **_lp_errors(400, 404, 409),
        },
    },
    "ListOfficeHoursSchedulesFunction": _intercom(
        "listOfficeHoursSchedules", "The workspace's office hours schedules", "ScheduleList"
    ),
    "CreateOfficeHoursScheduleFunction": _intercom(
        "createOfficeHoursSchedule", "The created schedule", "Schedule", body="NewSchedule"
    ),
    "GetOfficeHoursScheduleFunction": _intercom("getOfficeHoursSchedule", "The schedule", "Schedule", 404),
    "UpdateOfficeHoursScheduleFunction": _intercom(
        "updateOfficeHoursSchedule", "The schedule with the sent fields changed", "Schedule", 404, body="ScheduleChange"
    ),
    "DeleteOfficeHoursScheduleFunction": _intercom(
        "deleteOfficeHoursSchedule", "The schedule and its exceptions are deleted", "Deleted", 404
    ),
    "ListOfficeHoursExceptionsFunction": _intercom(
        "listOfficeHoursExceptions", "The schedule's exceptions", "OfficeHoursExceptionList", 404
    ),
    "CreateOfficeHoursExceptionFunction": _intercom(
        "createOfficeHoursException",
        "The created exception",
        "OfficeHoursException",
        404,
        409,
        422,
        body="NewException",
    ),
    "GetOfficeHoursExceptionFunction": _intercom(
        "getOfficeHoursException", "The exception", "OfficeHoursException", 404
    ),
    "UpdateOfficeHoursExceptionFunction": _intercom(
        "updateOfficeHoursException",
        "The exception with the sent fields changed",
        "OfficeHoursException",
        404,
        409,
        422,
        body="ExceptionChange",
    ),
    "DeleteOfficeHoursExceptionFunction": _intercom(
        "deleteOfficeHoursException", "The exception is deleted and its date freed", "Deleted", 404, 409
    ),
}


def _schemas() -> dict[str, Any]:
    from pydantic.json_schema import models_json_schema

    from calendar_exceptions.office_hours import models as office_hours
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
        "required": ["message"],
        "properties": {
            "type": {"type": "string"},
            "internalCode": {"type": "integer"},
            "message": {"type": "string"},
        },
    }
    schemas["IntercomError"] = {
        "type": "object",
        "required": ["type", "errors"],
        "properties": {
            "type": {"const": "error.list"},
            "request_id": {"type": ["string", "null"]},
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["code"],
                    "properties": {
                        "code": {"type": "string"},
                        "message": {"type": ["string", "null"]},
                        "field": {"type": ["string", "null"]},
                    },
                },
            },
        },
    }
    for name, item in (("ScheduleList", "Schedule"), ("OfficeHoursExceptionList", "OfficeHoursException")):
        schemas[name] = {
            "type": "object",
            "properties": {
                "type": {"type": "string"},
                "data": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
            },
        }
    schemas["Deleted"] = {
        "type": "object",
        "properties": {"type": {"type": "string"}, "id": {"type": "string"}, "deleted": {"const": True}},
    }
    return schemas


def document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for logical_id, spec in sorted(template.functions().items()):
        if not spec.routes:
            continue
        if logical_id not in OPERATIONS:
            raise KeyError(f"{logical_id} has Api routes but no entry in local/openapi.py OPERATIONS")
        for route in spec.routes:
            operation = {**OPERATIONS[logical_id]}
            path_params = [
                {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
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
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearerAuth": []}],
    }
