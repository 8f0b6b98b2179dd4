"""Properties of the shift status for arbitrary workdays, occasions, zones and instants.

Three oracles, each built differently from shift_status.shifts:

- an instant-by-instant reading of the rules (is this instant's local date governed by an
  occurrence, in each event's zone? is it inside a working occurrence, or a workday shift?),
  for any zones and times to the second;
- the hours engine (hours.py) in one zone with whole minutes: the workday's events as
  weekly intervals, each date an occasion touches replaced by its working parts (none where
  a non-working one touches it).

The occasions' rules are expanded here by dateutil itself (`rrulestr`); the bounded expander
the shift status uses is compared with dateutil on its own in test_expansion_properties.py.

Events are drawn on or next to 2026 transitions of the zones drawn, so that the gap and repeat
rules are exercised, as LivePerson's clients write them: whole days D to D+n (an end date is
exclusive), date-times with or without seconds, ends at 23:59 or 23:59:59 (the end of that
day), workday starts on another weekday than their rule's.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_exceptions.hours.engine import Hours, Replacement, WeeklyInterval
from calendar_exceptions.liveperson.shift_status.shifts import shift_status

SETTINGS = settings(max_examples=120, deadline=None)
ZONES = ["UTC", "Europe/Warsaw", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Tokyo"]
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# 2026 dates on or next to a transition of one of the zones above.
TRANSITION_DATES = [date(2026, 3, 8), date(2026, 3, 29), date(2026, 4, 5), date(2026, 9, 6), date(2026, 10, 25)]
RULES = [
    None,
    "RRULE:FREQ=DAILY;COUNT=3;INTERVAL=1",
    "RRULE:FREQ=DAILY;INTERVAL=2;COUNT=4",
    "RRULE:FREQ=WEEKLY;COUNT=3",
]


@st.composite
def local_span(draw, max_days: int, max_minutes: int, seconds: bool) -> tuple[Any, Any]:
    """Whole days D to D+n (n <= max_days) or a timed span of at most `max_minutes` on or near a transition date.

    A timed span may end at 23:59 or 23:59:59 of a date (the end of that day) instead.
    """
    day = draw(st.sampled_from(TRANSITION_DATES)) + timedelta(days=draw(st.integers(-2, 2)))
    if draw(st.integers(0, 4)) == 0:
        return day, day + timedelta(days=draw(st.integers(1, max_days)))
    start = datetime.combine(day, time()) + timedelta(minutes=draw(st.integers(0, 1439)))
    if seconds:
        start += timedelta(seconds=draw(st.sampled_from([0, 0, 30, 59])))
    end = start + timedelta(minutes=draw(st.integers(1, max_minutes)))
    if draw(st.integers(0, 3)) == 0:
        clock = time(23, 59, draw(st.sampled_from([0, 59]) if seconds else st.just(0)))
        end = datetime.combine(start.date() + timedelta(days=draw(st.integers(0, max_minutes // 1440))), clock)
        if (_read_end(end) - start) > timedelta(minutes=max_minutes):
            end = datetime.combine(start.date(), clock)
    return start, end


def _written(value: Any) -> str:
    """A date or local time as clients write it: a time without seconds as HH:mm half the time."""
    if isinstance(value, datetime) and value.second == 0 and value.minute % 2:
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def _read_end(value: datetime) -> datetime:
    """The oracle's own reading of an end at 23:59 or 23:59:59: the next midnight."""
    if (value.hour, value.minute) == (23, 59) and value.second in (0, 59):
        return datetime.combine(value.date() + timedelta(days=1), time())
    return value


def _existing(value: Any, zone: str) -> bool:
    """Whether a stored local time could exist (writes refuse a time in a gap)."""
    if not isinstance(value, datetime):
        return True
    tz = ZoneInfo(zone)
    return value.replace(tzinfo=tz).astimezone(ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None) == value


@st.composite
def workday_event(draw, zone: str, seconds: bool) -> dict[str, Any] | None:
    start, end = draw(local_span(1, 1440, seconds))
    if not (_existing(start, zone) and _existing(end, zone)):
        return None
    # Mostly the start's own weekday; else another (the event starts on that weekday on or after its start date)
    weekday = DAYS[start.weekday()] if draw(st.integers(0, 2)) else draw(st.sampled_from(DAYS))
    return {
        "start": {"dateTime": _written(start), "timeZone": zone},
        "end": {"dateTime": _written(end), "timeZone": zone},
        "recurrence": [f"RRULE:FREQ=WEEKLY;BYDAY={weekday}"],
    }


@st.composite
def occasion_event(draw, zone: str, seconds: bool) -> dict[str, Any] | None:
    start, end = draw(local_span(3, 3 * 1440, seconds))
    if not (_existing(start, zone) and _existing(end, zone)):
        return None
    event: dict[str, Any] = {
        "start": {"dateTime": _written(start), "timeZone": zone},
        "end": {"dateTime": _written(end), "timeZone": zone},
        "recurrence": [rule] if (rule := draw(st.sampled_from(RULES))) else [],
    }
    working = draw(st.sampled_from([True, False, None]))
    if working is not None:
        event["meta"] = {"working": working, "name": "x"}
    return event


@st.composite
def accounts(draw, one_zone: bool = False, seconds: bool = True):
    zone = draw(st.sampled_from(ZONES))
    zones = st.just(zone) if one_zone else st.sampled_from(ZONES)
    workday_events = [draw(workday_event(draw(zones), seconds)) for _ in range(draw(st.integers(0, 4)))]
    occasion_events = [draw(occasion_event(draw(zones), seconds)) for _ in range(draw(st.integers(0, 3)))]
    workday = None if draw(st.integers(0, 5)) == 0 else {"events": [e for e in workday_events if e]}
    occasion = None if draw(st.integers(0, 2)) == 0 else {"events": [e for e in occasion_events if e]}
    day = draw(st.sampled_from(TRANSITION_DATES)) + timedelta(days=draw(st.integers(-3, 10)))
    at = int(datetime.combine(day, time(), ZoneInfo("UTC")).timestamp() * 1000) + draw(st.integers(0, 86_400_000))
    if not seconds:
        at -= at % 60_000
    return zone, workday, occasion, at


