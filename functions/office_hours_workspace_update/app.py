"""PUT /workspace/office_hours: set or clear the workspace default schedule (an extension of Intercom's API)."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.office_hours import api
from calendar_exceptions.office_hours.assignments import api as assignments
from calendar_exceptions.office_hours.assignments import rules

app = api.resolver()


@app.put(
    assignments.WORKSPACE,
    summary="The workspace default office hours schedule, as set",
    description=(
        "An extension of Intercom's API, answered as a team's: the schedule, or 404 once cleared with null "
        "(the default is removed all the same). Sending the current value changes nothing."
    ),
    parameters=api.parameters(),
    request_body=api.json_body("OfficeHoursAssignment"),
    responses={200: api.returns("Schedule", "The workspace default schedule"), **api.errors(404, 409, 413, 422)},
)
def update_workspace_office_hours():
    # The request models (pydantic): imported by the request that parses a body (cold start).
    from calendar_exceptions.office_hours.assignments.validation import assignment

    schedule_id = assignment(app.current_event.body)
    answer = assignments.service().assign_schedule(api.workspace(app), rules.WORKSPACE_DEFAULT, schedule_id)
    metrics.add_metric(name="OfficeHoursWorkspaceDefaultsSet", unit=MetricUnit.Count, value=1)
    return api.respond(200, answer)


lambda_handler = api_gateway_handler(app)
