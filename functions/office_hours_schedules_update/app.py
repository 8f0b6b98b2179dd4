"""PUT /office_hours_schedules/{office_hours_schedule_id}: change the fields sent, keep the others."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api, operations

app = api.resolver()


@app.put(
    api.SCHEDULE,
    summary="The schedule with the sent fields changed",
    parameters=api.parameters(api.SCHEDULE_ID),
    request_body=api.json_body("ScheduleChange"),
    responses={
        200: api.returns("Schedule", "The schedule with the sent fields changed"),
        **api.errors(404, 409, 413, 422),
    },
)
def update_office_hours_schedule(office_hours_schedule_id: str):
    return operations.update_schedule(app, office_hours_schedule_id)


lambda_handler = api_gateway_handler(app)
