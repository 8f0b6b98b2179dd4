"""The Lambda handler every API function is: its resolver answering API Gateway's event.

Around the resolver: Powertools' logging context (API Gateway's request id as the
correlation id), tracing when it is on, the request's metrics and the cold start flushed
when it returns, and the storage deadline (storage.deadline), so that DynamoDB attempts
stop in time to answer 503 before the function's timeout.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.logging import correlation_paths

from calendar_exceptions.observability import logger, metrics, tracer
from calendar_exceptions.storage import deadline


def api_gateway_handler(app: Any) -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    """The Lambda handler of an API function whose resolver is `app`."""

    @logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
    @tracer.capture_lambda_handler
    @metrics.log_metrics(capture_cold_start_metric=True)
    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        with deadline(context.get_remaining_time_in_millis):
            return app.resolve(event, context)

    return lambda_handler
