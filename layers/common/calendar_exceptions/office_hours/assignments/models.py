"""Assignment request models (strict pydantic, validation.StrictModel) and the answer's, for the OpenAPI document.

Only the functions that parse a body import them (validation.py), when a request brings one.
`office_hours_schedule_id` is required even when null, as the vendor has it: null means
"no schedule of its own" (inherit). The rules beyond types are in rules.py.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from calendar_exceptions.office_hours.assignments.rules import HOLDER_ID_PATTERN, MAX_BULK
from calendar_exceptions.office_hours.rules import ID_PATTERN
from calendar_exceptions.validation import StrictModel

_SCHEDULE_ID = Field(
    description="A schedule of the workspace, or null: no schedule of its own (inherit). Required even when null; "
    "an unknown schedule is 422",
)


class OfficeHoursAssignment(StrictModel):
    """The body of PUT /admins/{id}/office_hours, /teams/{team_id}/office_hours and /workspace/office_hours."""

    office_hours_schedule_id: str | None = _SCHEDULE_ID


class AdminAssignment(StrictModel):
    admin_id: str = Field(json_schema_extra={"pattern": HOLDER_ID_PATTERN})
    office_hours_schedule_id: str | None = _SCHEDULE_ID


class BulkAdminAssignments(StrictModel):
    """The body of PUT /admins/office_hours: each teammate at most once, all or nothing."""

    assignments: list[AdminAssignment] = Field(min_length=1, max_length=MAX_BULK)


class AdminOfficeHours(BaseModel):
    """A teammate's own schedule: null when they inherit (not the id of the inherited schedule)."""

    model_config = ConfigDict(defer_build=True)

    type: Literal["admin_office_hours"] = "admin_office_hours"
    admin_id: str = Field(json_schema_extra={"pattern": HOLDER_ID_PATTERN})
    office_hours_schedule_id: str | None = Field(json_schema_extra={"pattern": ID_PATTERN})
