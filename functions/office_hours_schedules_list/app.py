"""GET /office_hours_schedules: every schedule of the workspace."""

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from calendar_exceptions.observability import logger, metrics, tracer
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.get(api.SCHEDULES)
def list_office_hours_schedules():
    return api.respond(api.listed("office_hours_schedule", api.service().schedules(api.workspace(app))))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
