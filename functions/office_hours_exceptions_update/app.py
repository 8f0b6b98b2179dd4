"""PUT /office_hours_schedules/{office_hours_schedule_id}/office_hours_exceptions/{id}: change the fields sent.

The operation the office hours API is built around: see docs/office-hours.md for how two
partial updates of one exception both survive, and what each costs.
"""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api, operations

app = api.resolver()


@app.put(
    api.EXCEPTION,
    summary="The exception with the sent fields changed",
    parameters=api.parameters(api.SCHEDULE_ID, api.EXCEPTION_ID),
    request_body=api.json_body("ExceptionChange"),
    responses={
        200: api.returns("OfficeHoursException", "The exception with the sent fields changed"),
        **api.errors(404, 409, 413, 422),
    },
)
def update_office_hours_exception(office_hours_schedule_id: str, id: str):  # noqa: A002 - the vendor's path parameter
    return operations.update_exception(app, office_hours_schedule_id, id)


lambda_handler = api_gateway_handler(app)
