"""DELETE /office_hours_schedules/{office_hours_schedule_id}: a schedule with all its exceptions."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.delete(
    api.SCHEDULE,
    summary="The schedule and its exceptions are deleted",
    parameters=api.parameters(api.SCHEDULE_ID),
    responses={200: api.returns("Deleted", "The schedule and its exceptions are deleted"), **api.errors(404, 409)},
)
def delete_office_hours_schedule(office_hours_schedule_id: str):
    schedule_id = api.schedule_id(office_hours_schedule_id)
    api.service().delete_schedule(api.workspace(app), schedule_id)
    metrics.add_metric(name="OfficeHoursSchedulesDeleted", unit=MetricUnit.Count, value=1)
    return api.respond(200, api.deleted("office_hours_schedule", schedule_id))


lambda_handler = api_gateway_handler(app)
