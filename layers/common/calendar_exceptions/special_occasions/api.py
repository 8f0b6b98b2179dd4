"""HTTP glue shared by the special occasions handlers: routes, headers, responses, errors."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from calendar_exceptions.errors import DomainError, Forbidden, InvalidInput
from calendar_exceptions.http_errors import register_error_handlers
from calendar_exceptions.rest import APPLICATION_JSON, Response, RestResolver
from calendar_exceptions.special_occasions.models import SpecialOccasion
from calendar_exceptions.special_occasions.repository import SpecialOccasionRepository
from calendar_exceptions.special_occasions.service import SpecialOccasionService
from calendar_exceptions.special_occasions.validation import MAX_PER_REQUEST
from calendar_exceptions.storage import dynamodb_client, table_name
from calendar_exceptions.tenancy import authenticated_tenant

COLLECTION = "/api/account/<accountId>/configuration/ac-common/specialoccasion"
ITEM = COLLECTION + "/<id>"
REVISION_HEADER = "ac-revision"
_REVISION = re.compile(r'(?:W/)?"?(\d{1,18})"?')
_ID = re.compile(r"\d{1,18}")

# internalCode per status, in the vendor's style ("internalCode":12,"message":"No data found").
INTERNAL_CODES = {400: 10, 401: 20, 403: 21, 404: 12, 409: 13, 413: 15, 422: 14, 500: 1, 503: 2}


class LivePersonErrorFormat:
    def body(self, status: int, error: DomainError, request_id: str) -> dict[str, Any]:
        return {"type": "specialoccasion", "internalCode": INTERNAL_CODES.get(status, 1), "message": error.message}


def resolver() -> RestResolver:
    app = RestResolver()
    register_error_handlers(app, LivePersonErrorFormat())
    return app


@functools.cache
def service() -> SpecialOccasionService:
    return SpecialOccasionService(SpecialOccasionRepository(dynamodb_client(), table_name()))


def account(app: RestResolver, account_id: str) -> str:
    """The path's account, once it is known to be the caller's own."""
    tenant = authenticated_tenant(app.current_event.raw_event)
    if account_id != tenant:
        raise Forbidden(f"Not allowed to access account {account_id}")
    return tenant


def if_match(app: RestResolver, *, required: bool) -> int | None:
    value = app.current_event.headers.get("If-Match")
    if value is None or not value.strip():
        if required:
            raise InvalidInput("If-Match: header is required and must hold the current ac-revision", "If-Match")
        return None
    match = _REVISION.fullmatch(value.strip())
    if not match:
        raise InvalidInput(f"If-Match: '{value}' is not a revision number", "If-Match")
    return int(match.group(1))


def occasion_ids(path_value: str) -> list[int]:
    """`12` or `12,34`: the ids of an item path, each once, at most MAX_PER_REQUEST of them."""
    parts = path_value.split(",")
    if len(parts) > MAX_PER_REQUEST:
        raise InvalidInput(f"id: at most {MAX_PER_REQUEST} ids per request", "id")
    if not all(_ID.fullmatch(part) for part in parts):
        raise InvalidInput(f"id: '{path_value}' is not an id or a comma-separated list of ids", "id")
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
