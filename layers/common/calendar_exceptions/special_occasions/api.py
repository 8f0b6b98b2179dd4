"""HTTP glue shared by the special occasions handlers: routes, authentication, headers, responses, errors.

It also holds the pieces of the routes' OpenAPI declarations that the five routes share
(the If-Match header, the occasions' responses, the LivePerson error responses).
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from calendar_exceptions import openapi
from calendar_exceptions.errors import InvalidInput, NotFound, echo
from calendar_exceptions.http_errors import register_error_handlers
from calendar_exceptions.liveperson import LivePersonErrorFormat, path_account_is_the_callers
from calendar_exceptions.rest import APPLICATION_JSON, Response, RestResolver
from calendar_exceptions.special_occasions.models import SpecialOccasion
from calendar_exceptions.special_occasions.repository import SpecialOccasionRepository
from calendar_exceptions.special_occasions.service import SpecialOccasionService
from calendar_exceptions.special_occasions.validation import MAX_PER_REQUEST
from calendar_exceptions.storage import dynamodb_client, table_name
from calendar_exceptions.tenancy import authentication, tenant

COLLECTION = "/api/account/<accountId>/configuration/ac-common/specialoccasion"
ITEM = COLLECTION + "/<id>"
REVISION_HEADER = "ac-revision"
_REVISION = re.compile(r'(?:W/)?"?([0-9]{1,18})"?')
_ID = re.compile(r"[0-9]{1,18}")


def resolver() -> RestResolver:
    app = RestResolver()
    register_error_handlers(app, LivePersonErrorFormat("specialoccasion"))
    app.use(middlewares=[authentication(path_account_is_the_callers)])
    return app


def account(app: RestResolver) -> str:
    """The caller's account: the path's, which the middleware checked is the token's tenant."""
    return tenant(app)


@functools.cache
def service() -> SpecialOccasionService:
    return SpecialOccasionService(SpecialOccasionRepository(dynamodb_client(), table_name()))


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


def occasion_ids(path_value: str) -> list[int]:
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
            raise NotFound(f"Special occasion {part} not found")
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


def occasions_body(occasions: list[SpecialOccasion]) -> list[dict[str, Any]]:
    return [occasion.to_json() for occasion in occasions]


# --- what the routes declare for the OpenAPI document (tools/openapi.py) ----------------------

_REVISION_HEADER = {
    REVISION_HEADER: {"description": "Revision of the collection", "required": True, "schema": {"type": "string"}}
}
_OCCASION_ID = r"[0-9]{1,18}"
ONE_ID = openapi.path_parameter("id", {"type": "string", "pattern": f"^{_OCCASION_ID}$"})
IDS = openapi.path_parameter(
    "id", {"type": "string", "pattern": f"^{_OCCASION_ID}(,{_OCCASION_ID}){{0,{MAX_PER_REQUEST - 1}}}$"}
)
NOT_MODIFIED = {"description": "Nothing changed; no body", "headers": _REVISION_HEADER}
DELETED = {"description": "Deleted; no body", "headers": _REVISION_HEADER}


def if_match_header(*, required: bool) -> dict[str, Any]:
    return {
        "name": "If-Match",
        "in": "header",
        "description": "The collection revision (ac-revision) the write is based on; quotes and W/ are accepted",
        "schema": {"type": "string"},
        "required": required,
    }


def occasions_response(description: str, *, array: bool = True, single: bool = False) -> dict[str, Any]:
    """Occasions with the revision; `array` an array of them, `single` also one object (as sent)."""
    body: dict[str, Any] = openapi.schema("SpecialOccasion")
    if array:
        body = {"type": "array", "items": body}
    if single:
        body = {"oneOf": [body, openapi.schema("SpecialOccasion")]}
    return openapi.json_response(description, body, _REVISION_HEADER)


def occasions_request_body(model: str, *, single: bool = False) -> dict[str, Any]:
    """A body of 1 to MAX_PER_REQUEST occasions of `model`; `single`: or one object."""
    array = {"type": "array", "minItems": 1, "maxItems": MAX_PER_REQUEST, "items": openapi.schema(model)}
    return openapi.json_request_body({"oneOf": [array, openapi.schema(model)]} if single else array)


def errors(*statuses: int) -> dict[int, dict[str, str]]:
    """The error responses of a route answering `statuses`, and those every route answers."""
    return openapi.error_responses("LivePersonError", *statuses)
