"""GET /teams/{team_id}/office_hours: the schedule that applies to a team (Intercom Preview)."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api
from calendar_exceptions.office_hours.assignments import api as assignments
from calendar_exceptions.office_hours.assignments import rules

app = api.resolver()


@app.get(
    assignments.TEAM,
    summary="The team's office hours schedule, or the workspace default",
    description="The team's own schedule, else the workspace default; 404 when it has none and there is no default.",
    parameters=api.parameters(assignments.TEAM_ID),
    responses={200: api.returns("Schedule", "The schedule that applies to the team"), **api.errors(404)},
)
def retrieve_team_office_hours(team_id: str):
    holder = rules.team(assignments.team_id(team_id))
    return api.respond(200, assignments.service().schedule(api.workspace(app), holder))


lambda_handler = api_gateway_handler(app)
