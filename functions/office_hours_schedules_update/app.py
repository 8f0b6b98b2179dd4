"""PUT /office_hours_schedules/{office_hours_schedule_id}: change the fields sent, keep the others."""

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from calendar_exceptions.observability import logger, metrics, tracer
from calendar_exceptions.office_hours import api
from calendar_exceptions.office_hours.validation import schedule_change

app = api.resolver()


@app.put(api.SCHEDULE)
def update_office_hours_schedule(office_hours_schedule_id: str):
    schedule_id = api.schedule_id(office_hours_schedule_id)
    change = schedule_change(app.current_event.body)
    schedule = api.service().update_schedule(api.workspace(app), schedule_id, change)
    metrics.add_metric(name="OfficeHoursSchedulesUpdated", unit=MetricUnit.Count, value=1)
    return api.respond(schedule.to_json())


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
