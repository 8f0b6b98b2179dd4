"""POST /office_hours_schedules: create a schedule; the server assigns its id."""

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from calendar_exceptions.observability import logger, metrics, tracer
from calendar_exceptions.office_hours import api
from calendar_exceptions.office_hours.validation import new_schedule

app = api.resolver()


@app.post(api.SCHEDULES)
def create_office_hours_schedule():
    schedule = api.service().create_schedule(api.workspace(app), new_schedule(app.current_event.body))
    metrics.add_metric(name="OfficeHoursSchedulesCreated", unit=MetricUnit.Count, value=1)
    return api.respond(schedule.to_json())


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
