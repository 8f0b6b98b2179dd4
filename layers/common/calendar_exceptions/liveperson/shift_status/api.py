"""HTTP glue of the Shift Status API: its resolver, the skill id and `at` parameters, the answers, their OpenAPI shapes.

Errors are the special occasions error body with `"type": "shiftstatus"`; authentication and
the path's account are checked as on every LivePerson route (liveperson/http.py). Nothing here
imports pydantic: the function validates no body, and its cold start is what its callers
feel.
"""

from __future__ import annotations

import json
import re
from typing import Any

from calendar_exceptions import clock, openapi
from calendar_exceptions.errors import InvalidInput, echo
from calendar_exceptions.http_errors import register_error_handlers
from calendar_exceptions.liveperson.http import LivePersonErrorFormat, path_account_is_the_callers
from calendar_exceptions.liveperson.shift_status.statuses import entry, status, statuses
from calendar_exceptions.liveperson.skills.hours import account_hours, skill_hours
from calendar_exceptions.rest import APPLICATION_JSON, Response, RestResolver
from calendar_exceptions.storage import dynamodb_client, table_name
from calendar_exceptions.tenancy import authentication, tenant

SKILL_STATUS = "/api/account/<accountId>/skills/<skillId>/shift-status-skill"
ACCOUNT_STATUS = "/api/account/<accountId>/shift-status"
ERROR_TYPE = "shiftstatus"
# `at` is epoch milliseconds from 1970 to the start of 9998: the answer looks 400 days past
# it, and the calendar ends with 9999.
MAX_AT = 253_339_228_800_000  # 9998-01-01T00:00Z
_DIGITS = re.compile(r"[0-9]{1,18}")


def resolver() -> RestResolver:
    app = RestResolver()
    register_error_handlers(app, LivePersonErrorFormat(ERROR_TYPE))
    app.use(middlewares=[authentication(path_account_is_the_callers)])
    return app


def skill_status(app: RestResolver, skill_id: str) -> Response:
    """The status of the path's skill at `at` (default: the request's time) as the vendor answers it.

    From the skill's own workdays and special occasions objects where it names them, else
    the account's defaults; a skill id the account does not have answers the account level.
    """
    skill = _skill_id(skill_id)
    at = _at(app)
    hours = skill_hours(dynamodb_client(), table_name(), tenant(app), skill)
    return _answer(entry(skill, status(hours.workday, hours.occasion, at)))


def account_status(app: RestResolver) -> Response:
    """The status of every skill of the account at `at`, in ascending skill id ([] without skills)."""
    at = _at(app)
    return _answer(statuses(account_hours(dynamodb_client(), table_name(), tenant(app)), at))


def _answer(body: Any) -> Response:
    """Never cached (`Cache-Control: no-store`): the answer depends on the moment and on
    collections that change at any time."""
    return Response(
        status_code=200, content_type=APPLICATION_JSON, body=json.dumps(body), headers={"Cache-Control": "no-store"}
    )


def _skill_id(value: str) -> int:
    if not _DIGITS.fullmatch(value) or int(value) == 0:
        raise InvalidInput(f"skillId: {echo(value)} is not a positive integer", "skillId")
    return int(value)


def _at(app: RestResolver) -> int:
    """`at`, else when the request was made (API Gateway's requestTimeEpoch, else the layer's clock), epoch ms."""
    value = app.current_event.query_value("at")
    if value is None:
        return round(clock.request_time(app.current_event.request_context.request_time_epoch) * 1000)
    if not _DIGITS.fullmatch(value) or int(value) > MAX_AT:
        raise InvalidInput(f"at: {echo(value)} is not epoch milliseconds from 0 to {MAX_AT}", "at")
    return int(value)


# --- what the route declares for the OpenAPI document (tools/openapi.py) ----------------------

SKILL_ID = openapi.path_parameter("skillId", {"type": "string", "pattern": "^[0-9]{1,18}$"})
AT = {
    "name": "at",
    "in": "query",
    "required": False,
    "description": (
        "Extension (not in the vendor's API): the moment to answer for, in epoch milliseconds; default the "
        "request's time. Malformed, negative, sent more than once or later than the start of 9998 is 400."
    ),
    "schema": {"type": "integer", "minimum": 0, "maximum": MAX_AT},
}
_NO_STORE = {
    "Cache-Control": {
        "description": "no-store: the answer depends on the moment and on data that changes at any time",
        "required": True,
        "schema": {"type": "string", "const": "no-store"},
    }
}
STATUS = openapi.json_response(
    "The skill's shift status: from its own workdays and special occasions objects, else the account's defaults "
    "(a skill id the account does not have answers the account level)",
    openapi.schema("ShiftStatus"),
    _NO_STORE,
)
STATUSES = openapi.json_response(
    "One entry per skill of the account, in ascending skillId; [] for an account without skills",
    {"type": "array", "items": openapi.schema("ShiftStatus")},
    _NO_STORE,
)


def errors(*statuses: int) -> dict[int, dict[str, str]]:
    """The error responses of a route answering `statuses`, and those every route answers."""
    return openapi.error_responses("ShiftStatusError", *statuses)
