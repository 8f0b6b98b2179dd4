"""Office hours request bodies: JSON, then the request models' types, then the 400 rules of `rules`."""

from __future__ import annotations

from pydantic import BaseModel

from calendar_exceptions.errors import InvalidInput
from calendar_exceptions.office_hours import rules
from calendar_exceptions.office_hours.models import ExceptionChange, NewException, NewSchedule, ScheduleChange
from calendar_exceptions.validation import json_body, validate

PARAMETER_NOT_FOUND = "parameter_not_found"


def new_schedule(body: str | None) -> NewSchedule:
    # time_zone_name is optional since Intercom 2.17 (the workspace's default zone).
    schedule = _model(NewSchedule, body, required=("name",))
    _check_schedule(schedule)
    return schedule


def schedule_change(body: str | None) -> ScheduleChange:
    change = _model(ScheduleChange, body, required=(), partial=True)
    _check_schedule(change)
    return change


def new_exception(body: str | None) -> NewException:
    exception = _model(NewException, body, required=("exception_date", "exception_type"))
    _check_exception(exception)
    return exception


def exception_change(body: str | None) -> ExceptionChange:
    change = _model(ExceptionChange, body, required=(), partial=True)
    _check_exception(change)
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
    sent = schedule.model_fields_set
    try:
        if "name" in sent:
            rules.check_schedule_name(schedule.name)
        if "time_zone_name" in sent:
            rules.check_time_zone(schedule.time_zone_name)
        rules.check_schedule_intervals(schedule.time_intervals)
    except rules.RuleViolation as violation:
        raise InvalidInput(str(violation), field=violation.field) from None


def _check_exception(exception: NewException | ExceptionChange) -> None:
    try:
        if "exception_date" in exception.model_fields_set:
            rules.check_date(exception.exception_date)
        rules.check_intervals(exception.time_intervals or [], rules.MINUTES_PER_DAY)
    except rules.RuleViolation as violation:
        raise InvalidInput(str(violation), field=violation.field) from None
