"""Every rule of a workday event beyond those all LivePerson events share: the one home of workday rules.

Source: LivePerson's Account Configuration appendix (developer-center, `006f33ad`), the
workdays rows. An event repeats every week on one weekday, with no end. Its start and end
follow the rules every LivePerson event shares (`events.local_period`: an IANA zone of the
pinned tzdata, the same at both ends; `yyyy-MM-dd`, `yyyy-MM-dd'T'HH:mm` or
`yyyy-MM-dd'T'HH:mm:ss`, both ends the same kind; no time in a DST gap; the end after the
start as hours/local_time.local_span reads them). Then:

- recurrence: exactly one line matching the vendor's pattern
  `^(RRULE:FREQ=WEEKLY;BYDAY=)(SU|MO|TU|WE|TH|FR|SA)$`;
- at most 24 hours of local clock time ("maximum length of a workday must be 24 hours"),
  judged on the span `local_span` reads: end minus start as wall-clock times, so a shift
  across a DST change is judged by its clock; an end date is exclusive and an end at 23:59
  is the next midnight, so both of the vendor's 24-hour forms, `2018-03-27` to `2018-03-28`
  and `2018-03-27T00:00` to `2018-03-27T23:59`, are 24 hours, and D to D+2 is 48.

Accepted, as the vendor accepts it: a start date that is not on the rule's weekday (the
vendor's own examples start on a Tuesday with `BYDAY=SU`; its text says such an event "won't
work", with no error). The vendor leaves what it means undefined; this product reads it as
python-dateutil's `rrule` reads a start that is not in the rule's set: the event occurs on
the rule's weekday on or after its start date, and every week after, with its clock times
and length (docs/workdays.md).

Not enforced: the vendor's "start date must be up to 7 days from today", a rule about today
that would make stored objects invalid as time passes.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from calendar_exceptions.liveperson.events import local_period
from calendar_exceptions.primitives import RuleViolation

if TYPE_CHECKING:
    # Annotations only: the functions that validate no body import no models (pydantic).
    from calendar_exceptions.liveperson.workdays.models import WorkdayEvent

WEEKLY_RULE = re.compile(r"RRULE:FREQ=WEEKLY;BYDAY=(SU|MO|TU|WE|TH|FR|SA)")
# date.weekday() of each BYDAY code.
WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
MAX_LENGTH = timedelta(hours=24)


def check_event(event: WorkdayEvent) -> None:
    """The rules of one workday event (module docstring), in that order."""
    period = local_period(event.start, event.end)
    weekly_rule(event.recurrence[0])
    if period.span.length > MAX_LENGTH:
        hint = "" if isinstance(period.start, datetime) else " (an end date is exclusive: one whole day D is D to D+1)"
        raise RuleViolation(
            "end.dateTime",
            f"a workday event lasts at most 24 hours of local clock time; this one lasts {_hours(period.span.length)}"
            + hint,
        )


def weekly_rule(line: str) -> int:
    """The weekday (date.weekday()) of the vendor's one weekly line, `RRULE:FREQ=WEEKLY;BYDAY=XX`."""
    match = WEEKLY_RULE.fullmatch(line)
    if not match:
        raise RuleViolation(
            "recurrence[0]", "must be RRULE:FREQ=WEEKLY;BYDAY=XX with one weekday XX of SU, MO, TU, WE, TH, FR, SA"
        )
    return WEEKDAYS[match.group(1)]


def _hours(length: timedelta) -> str:
    hours = length.total_seconds() / 3600
    return f"{hours:g} hours"
