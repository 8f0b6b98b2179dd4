"""What the feed tests share: making links through the API, calling their public URLs, expanding calendars.

`expand` reads a calendar with icalendar and expands it with the `recurring-ical-events`
library, independently of the code that wrote it (feeds/series.py, feeds/calendar.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

import icalendar
import recurring_ical_events

from tests.builders import SCHEDULES


def office_hours_link(api, schedule_id: str, tenant: str = "acct1", **kwargs: Any) -> dict[str, Any]:
    reply = api.call("POST", f"{SCHEDULES}/{schedule_id}/feeds", tenant=tenant, **kwargs)
    assert reply.status == 201, reply.text
    return reply.body


def liveperson_link(api, account: str, skill_id: int | None = None, **kwargs: Any) -> dict[str, Any]:
    reply = api.call("POST", f"/api/account/{account}/shift-status/feeds", {"skillId": skill_id}, tenant=account)
    assert reply.status == 200, reply.text
    return reply.body


def path_of(url: str) -> str:
    """The path (and query) of a link's URL, as the in-process API client calls it."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def fetch(api, url: str, **kwargs: Any):
    """A public URL, with no token."""
    return api.call("GET", path_of(url), tenant=None, **kwargs)


def utc(*fields: int) -> int:
    return int(datetime(*fields, tzinfo=UTC).timestamp())


def joined(periods: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for start, end in sorted(periods):
        if found and start <= found[-1][1]:
            found[-1] = (found[-1][0], max(found[-1][1], end))
        else:
            found.append((start, end))
    return found


def expand(text: str, first: date, last: date) -> tuple[list[tuple[int, int]], list[tuple[date, date, str]]]:
    """The calendar's timed occurrences (Unix seconds, joined) and all-day events (start, exclusive end, summary)
    between the local midnights of `first` and the day after `last`, as recurring-ical-events expands them."""
    calendar = icalendar.Calendar.from_ical(text)
    occurrences = recurring_ical_events.of(calendar).between(first, date.fromordinal(last.toordinal() + 1))
    timed, days = [], []
    for event in occurrences:
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        if isinstance(start, datetime):
            timed.append((int(start.timestamp()), int(end.timestamp())))
        else:
            days.append((start, end, str(event["SUMMARY"])))
    return joined(timed), sorted(days)


def components(text: str) -> dict[str, Any]:
    """The calendar's VEVENTs by UID."""
    return {str(event["UID"]): event for event in icalendar.Calendar.from_ical(text).walk("VEVENT")}
