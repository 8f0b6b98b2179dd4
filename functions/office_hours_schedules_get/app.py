"""GET /office_hours_schedules/{office_hours_schedule_id}: one schedule."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api, operations

app = api.resolver()


@app.get(
    api.SCHEDULE,
    summary="The schedule",
    parameters=api.parameters(api.SCHEDULE_ID),
    responses={200: api.returns("Schedule", "The schedule"), **api.errors(404)},
)
def get_office_hours_schedule(office_hours_schedule_id: str):
    return operations.get_schedule(app, office_hours_schedule_id)


lambda_handler = api_gateway_handler(app)
