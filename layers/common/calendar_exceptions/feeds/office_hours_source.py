"""An office hours feed: its schedule and exceptions, read in two round trips, as a status or as a calendar.

The status is exactly the schedule's status route's answer (office_hours/hours/service.py).
The calendar (series.FeedCalendar) holds, from the start of the current local date in the
schedule's zone for WINDOW_DATES dates, the effective hours' open periods (touching ones
joined, as the status reads them), and an all-day mark for each date an exception governs
(`recurring_annually` included): "Closed: <name>" or "<name>: changed hours" (without a
name: "Closed", "Changed hours"), with the date's open hours in its description.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from calendar_exceptions import primitives
from calendar_exceptions.errors import NotFound
from calendar_exceptions.feeds.links import FeedLink
from calendar_exceptions.feeds.series import DayMark, FeedCalendar, Provenance, source_key
from calendar_exceptions.hours.intervals import union
from calendar_exceptions.hours.local_time import local_date
from calendar_exceptions.office_hours import rules
from calendar_exceptions.office_hours.hours.reads import HoursRepository, StoredHours
from calendar_exceptions.office_hours.hours.service import ScheduleHoursService, hours_of
from calendar_exceptions.storage import dynamodb_client, table_name

# Today and 365 dates after it: the window reaches at least 365 days past any moment of today.
WINDOW_DATES = 366
ALSO = ("name", "version", "updated_at")


def _repository() -> HoursRepository:
    return HoursRepository(dynamodb_client(), table_name())


def status(link: FeedLink, at: int) -> dict[str, Any]:
    """What GET /office_hours_schedules/{id}/status answers for `at`."""
    return ScheduleHoursService(_repository()).status(link.tenant, link.office_hours_schedule_id or "", at)


def calendar(link: FeedLink, now: int) -> tuple[str, Callable[[], FeedCalendar]]:
    """What the link's calendar is built from, as a key (series.source_key), and how to build it."""
    stored = _repository().stored_hours(link.tenant, link.office_hours_schedule_id or "", ALSO)
    if stored is None:
        raise NotFound("No such feed")
    today = local_date(now, primitives.zone(stored.schedule["time_zone_name"]))
    key = source_key(link.scope(), today, stored.schedule, stored.exceptions)
    return key, lambda: calendar_of(stored, link.scope(), now)


def calendar_of(stored: StoredHours, scope: str, now: int) -> FeedCalendar:
    """The calendar of a stored schedule and its exceptions (plain values, as read) at `now` (Unix seconds)."""
    schedule = stored.schedule
    exceptions = {exception["id"]: exception for exception in stored.exceptions}
    hours = hours_of(schedule, stored.exceptions)
    first = hours.local_date(now)
    last = first + timedelta(days=WINDOW_DATES - 1)
    days = hours.days(first, last)
    periods = list(union((start, end) for day in days for _, _, start, end in day.intervals))
    marks = []
    for day in days:
        if day.replacement is None:
            continue
        exception = exceptions[day.replacement.source_id]
        marks.append(
            DayMark(
                day.date,
                _summary(exception),
                f"x{exception['id']}-{day.date.isoformat()}",
                exception.get("version", 0),
                exception["updated_at"],
                _description(day.intervals) if exception["exception_type"] != rules.CLOSED else None,
            )
        )

    # The exception governing each date of the window and the day around it, and each span's answer once:
    # the series of a schedule mostly share theirs.
    governing = {day.date: day.replacement for day in days}
    known: dict[tuple[date, date], Provenance] = {}

    def provenance(from_date: date, to_date: date) -> Provenance:
        found = known.get((from_date, to_date))
        if found is not None:
            return found
        ids = sorted(
            {
                replacement.source_id
                for d in _dates(from_date, to_date)
                if (replacement := governing[d] if d in governing else hours.replacement(d)) is not None
            },
            key=int,
        )
        shaping = [schedule, *(exceptions[i] for i in ids)]
        found = known[(from_date, to_date)] = Provenance(
            "x" + ",".join(ids),
            sum(item.get("version", 0) for item in shaping),
            max(item["updated_at"] for item in shaping),
        )
        return found

    return FeedCalendar(schedule["name"], hours.zone, first, last, periods, "Open", marks, scope, provenance)


def _dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _summary(exception: dict[str, Any]) -> str:
    name = (exception.get("name") or "").strip()
    if exception["exception_type"] == rules.CLOSED:
        return f"Closed: {name}" if name else "Closed"
    return f"{name}: changed hours" if name else "Changed hours"


def _description(intervals: tuple[tuple[int, int, int, int], ...]) -> str:
    if not intervals:
        return "Closed all day"
    return "Open " + ", ".join(f"{_clock(start)}-{_clock(end)}" for start, end, _, _ in intervals)


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"
