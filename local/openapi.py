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
_LP_ERROR = {"$ref": "#/components/schemas/LivePersonError"}


def _lp_errors(*statuses: int) -> dict[str, Any]:
    descriptions = {
        400: "Bad Request",
        401: "Not Authorized",
        403: "Forbidden",
        404: "Data Not Found",
        409: "Conflict",
        500: "Internal Server Error",
        503: "Service Unavailable",
    }
    return {
        str(status): {"description": descriptions[status], "content": {"application/json": {"schema": _LP_ERROR}}}
        for status in (*statuses, 401, 403, 500, 503)
    }


def _occasions(description: str, array: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {"$ref": "#/components/schemas/SpecialOccasion"}
    if array:
        schema = {"type": "array", "items": schema}
    return {
        "description": description,
        "headers": _REVISION_HEADER,
        "content": {"application/json": {"schema": schema}},
    }


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
}


def _schemas() -> dict[str, Any]:
    from pydantic.json_schema import models_json_schema

    from calendar_exceptions.special_occasions.models import NewSpecialOccasion, SpecialOccasion

    _, top = models_json_schema(
        [(SpecialOccasion, "serialization"), (NewSpecialOccasion, "validation")],
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
