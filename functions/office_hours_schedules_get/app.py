"""GET /office_hours_schedules/{office_hours_schedule_id}: one schedule."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.get(
    api.SCHEDULE,
    summary="The schedule",
    parameters=api.parameters(api.SCHEDULE_ID),
    responses={200: api.returns("Schedule", "The schedule"), **api.errors(404)},
)
def get_office_hours_schedule(office_hours_schedule_id: str):
    schedule = api.service().schedule(api.workspace(app), api.schedule_id(office_hours_schedule_id))
    return api.respond(200, schedule)


lambda_handler = api_gateway_handler(app)
