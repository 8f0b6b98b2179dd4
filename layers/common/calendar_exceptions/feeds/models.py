"""The one request body of the feed routes: a LivePerson feed's create (strict, as every request model)."""

from __future__ import annotations

from pydantic import Field

from calendar_exceptions.validation import StrictModel

MAX_SKILL_ID = 10**18 - 1


class NewLivePersonFeed(StrictModel):
    skillId: int | None = Field(
        default=None,
        ge=1,
        le=MAX_SKILL_ID,
        description="The skill whose hours the feed shows; null (or absent): the account level",
    )
