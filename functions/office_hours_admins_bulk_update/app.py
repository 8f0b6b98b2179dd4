"""PUT /admins/office_hours: up to 50 teammates' own schedules, all or nothing (Intercom Preview)."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.office_hours import api
from calendar_exceptions.office_hours.assignments import api as assignments

app = api.resolver()


@app.put(
    assignments.ADMINS,
    summary="The teammates sent, in request order, with their own schedules",
    description=(
        "All or nothing: if any entry is refused, no teammate changes. Errors name the entry by its index "
        "(assignments[1].admin_id). A null schedule id clears the teammate's own schedule (they inherit); "
        "sending the current value changes nothing."
    ),
    parameters=api.parameters(),
    request_body=api.json_body("BulkAdminAssignments"),
    responses={
        200: api.returns("AdminOfficeHoursBulkList", "The teammates sent, in request order"),
        **api.errors(409, 413, 422),
    },
)
def bulk_update_admin_office_hours():
    # The request models (pydantic): imported by the request that parses a body (cold start).
    from calendar_exceptions.office_hours.assignments.validation import bulk

    sent = bulk(app.current_event.body)
    answer = assignments.service().assign_admins(api.workspace(app), sent)
    metrics.add_metric(name="OfficeHoursAdminsAssigned", unit=MetricUnit.Count, value=len(sent))
    return api.respond(200, answer)


lambda_handler = api_gateway_handler(app)
