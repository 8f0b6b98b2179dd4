"""POST /office_hours_schedules/{office_hours_schedule_id}/office_hours_exceptions/holidays: holidays as exceptions.

One closed exception per public holiday date the schedule has none on, all in one transaction
(docs/holidays.md); the holidays layer (template.yaml) ships the library.
"""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.office_hours import api
from public_holidays import office_hours_routes as routes

app = api.resolver()


@app.post(
    routes.HOLIDAY_EXCEPTIONS,
    summary="Public holidays of a country (or subdivision) as closed exceptions, all or none",
    description=(
        "Each public holiday date of the years becomes a closed exception named after the holiday "
        "(recurring_annually false); a date that already has an exception is skipped and listed with it. "
        "All in one DynamoDB transaction: at most 3 years and 49 dates."
    ),
    parameters=api.parameters(api.SCHEDULE_ID),
    request_body=api.json_body("NewHolidayExceptions"),
    responses={
        201: api.returns("HolidayExceptionList", "The exceptions created, and the dates skipped"),
        **api.errors(404, 409, 413),
    },
)
def create_holiday_exceptions(office_hours_schedule_id: str):
    schedule_id = api.schedule_id(office_hours_schedule_id)
    holidays = routes.import_request(app)
    imported = routes.holiday_exceptions().create(api.workspace(app), schedule_id, holidays)
    metrics.add_metric(name="OfficeHoursExceptionsCreated", unit=MetricUnit.Count, value=len(imported.created))
    return api.respond(201, imported.to_json())


lambda_handler = api_gateway_handler(app)
