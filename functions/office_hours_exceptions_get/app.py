"""GET /office_hours_schedules/{office_hours_schedule_id}/office_hours_exceptions/{id}: one exception."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api, operations

app = api.resolver()


@app.get(
    api.EXCEPTION,
    summary="The exception",
    parameters=api.parameters(api.SCHEDULE_ID, api.EXCEPTION_ID),
    responses={200: api.returns("OfficeHoursException", "The exception"), **api.errors(404)},
)
def get_office_hours_exception(office_hours_schedule_id: str, id: str):  # noqa: A002 - the vendor's path parameter
    return operations.get_exception(app, office_hours_schedule_id, id)


lambda_handler = api_gateway_handler(app)
