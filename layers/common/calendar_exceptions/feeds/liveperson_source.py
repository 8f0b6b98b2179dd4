"""A LivePerson feed: the objects that give a skill's (or the account's) hours, as a status or as a calendar.

`skill_sources` is the one place that says which workday and special occasion objects a feed
shows: a skill's, as the shift status reads them (liveperson/skills/hours.skill_hours: its own
`workingHoursId` / `specialOccasionId` replacing each account default, the account level for a
skill the account does not have), or the account's defaults for an account-level feed; in two
round trips, with their collections' revisions.

The status is the shift status's answer for the feed's skill (`skillId` null for the
account level). The calendar (series.FeedCalendar), in the zone of the first workday event
(else of the first occasion event, else UTC), from the start of the current local date for
WINDOW_DATES dates: the on-shift periods (`shifts.shifts`), and an all-day mark for each date
the occasion governs (`shifts.governed_dates`): "Closed: <name>" or "<name>: changed hours".
LivePerson objects carry no time of change: DTSTAMP is the window's start.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from calendar_exceptions import primitives
from calendar_exceptions.feeds.links import FeedLink
from calendar_exceptions.feeds.series import DayMark, FeedCalendar, Provenance, source_key
from calendar_exceptions.hours.local_time import local_date, minute_instant
from calendar_exceptions.liveperson.account_config.defaults import read_defaults_and_revisions
from calendar_exceptions.liveperson.shift_status.occurrences import Window
from calendar_exceptions.liveperson.shift_status.shifts import governed_dates, shift_status, shifts
from calendar_exceptions.liveperson.skills.hours import skill_hours
from calendar_exceptions.liveperson.special_occasions.kind import SPECIAL_OCCASIONS
from calendar_exceptions.liveperson.workdays.kind import WORKDAYS
from calendar_exceptions.storage import dynamodb_client, table_name

WINDOW_DATES = 366


class SkillSources(NamedTuple):
    workday: dict[str, Any] | None
    occasion: dict[str, Any] | None
    workday_revision: int
    occasion_revision: int


def skill_sources(account: str, skill_id: int | None) -> SkillSources:
    """The workday and special occasion objects whose hours a feed of `skill_id` (None: the account) shows."""
    if skill_id is not None:
        hours = skill_hours(dynamodb_client(), table_name(), account, skill_id)
        return SkillSources(hours.workday, hours.occasion, hours.workday_revision, hours.occasion_revision)
    objects, revisions = read_defaults_and_revisions(dynamodb_client(), table_name(), account)
    workday, occasion = objects[WORKDAYS], objects[SPECIAL_OCCASIONS]
    return SkillSources(workday, occasion, revisions[WORKDAYS], revisions[SPECIAL_OCCASIONS])


def status(link: FeedLink, at: int) -> dict[str, Any]:
    """What the shift status answers at `at` (epoch ms) for the feed's skill (None: the account level)."""
    sources = skill_sources(link.tenant, link.skill_id)
    found = shift_status(sources.workday, sources.occasion, at)
    return {"skillId": link.skill_id, "onShift": found.on_shift, "nextOn": found.next_on, "nextOff": found.next_off}


def calendar(link: FeedLink, now: int) -> tuple[str, Callable[[], FeedCalendar]]:
    """What the link's calendar is built from, as a key (series.source_key), and how to build it."""
    name = f"Account {link.tenant}" + ("" if link.skill_id is None else f", skill {link.skill_id}")
    sources = skill_sources(link.tenant, link.skill_id)
    key = source_key(link.scope(), name, local_date(now, _zone(sources)), sources)
    return key, lambda: calendar_of(sources, name, link.scope(), now)


def calendar_of(sources: SkillSources, name: str, scope: str, now: int) -> FeedCalendar:
    zone = _zone(sources)
    first = local_date(now, zone)
    last = first + timedelta(days=WINDOW_DATES - 1)
    start, end = minute_instant(first.toordinal(), 0, zone), minute_instant(last.toordinal() + 1, 0, zone)
    window = Window(start * 1000, end * 1000)
    periods = [(on // 1000, off // 1000) for on, off in shifts(sources.workday, sources.occasion, window)]
    occasion_id = (sources.occasion or {}).get("id")
    marks = [
        DayMark(
            day,
            f"{label}: changed hours" if working else f"Closed: {label}",
            f"o{occasion_id}-{day.isoformat()}",
            sources.occasion_revision,
            start,
        )
        for day, label, working in governed_dates(sources.occasion, window)
        if first <= day <= last
        for label in [label or "Special occasion"]
    ]
    shaping = Provenance(
        f"w{(sources.workday or {}).get('id')}o{occasion_id}",
        sources.workday_revision + sources.occasion_revision,
        start,
    )

    def provenance(_first: date, _last: date) -> Provenance:
        return shaping

    return FeedCalendar(name, zone, first, last, periods, "On shift", marks, scope, provenance)


def _zone(sources: SkillSources) -> ZoneInfo:
    for found in (sources.workday, sources.occasion):
        events = (found or {}).get("events") or []
        if events:
            return primitives.zone(events[0]["start"]["timeZone"])
    return primitives.zone("UTC")
