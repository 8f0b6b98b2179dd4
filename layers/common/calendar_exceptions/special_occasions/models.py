"""Special occasion objects as the LivePerson Account Configuration API writes them.

Types and lengths only (strict: see validation.StrictModel). What a value must mean (a
real date, an IANA zone, a supported RRULE) is stated in `rules`; `validation` applies
those rules to each parsed request and the ones that need several objects (distinct
names, one default).
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any

from pydantic import Field

from calendar_exceptions.primitives import MAX_TIME_ZONE
from calendar_exceptions.validation import StrictModel

MAX_NAME = 50
MAX_DESCRIPTION = 200
MAX_META_NAME = 200
MAX_EVENTS = 50
MAX_DATE_TIME = len("yyyy-MM-ddTHH:mm:ss")
MAX_RULE = 500


class LocalTime(StrictModel):
    dateTime: str = Field(max_length=MAX_DATE_TIME)
    timeZone: str = Field(max_length=MAX_TIME_ZONE)


class EventMeta(StrictModel):
    working: bool
    name: str = Field(default="", max_length=MAX_META_NAME)


class Event(StrictModel):
    start: LocalTime
    end: LocalTime
    recurrence: list[Annotated[str, Field(max_length=MAX_RULE)]] = Field(default_factory=list, max_length=1)
    meta: EventMeta | None = None


class OccasionFields(StrictModel):
    deleted: bool = False
    name: str = Field(min_length=1, max_length=MAX_NAME)
    description: str = Field(max_length=MAX_DESCRIPTION)
    isDefault: bool
    events: list[Event] = Field(max_length=MAX_EVENTS)

    def content_digest(self) -> str:
        """Digest of what a PUT can change apart from isDefault, to detect no-op updates cheaply."""
        content = self.model_dump(exclude={"isDefault", "deleted"}, exclude_none=True)
        canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:32]


class NewSpecialOccasion(OccasionFields):
    """A POSTed occasion: the server assigns the id."""


class SpecialOccasion(OccasionFields):
    """A stored occasion, and the body of each element of a PUT."""

    id: int = Field(ge=1)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, **self.model_dump(exclude={"id"}, exclude_none=True)}
