"""GET /office_hours_schedules/{office_hours_schedule_id}/office_hours_exceptions/{id}: one exception."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.get(
    api.EXCEPTION,
    summary="The exception",
    parameters=api.parameters(api.SCHEDULE_ID, api.EXCEPTION_ID),
    responses={200: api.returns("OfficeHoursException", "The exception"), **api.errors(404)},
)
def get_office_hours_exception(office_hours_schedule_id: str, id: str):  # noqa: A002 - the vendor's path parameter
    schedule_id, exception_id = api.schedule_id(office_hours_schedule_id), api.exception_id(id)
    exception = api.service().exception(api.workspace(app), schedule_id, exception_id)
    return api.respond(200, exception)


lambda_handler = api_gateway_handler(app)
