"""Special occasion objects as the LivePerson Account Configuration API writes them.

Types and lengths only (strict: see validation.StrictModel); the fields every collection
object has are in account_config/models.py. What a value must mean (a real date, an IANA
zone, a supported RRULE) is stated in `rules`; account_config/validation.py applies those
rules to each parsed request and the ones that need several objects (distinct names, one
default).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from calendar_exceptions.liveperson.account_config.models import MAX_EVENTS, MAX_RULE, LocalTime, ObjectFields
from calendar_exceptions.validation import StrictModel

MAX_META_NAME = 200


class EventMeta(StrictModel):
    working: bool
    name: str = Field(default="", max_length=MAX_META_NAME)


class Event(StrictModel):
    start: LocalTime
    end: LocalTime
    recurrence: list[Annotated[str, Field(max_length=MAX_RULE)]] = Field(default_factory=list, max_length=1)
    meta: EventMeta | None = None


class OccasionFields(ObjectFields):
    events: list[Event] = Field(max_length=MAX_EVENTS)


class NewSpecialOccasion(OccasionFields):
    """A POSTed occasion: the server assigns the id."""


class SpecialOccasion(OccasionFields):
    """A stored occasion, and the body of each element of a PUT."""

    id: int = Field(ge=1)
