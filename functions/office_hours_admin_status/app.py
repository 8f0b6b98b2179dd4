"""GET /admins/{id}/office_hours/status: the status of the schedule that applies to a teammate.

An extension of Intercom's API (docs/office-hours.md): the teammate's own schedule, else the
workspace default, answered as a schedule's status.
"""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api
from calendar_exceptions.office_hours.assignments import api as assignments
from calendar_exceptions.office_hours.assignments import rules
from calendar_exceptions.office_hours.hours.service import requested_instant

app = api.resolver()


@app.get(
    assignments.ADMIN_STATUS,
    summary="Whether the teammate's office hours are open at an instant, and when they next open and close",
    description=(
        "An extension of Intercom's API. The status of the teammate's own schedule, else the workspace default's "
        "(office_hours_schedule_id says which); 404 when neither exists."
    ),
    parameters=api.parameters(assignments.ADMIN_ID, api.AT),
    responses={200: api.returns("OfficeHoursStatus", "The status at the instant"), **api.errors(404)},
)
def get_admin_office_hours_status(id: str):  # noqa: A002 - the vendor's path parameter
    holder = rules.admin(assignments.admin_id(id))
    at = requested_instant(app.current_event.query_value("at"))
    at = api.request_time(app) if at is None else at
    answer = assignments.service().status(api.workspace(app), holder, at, assignments.hours())
    return api.respond(200, answer, api.NO_STORE)


lambda_handler = api_gateway_handler(app)
