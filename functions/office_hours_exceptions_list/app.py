"""GET /office_hours_schedules/{office_hours_schedule_id}/office_hours_exceptions: the schedule's exceptions."""

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from calendar_exceptions.observability import logger, metrics, tracer
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.get(api.EXCEPTIONS)
def list_office_hours_exceptions(office_hours_schedule_id: str):
    exceptions = api.service().exceptions(api.workspace(app), api.schedule_id(office_hours_schedule_id))
    return api.respond(api.listed("office_hours_exception", exceptions))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
