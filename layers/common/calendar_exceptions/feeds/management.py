"""The routes that create, list and revoke feed links, as each API writes them (bearer token, `write` to change).

Office hours (Intercom style, the office hours resolver: `error.list`, Intercom-Version):
`office_hours_feed` objects, ids as strings, Unix seconds. LivePerson (the account's
resolver rules: the path's account is the caller's, `?v=1.0`; errors with `"type": "feeds"`):
camelCase, numeric ids, epoch milliseconds. A link's two URLs carry its secret and are
answered only by its create, once: lists never hold them. Nothing here imports pydantic but
`new_liveperson_feed`, called by the LivePerson create when it parses its body.
"""

from __future__ import annotations

import json
import re
from typing import Any

from calendar_exceptions import clock, openapi
from calendar_exceptions.errors import InvalidInput, echo
from calendar_exceptions.feeds.links import FeedLink, ListedLink, urls
from calendar_exceptions.feeds.store import FeedStore, feed_not_found
from calendar_exceptions.http_errors import register_error_handlers
from calendar_exceptions.liveperson.account_config.api import _supported_version as supported_version
from calendar_exceptions.liveperson.http import LivePersonErrorFormat, path_account_is_the_callers
from calendar_exceptions.office_hours.rules import ID_PATTERN
from calendar_exceptions.rest import APPLICATION_JSON, Response, RestResolver
from calendar_exceptions.storage import dynamodb_client, table_name
from calendar_exceptions.tenancy import authentication

OFFICE_HOURS_FEEDS = "/office_hours_schedules/<office_hours_schedule_id>/feeds"
OFFICE_HOURS_FEED = OFFICE_HOURS_FEEDS + "/<feed_id>"
LIVEPERSON_FEEDS = "/api/account/<accountId>/shift-status/feeds"
LIVEPERSON_FEED = LIVEPERSON_FEEDS + "/<feedId>"
OFFICE_HOURS_TYPE = "office_hours_feed"
ERROR_TYPE = "feeds"
_DIGITS = re.compile(r"[0-9]{1,18}")


def store() -> FeedStore:
    """The links' storage on this environment's client (a store holds nothing else: made per request)."""
    return FeedStore(dynamodb_client(), table_name())


def request_time(app: RestResolver) -> float:
    """When the request was made (Unix seconds): API Gateway's requestTimeEpoch, else the layer's clock."""
    return clock.request_time(app.current_event.request_context.request_time_epoch)


# --- office hours ---------------------------------------------------------------------------------


def office_hours_feed(
    link: FeedLink | ListedLink, schedule_id: str, secret: str | None = None, event: Any = None
) -> dict[str, Any]:
    """An `office_hours_feed` object; with the URLs only when `secret` is given (the create's answer)."""
    answer: dict[str, Any] = {"type": OFFICE_HOURS_TYPE, "id": link.feed_id, "office_hours_schedule_id": schedule_id}
    if secret is not None:
        answer["calendar_url"], answer["status_url"] = urls(event, secret)
    answer["created_at"] = link.created_at
    return answer


def feed_id(value: str) -> str:
    """An office hours feed id as issued ("1", "2", ...); anything else names no feed (404)."""
    if not re.fullmatch(ID_PATTERN, value):
        raise feed_not_found(value)
    return value


# --- LivePerson -------------------------------------------------------------------------------------


def liveperson_resolver() -> RestResolver:
    app = RestResolver()
    register_error_handlers(app, LivePersonErrorFormat(ERROR_TYPE))
    app.use(middlewares=[authentication(path_account_is_the_callers, supported_version)])
    return app


def liveperson_feed(stored: dict[str, Any], secret: str | None = None, event: Any = None) -> dict[str, Any]:
    """A LivePerson feed object; with the URLs only when `secret` is given (the create's answer)."""
    answer: dict[str, Any] = {"id": stored["id"], "skillId": stored.get("skillId")}
    if secret is not None:
        answer["calendarUrl"], answer["statusUrl"] = urls(event, secret)
    answer["createdAt"] = stored["createdAt"]
    return answer


def new_liveperson_feed(body: str | None) -> int | None:
    """The create's body, `{"skillId": <positive integer> | null}` (`{}` is null): its skill id, or 400/413."""
    from calendar_exceptions.feeds.models import NewLivePersonFeed
    from calendar_exceptions.validation import json_body, validate

    return validate(NewLivePersonFeed.model_validate, json_body(body)).skillId


def liveperson_feed_id(value: str) -> int:
    if not _DIGITS.fullmatch(value) or int(value) == 0:
        raise InvalidInput(f"feedId: {echo(value)} is not a positive integer", "feedId")
    return int(value)


def respond(status: int, body: Any) -> Response:
    return Response(status_code=status, content_type=APPLICATION_JSON, body=json.dumps(body))


# --- what the routes declare for the OpenAPI document (tools/openapi.py) ----------------------

FEED_ID = openapi.path_parameter("feed_id", {"type": "string", "pattern": "^[1-9][0-9]{0,11}$"})
LIVEPERSON_FEED_ID = openapi.path_parameter("feedId", {"type": "string", "pattern": "^[0-9]{1,18}$"})
VERSION = {
    "name": "v",
    "in": "query",
    "required": False,
    "description": "API version: 1.0 (or 1), as every LivePerson route",
    "schema": {"type": "string", "enum": ["1.0", "1"]},
}


def liveperson_errors(*statuses: int) -> dict[int, dict[str, str]]:
    """The error responses of a LivePerson feeds route answering `statuses`, and those every route answers (400: v)."""
    return openapi.error_responses("FeedsError", 400, *statuses)
