"""A schedule's effective hours by date and its status at an instant: the answers of the two hours routes.

Extensions of Intercom's office hours API, which has no such endpoint (docs/office-hours.md).
The schedule and its exceptions, as `reads.py` gets them, become the hours engine's
local-time rules (`calendar_exceptions.hours`): the schedule's weekly intervals, and each
date's governing exception (`governing.py`, with `recurring_annually`) replacing the
whole date. The query parameters' rules are `rules.check_hours_date`, `rules.hours_range`
and `rules.check_instant`. No models (pydantic) are imported: see `reads.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Protocol

from calendar_exceptions import primitives
from calendar_exceptions.errors import InvalidInput
from calendar_exceptions.hours.engine import DayHours, Hours, Replacement, Status, WeeklyInterval
from calendar_exceptions.hours.local_time import MINUTES_PER_WEEK
from calendar_exceptions.office_hours import layout, rules
from calendar_exceptions.office_hours.annual import dates
from calendar_exceptions.office_hours.hours.governing import DatedException, GoverningExceptions
from calendar_exceptions.office_hours.hours.reads import StoredHours

EFFECTIVE_HOURS_TYPE = "office_hours_effective_hours"
STATUS_TYPE = "office_hours_status"


class HoursSource(Protocol):
    def stored_hours(self, workspace: str, schedule_id: str) -> StoredHours | None: ...


class ScheduleHoursService:
    """The two answers, from what `repository` reads: 404 for a schedule the workspace does not have."""

    def __init__(self, repository: HoursSource) -> None:
        self._repository = repository

    def effective_hours(
        self, workspace: str, schedule_id: str, first: date | None, last: date | None, now: int
    ) -> dict[str, Any]:
        """Each date of `first`..`last`; defaults: rules.hours_range, today being `now`'s date in the zone."""
        if first is not None:  # a range that does not depend on the zone's today is refused before any read
            first, last = _range(first, last, first)
        schedule, hours = self._hours(workspace, schedule_id)
        first, last = _range(first, last, hours.local_date(now))
        return effective_hours_answer(schedule, hours.days(first, last))

    def status(self, workspace: str, schedule_id: str, at: int) -> dict[str, Any]:
        schedule, hours = self._hours(workspace, schedule_id)
        return status_answer(schedule, hours.status(at))

    def _hours(self, workspace: str, schedule_id: str) -> tuple[Mapping[str, Any], Hours]:
        stored = self._repository.stored_hours(workspace, schedule_id)
        if stored is None:
            raise rules.schedule_not_found(schedule_id)
        return stored.schedule, hours_of(stored.schedule, stored.exceptions)


def hours_of(schedule: Mapping[str, Any], exceptions: Iterable[Mapping[str, Any]]) -> Hours:
    """The hours engine for a stored schedule and its stored exceptions (fields as the API answers them)."""
    intervals = [(i["start_minute"], i["end_minute"]) for i in schedule.get("time_intervals") or ()]
    # Intercom's 24/7 (the one interval 0-10079, rules.TWENTY_FOUR_SEVEN) is the whole week.
    whole_week = intervals == [rules.TWENTY_FOUR_SEVEN]
    weekly = [WeeklyInterval(0, MINUTES_PER_WEEK)] if whole_week else [WeeklyInterval(*i) for i in intervals]
    governing = GoverningExceptions(
        DatedException(
            date.fromisoformat(exception["exception_date"]),
            bool(exception.get("recurring_annually")),
            Replacement(exception["id"], _replacement_intervals(exception)),
            dates.recurs_from(exception["exception_date"], exception.get(layout.FIRST_YEAR)),
        )
        for exception in exceptions
    )
    return Hours(primitives.zone(schedule["time_zone_name"]), weekly, governing)


def _replacement_intervals(exception: Mapping[str, Any]) -> tuple[tuple[int, int], ...]:
    if exception["exception_type"] == rules.CLOSED:
        return ()
    return tuple((i["start_minute"], i["end_minute"]) for i in exception.get("time_intervals") or ())


def effective_hours_answer(schedule: Mapping[str, Any], days: Iterable[DayHours]) -> dict[str, Any]:
    return {
        "type": EFFECTIVE_HOURS_TYPE,
        "office_hours_schedule_id": schedule["id"],
        "time_zone_name": schedule["time_zone_name"],
        "days": [
            {
                "date": day.isoformat(),
                "day_of_week": day.weekday(),  # 0 = Monday, as schedule minutes count from Monday
                "source": "schedule" if replacement is None else "exception",
                "office_hours_exception_id": None if replacement is None else replacement.source_id,
                "time_intervals": [
                    {"start_minute": start, "end_minute": end, "start_at": start_at, "end_at": end_at}
                    for start, end, start_at, end_at in intervals
                ],
            }
            for day, replacement, intervals in days
        ],
    }


def status_answer(schedule: Mapping[str, Any], status: Status) -> dict[str, Any]:
    return {
        "type": STATUS_TYPE,
        "office_hours_schedule_id": schedule["id"],
        "at": status.at,
        "open": status.open,
        "next_open_at": status.next_open_at,
        "next_close_at": status.next_close_at,
        "office_hours_exception_id": None if status.replacement is None else status.replacement.source_id,
    }


def requested_date(text: str | None, parameter: str) -> date | None:
    """The `from` or `to` query parameter (None when not sent): 400 naming it when it is not a date it may be."""
    if text is None:
        return None
    try:
        return rules.check_hours_date(text, parameter)
    except rules.RuleViolation as violation:
        raise _invalid(violation) from None


def requested_instant(text: str | None) -> int | None:
    """The `at` query parameter (None when not sent): 400 naming it when malformed."""
    if text is None:
        return None
    try:
        return rules.check_instant(text, "at")
    except rules.RuleViolation as violation:
        raise _invalid(violation) from None


def _range(first: date | None, last: date | None, today: date) -> tuple[date, date]:
    try:
        return rules.hours_range(first, last, today)
    except rules.RuleViolation as violation:
        raise _invalid(violation) from None


def _invalid(violation: rules.RuleViolation) -> InvalidInput:
    """A rule broken by a query parameter: 400 parameter_invalid naming the parameter."""
    return InvalidInput(str(violation), field=violation.field)
