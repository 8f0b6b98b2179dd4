"""GET /office_hours_schedules: every schedule of the workspace."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.get(
    api.SCHEDULES,
    summary="The workspace's office hours schedules",
    parameters=api.parameters(),
    responses={200: api.returns("ScheduleList", "The workspace's office hours schedules"), **api.errors()},
)
def list_office_hours_schedules():
    return api.respond(200, api.listed("office_hours_schedule", api.service().schedules(api.workspace(app))))


lambda_handler = api_gateway_handler(app)
