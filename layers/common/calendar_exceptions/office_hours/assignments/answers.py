"""The JSON of teammates' assignments as the API answers them: `admin_office_hours`, its lists and pages.

Teams and the workspace default answer the schedule object itself (office_hours/answers.schedule).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

ADMIN_OFFICE_HOURS_TYPE = "admin_office_hours"
LIST_TYPE = "list"
PAGES_TYPE = "pages"


def admin_office_hours(admin_id: str, schedule_id: str | None) -> dict[str, Any]:
    """A teammate's own schedule id, null when they inherit ("not the id of the inherited schedule")."""
    return {"type": ADMIN_OFFICE_HOURS_TYPE, "admin_id": admin_id, "office_hours_schedule_id": schedule_id}


def admin_list(assignments: Iterable[tuple[str, str | None]]) -> dict[str, Any]:
    """The bulk update's answer: every teammate sent, in request order, without pages."""
    return {"type": LIST_TYPE, "data": [admin_office_hours(*assignment) for assignment in assignments]}


def admin_page(assignments: Iterable[tuple[str, str]], per_page: int, next_after: str | None) -> dict[str, Any]:
    """A page of the teammates' list; `pages.next` only when another page follows (none on the last)."""
    pages: dict[str, Any] = {"type": PAGES_TYPE, "per_page": per_page}
    if next_after is not None:
        pages["next"] = {"per_page": per_page, "starting_after": next_after}
    return {**admin_list(assignments), "pages": pages}
