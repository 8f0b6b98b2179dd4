"""DELETE /office_hours_schedules/{office_hours_schedule_id}: a schedule with all its exceptions."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api, operations

app = api.resolver()


@app.delete(
    api.SCHEDULE,
    summary="The schedule and its exceptions are deleted",
    parameters=api.parameters(api.SCHEDULE_ID),
    responses={200: api.returns("Deleted", "The schedule and its exceptions are deleted"), **api.errors(404, 409)},
)
def delete_office_hours_schedule(office_hours_schedule_id: str):
    return operations.delete_schedule(app, office_hours_schedule_id)


lambda_handler = api_gateway_handler(app)
