"""The public feed routes' HTTP rules: no token, one 404, strong ETags and 304, CORS, a short cache.

- The secret in the path is the only credential: an Authorization header, or any other,
  is not read. An unknown, malformed or revoked secret, or one whose schedule is gone, is
  404 with one body, API Gateway's own (`{"message": "Not Found"}`), as for a path no route
  has: nothing tells which. The look-up is strongly consistent, so a revoked link is 404 on
  the very next request. The secret is never logged nor quoted; log lines of a request
  carry its `feed_id`.
- Once the link is found, a bad `at` is the 400 of the route the answer mirrors: Intercom's
  `error.list` for an office hours feed, the shift status's body for a LivePerson one.
- Every answer has `Access-Control-Allow-Origin: *` (a help-centre page fetches them from the
  browser, with no credentials). A 200 has a strong ETag (of its body) and answers 304 to an
  If-None-Match that names it; `Cache-Control: private, max-age=` a minute (status) or five
  (calendar): no shared cache keeps a link's answer, so a revocation is not outlived by one.
  Errors are `no-store`.
"""

from __future__ import annotations

import hashlib
from typing import Any

from calendar_exceptions import clock
from calendar_exceptions.errors import DomainError, NotFound
from calendar_exceptions.feeds.links import OFFICE_HOURS, FeedLink, secret_hash, well_formed
from calendar_exceptions.feeds.store import FeedStore
from calendar_exceptions.http_errors import register_error_handlers
from calendar_exceptions.liveperson.http import LivePersonErrorFormat
from calendar_exceptions.liveperson.shift_status import api as shift_status_api
from calendar_exceptions.observability import logger
from calendar_exceptions.office_hours.api import IntercomErrorFormat
from calendar_exceptions.office_hours.hours.service import requested_instant
from calendar_exceptions.rest import Response, RestResolver
from calendar_exceptions.storage import dynamodb_client, table_name

CALENDAR = "/feeds/<secret>/calendar.ics"
STATUS = "/feeds/<secret>/status"
CALENDAR_TYPE = "text/calendar; charset=utf-8"
CALENDAR_MAX_AGE = 300
STATUS_MAX_AGE = 60
NOT_FOUND = {"message": "Not Found"}
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "ETag"}
_FEED_API = "feed_api"
_NOT_FOUND_MESSAGE = "No such feed"


def _store() -> FeedStore:
    return FeedStore(dynamodb_client(), table_name())


class FeedErrorFormat:
    """404: one body whatever the cause; other errors in the format of the API the found link belongs to."""

    def __init__(self, app: RestResolver) -> None:
        self._app = app

    def body(self, status: int, error: DomainError, request_id: str) -> dict[str, Any]:
        if status == 404:
            return NOT_FOUND
        api = self._app.context.get(_FEED_API)
        if api == OFFICE_HOURS:
            return IntercomErrorFormat().body(status, error, request_id)
        if api is not None:
            return LivePersonErrorFormat(shift_status_api.ERROR_TYPE).body(status, error, request_id)
        return {"message": error.message}


class PublicApi:
    """A public route's resolver (`app`, which the routes and the OpenAPI generator use) and its Lambda entry
    (`resolve`): the CORS headers on every answer, `no-store` on those without a Cache-Control of their own."""

    def __init__(self) -> None:
        self.app = RestResolver()
        register_error_handlers(self.app, FeedErrorFormat(self.app))

    def resolve(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        try:
            result = self.app.resolve(event, context)
        finally:
            logger.remove_keys(["feed_id"])
        headers = result.setdefault("multiValueHeaders", {})
        for name, value in CORS.items():
            headers[name] = [value]
        headers.setdefault("Cache-Control", ["no-store"])
        return result


def feed_link(app: RestResolver, secret: str) -> FeedLink:
    """The link the path's secret opens, or the one 404. Its feed id joins every later log line of the request."""
    if not well_formed(secret):
        raise NotFound(_NOT_FOUND_MESSAGE)
    link = _store().link(secret_hash(secret))
    if link is None:
        raise NotFound(_NOT_FOUND_MESSAGE)
    app.append_context(**{_FEED_API: link.api})
    logger.append_keys(feed_id=link.feed_id)
    return link


def office_hours_at(app: RestResolver) -> int:
    """`at` as the office hours status reads it (Unix seconds), else when the request was made."""
    at = requested_instant(app.current_event.query_value("at"))
    return int(clock.request_time(app.current_event.request_context.request_time_epoch)) if at is None else at


def liveperson_at(app: RestResolver) -> int:
    """`at` as the shift status reads it (epoch milliseconds), else when the request was made: its one reading."""
    return shift_status_api._at(app)


def conditional(app: RestResolver, body: str, content_type: str, max_age: int) -> Response:
    """200 with `body` and its strong ETag, or 304 when If-None-Match names that ETag (or is `*`)."""
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": f"private, max-age={max_age}"}
    if _named(app.current_event.header_values("If-None-Match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(status_code=200, content_type=content_type, body=body, headers=headers)


def _named(values: list[str], etag: str) -> bool:
    """Whether If-None-Match names `etag` (its weak comparison: a W/ prefix is ignored)."""
    for value in values:
        for tag in value.split(","):
            tag = tag.strip()
            if tag == "*" or tag.removeprefix("W/") == etag:
                return True
    return False


# --- what the routes declare for the OpenAPI document (tools/openapi.py) ----------------------

PARAMETERS = [
    {
        "name": "secret",
        "in": "path",
        "required": True,
        "description": "The link's secret, as its create answered it in the URL",
        "schema": {"type": "string"},
    },
    {
        "name": "at",
        "in": "query",
        "required": False,
        "description": (
            "The moment to answer for (default: the request's time): Unix seconds for an office hours feed, "
            "epoch milliseconds for a LivePerson feed; malformed is the 400 of that API's status route"
        ),
        "schema": {"type": "integer", "minimum": 0},
    },
]
_CORS_HEADER = {"Access-Control-Allow-Origin": {"description": "*", "schema": {"type": "string", "const": "*"}}}
_CACHE_HEADERS = {
    "ETag": {"description": "Strong: of the body", "schema": {"type": "string"}},
    "Cache-Control": {"description": "private, max-age of at most five minutes", "schema": {"type": "string"}},
    **_CORS_HEADER,
}


def responses(schema: str | None, content_type: str, description: str) -> dict[int, dict[str, Any]]:
    """A public feed route's answers: 200 (`schema`, or text for the calendar), 304, and its errors."""
    body = {"$ref": f"#/components/schemas/{schema}"} if schema else {"type": "string"}
    error = {"description": "", "headers": _CORS_HEADER}
    return {
        200: {"description": description, "headers": _CACHE_HEADERS, "content": {content_type: {"schema": body}}},
        304: {"description": "If-None-Match names the current ETag: no body", "headers": _CACHE_HEADERS},
        **{
            status: {
                **error,
                "description": text,
                "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
            }
            for status, name, text in (
                (400, "FeedError", "`at` malformed: the error body of the API the link belongs to"),
                (404, "FeedNotFound", "Unknown, malformed or revoked secret: one body whatever the cause"),
                (500, "FeedError", "Internal Server Error"),
                (503, "FeedError", "Service Unavailable: storage still throttled or failing after retries"),
            )
        },
    }
