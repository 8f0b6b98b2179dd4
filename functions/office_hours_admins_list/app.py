"""GET /admins/office_hours: the teammates with a schedule of their own, a page at a time (Intercom Preview)."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api
from calendar_exceptions.office_hours.assignments import api as assignments

app = api.resolver()


@app.get(
    assignments.ADMINS,
    summary="The teammates with an office hours schedule of their own, by id",
    description=(
        "Teammates who inherit are left out. pages.next (per_page, starting_after) is omitted on the last page."
    ),
    parameters=api.parameters(assignments.PER_PAGE, assignments.STARTING_AFTER),
    responses={200: api.returns("AdminOfficeHoursList", "A page of teammates' own schedules"), **api.errors()},
)
def list_admin_office_hours():
    per_page, starting_after = assignments.page(app)
    return api.respond(200, assignments.service().admins(api.workspace(app), per_page, starting_after))


lambda_handler = api_gateway_handler(app)
