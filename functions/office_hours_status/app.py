"""GET /office_hours_schedules/{office_hours_schedule_id}/status: open at an instant, next open and close.

An extension of Intercom's office hours API (docs/office-hours.md).
"""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api
from calendar_exceptions.office_hours.hours import operations

app = api.resolver()


@app.get(
    api.STATUS,
    summary="Whether the schedule is open at an instant, and when it next opens and closes",
    description=(
        "An extension of Intercom's office hours API, which has no such endpoint. next_open_at and "
        "next_close_at are null when there is no such instant within 400 days."
    ),
    parameters=api.parameters(api.SCHEDULE_ID, api.AT),
    responses={200: api.returns("OfficeHoursStatus", "The schedule's status at the instant"), **api.errors(404)},
)
def get_office_hours_status(office_hours_schedule_id: str):
    return operations.status(app, office_hours_schedule_id)


lambda_handler = api_gateway_handler(app)
