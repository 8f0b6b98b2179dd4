"""EventBridge schedule, daily shortly after midnight UTC: move recurring office hours exceptions whose date has passed.

The event's `time` is the run's "now", so a run can be replayed; see docs/annual-recurrence.md.
"""

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from calendar_exceptions.observability import logger, metrics, tracer
from calendar_exceptions.office_hours import recurrence
from calendar_exceptions.office_hours.repository import OfficeHoursRepository
from calendar_exceptions.storage import deadline, dynamodb_client, table_name


@logger.inject_lambda_context(correlation_id_path=correlation_paths.EVENT_BRIDGE)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    repository = OfficeHoursRepository(dynamodb_client(), table_name())
    with deadline(context.get_remaining_time_in_millis):
        summary = recurrence.apply_annual_recurrences(
            repository, recurrence.event_time(event), context.get_remaining_time_in_millis
        )
    recurrence.publish(summary)
    return summary.to_json()
