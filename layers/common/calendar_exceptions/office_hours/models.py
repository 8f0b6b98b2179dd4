"""Office hours schedules and exceptions as the Intercom API writes them.

Request models check types only (strict: "true" is not a boolean, 540.0 is not a minute;
unknown fields are errors); the rules that need more than one value live in `validation`.
Partial updates are models whose every field is optional: `model_fields_set` tells what
was sent, so `"name": null` (clear the name) differs from no `name` at all.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_NAME = 255
MAX_TIME_ZONE = 64  # the longest IANA name is 32 characters
MINUTES_PER_DAY = 1440
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
MINUTE_STEP = 15
# Ids are issued as "1", "2", ...: documented, and checked on paths (api._ID).
ID_PATTERN = "^[1-9][0-9]{0,11}$"

ExceptionType = Literal["closed", "custom_hours"]
CLOSED: ExceptionType = "closed"
CUSTOM_HOURS: ExceptionType = "custom_hours"


class _Strict(BaseModel):
    # defer_build: a model's validator is built when first used, so each function builds
    # only those it uses, not every model of the module at import.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


def _without_defaults(schema: dict[str, Any]) -> None:
    for prop in schema.get("properties", {}).values():
        prop.pop("default", None)


class _Partial(_Strict):
    """A partial update: the defaults are placeholders for fields not sent, never applied."""

    model_config = ConfigDict(json_schema_extra=_without_defaults)

    def sent(self, field: str) -> bool:
        return field in self.model_fields_set


class TimeInterval(_Strict):
    start_minute: int
    end_minute: int


Intervals = list[TimeInterval]
# Non-overlapping intervals on a 15-minute grid: no more than this many can be valid, so
# longer arrays are refused by their length before any interval is checked.
DayIntervals = Annotated[Intervals, Field(max_length=MINUTES_PER_DAY // MINUTE_STEP)]
WeekIntervals = Annotated[Intervals, Field(max_length=MINUTES_PER_WEEK // MINUTE_STEP)]
_DATE = {"format": "date"}


def _id() -> Any:
    """An id field of a response: documented with the ids' pattern."""
    return Field(json_schema_extra={"pattern": ID_PATTERN})


# --- schedules ------------------------------------------------------------------------


class NewSchedule(_Strict):
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


class NewException(_Strict):
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
        """Every field this change writes, with its new value; None means the field is removed.

        Switching to closed without sending intervals clears them; sending no intervals
        (null or []) removes them.
        """
        values = {field: getattr(self, field) for field in self.model_fields_set}
        if self.sent("time_intervals"):
            values["time_intervals"] = self.time_intervals or None
        elif self.sent("exception_type") and self.exception_type == CLOSED:
            values["time_intervals"] = None
        return values

    def unprocessable_whatever_is_stored(self) -> str | None:
        """The 422 this change gets on any exception: when it decides both the type and the intervals."""
        if self.sent("exception_type") and (self.sent("time_intervals") or self.exception_type == CLOSED):
            return unprocessable(self.exception_type, self.time_intervals)
        return None

    def required_stored_type(self) -> ExceptionType | None:
        """The stored exception_type this change needs to leave a valid exception; None when any will do.

        Stored exceptions are valid (custom_hours has intervals, closed has none), so the
        stored type says whether intervals are stored: sending custom_hours alone keeps the
        stored intervals and needs custom_hours already; sending intervals alone needs
        custom_hours; sending no intervals (null or []) alone needs closed.
        """
        if self.sent("exception_type"):
            keeps_stored = self.exception_type == CUSTOM_HOURS and not self.sent("time_intervals")
            return CUSTOM_HOURS if keeps_stored else None
        if self.sent("time_intervals"):
            return CUSTOM_HOURS if self.time_intervals else CLOSED
        return None


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


def unprocessable(exception_type: ExceptionType, intervals: Intervals | None) -> str | None:
    """Why an exception with this type and these intervals cannot exist, or None when it can."""
    if exception_type == CLOSED and intervals:
        return "time_intervals: must be omitted when exception_type is closed"
    if exception_type == CUSTOM_HOURS and not intervals:
        return "time_intervals: are required when exception_type is custom_hours"
    return None
