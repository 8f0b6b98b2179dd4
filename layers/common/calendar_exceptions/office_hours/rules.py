"""Every rule of office hours schedules and exceptions, stated once.

Pure: values in, a verdict out; no storage, no request parsing. `validation` applies the
400 rules to a parsed request, `service` the 422 rules, and the repository turns the rule
of a partial update (`required_stored_type`) into its DynamoDB condition. The limits the
request models enforce by their types (lengths, array sizes) are defined here too.
docs/office-hours.md names the home of each rule.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Literal, Protocol

from calendar_exceptions import primitives
from calendar_exceptions.errors import MAX_ECHO, NotFound, Unprocessable, echo
from calendar_exceptions.hours.local_time import MINUTES_PER_DAY, MINUTES_PER_WEEK
from calendar_exceptions.names import is_blank, name_key
from calendar_exceptions.primitives import DATE_PATTERN, RuleViolation

# --- names, ids -------------------------------------------------------------------------

MAX_NAME = 255
# Ids are issued as "1", "2", ... per workspace, one sequence for schedules and one for
# exceptions; anything else on a path names nothing that can exist (404).
ID_PATTERN = "^[1-9][0-9]{0,11}$"


def issued_id(counter: int) -> str:
    """The id of a create: its workspace counter once raised by one for it (writes.issue_id).

    Every create takes the next value, so ids increase in the order creates began; a create
    refused after taking its id (404, 422) leaves a gap.
    """
    return str(counter)


def schedule_not_found(schedule_id: str) -> NotFound:
    """An unknown schedule, another workspace's, or an id that names none (404): the path's text
    shown bare (_bare)."""
    return NotFound(f"office_hours_schedule_id: schedule {_bare(schedule_id)} not found", "office_hours_schedule_id")


def exception_not_found(exception_id: str) -> NotFound:
    return NotFound(f"id: office hours exception {_bare(exception_id)} not found", "id")


def _bare(value: object) -> str:
    """An id or a number the caller sent, as a message shows it: bare, or through errors.echo when longer."""
    text = str(value)
    return text if len(text) <= MAX_ECHO else echo(text)


def check_schedule_name(name: str, field: str = "name") -> None:
    """A schedule's name must not be blank; an exception's name is optional and may be anything."""
    if is_blank(name):
        raise RuleViolation(field, "must not be blank")


def schedule_name_key(name: str) -> str:
    """What makes two schedule names one name in a workspace (names.name_key: caseless
    identifier matching, invisible characters removed, white space runs as one space)."""
    return name_key(name)


class NameTaken(Unprocessable):
    """Schedule names are unique in a workspace (422, Intercom 2.17: "a duplicate name returns a 422").

    Compared with `schedule_name_key`. The repository keeps the rule with a name claim item
    written under attribute_not_exists in the transaction that creates or renames the schedule;
    `held_by` is the id of the schedule that has the name, when DynamoDB said (the message
    names it: the two names may look alike to the letter).
    """

    def __init__(self, name: str, held_by: str | None = None) -> None:
        holder = "another schedule of the workspace" if held_by is None else f"schedule {_bare(held_by)}"
        super().__init__(f"name: {echo(name)} is already the name of {holder}", "name")
        self.name = name
        self.held_by = held_by


# --- time zones and dates ---------------------------------------------------------------


# The time zone of a schedule created without one (Intercom 2.17), when the workspace's
# operator never set another (`make workspace TIME_ZONE=...`).
DEFAULT_TIME_ZONE = "UTC"


def check_time_zone(name: str, field: str = "time_zone_name") -> None:
    """A name of the IANA database as the layer's pinned tzdata lists it (primitives.zone_names)."""
    if not primitives.is_zone_name(name):
        raise RuleViolation(field, f"{echo(name)} is not an IANA time zone name")


def check_date(text: str, field: str = "exception_date") -> date:
    """A real calendar date written YYYY-MM-DD; past dates are fine."""
    try:
        if DATE_PATTERN.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        raise RuleViolation(field, f"{echo(text)} is not a real date") from None
    raise RuleViolation(field, f"{echo(text)} must be a date written YYYY-MM-DD")


