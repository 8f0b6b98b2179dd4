"""Request bodies and paths the tests share."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from calendar_exceptions.liveperson.account_config.kind import Kind
from calendar_exceptions.liveperson.kinds import KINDS
from calendar_exceptions.liveperson.skills.kind import SKILLS
from calendar_exceptions.liveperson.special_occasions.kind import SPECIAL_OCCASIONS
from calendar_exceptions.liveperson.workdays.kind import WORKDAYS

# A JSON integer of more digits than Python converts (4,300). json.dumps cannot
# write one, so generated bodies carry this placeholder and `body_text` writes the digits.
HUGE_INTEGER = "\x00an integer of 4,301 digits\x00"


def body_text(body: Any) -> str:
    """`body` as JSON, with each HUGE_INTEGER written as the integer it stands for."""
    return json.dumps(body).replace(json.dumps(HUGE_INTEGER), "9" * 4301)


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
                "end": {"dateTime": "2026-12-26", "timeZone": "Europe/Warsaw"},  # an end date is exclusive
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


def with_event(body: dict[str, Any], **event_fields: Any) -> dict[str, Any]:
    """A copy of `body` whose first event has `event_fields` replaced."""
    changed = copy.deepcopy(body)
    changed["events"][0].update(event_fields)
    return changed


def skill(name: str = "Support", **fields: Any) -> dict[str, Any]:
    """A skill as a client writes one: a name, a description, its order (no hours of its own)."""
    body: dict[str, Any] = {"name": name, "description": f"{name} conversations", "skillOrder": 1}
    body.update(fields)
    return body


# The Skills API appendix's example skill, as the vendor prints it but for `deleted` (read-only:
# a write may only send false) and its ids (`id` assigned by the server; the hours references
# point at objects of the account).
VENDOR_SKILL: dict[str, Any] = {
    "skillOrder": 0,
    "description": "skillDescription",
    "name": "skillName1448453890425",
    "maxWaitTime": 0,
    "deleted": False,
    "dateUpdated": "2015-11-25 14:18:11",
    "canTransfer": True,
    "skillTransferList": [2286661812, 2286661912],
    "lobIds": [766661812],
    "skillRoutingConfiguration": [
        {"priority": 1, "splitPercentage": 10, "agentGroupId": 326244812},
        {"priority": 2, "splitPercentage": 20, "agentGroupId": 326244812},
    ],
}


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


# --- LivePerson workdays and special occasions as stored, for the shift status --------------------

WARSAW = "Europe/Warsaw"
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def shift(start: str, end: str, zone: str = WARSAW) -> dict[str, Any]:
    """A stored workday event from `start` to `end`: weekly on its start date's weekday, from that date on."""
    weekday = DAYS[date.fromisoformat(start[:10]).weekday()]
    return {
        "start": {"dateTime": start, "timeZone": zone},
        "end": {"dateTime": end, "timeZone": zone},
        "recurrence": [f"RRULE:FREQ=WEEKLY;BYDAY={weekday}"],
    }


def stored_workday(*events: dict[str, Any]) -> dict[str, Any]:
    return {"id": 1, "name": "Workdays", "description": "", "isDefault": True, "deleted": False, "events": list(events)}


def occasion_event(start: str, end: str, working: bool | None = True, rule: str | None = None, zone: str = WARSAW):
    body: dict[str, Any] = {
        "start": {"dateTime": start, "timeZone": zone},
        "end": {"dateTime": end, "timeZone": zone},
        "recurrence": [rule] if rule else [],
    }
    if working is not None:
        body["meta"] = {"working": working, "name": "event"}
    return body


def stored_occasion(*events: dict[str, Any]) -> dict[str, Any]:
    return {"id": 1, "name": "Occasion", "description": "", "isDefault": True, "deleted": False, "events": list(events)}


# Monday to Friday 09:00-17:00 in Warsaw, from the week of Monday 2026-12-07.
OFFICE = stored_workday(*(shift(f"2026-12-{7 + i:02d}T09:00:00", f"2026-12-{7 + i:02d}T17:00:00") for i in range(5)))
# Closed on Christmas Day in Warsaw (an end date is exclusive).
CLOSED_ON_CHRISTMAS = stored_occasion(occasion_event("2026-12-25", "2026-12-26", working=False))


# --- each LivePerson collection, for the rules they share ------------------------------------


@dataclass(frozen=True)
class Collection:
    """One LivePerson collection (a Kind of liveperson/kinds.py) as the tests call it.

    Its URL, a valid request body (`body(name, **fields)`) and an object as stored, the
    default with id 1 (`stored`), for tests that seed storage directly.
    """

    kind: Kind
    body: Callable[..., dict[str, Any]]
    stored: dict[str, Any]

    @property
    def has_default(self) -> bool:
        return self.kind.has_default

    @property
    def type(self) -> str:
        """The path segment, and the error body's `type`."""
        return self.kind.type

    def url(self, account: str = "acct1") -> str:
        return self.kind.collection_route.replace("<accountId>", account)

    def __str__(self) -> str:
        return self.type


SPECIAL_OCCASIONS_API = Collection(SPECIAL_OCCASIONS, occasion, CLOSED_ON_CHRISTMAS)
WORKDAYS_API = Collection(WORKDAYS, workday, OFFICE)
SKILLS_API = Collection(SKILLS, skill, {"id": 1, "deleted": False, "name": "Support", "maxWaitTime": 120})
# Every collection of KINDS, in its order: a Kind added there without its Collection here fails here.
COLLECTIONS = [{c.kind: c for c in (SPECIAL_OCCASIONS_API, WORKDAYS_API, SKILLS_API)}[kind] for kind in KINDS]
# Those with a default object (isDefault), for the rules of the default.
WITH_DEFAULT = [collection for collection in COLLECTIONS if collection.has_default]


def schedule_answer(body: dict[str, Any]) -> dict[str, Any]:
    """A schedule's fields as responses show them: each interval with the day its start falls in
    (0 = Monday), and `twenty_four_seven`, true only for the one interval 0-10079."""
    intervals = body.get("time_intervals", [])
    spans = [(i["start_minute"], i["end_minute"]) for i in intervals]
    answered = [{**i, "day_of_week": i["start_minute"] // 1440} for i in intervals]
    return {**body, "time_intervals": answered, "twenty_four_seven": spans == [(0, 10079)]}


def exception_answer(body: dict[str, Any]) -> dict[str, Any]:
    """An exception's fields as responses show them: each interval with its date's weekday (0 = Monday)."""
    intervals = body.get("time_intervals")
    if not intervals:
        return body
    weekday = date.fromisoformat(body["exception_date"]).weekday()
    return {**body, "time_intervals": [{**i, "day_of_week": weekday} for i in intervals]}


# --- office hours assignments: teammates, teams, the workspace default (Intercom Preview) ----

ADMINS_OFFICE_HOURS = "/admins/office_hours"
WORKSPACE_OFFICE_HOURS = "/workspace/office_hours"


def admin_url(admin_id: str) -> str:
    return f"/admins/{admin_id}/office_hours"


def team_url(team_id: str) -> str:
    return f"/teams/{team_id}/office_hours"


def assignment(schedule_id: str | None) -> dict[str, Any]:
    """The body of a teammate's, a team's or the workspace default's PUT."""
    return {"office_hours_schedule_id": schedule_id}


def admin_office_hours(admin_id: str, schedule_id: str | None) -> dict[str, Any]:
    """The vendor's `admin_office_hours` object."""
    return {"type": "admin_office_hours", "admin_id": admin_id, "office_hours_schedule_id": schedule_id}
