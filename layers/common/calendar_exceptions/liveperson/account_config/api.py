"""HTTP glue shared by the collections' handlers: resolver, authentication, API version, headers, responses, errors.

It also holds the pieces of the routes' OpenAPI declarations that every collection's routes
share (the If-Match header, the `v` parameter, the objects' responses, the LivePerson error
responses).
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from calendar_exceptions import openapi
from calendar_exceptions.errors import InvalidInput, NotFound, echo
from calendar_exceptions.http_errors import register_error_handlers
from calendar_exceptions.liveperson.account_config.kind import Kind
from calendar_exceptions.liveperson.account_config.repository import CollectionRepository
from calendar_exceptions.liveperson.account_config.service import CollectionService
from calendar_exceptions.liveperson.http import LivePersonErrorFormat, path_account_is_the_callers
from calendar_exceptions.rest import APPLICATION_JSON, Response, RestResolver
from calendar_exceptions.storage import dynamodb_client, table_name
from calendar_exceptions.tenancy import authentication, tenant

REVISION_HEADER = "ac-revision"
_REVISION = re.compile(r'(?:W/)?"?([0-9]{1,18})"?')
_ID = re.compile(r"[0-9]{1,18}")
# The vendor's API version query parameter ("v", a Double, required by the vendor; real
# clients send v=1.0). The product serves version 1.0 only; without v it answers as 1.0.
VERSION_PARAMETER = "v"
VERSIONS = ("1.0", "1")
# Objects a body holds and ids a path names (validation, object_ids), at most.
MAX_PER_REQUEST = 50


def resolver(kind: Kind) -> RestResolver:
    app = RestResolver()
    register_error_handlers(app, LivePersonErrorFormat(kind.type))
    app.use(middlewares=[authentication(path_account_is_the_callers, _supported_version)])
    return app


def _supported_version(app: RestResolver, caller: str) -> None:
    """Every route, once the caller and the account are checked: a `v` sent is sent once, and is one served (400)."""
    value = app.current_event.query_value(VERSION_PARAMETER)
    if value is not None and value not in VERSIONS:
        raise InvalidInput(
            f"{VERSION_PARAMETER}: {echo(value)} is not an API version this service serves ({VERSIONS[0]})",
            VERSION_PARAMETER,
        )


def account(app: RestResolver) -> str:
    """The caller's account: the path's, which the middleware checked is the token's tenant."""
    return tenant(app)


@functools.cache
def service(kind: Kind) -> CollectionService:
    return CollectionService(CollectionRepository(dynamodb_client(), table_name(), kind), kind)


def if_match(app: RestResolver, *, required: bool) -> int | None:
    values = app.current_event.header_values("If-Match")
    if len(values) > 1:
        # Which one the write is based on would be a guess: an ambiguous precondition.
        raise InvalidInput(f"If-Match: sent {len(values)} times; send the one current ac-revision", "If-Match")
    value = values[0] if values else None
    if value is None or not value.strip():
        if required:
            raise InvalidInput("If-Match: header is required and must hold the current ac-revision", "If-Match")
        return None
    match = _REVISION.fullmatch(value.strip())
    if not match:
        raise InvalidInput(f"If-Match: {echo(value)} is not a revision number", "If-Match")
    return int(match.group(1))


def client_has(app: RestResolver, revision: int) -> bool:
    """Whether a read's If-Match names `revision`, the current one: the client's copy is current (304).

    The vendor's "allows optimization" use of the header on reads: any other If-Match
    (stale or malformed) asks for nothing and is ignored.
    """
    value = app.current_event.headers.get("If-Match")
    match = _REVISION.fullmatch(value.strip()) if value else None
    return match is not None and int(match.group(1)) == revision


