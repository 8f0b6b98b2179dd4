"""Request bodies and paths the tests share."""

from __future__ import annotations

import copy
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


def with_event(body: dict[str, Any], **event_fields: Any) -> dict[str, Any]:
    """A copy of `body` whose first event has `event_fields` replaced."""
    changed = copy.deepcopy(body)
    changed["events"][0].update(event_fields)
    return changed
