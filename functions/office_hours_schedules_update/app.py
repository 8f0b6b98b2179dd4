"""PUT /office_hours_schedules/{office_hours_schedule_id}: change the fields sent, keep the others."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.put(
    api.SCHEDULE,
    summary="The schedule with the sent fields changed",
    parameters=api.parameters(api.SCHEDULE_ID),
    request_body=api.json_body("ScheduleChange"),
    responses={
        200: api.returns("Schedule", "The schedule with the sent fields changed"),
        **api.errors(404, 409, 413, 422),
    },
)
def update_office_hours_schedule(office_hours_schedule_id: str):
    # The request models (pydantic): imported by the request that parses a body (cold start).
    from calendar_exceptions.office_hours.validation import schedule_change

    schedule_id = api.schedule_id(office_hours_schedule_id)
    change = schedule_change(app.current_event.body)
    schedule = api.service().update_schedule(api.workspace(app), schedule_id, change)
    metrics.add_metric(name="OfficeHoursSchedulesUpdated", unit=MetricUnit.Count, value=1)
    return api.respond(200, schedule.to_json())


lambda_handler = api_gateway_handler(app)
