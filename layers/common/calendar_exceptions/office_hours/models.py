"""Office hours schedules and exceptions as the Intercom API writes them: request and response models.

Request models check types and the limits of `rules` that a type can state (lengths, array
sizes); strict (validation.StrictModel): "true" is not a boolean, 540.0 is not a minute,
unknown fields are errors. Every other rule is in `rules`, applied by `validation` (400)
and `service` (422). Partial updates are models whose every field is optional:
`model_fields_set` tells what was sent, so `"name": null` (clear the name) differs from no
`name` at all.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from calendar_exceptions.office_hours import rules
from calendar_exceptions.office_hours.rules import (
    CLOSED,
    ID_PATTERN,
    MAX_DAY_INTERVALS,
    MAX_NAME,
    MAX_WEEK_INTERVALS,
    ExceptionType,
)
from calendar_exceptions.primitives import MAX_TIME_ZONE
from calendar_exceptions.validation import StrictModel


def _without_defaults(schema: dict[str, Any]) -> None:
    for prop in schema.get("properties", {}).values():
        prop.pop("default", None)


class _Partial(StrictModel):
    """A partial update: the defaults are placeholders for fields not sent, never applied."""

    model_config = ConfigDict(json_schema_extra=_without_defaults)

    def sent(self, field: str) -> bool:
        return field in self.model_fields_set

    def sent_values(self) -> dict[str, Any]:
        """Each field sent, with its value: what the rules of a partial update read."""
        return {field: getattr(self, field) for field in self.model_fields_set}


class TimeInterval(StrictModel):
    start_minute: int
    end_minute: int


Intervals = list[TimeInterval]
DayIntervals = Annotated[Intervals, Field(max_length=MAX_DAY_INTERVALS)]
WeekIntervals = Annotated[Intervals, Field(max_length=MAX_WEEK_INTERVALS)]
_DATE = {"format": "date"}


def _id() -> Any:
    """An id field of a response: documented with the ids' pattern."""
    return Field(json_schema_extra={"pattern": ID_PATTERN})


# --- schedules ------------------------------------------------------------------------


class NewSchedule(StrictModel):
    name: str = Field(min_length=1, max_length=MAX_NAME)
    time_zone_name: str = Field(max_length=MAX_TIME_ZONE)
    time_intervals: WeekIntervals = Field(default_factory=list)


class ScheduleChange(_Partial):
    name: str = Field(default="", min_length=1, max_length=MAX_NAME)
    time_zone_name: str = Field(default="", max_length=MAX_TIME_ZONE)
    time_intervals: WeekIntervals = Field(default_factory=list)


class _Response(BaseModel):
    model_config = ConfigDict(defer_build=True)


class Schedule(_Response):
    type: Literal["office_hours_schedule"] = "office_hours_schedule"
    id: str = _id()
    name: str
    time_zone_name: str
    time_intervals: Intervals
    created_at: int
    updated_at: int

    def to_json(self) -> dict[str, Any]:
        return self.model_dump()


# --- exceptions -----------------------------------------------------------------------


class NewException(StrictModel):
    exception_date: str = Field(json_schema_extra=_DATE)
    exception_type: ExceptionType
    name: str | None = Field(default=None, max_length=MAX_NAME)
    time_intervals: DayIntervals | None = None
    recurring_annually: bool = False


class ExceptionChange(_Partial):
    exception_date: str = Field(default="", json_schema_extra=_DATE)
    exception_type: ExceptionType = CLOSED
    name: str | None = Field(default=None, max_length=MAX_NAME)
    time_intervals: DayIntervals | None = None
    recurring_annually: bool = False

    def assignments(self) -> dict[str, Any]:
        """Every field this change writes, with its new value (rules.assignments)."""
        return rules.assignments(self.sent_values())


class OfficeHoursException(_Response):
    type: Literal["office_hours_exception"] = "office_hours_exception"
    id: str = _id()
    office_hours_schedule_id: str = _id()
    exception_date: str = Field(json_schema_extra=_DATE)
    exception_type: ExceptionType
    name: str | None = None
    time_intervals: Intervals | None = None
    recurring_annually: bool = False
    created_at: int
    updated_at: int

    def to_json(self) -> dict[str, Any]:
        return self.model_dump()

    def apply(self, change: ExceptionChange, now: int) -> OfficeHoursException:
        return self.model_copy(update={**change.assignments(), "updated_at": now})
