"""Request bodies and paths the tests share."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def collection(account: str = "acct1") -> str:
    return f"/api/account/{account}/configuration/ac-common/specialoccasion"


# The request body of the vendor's "Update Special Occasion" page, without its id.
SEED_PAGE_OCCASION: dict[str, Any] = {
    "deleted": False,
    "name": "special occasion 2",
    "description": "Description for special occasion 1",
    "isDefault": False,
    "events": [
        {
            "meta": {"working": True, "name": "user1"},
            "start": {"dateTime": "2017-03-27T06:00:00", "timeZone": "Europe/Warsaw"},
            "end": {"dateTime": "2018-03-27T13:00:00", "timeZone": "Europe/Warsaw"},
            "recurrence": [],
        }
    ],
}


def occasion(name: str = "Christmas", **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "deleted": False,
        "name": name,
        "description": f"{name} opening hours",
        "isDefault": False,
        "events": [
            {
                "meta": {"working": False, "name": "closed"},
                "start": {"dateTime": "2026-12-25", "timeZone": "Europe/Warsaw"},
                "end": {"dateTime": "2026-12-25", "timeZone": "Europe/Warsaw"},
                "recurrence": [],
            }
        ],
    }
    body.update(fields)
    return body


def workdays_collection(account: str = "acct1") -> str:
    return f"/api/account/{account}/configuration/ac-common/workinghours"


def workday(name: str = "Office hours", **fields: Any) -> dict[str, Any]:
    """Monday 09:00-17:00 in Warsaw every week from 2026-03-02 (a Monday)."""
    body: dict[str, Any] = {
        "deleted": False,
        "name": name,
        "description": f"{name}: Mondays",
        "isDefault": False,
        "events": [weekly_event("2026-03-02T09:00:00", "2026-03-02T17:00:00", "MO")],
    }
    body.update(fields)
    return body


def weekly_event(start: str, end: str, day: str, zone: str = "Europe/Warsaw") -> dict[str, Any]:
    return {
        "start": {"dateTime": start, "timeZone": zone},
        "end": {"dateTime": end, "timeZone": zone},
        "recurrence": [f"RRULE:FREQ=WEEKLY;BYDAY={day}"],
    }


@dataclass(frozen=True)
class Collection:
    """One LivePerson collection as the tests call it: its path segment (the error body's type) and a valid body."""

    type: str
    body: Callable[..., dict[str, Any]]

    def url(self, account: str = "acct1") -> str:
        return f"/api/account/{account}/configuration/ac-common/{self.type}"

    def __str__(self) -> str:
        return self.type


SPECIAL_OCCASIONS = Collection("specialoccasion", occasion)
WORKDAYS = Collection("workinghours", workday)
COLLECTIONS = [SPECIAL_OCCASIONS, WORKDAYS]


def with_event(body: dict[str, Any], **event_fields: Any) -> dict[str, Any]:
    """A copy of `body` whose first event has `event_fields` replaced."""
    changed = copy.deepcopy(body)
    changed["events"][0].update(event_fields)
    return changed


# --- office hours (Intercom) ------------------------------------------------------------

SCHEDULES = "/office_hours_schedules"


def schedule_url(schedule_id: str) -> str:
    return f"{SCHEDULES}/{schedule_id}"


def exceptions_url(schedule_id: str) -> str:
    return f"{SCHEDULES}/{schedule_id}/office_hours_exceptions"


def exception_url(schedule_id: str, exception_id: str) -> str:
    return f"{exceptions_url(schedule_id)}/{exception_id}"


def interval(start: int, end: int) -> dict[str, int]:
    return {"start_minute": start, "end_minute": end}


def schedule(name: str = "Support", **fields: Any) -> dict[str, Any]:
    """Weekdays 09:00-17:00 in Dublin, minutes counted from Monday 00:00."""
    body: dict[str, Any] = {
        "name": name,
        "time_zone_name": "Europe/Dublin",
        "time_intervals": [interval(day * 1440 + 540, day * 1440 + 1020) for day in range(5)],
    }
    body.update(fields)
    return body


def custom_hours(exception_date: str = "2026-12-24", **fields: Any) -> dict[str, Any]:
    """The vendor page's example: reduced hours, 09:00-17:00."""
    body: dict[str, Any] = {
        "exception_date": exception_date,
        "exception_type": "custom_hours",
        "name": "Christmas Eve (reduced hours)",
        "time_intervals": [interval(540, 1020)],
        "recurring_annually": True,
    }
    body.update(fields)
    return body


def closed(exception_date: str = "2026-12-25", **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"exception_date": exception_date, "exception_type": "closed", "name": "Christmas Day"}
    body.update(fields)
    return body
