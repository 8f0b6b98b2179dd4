"""GET /office_hours_schedules/{office_hours_schedule_id}: one schedule."""

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from calendar_exceptions.observability import logger, metrics, tracer
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.get(api.SCHEDULE)
def get_office_hours_schedule(office_hours_schedule_id: str):
    schedule = api.service().schedule(api.workspace(app), api.schedule_id(office_hours_schedule_id))
    return api.respond(schedule.to_json())


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
