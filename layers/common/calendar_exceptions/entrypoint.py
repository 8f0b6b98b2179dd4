"""The Lambda handlers the functions are: an API function's resolver, or a scheduled job, wrapped once here.

Around each: Powertools' logging context with the event's correlation id (API Gateway's
request id, or the EventBridge event's id), tracing when it is on, the invocation's metrics
and the cold start flushed when it returns, and the storage deadline (storage.deadline),
so that DynamoDB attempts stop in time to answer (503 for the APIs) before the function's
timeout.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.logging import correlation_paths

from calendar_exceptions.observability import logger, metrics, tracer
from calendar_exceptions.storage import deadline

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


def _observed(correlation_id_path: str, handle: LambdaHandler) -> LambdaHandler:
    @logger.inject_lambda_context(correlation_id_path=correlation_id_path)
    @tracer.capture_lambda_handler
    @metrics.log_metrics(capture_cold_start_metric=True)
    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        with deadline(context.get_remaining_time_in_millis):
            return handle(event, context)

    return lambda_handler


def api_gateway_handler(app: Any) -> LambdaHandler:
    """The Lambda handler of an API function whose resolver is `app`."""
    return _observed(correlation_paths.API_GATEWAY_REST, app.resolve)


def scheduled_handler(job: LambdaHandler) -> LambdaHandler:
    """The Lambda handler of a function an EventBridge schedule invokes: `job(event, context)`."""
    return _observed(correlation_paths.EVENT_BRIDGE, job)
