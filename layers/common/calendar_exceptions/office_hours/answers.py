"""The JSON of a schedule and of an exception as the API answers them, from their stored values.

The one place the answers are shaped: the stored fields, in the vendor's order, and those
derived from them, never stored: each interval's `day_of_week` and a schedule's
`twenty_four_seven` (their rules are in `rules`). Plain values in, plain JSON out, so the
functions that only read answer without the models (pydantic); the models' `to_json`
answers through here too (models.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from calendar_exceptions.office_hours import rules

SCHEDULE_TYPE = "office_hours_schedule"
EXCEPTION_TYPE = "office_hours_exception"


class _Interval(NamedTuple):
    """A stored interval, as the rules read intervals (rules.Interval)."""

    start_minute: int
    end_minute: int


def schedule(stored: Mapping[str, Any]) -> dict[str, Any]:
    """A schedule's answer from its stored values (an item's, or a model's `stored()`)."""
    intervals = _intervals(stored["time_intervals"])
    return {
        "type": SCHEDULE_TYPE,
        "id": stored["id"],
        "name": stored["name"],
        "time_zone_name": stored["time_zone_name"],
        "time_intervals": [_answered(i, rules.schedule_day_of_week(i.start_minute)) for i in intervals],
        "created_at": stored["created_at"],
        "updated_at": stored["updated_at"],
        "twenty_four_seven": rules.is_twenty_four_seven(intervals),
    }


def exception(stored: Mapping[str, Any]) -> dict[str, Any]:
    """An exception's answer from its stored values; a field stored as null is not stored (storage.to_item)."""
    stored_intervals = stored.get("time_intervals")
    intervals = None
    if stored_intervals is not None:
        day = rules.exception_day_of_week(stored["exception_date"])
        intervals = [_answered(i, day) for i in _intervals(stored_intervals)]
    return {
        "type": EXCEPTION_TYPE,
        "id": stored["id"],
        "office_hours_schedule_id": stored["office_hours_schedule_id"],
        "exception_date": stored["exception_date"],
        "exception_type": stored["exception_type"],
        "name": stored.get("name"),
        "time_intervals": intervals,
        "recurring_annually": stored.get("recurring_annually", False),
        "created_at": stored["created_at"],
        "updated_at": stored["updated_at"],
    }


def _intervals(stored: Sequence[Mapping[str, int]]) -> list[_Interval]:
    return [_Interval(i["start_minute"], i["end_minute"]) for i in stored]


def _answered(interval: _Interval, day_of_week: int) -> dict[str, int]:
    return {"start_minute": interval.start_minute, "end_minute": interval.end_minute, "day_of_week": day_of_week}
