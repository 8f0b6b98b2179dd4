"""EventBridge schedule, daily shortly after midnight UTC: move recurring office hours exceptions whose date has passed.

The event's `time` is the run's "now", so a run can be replayed; a time more than 15 minutes
after the function's clock is refused unless the event asks for it (a rehearsal): see
docs/annual-recurrence.md.
"""

from aws_lambda_powertools.utilities.typing import LambdaContext

from calendar_exceptions.entrypoint import scheduled_handler
from calendar_exceptions.office_hours.annual import job


def apply_annual_recurrences(event: dict, context: LambdaContext) -> dict:
    return job.run(event, context.get_remaining_time_in_millis)


lambda_handler = scheduled_handler(apply_annual_recurrences)
