"""GET /office_hours_schedules/{office_hours_schedule_id}/effective_hours: each date's open intervals.

An extension of Intercom's office hours API (docs/office-hours.md).
"""

from calendar_exceptions import openapi
from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api, rules
from calendar_exceptions.office_hours.hours import operations

app = api.resolver()

_DATE = {"type": "string", "format": "date"}
FROM = openapi.query_parameter("from", _DATE, "First local date, in the schedule's zone (default: today there)")
TO = openapi.query_parameter(
    "to", _DATE, f"Last local date, included (default: from + 6 days); at most {rules.MAX_RANGE_DAYS} days in all"
)


@app.get(
    api.EFFECTIVE_HOURS,
    summary="The schedule's effective hours, date by date",
    description=(
        "An extension of Intercom's office hours API, which has no such endpoint. Each local date of the range "
        "with its open intervals: the schedule's, or those of the exception that replaces the whole date "
        "(recurring_annually included), in minutes from the date's local midnight and in Unix seconds."
    ),
    parameters=api.parameters(api.SCHEDULE_ID, FROM, TO),
    responses={200: api.returns("OfficeHoursEffectiveHours", "The dates of the range, in order"), **api.errors(404)},
)
def get_office_hours_effective_hours(office_hours_schedule_id: str):
    return operations.effective_hours(app, office_hours_schedule_id)


lambda_handler = api_gateway_handler(app)
