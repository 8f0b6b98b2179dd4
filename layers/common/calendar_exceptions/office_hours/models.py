"""Office hours schedules and exceptions as the Intercom API writes them: request and response models.

Request models check types and the limits of `rules` that a type can state (lengths, array
sizes); strict (validation.StrictModel): "true" is not a boolean, 540.0 is not a minute,
unknown fields are errors (`day_of_week` in a request interval among them: it is read-only).
Response models hold what is stored; their JSON (`to_json`, shaped by `answers`) adds what
is derived from it, never stored: each interval's `day_of_week` and a schedule's
`twenty_four_seven`, which the models also declare for the OpenAPI document. Every
other rule is in `rules`, applied by `validation` (400) and `service` (422). Partial
updates are models whose every field is optional: `model_fields_set` tells what was sent,
so `"name": null` (clear the name) differs from no `name` at all.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_serializer

from calendar_exceptions.office_hours import answers, rules
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


class AnsweredInterval(BaseModel):
    """An interval as responses show it, with the day of the week it falls on."""

    # The day is derived (rules.schedule_day_of_week, rules.exception_day_of_week), never stored.

    start_minute: int
    end_minute: int
    day_of_week: int = Field(
        ge=0,
        le=6,
        description="0 = Monday .. 6 = Sunday: for a schedule, the day start_minute falls in; "
        "for an exception, the weekday of exception_date. Read-only: refused in requests",
        json_schema_extra={"readOnly": True},
    )


Intervals = list[TimeInterval]
DayIntervals = Annotated[Intervals, Field(max_length=MAX_DAY_INTERVALS)]
WeekIntervals = Annotated[Intervals, Field(max_length=MAX_WEEK_INTERVALS)]
_DATE = {"format": "date"}


def _id() -> Any:
    """An id field of a response: documented with the ids' pattern."""
    return Field(json_schema_extra={"pattern": ID_PATTERN})


# --- schedules ------------------------------------------------------------------------


def _optional_zone(schema: dict[str, Any]) -> None:
    schema["properties"]["time_zone_name"].pop("default", None)


class NewSchedule(StrictModel):
    # time_zone_name optional (Intercom 2.17): without it, the workspace's default zone.
    # Not nullable: a null is no zone, and refused like any other non-string.
    model_config = ConfigDict(json_schema_extra=_optional_zone)

    name: str = Field(min_length=1, max_length=MAX_NAME)
    time_zone_name: str = Field(  # type: ignore[assignment]
        default=None,
        max_length=MAX_TIME_ZONE,
        description="Optional (Intercom 2.17): without it, the workspace's default time zone, UTC unless set",
    )
    time_intervals: WeekIntervals = Field(default_factory=list)


class ScheduleChange(_Partial):
    name: str = Field(default="", min_length=1, max_length=MAX_NAME)
    time_zone_name: str = Field(default="", max_length=MAX_TIME_ZONE)
    time_intervals: WeekIntervals = Field(default_factory=list)


class _Response(BaseModel):
    model_config = ConfigDict(defer_build=True)

    def stored(self) -> dict[str, Any]:
        """The fields that are stored (layout): none of the derived ones."""
        return self.model_dump(exclude=set(type(self).model_computed_fields))


class Schedule(_Response):
    type: Literal["office_hours_schedule"] = "office_hours_schedule"
    id: str = _id()
    name: str
    time_zone_name: str
    time_intervals: Intervals
    created_at: int
    updated_at: int

    @computed_field(description="Open around the clock: the intervals are exactly the one interval 0-10079")
    @property
    def twenty_four_seven(self) -> bool:
        return rules.is_twenty_four_seven(self.time_intervals)

    @field_serializer("time_intervals", when_used="json")
    def _with_days(self, intervals: Intervals) -> list[AnsweredInterval]:
        # Declares the answer's intervals for the OpenAPI document; the answer is to_json's.
        return [AnsweredInterval(**i) for i in self.to_json()["time_intervals"]]

    def to_json(self) -> dict[str, Any]:
        """The response body: the stored fields and those derived from them."""
        return answers.schedule(self.stored())

    def apply(self, change: ScheduleChange, now: int) -> Schedule:
        return self.model_copy(update={**change.sent_values(), "updated_at": now})


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

    @field_serializer("time_intervals", when_used="json")
    def _with_days(self, intervals: Intervals | None) -> list[AnsweredInterval] | None:
        # Declares the answer's intervals for the OpenAPI document; the answer is to_json's.
        answered = self.to_json()["time_intervals"]
        return None if answered is None else [AnsweredInterval(**i) for i in answered]

    def to_json(self) -> dict[str, Any]:
        """The response body: the stored fields and those derived from them."""
        return answers.exception(self.stored())

    def apply(self, change: ExceptionChange, now: int) -> OfficeHoursException:
        return self.model_copy(update={**change.assignments(), "updated_at": now})
