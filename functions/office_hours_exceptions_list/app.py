"""GET /office_hours_schedules/{office_hours_schedule_id}/office_hours_exceptions: the schedule's exceptions."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api, operations

app = api.resolver()


@app.get(
    api.EXCEPTIONS,
    summary="The schedule's exceptions",
    parameters=api.parameters(api.SCHEDULE_ID),
    responses={200: api.returns("OfficeHoursExceptionList", "The schedule's exceptions"), **api.errors(404)},
)
def list_office_hours_exceptions(office_hours_schedule_id: str):
    return operations.list_exceptions(app, office_hours_schedule_id)


lambda_handler = api_gateway_handler(app)
