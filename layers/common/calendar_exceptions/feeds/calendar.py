"""A feed's iCalendar document (RFC 5545), built with the `icalendar` library: never by concatenating text.

Only the calendar function imports this module, and with it icalendar (its own layer,
FeedsLayer in template.yaml): every other function's cold start stays as it was.

The document: PRODID, VERSION, CALSCALE, the calendar's name (X-WR-CALNAME, NAME), zone
(X-WR-TIMEZONE), how often to fetch it again (REFRESH-INTERVAL, X-PUBLISHED-TTL); one
VTIMEZONE for the zone its local times use, covering the window; the open periods as weekly
series and single events (series.py), and an all-day event (DTEND;VALUE=DATE exclusive) for
each date an exception or a special occasion governs. Every component has its UID,
SEQUENCE and DTSTAMP (the last change of what it comes from; LAST-MODIFIED the same).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, Timezone, vDuration, vRecur

from calendar_exceptions.feeds.series import FeedCalendar, events, local_instant, uid

PRODID = "-//calendar-exceptions//feeds//EN"
# How often a subscribed client should fetch the calendar again (RFC 7986, and its older X- form).
REFRESH = timedelta(hours=1)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def document(calendar: FeedCalendar) -> bytes:
    """The calendar's iCalendar text, UTF-8, CRLF line ends."""
    zone = calendar.zone
    built = Calendar()
    built.add("prodid", PRODID)
    built.add("version", "2.0")
    built.add("calscale", "GREGORIAN")
    built.add("x-wr-calname", calendar.name)
    built.add("name", calendar.name)
    built.add("x-wr-timezone", zone.key)
    built.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    built.add("x-published-ttl", vDuration(REFRESH))
    first, last = calendar.first - timedelta(days=7), calendar.last + timedelta(days=7)
    built.add_component(Timezone.from_tzinfo(zone, tzid=zone.key, first_date=first, last_date=last))
    series, singles = events(calendar)
    for found in series:
        event = _event(found.uid, calendar.open_summary, found.provenance)
        event.add("dtstart", found.start.replace(tzinfo=zone))
        event.add("duration", timedelta(seconds=found.length))
        rule = vRecur(freq="WEEKLY", byday=[_WEEKDAYS[w] for w in found.weekdays], until=found.until)
        event.add("rrule", rule)
        if found.exdates:
            event.add("exdate", [day.replace(tzinfo=zone) for day in found.exdates])
        built.add_component(event)
    for found in singles:
        event = _event(found.uid, calendar.open_summary, found.provenance)
        event.add("dtstart", _moment(found.start, calendar))
        event.add("dtend", _moment(found.end, calendar))
        built.add_component(event)
    for mark in calendar.days:
        event = _event(uid(calendar, "day", mark.key), mark.summary, None, mark.sequence, mark.stamp)
        event.add("dtstart", mark.day)
        event.add("dtend", mark.day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        if mark.description:
            event.add("description", mark.description)
        built.add_component(event)
    return built.to_ical()


def _event(found_uid: str, summary: str, provenance, sequence: int = 0, stamp: int = 0) -> Event:
    if provenance is not None:
        sequence, stamp = provenance.sequence, provenance.stamp
    event = Event()
    event.add("uid", found_uid)
    changed = datetime.fromtimestamp(stamp, UTC)
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("sequence", sequence)
    event.add("summary", summary)
    return event


def _moment(instant: int, calendar: FeedCalendar) -> datetime:
    """`instant` as a local time in the calendar's zone, or in UTC where a local time would read otherwise."""
    local = datetime.fromtimestamp(instant, calendar.zone).replace(tzinfo=None)
    if local_instant(local, calendar.zone) == instant:
        return local.replace(tzinfo=calendar.zone)
    return datetime.fromtimestamp(instant, UTC)
