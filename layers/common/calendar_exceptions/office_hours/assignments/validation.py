"""Assignment request bodies: JSON, presence (400 parameter_not_found), the bulk's size, types, then the 400 rules.

A schedule id that names no schedule is not a 400 here but the service's 422, as the vendor
answers an "unknown, invalid, or other-workspace schedule id".
"""

from __future__ import annotations

from typing import Any

from calendar_exceptions.errors import InvalidInput
from calendar_exceptions.office_hours.assignments import rules
from calendar_exceptions.office_hours.assignments.models import BulkAdminAssignments, OfficeHoursAssignment
from calendar_exceptions.office_hours.validation import PARAMETER_NOT_FOUND
from calendar_exceptions.primitives import RuleViolation
from calendar_exceptions.validation import json_body, validate

_SCHEDULE_ID = "office_hours_schedule_id"


def assignment(body: str | None) -> str | None:
    """The schedule id of a single assignment's body; None: no schedule of its own."""
    data = _object(json_body(body), "body")
    _require(data, _SCHEDULE_ID, "")
    return validate(OfficeHoursAssignment.model_validate, data).office_hours_schedule_id


def bulk(body: str | None) -> list[tuple[str, str | None]]:
    """The bulk update's (admin id, schedule id) pairs in request order: 1 to 50, each teammate once."""
    data = _object(json_body(body), "body")
    _require(data, "assignments", "")
    entries = data["assignments"]
    if isinstance(entries, list):
        if not entries:
            raise InvalidInput("assignments: send at least one assignment", "assignments")
        if len(entries) > rules.MAX_BULK:
            raise InvalidInput(f"assignments: at most {rules.MAX_BULK} per request, not {len(entries)}", "assignments")
        for index, entry in enumerate(entries):
            if isinstance(entry, dict):
                _require(entry, "admin_id", f"assignments[{index}].")
                _require(entry, _SCHEDULE_ID, f"assignments[{index}].")
    sent = validate(BulkAdminAssignments.model_validate, data).assignments
    try:
        for index, entry in enumerate(sent):
            rules.check_admin_id(entry.admin_id, f"assignments[{index}].admin_id")
        rules.check_distinct([entry.admin_id for entry in sent])
    except RuleViolation as violation:
        raise InvalidInput(str(violation), field=violation.field) from None
    return [(entry.admin_id, entry.office_hours_schedule_id) for entry in sent]


def _object(data: Any, field: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise InvalidInput(f"{field}: must be a JSON object", field=field)
    return data


def _require(data: dict[str, Any], name: str, prefix: str) -> None:
    if name not in data:
        message = f"{prefix}{name}: is required" + (" (null: no schedule of its own)" if name == _SCHEDULE_ID else "")
        raise InvalidInput(message, field=prefix + name, code=PARAMETER_NOT_FOUND)
