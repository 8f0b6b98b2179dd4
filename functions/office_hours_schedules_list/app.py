"""GET /office_hours_schedules: every schedule of the workspace."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api, operations

app = api.resolver()


@app.get(
    api.SCHEDULES,
    summary="The workspace's office hours schedules",
    parameters=api.parameters(),
    responses={200: api.returns("ScheduleList", "The workspace's office hours schedules"), **api.errors()},
)
def list_office_hours_schedules():
    return operations.list_schedules(app)


lambda_handler = api_gateway_handler(app)
