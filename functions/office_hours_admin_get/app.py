"""GET /admins/{id}/office_hours: a teammate's own schedule, null when they inherit (Intercom Preview)."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api
from calendar_exceptions.office_hours.assignments import api as assignments

app = api.resolver()


@app.get(
    assignments.ADMIN,
    summary="The teammate's own office hours schedule",
    description="office_hours_schedule_id is null when the teammate inherits: it is never the inherited schedule's id.",
    parameters=api.parameters(assignments.ADMIN_ID),
    responses={200: api.returns("AdminOfficeHours", "The teammate's own schedule"), **api.errors(404)},
)
def retrieve_admin_office_hours(id: str):  # noqa: A002 - the vendor's path parameter
    return api.respond(200, assignments.service().admin(api.workspace(app), assignments.admin_id(id)))


lambda_handler = api_gateway_handler(app)
