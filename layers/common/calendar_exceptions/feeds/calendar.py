"""A feed's iCalendar document (RFC 5545), built with the `icalendar` library: never by concatenating text.

Only the calendar function imports this module, and with it icalendar (its own layer,
FeedsLayer in template.yaml): every other function's cold start stays as it was.

The document: PRODID, VERSION, CALSCALE, the calendar's name (X-WR-CALNAME, NAME), zone
(X-WR-TIMEZONE), how often to fetch it again (REFRESH-INTERVAL, X-PUBLISHED-TTL); one
VTIMEZONE for the zone its local times use, covering the window; the open periods as weekly
series and single events (series.py), and an all-day event (DTEND;VALUE=DATE exclusive) for
each date an exception or a special occasion governs. Every component has its UID,
SEQUENCE and DTSTAMP (the last change of what it comes from), and nothing optional but an
all-day event's TRANSP (it blocks no time) and DESCRIPTION (changed hours): icalendar's
writing costs about 50 µs a property, the most of a calendar's time (bench/feeds.py).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, Timezone, vDuration, vRecur

from calendar_exceptions.feeds.series import FeedCalendar, events, local_instant, uid

PRODID = "-//calendar-exceptions//feeds//EN"
# How often a subscribed client should fetch the calendar again (RFC 7986, and its older X- form).
REFRESH = timedelta(hours=1)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


# Documents an environment keeps, by the digest of what they are built from (series.source_key): a calendar
# asked for again before anything it shows changed (a subscribed client's next poll, another subscriber)
# costs its reads and the digest, not its writing. A change of the stored values, of the link's source or of
# the window's first date is another key; the least recently used go first.
KEPT_DOCUMENTS = 16
_kept: OrderedDict[str, bytes] = OrderedDict()
_kept_lock = threading.Lock()


def kept_document(key: str, calendar: Callable[[], FeedCalendar]) -> bytes:
    """The document of `calendar()`, written once for `key` while this environment keeps it."""
    with _kept_lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    written = document(calendar())
    with _kept_lock:
        _kept[key] = written
        while len(_kept) > KEPT_DOCUMENTS:
            _kept.popitem(last=False)
    return written


def document(calendar: FeedCalendar, weekly: bool = True) -> bytes:
    """The calendar's iCalendar text, UTF-8, CRLF line ends (`weekly=False`: no series, as series.events)."""
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
    series, singles = events(calendar, weekly)
    for found in series:
        event = _event(found.uid, calendar.open_summary, found.provenance)
        event.add("dtstart", found.start.replace(tzinfo=zone))
        event.add("duration", timedelta(seconds=found.length))
        rule = vRecur(freq="WEEKLY", byday=[_WEEKDAYS[w] for w in found.weekdays], until=found.until)
        event.add("rrule", rule)
        if found.exdates:
            # Local times with their zone's TZID given once: icalendar would look the zone up for each value.
            event.add("exdate", found.exdates, parameters={"TZID": zone.key})
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
    event.add("dtstamp", datetime.fromtimestamp(stamp, UTC))
    event.add("sequence", sequence)
    event.add("summary", summary)
    return event


def _moment(instant: int, calendar: FeedCalendar) -> datetime:
    """`instant` as a local time in the calendar's zone, or in UTC where a local time would read otherwise."""
    local = datetime.fromtimestamp(instant, calendar.zone).replace(tzinfo=None)
    if local_instant(local, calendar.zone) == instant:
        return local.replace(tzinfo=calendar.zone)
    return datetime.fromtimestamp(instant, UTC)
