"""POST /office_hours_schedules: create a schedule; the server assigns its id."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.post(
    api.SCHEDULES,
    summary="The created schedule",
    parameters=api.parameters(),
    request_body=api.json_body("NewSchedule"),
    responses={201: api.returns("Schedule", "The created schedule"), **api.errors(409, 413, 422)},
)
def create_office_hours_schedule():
    # The request models (pydantic): imported by the request that parses a body (cold start).
    from calendar_exceptions.office_hours.validation import new_schedule

    schedule = api.service().create_schedule(api.workspace(app), new_schedule(app.current_event.body))
    metrics.add_metric(name="OfficeHoursSchedulesCreated", unit=MetricUnit.Count, value=1)
    return api.respond(201, schedule.to_json())


lambda_handler = api_gateway_handler(app)
