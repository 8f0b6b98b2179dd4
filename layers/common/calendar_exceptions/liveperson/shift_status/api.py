"""HTTP glue of the Shift Status API: its resolver, the skill id and `at` parameters, the answer, its OpenAPI shapes.

Errors are the special occasions error body with `"type": "shiftstatus"`; authentication and
the path's account are checked as on every LivePerson route (liveperson/http.py). Nothing here
imports pydantic: the function validates no body, and its cold start is what its callers
feel.
"""

from __future__ import annotations

import json
import re

from calendar_exceptions import clock, openapi
from calendar_exceptions.errors import InvalidInput, echo
from calendar_exceptions.http_errors import register_error_handlers
from calendar_exceptions.liveperson.account_config.defaults import read_defaults
from calendar_exceptions.liveperson.http import LivePersonErrorFormat, path_account_is_the_callers
from calendar_exceptions.liveperson.shift_status.shifts import shift_status
from calendar_exceptions.liveperson.special_occasions.kind import SPECIAL_OCCASIONS
from calendar_exceptions.liveperson.workdays.kind import WORKDAYS
from calendar_exceptions.rest import APPLICATION_JSON, Response, RestResolver
from calendar_exceptions.storage import dynamodb_client, table_name
from calendar_exceptions.tenancy import authentication, tenant

SKILL_STATUS = "/api/account/<accountId>/skills/<skillId>/shift-status-skill"
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
    """The account-level status for the path's skill at `at` (default: the request's time) as the vendor answers it.

    Never cached (`Cache-Control: no-store`): the answer depends on the moment and on
    collections that change at any time.
    """
    skill = _skill_id(skill_id)
    at = _at(app)
    defaults = read_defaults(dynamodb_client(), table_name(), tenant(app))
    status = shift_status(defaults[WORKDAYS], defaults[SPECIAL_OCCASIONS], at)
    body = {"skillId": skill, "onShift": status.on_shift, "nextOn": status.next_on, "nextOff": status.next_off}
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
STATUS = openapi.json_response(
    "The account-level shift status (every skill id answers the account's)",
    openapi.schema("ShiftStatus"),
    {
        "Cache-Control": {
            "description": "no-store: the answer depends on the moment and on data that changes at any time",
            "required": True,
            "schema": {"type": "string", "const": "no-store"},
        }
    },
)


def errors(*statuses: int) -> dict[int, dict[str, str]]:
    """The error responses of a route answering `statuses`, and those every route answers."""
    return openapi.error_responses("ShiftStatusError", *statuses)
