"""What every LivePerson collection object has (a name, the `deleted` flag), and what the ac-common ones add.

Types and lengths only (strict: see validation.StrictModel). `NamedObject` is every
collection's (skills/models.py adds a skill's fields); `ObjectFields` the Account
Configuration common objects' (a description, the default flag), to which each kind's models
add its events (special_occasions/models.py, workdays/models.py).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import Field

from calendar_exceptions.primitives import MAX_TIME_ZONE
from calendar_exceptions.validation import StrictModel

MAX_NAME = 50
MAX_DESCRIPTION = 200
MAX_EVENTS = 50
MAX_DATE_TIME = len("yyyy-MM-ddTHH:mm:ss")
MAX_RULE = 500


# What the OpenAPI document says a dateTime looks like; whether it is a real date or time is
# liveperson/events.local_value's rule (a 400 naming the field), not the schema's.
DATE_TIME_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$"


class LocalTime(StrictModel):
    dateTime: str = Field(
        max_length=MAX_DATE_TIME,
        description=(
            "yyyy-MM-dd (a date), yyyy-MM-dd'T'HH:mm or yyyy-MM-dd'T'HH:mm:ss (a local time, no offset), "
            "answered as sent. An end date is exclusive (one whole day D is D to D+1); an end at 23:59 or "
            "23:59:59 is the end of that local day."
        ),
        json_schema_extra={"pattern": DATE_TIME_PATTERN},
    )
    timeZone: str = Field(max_length=MAX_TIME_ZONE)


class NamedObject(StrictModel):
    """The fields every object of every collection has: `deleted` (always false: DELETE removes) and a unique name."""

    deleted: bool = False
    name: str = Field(min_length=1, max_length=MAX_NAME)

    @property
    def is_default(self) -> bool:
        """Whether the object is its account's default (a collection without defaults: never)."""
        return False

    def content_digest(self) -> str:
        """Digest of what a PUT can change apart from isDefault, to detect no-op updates cheaply.

        Computed on stored objects, id included, as the heads written so far hold it.
        """
        content = self.model_dump(exclude={"isDefault", "deleted"}, exclude_none=True)
        canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:32]

    def to_json(self) -> dict[str, Any]:
        """The object as the API answers it and as it is stored: its id (a stored object's) first."""
        values = self.model_dump(exclude_none=True)
        return {"id": values.pop("id"), **values} if "id" in values else values


class ObjectFields(NamedObject):
    """The fields of every Account Configuration common object (`ac-common`); each kind adds `events`."""

    description: str = Field(max_length=MAX_DESCRIPTION)
    isDefault: bool

    @property
    def is_default(self) -> bool:
        return self.isDefault