def object_ids(path_value: str) -> list[int]:
    """`12` or `12,34`: the ids of an item path, each once, at most MAX_PER_REQUEST of them.

    Not digits: 400. Digits not written as ids are issued (`007`, `0`): 404, nothing has that id.
    """
    parts = path_value.split(",")
    if len(parts) > MAX_PER_REQUEST:
        raise InvalidInput(f"id: at most {MAX_PER_REQUEST} ids per request", "id")
    if not all(_ID.fullmatch(part) for part in parts):
        raise InvalidInput(f"id: {echo(path_value)} is not an id or a comma-separated list of ids", "id")
    for part in parts:
        # Ids are issued 1, 2, ...: "007" is no id's name, as no office hours path id is either.
        if part != str(int(part)):
            raise NotFound(f"id: {echo(part)} not found")
    return list(dict.fromkeys(int(part) for part in parts))


def respond(status: int, revision: int, body: Any = None) -> Response:
    if body is None:
        return Response(status_code=status, body=None, headers={REVISION_HEADER: str(revision)})
    return Response(
        status_code=status,
        content_type=APPLICATION_JSON,
        body=json.dumps(body),
        headers={REVISION_HEADER: str(revision)},
    )


def objects_body(objects: list[Any]) -> list[dict[str, Any]]:
    """The JSON of objects a write was given (models)."""
    return [item.to_json() for item in objects]


# --- what the routes declare for the OpenAPI document (tools/openapi.py) ----------------------

_REVISION_HEADER = {
    REVISION_HEADER: {"description": "Revision of the collection", "required": True, "schema": {"type": "string"}}
}
_OBJECT_ID = r"[0-9]{1,18}"
ONE_ID = openapi.path_parameter("id", {"type": "string", "pattern": f"^{_OBJECT_ID}$"})
IDS = openapi.path_parameter(
    "id", {"type": "string", "pattern": f"^{_OBJECT_ID}(,{_OBJECT_ID}){{0,{MAX_PER_REQUEST - 1}}}$"}
)
VERSION = {
    "name": VERSION_PARAMETER,
    "in": "query",
    "required": False,
    "description": "API version (the vendor's v=1.0); any other value, or v sent more than once, is 400. "
    "Without it the answer is 1.0's",
    "schema": {"type": "string", "enum": list(VERSIONS)},
}
NOT_MODIFIED = {"description": "Nothing changed; no body", "headers": _REVISION_HEADER}
UNCHANGED_SINCE = {
    "description": "If-Match is the current revision: the client's copy is current; no body",
    "headers": _REVISION_HEADER,
}
DELETED = {"description": "Deleted; no body", "headers": _REVISION_HEADER}


def if_match_header(*, required: bool) -> dict[str, Any]:
    return {
        "name": "If-Match",
        "in": "header",
        "description": "The collection revision (ac-revision) the write is based on; quotes and W/ are accepted",
        "schema": {"type": "string"},
        "required": required,
    }


READ_IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "description": "A revision the client holds: the current one answers 304 without a body; any other is ignored",
    "schema": {"type": "string"},
    "required": False,
}


def objects_response(kind: Kind, description: str, *, array: bool = True, single: bool = False) -> dict[str, Any]:
    """Objects of `kind` with the revision; `array` an array of them, `single` also one object (as sent)."""
    body: dict[str, Any] = openapi.schema(kind.model_name)
    if array:
        body = {"type": "array", "items": body}
    if single:
        body = {"oneOf": [body, openapi.schema(kind.model_name)]}
    return openapi.json_response(description, body, _REVISION_HEADER)


def objects_request_body(model: str, *, single: bool = False) -> dict[str, Any]:
    """A body of 1 to MAX_PER_REQUEST objects of `model`; `single`: or one object."""
    array = {"type": "array", "minItems": 1, "maxItems": MAX_PER_REQUEST, "items": openapi.schema(model)}
    return openapi.json_request_body({"oneOf": [array, openapi.schema(model)]} if single else array)


def errors(*statuses: int) -> dict[int, dict[str, str]]:
    """The error responses of a route answering `statuses`, and those every route answers (400: `v`)."""
    return openapi.error_responses("LivePersonError", 400, *statuses)
