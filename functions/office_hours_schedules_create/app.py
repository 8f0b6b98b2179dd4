"""POST /office_hours_schedules: create a schedule; the server assigns its id."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api, operations

app = api.resolver()


@app.post(
    api.SCHEDULES,
    summary="The created schedule",
    parameters=api.parameters(),
    request_body=api.json_body("NewSchedule"),
    responses={201: api.returns("Schedule", "The created schedule"), **api.errors(409, 413, 422)},
)
def create_office_hours_schedule():
    return operations.create_schedule(app)


lambda_handler = api_gateway_handler(app)
