"""PUT /teams/{team_id}/office_hours: assign a team a schedule of its own, or clear it (Intercom Preview)."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.office_hours import api
from calendar_exceptions.office_hours.assignments import api as assignments
from calendar_exceptions.office_hours.assignments import rules

app = api.resolver()


@app.put(
    assignments.TEAM,
    summary="The schedule that applies to the team once set",
    description=(
        "null clears the team's own schedule (it uses the workspace default); sending the current value changes "
        "nothing. Cleared with no workspace default, the assignment is removed and the answer is 404."
    ),
    parameters=api.parameters(assignments.TEAM_ID),
    request_body=api.json_body("OfficeHoursAssignment"),
    responses={
        200: api.returns("Schedule", "The schedule that applies to the team"),
        **api.errors(404, 409, 413, 422),
    },
)
def update_team_office_hours(team_id: str):
    # The request models (pydantic): imported by the request that parses a body (cold start).
    from calendar_exceptions.office_hours.assignments.validation import assignment

    holder = rules.team(assignments.team_id(team_id))
    schedule_id = assignment(app.current_event.body)
    answer = assignments.service().assign_schedule(api.workspace(app), holder, schedule_id)
    metrics.add_metric(name="OfficeHoursTeamsAssigned", unit=MetricUnit.Count, value=1)
    return api.respond(200, answer)


lambda_handler = api_gateway_handler(app)