class DateTaken(Unprocessable):
    """One exception per date and schedule (422): another exception of the schedule holds the date.

    The same date on two schedules is fine. The repository keeps the rule with a date claim
    item written under attribute_not_exists; `held_by` is the holder's id when DynamoDB said.
    """

    def __init__(self, exception_date: str, held_by: str | None = None) -> None:
        super().__init__(f"exception_date: the schedule already has an exception on {exception_date}", "exception_date")
        self.exception_date = exception_date
        self.held_by = held_by


# --- time intervals ---------------------------------------------------------------------

MINUTE_STEP = 15
# Non-overlapping intervals on the grid: no more than this many can be valid, so a longer
# array is refused by its length before any interval is checked.
MAX_DAY_INTERVALS = MINUTES_PER_DAY // MINUTE_STEP
MAX_WEEK_INTERVALS = MINUTES_PER_WEEK // MINUTE_STEP


# Intercom writes a schedule open around the clock as exactly this one interval, one minute
# short of the week and the only interval allowed off the grid (the hours feature reads it
# as the whole week: hours/service.hours_of).
TWENTY_FOUR_SEVEN = (0, MINUTES_PER_WEEK - 1)


class Interval(Protocol):
    @property
    def start_minute(self) -> int: ...

    @property
    def end_minute(self) -> int: ...


def check_intervals(intervals: Sequence[Interval], limit: int, field: str = "time_intervals") -> None:
    """Minutes on a 15-minute grid within 0..limit, each interval non-empty, none overlapping another.

    `limit` is MINUTES_PER_WEEK for a schedule (minutes from Monday 00:00) and
    MINUTES_PER_DAY for an exception (minutes from midnight of its date). Intervals that
    only touch ([540, 720] and [720, 1020]) do not overlap; an overlap names the interval
    that comes later in the request.
    """
    for index, interval in enumerate(intervals):
        path = f"{field}[{index}]"
        for name in ("start_minute", "end_minute"):
            minute = getattr(interval, name)
            if not 0 <= minute <= limit:
                raise RuleViolation(f"{path}.{name}", f"{_bare(minute)} is outside 0..{limit}")
            if minute % MINUTE_STEP:
                raise RuleViolation(f"{path}.{name}", f"{_bare(minute)} is not a multiple of {MINUTE_STEP}")
        if interval.start_minute >= interval.end_minute:
            raise RuleViolation(f"{path}.end_minute", "must be after start_minute")
    by_start = sorted(range(len(intervals)), key=lambda i: intervals[i].start_minute)
    for before, after in itertools.pairwise(by_start):
        if intervals[after].start_minute < intervals[before].end_minute:
            later = max(before, after)
            raise RuleViolation(f"{field}[{later}]", f"overlaps {field}[{min(before, after)}]")


def is_twenty_four_seven(intervals: Sequence[Interval]) -> bool:
    """Whether a schedule's intervals are Intercom's 24/7: exactly the one interval TWENTY_FOUR_SEVEN."""
    return [(i.start_minute, i.end_minute) for i in intervals] == [TWENTY_FOUR_SEVEN]


def check_schedule_intervals(intervals: Sequence[Interval], field: str = "time_intervals") -> None:
    """A schedule's week (`check_intervals` over MINUTES_PER_WEEK), or exactly the 24/7 interval."""
    if not is_twenty_four_seven(intervals):
        check_intervals(intervals, MINUTES_PER_WEEK, field)


def schedule_day_of_week(start_minute: int) -> int:
    """The day a schedule interval falls in, 0 = Monday .. 6 = Sunday: the day its start minute is in."""
    return start_minute // MINUTES_PER_DAY


def exception_day_of_week(exception_date: str) -> int:
    """The day every interval of an exception falls in: its date's weekday, 0 = Monday .. 6 = Sunday."""
    return date.fromisoformat(exception_date).weekday()


# --- exception types: custom_hours has intervals, closed has none -----------------------

ExceptionType = Literal["closed", "custom_hours"]
CLOSED: ExceptionType = "closed"
CUSTOM_HOURS: ExceptionType = "custom_hours"


def unprocessable(exception_type: ExceptionType, intervals: Sequence[Interval] | None) -> str | None:
    """Why an exception with this type and these intervals cannot exist (a 422), or None when it can."""
    if exception_type == CLOSED and intervals:
        return "time_intervals: must be omitted when exception_type is closed"
    if exception_type == CUSTOM_HOURS and not intervals:
        return "time_intervals: are required when exception_type is custom_hours"
    return None


