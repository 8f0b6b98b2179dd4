"""What a route declares of itself for the OpenAPI document: plain dicts, references to its components.

A route's decorator takes its summary, parameters, request body and the responses it can
answer (rest.Route); `tools/openapi.py` reads them from every function's resolver and
writes `openapi.json`, with the components these refer to (the schemas of the pydantic
models, each API's error responses). Declaring a route builds a few dicts and imports
nothing: the models are only ever turned into schemas by the generator.
"""

from __future__ import annotations

from typing import Any

APPLICATION_JSON = "application/json"
# Every route answers these, whatever it does: the token check (tenancy.authentication),
# and the unexpected or storage failing (http_errors).
EVERY_ROUTE = (401, 403, 500, 503)


def schema(name: str) -> dict[str, str]:
    """A reference to the component schema `name` (a model's name, or one the generator adds)."""
    return {"$ref": f"#/components/schemas/{name}"}


def json_response(description: str, body: dict[str, Any], headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description}
    if headers:
        response["headers"] = headers
    response["content"] = {APPLICATION_JSON: {"schema": body}}
    return response


def error_responses(error_schema: str, *statuses: int) -> dict[int, dict[str, str]]:
    """The error responses of a route answering `statuses` (and EVERY_ROUTE), in the API's `error_schema`."""
    return {
        status: {"$ref": f"#/components/responses/{error_schema}{status}"}
        for status in sorted({*statuses, *EVERY_ROUTE})
    }


def json_request_body(body: dict[str, Any]) -> dict[str, Any]:
    """A required JSON body; larger than MAX_BODY_BYTES is 413, so a route with a body answers 413."""
    # Imported here: validation is pydantic, which a function whose routes take no body never imports.
    from calendar_exceptions.validation import MAX_BODY_BYTES

    return {
        "required": True,
        "description": f"JSON, at most {MAX_BODY_BYTES} bytes (larger bodies are refused with 413 before parsing)",
        "content": {APPLICATION_JSON: {"schema": body}},
    }


def path_parameter(name: str, parameter_schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of the path parameter `name` (one not declared is a string)."""
    return {"name": name, "in": "path", "required": True, "schema": parameter_schema}
