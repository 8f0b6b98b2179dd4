"""Validation of special occasion request bodies: the array, each object, each event."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any, TypeVar

from pydantic import TypeAdapter

from calendar_exceptions.errors import InvalidInput, echo
from calendar_exceptions.names import is_blank, name_key
from calendar_exceptions.special_occasions import rules
from calendar_exceptions.special_occasions.models import NewSpecialOccasion, OccasionFields, SpecialOccasion
from calendar_exceptions.validation import json_body, validate

MAX_PER_REQUEST = 50

Occasion = TypeVar("Occasion", bound=OccasionFields)


@functools.cache
def _adapter(model: type[OccasionFields]) -> TypeAdapter[list[Any]]:
    """The validator of an array of `model`, built once and only by the function that receives one."""
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def new_occasions(body: str | None) -> tuple[list[NewSpecialOccasion], bool]:
    """The body of a POST: an array of occasions without ids, or one such object as the vendor's example.

    Returns the occasions and whether the body was a single object (answered in kind).
    """
    data = json_body(body)
    if isinstance(data, dict):
        return _occasions([data], NewSpecialOccasion), True
    return _occasions(data, NewSpecialOccasion), False


def updated_occasions(body: str | None) -> list[SpecialOccasion]:
    """The body of a PUT: full occasions with their ids, each id once."""
    occasions = _occasions(json_body(body), SpecialOccasion)
    seen: set[int] = set()
    for index, occasion in enumerate(occasions):
        if occasion.id in seen:
            raise InvalidInput(f"[{index}].id: {occasion.id} appears more than once in the request", f"[{index}].id")
        seen.add(occasion.id)
    return occasions


def _occasions[O: OccasionFields](data: object, model: type[Occasion]) -> list[Occasion]:
    if not isinstance(data, list):
        raise InvalidInput("body: must be a JSON array of special occasions", field="body")
    if not data:
        raise InvalidInput("body: must contain at least one special occasion", field="body")
    if len(data) > MAX_PER_REQUEST:
        raise InvalidInput(f"body: at most {MAX_PER_REQUEST} special occasions per request", field="body")
    occasions = validate(_adapter(model).validate_python, data)
    for index, occasion in enumerate(occasions):
        check_occasion(occasion, f"[{index}]")
    _require_distinct_names(occasions)
    defaults = [index for index, occasion in enumerate(occasions) if occasion.isDefault]
    if len(defaults) > 1:
        raise InvalidInput(f"[{defaults[1]}].isDefault: only one special occasion can be the default", "isDefault")
    return occasions


def check_occasion(occasion: OccasionFields, prefix: str) -> None:
    """The rules of one occasion that its types cannot express."""
    if is_blank(occasion.name):
        raise InvalidInput(f"{prefix}.name: must not be blank", f"{prefix}.name")
    if occasion.deleted:
        raise InvalidInput(
            f"{prefix}.deleted: must be false; use DELETE to remove special occasions", f"{prefix}.deleted"
        )
    for index, event in enumerate(occasion.events):
        path = f"{prefix}.events[{index}]"
        try:
            start_zone = rules.zone(event.start.timeZone, "start.timeZone")
            end_zone = rules.zone(event.end.timeZone, "end.timeZone")
            if end_zone.key != start_zone.key:
                raise rules.RuleViolation("end.timeZone", "must be the same time zone as start.timeZone")
            start = rules.local_value(event.start.dateTime, "start.dateTime")
            end = rules.local_value(event.end.dateTime, "end.dateTime")
            for value, name in ((start, "start.dateTime"), (end, "end.dateTime")):
                if isinstance(value, datetime):
                    rules.require_existing_local_time(value, start_zone, name)
            rules.check_period(start, end, start_zone)
            if event.recurrence:
                working = event.meta.working if event.meta else None
                rules.recurrence_rule(event.recurrence[0], start, start_zone, working)
        except rules.RuleViolation as violation:
            raise InvalidInput(f"{path}.{violation}", f"{path}.{violation.field}") from None


def _require_distinct_names[O: OccasionFields](occasions: list[Occasion]) -> None:
    seen: set[str] = set()
    for index, occasion in enumerate(occasions):
        key = name_key(occasion.name)
        if key in seen:
            raise InvalidInput(f"[{index}].name: {echo(occasion.name)} appears more than once in the request", "name")
        seen.add(key)