# --- the instant-by-instant oracle ------------------------------------------------------------


def _instant(local: datetime, zone: ZoneInfo) -> int:
    return int(local.replace(tzinfo=zone).timestamp() * 1000)  # fold=0


def _event_occurrences(event: dict[str, Any]) -> tuple[ZoneInfo, list[tuple[datetime, datetime]]]:
    zone = ZoneInfo(event["start"]["timeZone"])
    start_text, end_text = event["start"]["dateTime"], event["end"]["dateTime"]
    # Dates: from the start's midnight to the end date's (exclusive); an end at 23:59 is the next midnight.
    start, end = datetime.fromisoformat(start_text), _read_end(datetime.fromisoformat(end_text))
    rule = (event.get("recurrence") or [None])[0]
    if rule is None:
        starts = [start]
    elif "WEEKLY;BYDAY" in rule:
        # The first of the rule's weekday on or after the start date, then weekly
        first = start + timedelta(days=(DAYS.index(rule[-2:]) - start.weekday()) % 7)
        starts = [first + timedelta(weeks=k) for k in range(80)]
    else:
        starts = list(rrulestr(rule.removeprefix("RRULE:"), dtstart=start))
    return zone, [(s, s + (end - start)) for s in starts]


def on_shift(workday: dict[str, Any] | None, occasion: dict[str, Any] | None, at: int) -> bool:
    governed = working = closed = False
    for event in (occasion or {}).get("events", []):
        zone, spans = _event_occurrences(event)
        today = datetime.fromtimestamp(at / 1000, zone).date()
        works = (event.get("meta") or {}).get("working", True)
        for start, end in spans:
            if start.date() <= today <= (end - timedelta(microseconds=1)).date():
                governed = True
                closed = closed or not works  # non-working wins: off the whole date
            if works and _instant(start, zone) <= at < _instant(end, zone):
                working = True
    if governed:
        return working and not closed
    for event in (workday or {}).get("events", []):
        zone, spans = _event_occurrences(event)
        if any(_instant(start, zone) <= at < _instant(end, zone) for start, end in spans):
            return True
    return False


@SETTINGS
@given(accounts(), st.lists(st.floats(0, 1), min_size=8, max_size=8))
def test_the_status_is_the_rules_read_instant_by_instant(account, fractions):
    _, workday, occasion, at = account
    status = shift_status(workday, occasion, at)
    assert status.on_shift == on_shift(workday, occasion, at)
    if status.next_on is not None:
        assert status.next_on > at
        assert on_shift(workday, occasion, status.next_on)
        assert not on_shift(workday, occasion, status.next_on - 1)
    if status.next_off is not None:
        assert status.next_off > at
        assert not on_shift(workday, occasion, status.next_off)
        assert on_shift(workday, occasion, status.next_off - 1)
    if status.next_on is not None and status.next_off is not None:
        # Off shift: the next shift starts, then ends. On shift: this one ends before the next starts.
        assert (status.next_off > status.next_on) is not status.on_shift
    # Nothing changes between `at` and the first of the two
    change = min(x for x in (status.next_on, status.next_off, at + 20 * 86_400_000) if x is not None)
    for fraction in fractions:
        moment = at + int((change - at - 1) * fraction)
        assert on_shift(workday, occasion, moment) == status.on_shift, moment


# --- the hours engine in one zone, whole minutes ---------------------------------------------


def engine_hours(zone: str, workday: dict[str, Any] | None, occasion: dict[str, Any] | None) -> Hours:
    weekly = []
    for event in (workday or {}).get("events", []):
        _, [(start, end), *_] = _event_occurrences(event)
        minute = start.weekday() * 1440 + start.hour * 60 + start.minute
        weekly.append(WeeklyInterval(minute, minute + (end - start) // timedelta(minutes=1), start.date()))
    parts: dict[date, list[tuple[int, int]]] = {}
    closed: set[date] = set()
    for event in (occasion or {}).get("events", []):
        _, spans = _event_occurrences(event)
        for start, end in spans:
            day = start.date()
            while day <= (end - timedelta(microseconds=1)).date():
                midnight = datetime.combine(day, time())
                parts.setdefault(day, [])
                if not (event.get("meta") or {}).get("working", True):
                    closed.add(day)
                else:
                    low, high = max(start, midnight), min(end, midnight + timedelta(days=1))
                    parts[day].append(
                        ((low - midnight) // timedelta(minutes=1), (high - midnight) // timedelta(minutes=1))
                    )
                day += timedelta(days=1)
    replacements = {day: Replacement("occasion", () if day in closed else tuple(sorted(p))) for day, p in parts.items()}
    return Hours(zone, weekly, replacements)


@SETTINGS
@given(accounts(one_zone=True, seconds=False))
def test_in_one_zone_with_whole_minutes_the_status_is_the_hours_engines(account):
    zone, workday, occasion, at = account
    engine = engine_hours(zone, workday, occasion).status(at // 1000)
    status = shift_status(workday, occasion, at)
    assert status.on_shift == engine.open
    assert status.next_on == (None if engine.next_open_at is None else engine.next_open_at * 1000)
    assert status.next_off == (None if engine.next_close_at is None else engine.next_close_at * 1000)
