"""GET /office_hours_schedules/{office_hours_schedule_id}/office_hours_exceptions: the schedule's exceptions."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.get(
    api.EXCEPTIONS,
    summary="The schedule's exceptions",
    parameters=api.parameters(api.SCHEDULE_ID),
    responses={200: api.returns("OfficeHoursExceptionList", "The schedule's exceptions"), **api.errors(404)},
)
def list_office_hours_exceptions(office_hours_schedule_id: str):
    exceptions = api.service().exceptions(api.workspace(app), api.schedule_id(office_hours_schedule_id))
    return api.respond(200, api.listed("office_hours_exception", exceptions))


lambda_handler = api_gateway_handler(app)
