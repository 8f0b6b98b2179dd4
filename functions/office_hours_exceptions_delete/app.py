"""DELETE /office_hours_schedules/{office_hours_schedule_id}/office_hours_exceptions/{id}: frees its date."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.delete(
    api.EXCEPTION,
    summary="The exception is deleted and its date freed",
    parameters=api.parameters(api.SCHEDULE_ID, api.EXCEPTION_ID),
    responses={200: api.returns("Deleted", "The exception is deleted and its date freed"), **api.errors(404, 409)},
)
def delete_office_hours_exception(office_hours_schedule_id: str, id: str):  # noqa: A002 - the vendor's path parameter
    schedule_id, exception_id = api.schedule_id(office_hours_schedule_id), api.exception_id(id)
    api.service().delete_exception(api.workspace(app), schedule_id, exception_id)
    metrics.add_metric(name="OfficeHoursExceptionsDeleted", unit=MetricUnit.Count, value=1)
    return api.respond(200, api.deleted("office_hours_exception", exception_id))


lambda_handler = api_gateway_handler(app)
