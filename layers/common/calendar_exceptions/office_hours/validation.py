"""Office hours request bodies: JSON, types, then the rules of dates, zones and intervals (all 400)."""

from __future__ import annotations

import functools
import itertools
import re
from datetime import date
from importlib import resources

from pydantic import BaseModel

from calendar_exceptions.errors import InvalidInput
from calendar_exceptions.office_hours.models import (
    MINUTE_STEP,
    MINUTES_PER_DAY,
    MINUTES_PER_WEEK,
    ExceptionChange,
    Intervals,
    NewException,
    NewSchedule,
    ScheduleChange,
)
from calendar_exceptions.validation import json_body, validate

PARAMETER_NOT_FOUND = "parameter_not_found"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def new_schedule(body: str | None) -> NewSchedule:
    schedule = _model(NewSchedule, body, required=("name", "time_zone_name"))
    _check_schedule(schedule)
    return schedule


def schedule_change(body: str | None) -> ScheduleChange:
    change = _model(ScheduleChange, body, required=(), partial=True)
    _check_schedule(change)
    return change


def new_exception(body: str | None) -> NewException:
    exception = _model(NewException, body, required=("exception_date", "exception_type"))
    _check_exception(exception, exception.model_fields_set)
    return exception


def exception_change(body: str | None) -> ExceptionChange:
    change = _model(ExceptionChange, body, required=(), partial=True)
    _check_exception(change, change.model_fields_set)
    return change


def _model[M: BaseModel](model: type[M], body: str | None, required: tuple[str, ...], partial: bool = False) -> M:
    data = json_body(body)
    if not isinstance(data, dict):
        raise InvalidInput("body: must be a JSON object", field="body")
    for name in required:
        if name not in data:
            raise InvalidInput(f"{name}: is required", field=name, code=PARAMETER_NOT_FOUND)
    if partial and not data:
        fields = ", ".join(model.model_fields)
        raise InvalidInput(f"body: send at least one of {fields}", field="body", code=PARAMETER_NOT_FOUND)
    return validate(model.model_validate, data)


def _check_schedule(schedule: NewSchedule | ScheduleChange) -> None:
    if "name" in schedule.model_fields_set and not schedule.name.strip():
        raise InvalidInput("name: must not be blank", field="name")
    if "time_zone_name" in schedule.model_fields_set:
        check_time_zone(schedule.time_zone_name)
    check_intervals(schedule.time_intervals, MINUTES_PER_WEEK)


def _check_exception(exception: NewException | ExceptionChange, sent: set[str]) -> None:
    if "exception_date" in sent:
        check_date(exception.exception_date)
    check_intervals(exception.time_intervals or [], MINUTES_PER_DAY)


def check_date(text: str, field: str = "exception_date") -> date:
    """A real calendar date written YYYY-MM-DD."""
    try:
        if _DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{field}: '{text}' is not a real date", field=field) from None
    raise InvalidInput(f"{field}: '{text}' must be a date written YYYY-MM-DD", field=field)


def check_time_zone(name: str, field: str = "time_zone_name") -> None:
    """A name of the IANA database, as the layer's pinned tzdata lists it.

    Not merely a name zoneinfo can open: that includes files of the host such as `localtime`.
    """
    if name not in _iana_zone_names():
        raise InvalidInput(f"{field}: '{name}' is not an IANA time zone name", field=field)


@functools.cache
def _iana_zone_names() -> frozenset[str]:
    return frozenset(resources.files("tzdata").joinpath("zones").read_text().split())


def check_intervals(intervals: Intervals, limit: int, field: str = "time_intervals") -> None:
    """Minutes on a 15-minute grid within 0..limit, each interval non-empty, none overlapping another.

    Intervals that only touch ([540, 720] and [720, 1020]) do not overlap.
    """
    for index, interval in enumerate(intervals):
        path = f"{field}[{index}]"
        for name in ("start_minute", "end_minute"):
            minute = getattr(interval, name)
            if not 0 <= minute <= limit:
                raise InvalidInput(f"{path}.{name}: {minute} is outside 0..{limit}", field=f"{path}.{name}")
            if minute % MINUTE_STEP:
                raise InvalidInput(
                    f"{path}.{name}: {minute} is not a multiple of {MINUTE_STEP}", field=f"{path}.{name}"
                )
        if interval.start_minute >= interval.end_minute:
            raise InvalidInput(f"{path}.end_minute: must be after start_minute", field=f"{path}.end_minute")
    by_start = sorted(range(len(intervals)), key=lambda i: intervals[i].start_minute)
    for before, after in itertools.pairwise(by_start):
        if intervals[after].start_minute < intervals[before].end_minute:
            later = max(before, after)
            raise InvalidInput(f"{field}[{later}]: overlaps {field}[{min(before, after)}]", field=f"{field}[{later}]")
