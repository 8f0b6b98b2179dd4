"""HTTP glue of the assignment routes: paths, path ids, query parameters, the service, OpenAPI pieces.

The resolver, error body, version and workspace are office_hours/api.py's, as for every
office hours route. Nothing here imports the request models (pydantic): the functions that
only read never do, and those that write import `validation` when a request brings a body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from calendar_exceptions import openapi
from calendar_exceptions.errors import InvalidInput
from calendar_exceptions.office_hours.assignments import rules
from calendar_exceptions.office_hours.assignments.repository import AssignmentRepository
from calendar_exceptions.office_hours.assignments.service import AssignmentService
from calendar_exceptions.primitives import RuleViolation
from calendar_exceptions.rest import RestResolver
from calendar_exceptions.storage import dynamodb_client, table_name

if TYPE_CHECKING:
    from calendar_exceptions.office_hours.hours.service import HoursSource

# Intercom (Preview): teammates' and teams' office hours.
ADMINS = "/admins/office_hours"
ADMIN = "/admins/<id>/office_hours"
TEAM = "/teams/<team_id>/office_hours"
# Extensions of Intercom's API (docs/office-hours.md): the status of the schedule that applies,
# and the workspace default, which the vendor shows only as a team's fallback.
ADMIN_STATUS = ADMIN + "/status"
TEAM_STATUS = TEAM + "/status"
WORKSPACE = "/workspace/office_hours"


def service() -> AssignmentService:
    """Made per request: it holds nothing but the cached client (storage.dynamodb_client)."""
    return AssignmentService(AssignmentRepository(dynamodb_client(), table_name()))


def hours() -> HoursSource:
    """What the status routes read a schedule's hours with (office_hours/hours/reads.py)."""
    from calendar_exceptions.office_hours.hours.reads import HoursRepository

    return HoursRepository(dynamodb_client(), table_name())


def admin_id(value: str) -> str:
    """The path's teammate id; 404 when it is not of the Intercom form."""
    if not rules.is_holder_id(value):
        raise rules.admin_not_found(value)
    return value


def team_id(value: str) -> str:
    if not rules.is_holder_id(value):
        raise rules.team_not_found(value)
    return value


def page(app: RestResolver) -> tuple[int, str | None]:
    """The list's `per_page` and `starting_after` (400 naming the one that is malformed or sent twice)."""
    try:
        return (
            rules.per_page(app.current_event.query_value("per_page")),
            rules.starting_after(app.current_event.query_value("starting_after")),
        )
    except RuleViolation as violation:
        raise InvalidInput(str(violation), field=violation.field) from None


# --- what the routes declare for the OpenAPI document (tools/openapi.py) ----------------------

_HOLDER_ID_SCHEMA = {"type": "string", "pattern": rules.HOLDER_ID_PATTERN}
ADMIN_ID = openapi.path_parameter("id", _HOLDER_ID_SCHEMA)
TEAM_ID = openapi.path_parameter("team_id", _HOLDER_ID_SCHEMA)
PER_PAGE = openapi.query_parameter(
    "per_page",
    {"type": "integer", "minimum": 1},
    f"Teammates per page (default {rules.DEFAULT_PER_PAGE}); values above {rules.MAX_PER_PAGE} are reduced to "
    f"{rules.MAX_PER_PAGE}",
)
STARTING_AFTER = openapi.query_parameter(
    "starting_after",
    _HOLDER_ID_SCHEMA,
    "The cursor of the previous page's pages.next.starting_after (the last teammate id it listed)",
)
