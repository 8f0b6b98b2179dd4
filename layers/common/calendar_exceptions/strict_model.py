"""The base of every request model of both APIs (pydantic); `primitives.StrictModel` names it too."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """The base of every request model of both APIs.

    strict: "true" is not a boolean and 1.0 is not an integer; forbid: unknown fields are
    errors; defer_build: a model's validator is built when first used, so each function
    builds only those it uses, not every model of a module at import.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)
