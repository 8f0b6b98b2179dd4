"""A feed's calendar, expanded independently (recurring-ical-events), against what the product answers.

Office hours: the timed events are exactly the effective hours route's open intervals over the
window (from the start of the request's local date, 366 dates), joined where they touch, and
the all-day events exactly the dates an exception governs. LivePerson: at every boundary of
every expanded period the shift status says on shift from its start to its end and off shift
from its end to the next start. On schedules with both DST changes in the window, 24/7, closed
and custom-hours exceptions, recurring_annually on 29 February and night shifts across
midnight and across the week's end. The transitions (tzdata): Europe/London and Europe/Warsaw
change on 2027-03-28 and 2027-10-31 (01:00 UTC), Australia/Sydney on 2027-04-04 (16:00 UTC on
the 3rd) and 2027-10-03 (16:00 UTC on the 2nd), America/Santiago at local midnight.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import icalendar
import pytest

from tests.builders import SCHEDULES, closed, custom_hours, exception_url, exceptions_url, interval, schedule
from tests.feeds import components, expand, fetch, joined, liveperson_link, office_hours_link, utc

JAN_10_2027 = utc(2027, 1, 10, 12)
JUN_1_2027 = utc(2027, 6, 1, 12)
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def week(day: int, hour: int, minute: int = 0) -> int:
    return day * 1440 + hour * 60 + minute


WEEKDAYS_9_17 = [(week(day, 9), week(day, 17)) for day in range(5)]

CASES: dict[str, dict[str, Any]] = {
    "London: both DST changes, a Friday night shift, Sunday 00:30-03:30 across the gap and the repeat": {
        "zone": "Europe/London",
        "intervals": [*WEEKDAYS_9_17, (week(FRI, 22), week(SAT, 6)), (week(SUN, 0, 30), week(SUN, 3, 30))],
        "exceptions": [
            closed("2027-12-25"),
            custom_hours("2027-12-24", time_intervals=[interval(540, 720)]),
            closed("2027-03-28", name=None),  # the spring Sunday: its 00:30-03:30 is replaced
        ],
        "now": JAN_10_2027,
    },
    "New York: 24/7 with closed and custom-hours exceptions": {
        "zone": "America/New_York",
        "intervals": [(0, 10079)],
        "exceptions": [
            closed("2027-07-04", name="Independence Day"),
            custom_hours("2027-11-25", name="Thanksgiving", time_intervals=[interval(0, 600), interval(900, 1440)]),
            custom_hours("2027-03-14", name="Spring forward", time_intervals=[interval(60, 180)]),
        ],
        "now": JAN_10_2027,
    },
    "Berlin: recurring_annually on 29 February": {
        "zone": "Europe/Berlin",
        "intervals": WEEKDAYS_9_17,
        "exceptions": [
            custom_hours("2024-02-29", name="Leap day", time_intervals=[interval(600, 720)], recurring_annually=True),
            closed("2026-03-01", name="Not a leap day", recurring_annually=True),
        ],
        "now": JUN_1_2027,
    },
    "Sydney: night shifts across midnight and the week's end, a closed Monday cutting one": {
        "zone": "Australia/Sydney",
        "intervals": [
            (week(SUN, 22), week(SUN, 24)),
            (week(MON, 0), week(MON, 6)),
            (week(WED, 20), week(THU, 4)),
            (week(SAT, 1), week(SAT, 3)),
        ],
        "exceptions": [closed("2027-04-05", name="Easter Monday"), closed("2027-10-07", name="A Thursday")],
        "now": JAN_10_2027,
    },
    "Santiago: DST at local midnight, hours touching midnight": {
        "zone": "America/Santiago",
        "intervals": [(week(day, 0), week(day, 2)) for day in range(7)]
        + [(week(day, 23), week(day, 24)) for day in range(7)],
        "exceptions": [custom_hours("2027-09-05", name="Change day", time_intervals=[interval(0, 1440)])],
        "now": JAN_10_2027,
    },
}


def office_hours_case(api, name: str, case: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    body = schedule(
        name=name[:40], time_zone_name=case["zone"], time_intervals=[interval(s, e) for s, e in case["intervals"]]
    )
    created = api.call("POST", SCHEDULES, body)
    assert created.status == 201, created.text
    for exception in case["exceptions"]:
        reply = api.call("POST", exceptions_url(created.body["id"]), exception)
        assert reply.status == 201, reply.text
    return created.body["id"], office_hours_link(api, created.body["id"])


@pytest.mark.parametrize("name", list(CASES))
def test_the_calendar_holds_exactly_the_effective_hours(api, name):
    case = CASES[name]
    schedule_id, link = office_hours_case(api, name, case)
    # Given the calendar at `now`, and the effective hours of the local date of `now` and the 365 after it
    calendar = fetch(api, link["calendar_url"], request_time=case["now"])
    assert calendar.status == 200, calendar.text
    hours = api.call("GET", f"{SCHEDULES}/{schedule_id}/effective_hours", request_time=case["now"], query="")
    first = date.fromisoformat(hours.body["days"][0]["date"])
    last = first + timedelta(days=365)
    hours = api.call(
        "GET", f"{SCHEDULES}/{schedule_id}/effective_hours", query=f"from={first}&to={last}", request_time=case["now"]
    )
    assert hours.status == 200, hours.text
    days = hours.body["days"]
    # When the calendar is expanded over that window by an independent library
    timed, all_day = expand(calendar.text, first, last)
    # Then its timed events are the open intervals, joined, and its all-day events the governed dates
    expected = joined([(i["start_at"], i["end_at"]) for day in days for i in day["time_intervals"]])
    assert timed == expected
    governed = [date.fromisoformat(day["date"]) for day in days if day["source"] == "exception"]
    assert [start for start, _, _ in all_day] == governed
    assert all(end == start + timedelta(days=1) for start, end, _ in all_day)


def test_the_calendars_parts(api):
    name = "London: both DST changes, a Friday night shift, Sunday 00:30-03:30 across the gap and the repeat"
    _, link = office_hours_case(api, name, CASES[name])
    text = fetch(api, link["calendar_url"], request_time=JAN_10_2027).text
    parsed = icalendar.Calendar.from_ical(text)
    assert str(parsed["X-WR-CALNAME"]) == str(parsed["NAME"]) == name[:40]
    for line in ("VERSION:2.0", "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H", "TZID:Europe/London"):
        assert f"\r\n{line}\r\n" in text
    # The weekday hours are one weekly series, whatever the exceptions: not an event per day
    assert "RRULE:FREQ=WEEKLY;UNTIL=" in text and ";BYDAY=MO,TU,WE,TH,FR" in text
    events = components(text)
    summaries = sorted(str(e["SUMMARY"]) for e in events.values() if not hasattr(e["DTSTART"].dt, "hour"))
    assert summaries == ["Christmas Eve (reduced hours): changed hours", "Closed", "Closed: Christmas Day"]
    eve = next(e for e in events.values() if str(e["SUMMARY"]).startswith("Christmas Eve"))
    assert str(eve["DESCRIPTION"]) == "Open 09:00-12:00"
    assert eve["DTEND"].to_ical() == b"20271225" and eve["DTEND"].params["VALUE"] == "DATE"


def test_uids_are_stable_and_sequence_grows_when_the_source_changes(api):
    name = "London: both DST changes, a Friday night shift, Sunday 00:30-03:30 across the gap and the repeat"
    schedule_id, link = office_hours_case(api, name, CASES[name])
    before = fetch(api, link["calendar_url"], request_time=JAN_10_2027)
    # The same source, built again: the same document, byte for byte (and so the same ETag)
    again = fetch(api, link["calendar_url"], request_time=JAN_10_2027)
    assert again.text == before.text
    # When the Christmas Day exception is renamed
    exceptions = api.call("GET", exceptions_url(schedule_id)).body["data"]
    christmas = next(e for e in exceptions if e["exception_date"] == "2027-12-25")
    assert api.call("PUT", exception_url(schedule_id, christmas["id"]), {"name": "Christmas"}).status == 200
    after = components(fetch(api, link["calendar_url"], request_time=JAN_10_2027).text)
    old = components(before.text)
    # Then every event keeps its UID, and those the exception shaped have a greater SEQUENCE
    assert set(after) == set(old)
    day = next(uid for uid, e in after.items() if str(e["SUMMARY"]) == "Closed: Christmas")
    assert after[day]["SEQUENCE"] == old[day]["SEQUENCE"] + 1
    assert all(after[uid]["SEQUENCE"] >= old[uid]["SEQUENCE"] for uid in after)
    assert any(after[uid]["SEQUENCE"] > old[uid]["SEQUENCE"] for uid in after if "-weekly-" in uid)


def test_the_window_starts_at_the_local_date_of_at(api):
    name = "New York: 24/7 with closed and custom-hours exceptions"
    _, link = office_hours_case(api, name, CASES[name])
    # 2027-01-10T03:00Z is still 9 January in New York: the window starts at its local midnight
    text = fetch(api, link["calendar_url"] + f"?at={utc(2027, 1, 10, 3)}").text
    timed, _ = expand(text, date(2027, 1, 1), date(2028, 12, 31))
    assert timed[0][0] == utc(2027, 1, 9, 5)  # midnight EST
    assert timed[-1][1] == utc(2028, 1, 10, 5)  # 366 dates: to 2028-01-09, ending at the midnight after it


# --- LivePerson ------------------------------------------------------------------------------------

ACCOUNT = "3001"
WARSAW = "Europe/Warsaw"


def lp_event(start: str, end: str, rule: str | None = None, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    event: dict[str, Any] = {
        "start": {"dateTime": start, "timeZone": WARSAW},
        "end": {"dateTime": end, "timeZone": WARSAW},
        "recurrence": [rule] if rule else [],
    }
    if meta is not None:
        event["meta"] = meta
    return event


def lp_object(name: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"deleted": False, "name": name, "description": "", "isDefault": True, "events": events}


def seed_liveperson(api) -> None:
    days = ("MO", "TU", "WE", "TH", "FR")
    weekdays = [
        lp_event(f"2027-01-{11 + n}T09:00:00", f"2027-01-{11 + n}T17:00:00", f"RRULE:FREQ=WEEKLY;BYDAY={day}")
        for n, day in enumerate(days)
    ]
    night = lp_event("2027-01-16T22:00:00", "2027-01-17T06:00:00", "RRULE:FREQ=WEEKLY;BYDAY=SA")
    workdays = api.call(
        "POST",
        f"/api/account/{ACCOUNT}/configuration/ac-common/workinghours",
        lp_object("Office", [*weekdays, night]),
        tenant=ACCOUNT,
    )
    assert workdays.status == 200, workdays.text
    occasions = api.call(
        "POST",
        f"/api/account/{ACCOUNT}/configuration/ac-common/specialoccasion",
        lp_object(
            "Holidays",
            [
                lp_event("2027-06-10T10:00:00", "2027-06-10T14:00:00", meta={"working": True, "name": "Inventory"}),
                lp_event(
                    "2027-12-24T00:00:00", "2027-12-25T00:00:00", meta={"working": False, "name": "Christmas Eve"}
                ),
                lp_event("2027-03-27T20:00:00", "2027-03-28T04:00:00", meta={"working": True, "name": "DST night"}),
            ],
        ),
        tenant=ACCOUNT,
    )
    assert occasions.status == 200, occasions.text


def shift_status(api, at_ms: int) -> dict[str, Any]:
    reply = api.call("GET", f"/api/account/{ACCOUNT}/skills/1/shift-status-skill", tenant=ACCOUNT, query=f"at={at_ms}")
    assert reply.status == 200, reply.text
    return reply.body


def test_the_liveperson_calendar_agrees_with_the_shift_status_at_every_boundary(api):
    seed_liveperson(api)
    link = liveperson_link(api, ACCOUNT)
    calendar = fetch(api, link["calendarUrl"], request_time=JAN_10_2027)
    assert calendar.status == 200, calendar.text
    first, last = date(2027, 1, 10), date(2028, 1, 9)  # Warsaw's local date at noon UTC, and 365 after it
    timed, all_day = expand(calendar.text, first, last)
    window_end = utc(2028, 1, 9, 23)  # Warsaw's midnight after the last date (UTC+1)
    assert 250 < len(timed) < 320
    for index, (start, end) in enumerate(timed):
        following = timed[index + 1] if index + 1 < len(timed) else None
        on = shift_status(api, start * 1000)
        assert on["onShift"] is True, (start, on)
        assert on["nextOff"] == end * 1000 or end == window_end, (start, end, on)
        if end != window_end:
            off = shift_status(api, end * 1000)
            assert off["onShift"] is False, (end, off)
            if following is not None:
                assert (off["nextOn"], off["nextOff"]) == (following[0] * 1000, following[1] * 1000)
    # The DST night: Saturday 20:00 CET to Sunday 04:00 CEST is 7 hours, one event
    assert (utc(2027, 3, 27, 19), utc(2027, 3, 28, 2)) in timed
    assert [(start, summary) for start, _, summary in all_day] == [
        (date(2027, 3, 27), "DST night: changed hours"),
        (date(2027, 3, 28), "DST night: changed hours"),
        (date(2027, 6, 10), "Inventory: changed hours"),
        (date(2027, 12, 24), "Closed: Christmas Eve"),
    ]


def test_the_liveperson_status_url_answers_the_shift_status(api):
    seed_liveperson(api)
    link = liveperson_link(api, ACCOUNT, 42)
    at = utc(2027, 6, 10, 9) * 1000
    public = fetch(api, link["statusUrl"] + f"?at={at}")
    assert public.status == 200, public.text
    assert public.body == shift_status(api, at) | {"skillId": 42}
    account = fetch(api, liveperson_link(api, ACCOUNT)["statusUrl"] + f"?at={at}")
    assert account.body == shift_status(api, at) | {"skillId": None}
