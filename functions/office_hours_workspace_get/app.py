"""GET /workspace/office_hours: the workspace default schedule (an extension of Intercom's API)."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api
from calendar_exceptions.office_hours.assignments import api as assignments
from calendar_exceptions.office_hours.assignments import rules

app = api.resolver()


@app.get(
    assignments.WORKSPACE,
    summary="The workspace default office hours schedule",
    description=(
        "An extension of Intercom's API, which shows the default only as a team's fallback: the schedule teams "
        "and teammates without one of their own use; 404 when there is none."
    ),
    parameters=api.parameters(),
    responses={200: api.returns("Schedule", "The workspace default schedule"), **api.errors(404)},
)
def retrieve_workspace_office_hours():
    return api.respond(200, assignments.service().schedule(api.workspace(app), rules.WORKSPACE_DEFAULT))


lambda_handler = api_gateway_handler(app)
