"""Every rule of a workday event beyond those all LivePerson events share: the one home of workday rules.

Source: LivePerson's Account Configuration appendix (developer-center, `006f33ad`), the
workdays rows. An event repeats every week on one weekday from its start date on, with no
end. Its start and end follow the rules every LivePerson event shares (`events.local_period`:
an IANA zone of the pinned tzdata, the same at both ends; `yyyy-MM-dd` or
`yyyy-MM-dd'T'HH:mm:ss`, both ends the same form; no time in a DST gap; a timed event ends
after it starts; whole-day dates inclusive). Then:

- recurrence: exactly one line matching the vendor's pattern
  `^(RRULE:FREQ=WEEKLY;BYDAY=)(SU|MO|TU|WE|TH|FR|SA)$`;
- the start date is on that weekday (the vendor accepts another day silently and the event
  "won't work"; refused here, saying which weekday the date is);
- at most 24 hours of local clock time ("maximum length of a workday must be 24 hours"):
  end minus start as wall-clock times, so a shift across a DST change is judged by its
  clock; a whole-day event is its dates inclusive, so D..D is 24 hours and D..D+1 is 48.

Not enforced: the vendor's "start date must be up to 7 days from today", a rule about today
that would make stored objects invalid as time passes.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from calendar_exceptions.liveperson.events import local_period
from calendar_exceptions.primitives import RuleViolation

if TYPE_CHECKING:
    # Annotations only: the functions that validate no body import no models (pydantic).
    from calendar_exceptions.liveperson.workdays.models import WorkdayEvent

WEEKLY_RULE = re.compile(r"RRULE:FREQ=WEEKLY;BYDAY=(SU|MO|TU|WE|TH|FR|SA)")
# date.weekday() of each BYDAY code, and the names messages use.
WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_LENGTH = timedelta(hours=24)


def check_event(event: WorkdayEvent) -> None:
    """The rules of one workday event (module docstring), in that order."""
    start, end, _ = local_period(event.start, event.end)
    weekday = weekly_rule(event.recurrence[0])
    start_day = start.date() if isinstance(start, datetime) else start
    if start_day.weekday() != weekday:
        raise RuleViolation(
            "start.dateTime",
            f"{start_day.isoformat()} is a {DAY_NAMES[start_day.weekday()]}; "
            f"the recurrence repeats on {DAY_NAMES[weekday]}s, so the start date must be a {DAY_NAMES[weekday]}",
        )
    length = clock_length(start, end)
    if length > MAX_LENGTH:
        raise RuleViolation(
            "end.dateTime",
            f"a workday event lasts at most 24 hours of local clock time; this one lasts {_hours(length)}",
        )


def weekly_rule(line: str) -> int:
    """The weekday (date.weekday()) of the vendor's one weekly line, `RRULE:FREQ=WEEKLY;BYDAY=XX`."""
    match = WEEKLY_RULE.fullmatch(line)
    if not match:
        raise RuleViolation(
            "recurrence[0]", "must be RRULE:FREQ=WEEKLY;BYDAY=XX with one weekday XX of SU, MO, TU, WE, TH, FR, SA"
        )
    return WEEKDAYS[match.group(1)]


def clock_length(start: date | datetime, end: date | datetime) -> timedelta:
    """End minus start as wall-clock values; whole days count inclusively (D..D is one day)."""
    if isinstance(start, datetime) and isinstance(end, datetime):
        return end - start
    return (end - start) + timedelta(days=1)


def _hours(length: timedelta) -> str:
    hours = length.total_seconds() / 3600
    return f"{hours:g} hours"
