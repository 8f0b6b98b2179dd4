"""POST /office_hours_schedules/{office_hours_schedule_id}/office_hours_exceptions: one exception, one per date."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api, operations

app = api.resolver()


@app.post(
    api.EXCEPTIONS,
    summary="The created exception",
    parameters=api.parameters(api.SCHEDULE_ID),
    request_body=api.json_body("NewException"),
    responses={201: api.returns("OfficeHoursException", "The created exception"), **api.errors(404, 409, 413, 422)},
)
def create_office_hours_exception(office_hours_schedule_id: str):
    return operations.create_exception(app, office_hours_schedule_id)


lambda_handler = api_gateway_handler(app)
