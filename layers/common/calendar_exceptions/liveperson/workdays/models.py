"""Workday objects as the LivePerson Account Configuration API writes them (`workinghours`).

A workday object is a special occasion object whose events have no `meta` and exactly one
recurrence line (types here; what the line must say is in `rules`). The fields every
collection object has are in account_config/models.py.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from calendar_exceptions.liveperson.account_config.models import MAX_EVENTS, MAX_RULE, LocalTime, ObjectFields
from calendar_exceptions.validation import StrictModel


class WorkdayEvent(StrictModel):
    start: LocalTime
    end: LocalTime
    # "Workdays must include single recurrence" (vendor appendix): required, exactly one line.
    recurrence: list[Annotated[str, Field(max_length=MAX_RULE)]] = Field(min_length=1, max_length=1)


class WorkdayFields(ObjectFields):
    events: list[WorkdayEvent] = Field(max_length=MAX_EVENTS)


class NewWorkday(WorkdayFields):
    """A POSTed workday object: the server assigns the id."""


class Workday(WorkdayFields):
    """A stored workday object, and the body of each element of a PUT."""

    id: int = Field(ge=1)
