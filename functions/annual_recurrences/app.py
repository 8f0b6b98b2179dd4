"""EventBridge schedule, daily shortly after midnight UTC: move recurring office hours exceptions whose date has passed.

The event's `time` is the run's "now", so a run can be replayed; a time more than 15 minutes
after the function's clock is refused unless the event asks for it (a rehearsal): see
docs/annual-recurrence.md.
"""

from aws_lambda_powertools.utilities.typing import LambdaContext

from calendar_exceptions import clock
from calendar_exceptions.entrypoint import scheduled_handler
from calendar_exceptions.office_hours.annual import job
from calendar_exceptions.office_hours.exception_repository import ExceptionRepository
from calendar_exceptions.office_hours.schedule_repository import ScheduleRepository
from calendar_exceptions.storage import dynamodb_client, table_name


def apply_annual_recurrences(event: dict, context: LambdaContext) -> dict:
    now = job.run_time(event, clock.now())
    client, table = dynamodb_client(), table_name()
    exceptions, schedules = ExceptionRepository(client, table), ScheduleRepository(client, table)
    summary = job.apply_annual_recurrences(exceptions, schedules, now, context.get_remaining_time_in_millis)
    job.publish(summary)
    return summary.to_json()


lambda_handler = scheduled_handler(apply_annual_recurrences)
