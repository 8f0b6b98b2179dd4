"""PUT /admins/{id}/office_hours: assign a teammate a schedule of their own, or clear it (Intercom Preview)."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.office_hours import api
from calendar_exceptions.office_hours.assignments import api as assignments

app = api.resolver()


@app.put(
    assignments.ADMIN,
    summary="The teammate's own office hours schedule, as set",
    description="null clears the teammate's own schedule (they inherit); sending the current value changes nothing.",
    parameters=api.parameters(assignments.ADMIN_ID),
    request_body=api.json_body("OfficeHoursAssignment"),
    responses={
        200: api.returns("AdminOfficeHours", "The teammate's own schedule"),
        **api.errors(404, 409, 413, 422),
    },
)
def update_admin_office_hours(id: str):  # noqa: A002 - the vendor's path parameter
    # The request models (pydantic): imported by the request that parses a body (cold start).
    from calendar_exceptions.office_hours.assignments.validation import assignment

    admin_id = assignments.admin_id(id)
    schedule_id = assignment(app.current_event.body)
    answer = assignments.service().assign_admin(api.workspace(app), admin_id, schedule_id)
    metrics.add_metric(name="OfficeHoursAdminsAssigned", unit=MetricUnit.Count, value=1)
    return api.respond(200, answer)


lambda_handler = api_gateway_handler(app)