def stored_intervals[I: Interval](intervals: Sequence[I] | None) -> Sequence[I] | None:
    """No intervals (null or []) are stored and answered as null."""
    return intervals or None


# --- partial update of an exception -----------------------------------------------------
# `sent` maps each field a PUT sent to its value; a field not sent is not in it.


def assignments(sent: Mapping[str, Any]) -> dict[str, Any]:
    """Every field a PUT writes, with its new value; None means the field is removed.

    Switching to closed without sending intervals clears them; sending no intervals (null
    or []) removes them.
    """
    values = dict(sent)
    if "time_intervals" in sent:
        values["time_intervals"] = stored_intervals(sent["time_intervals"])
    elif sent.get("exception_type") == CLOSED:
        values["time_intervals"] = None
    return values


def unprocessable_whatever_is_stored(sent: Mapping[str, Any]) -> str | None:
    """The 422 a PUT gets on any exception: when it decides both the type and the intervals."""
    exception_type = sent.get("exception_type")
    if exception_type is not None and ("time_intervals" in sent or exception_type == CLOSED):
        return unprocessable(exception_type, sent.get("time_intervals"))
    return None


def required_stored_type(sent: Mapping[str, Any]) -> ExceptionType | None:
    """The stored exception_type a PUT needs to leave a valid exception; None when any will do.

    Stored exceptions are valid (custom_hours has intervals, closed has none), so the
    stored type says whether intervals are stored: sending custom_hours alone keeps the
    stored intervals and needs custom_hours already; sending intervals alone needs
    custom_hours; sending no intervals (null or []) alone needs closed.
    """
    if "exception_type" in sent:
        keeps_stored = sent["exception_type"] == CUSTOM_HOURS and "time_intervals" not in sent
        return CUSTOM_HOURS if keeps_stored else None
    if "time_intervals" in sent:
        return CUSTOM_HOURS if sent["time_intervals"] else CLOSED
    return None


# --- effective hours and status (extensions of the API) ---------------------------------

MAX_RANGE_DAYS = 366
DEFAULT_RANGE_DAYS = 7
# The dates and instants these routes answer for: the hours engine reads the date after
# each one and up to 400 days after an instant, and Python's calendar ends with year 9999.
FIRST_HOURS_DATE, LAST_HOURS_DATE = date(2, 1, 1), date(9997, 12, 31)
FIRST_AT = (FIRST_HOURS_DATE.toordinal() - date(1970, 1, 1).toordinal()) * 86400
LAST_AT = (LAST_HOURS_DATE.toordinal() + 1 - date(1970, 1, 1).toordinal()) * 86400 - 1
_UNIX_SECONDS = re.compile(r"-?[0-9]{1,15}")


def check_hours_date(text: str, field: str) -> date:
    """A `from` or `to` of effective hours: a real YYYY-MM-DD from FIRST_HOURS_DATE to LAST_HOURS_DATE."""
    day = check_date(text, field)
    if not FIRST_HOURS_DATE <= day <= LAST_HOURS_DATE:
        raise RuleViolation(field, f"{echo(text)} is outside {FIRST_HOURS_DATE} .. {LAST_HOURS_DATE}")
    return day


def hours_range(first: date | None, last: date | None, today: date) -> tuple[date, date]:
    """The dates of effective hours, both included: `from` defaults to `today` (in the schedule's
    zone), `to` to `from` + 6 days; `to` is not before `from`, and the range is at most 366 days."""
    first = today if first is None else first
    if last is None:
        last = min(first + timedelta(days=DEFAULT_RANGE_DAYS - 1), LAST_HOURS_DATE)
    if last < first:
        raise RuleViolation("to", f"{last} is before from ({first})")
    if (last - first).days >= MAX_RANGE_DAYS:
        raise RuleViolation("to", f"{first} .. {last} is more than {MAX_RANGE_DAYS} days")
    return first, last


def check_instant(text: str, field: str = "at") -> int:
    """An instant of the status: Unix seconds, a decimal integer from FIRST_AT to LAST_AT."""
    if not _UNIX_SECONDS.fullmatch(text):
        raise RuleViolation(field, f"{echo(text)} must be Unix seconds, a decimal integer")
    at = int(text)
    if not FIRST_AT <= at <= LAST_AT:
        raise RuleViolation(field, f"{at} is outside {FIRST_AT} .. {LAST_AT}")
    return at
