"""POST /office_hours_schedules/{office_hours_schedule_id}/office_hours_exceptions: one exception, one per date."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.post(
    api.EXCEPTIONS,
    summary="The created exception",
    parameters=api.parameters(api.SCHEDULE_ID),
    request_body=api.json_body("NewException"),
    responses={201: api.returns("OfficeHoursException", "The created exception"), **api.errors(404, 409, 413, 422)},
)
def create_office_hours_exception(office_hours_schedule_id: str):
    # The request models (pydantic): imported by the request that parses a body (cold start).
    from calendar_exceptions.office_hours.validation import new_exception

    schedule_id = api.schedule_id(office_hours_schedule_id)
    new = new_exception(app.current_event.body)
    exception = api.service().create_exception(api.workspace(app), schedule_id, new)
    metrics.add_metric(name="OfficeHoursExceptionsCreated", unit=MetricUnit.Count, value=1)
    return api.respond(201, exception.to_json())


lambda_handler = api_gateway_handler(app)
