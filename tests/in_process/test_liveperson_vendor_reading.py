"""LivePerson events read as the vendor's documentation writes them, through the handlers: written, then the status.

The rules (README "Special occasions API", docs/workdays.md, docs/shift-status.md):

1. A date-only `end` is exclusive: one whole day D is D to D+1; an end date on or before the
   start date is a 400 naming `end` that shows the one-day form.
2. Date-times are written `yyyy-MM-dd'T'HH:mm` or `yyyy-MM-dd'T'HH:mm:ss`, answered as sent.
3. An `end` at 23:59 or 23:59:59 is the end of that local day (the next local midnight).
4. A workday is at most 24 hours, judged by 1-3: D to D+1 and T00:00 to T23:59 are 24 hours.
5. A workday whose start date is not on its BYDAY weekday is accepted and occurs on the
   rule's weekday on or after its start date, with its clock times and length.
6. Non-working wins: a local date that a working and a non-working occasion event both touch
   is off shift the whole date.

Instants are written out in UTC by hand: Warsaw and Zurich are UTC+1 in winter, UTC+2 in
summer (in 2018 from Sunday 25 March). 2026-12-07 is a Monday, 2026-12-25 a Friday,
2018-03-27 a Tuesday.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.builders import SEED_PAGE_OCCASION, WORKDAYS_API, collection, occasion, weekly_event, workday

OCCASIONS = collection()
WORKDAYS = WORKDAYS_API.url()
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# The vendor's published request examples (LivePerson developer-center, Account Configuration, commit 006f33ad):
# the special occasions appendix's "Special Occasion Object Description" (the create page sends the same event) ...
VENDOR_OCCASION: dict[str, Any] = {
    "deleted": False,
    "name": "special occasion 1",
    "description": "Description for workdays 1",
    "isDefault": False,
    "events": [
        {
            "meta": {"working": True, "name": "user1"},
            "start": {"dateTime": "2017-03-27T06:00:00", "timeZone": "Europe/Zurich"},
            "end": {"dateTime": "2018-03-27T13:00:00", "timeZone": "Europe/Zurich"},
            "recurrence": [],
        }
    ],
}
# ... the workdays create page's request body (the appendix's "Workday object description" is its first event):
# a Tuesday start with BYDAY=SU ...
VENDOR_WORKDAY: dict[str, Any] = {
    "name": "Workdays 1",
    "description": "Description for workdays 1",
    "deleted": False,
    "isDefault": False,
    "events": [
        {
            "start": {"dateTime": "2018-03-27T06:00:00", "timeZone": "Europe/Zurich"},
            "end": {"dateTime": "2018-03-27T13:00:00", "timeZone": "Europe/Zurich"},
            "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=SU"],
        },
        {
            "start": {"dateTime": "2018-03-27T15:00:00", "timeZone": "Europe/Zurich"},
            "end": {"dateTime": "2018-03-27T18:00:00", "timeZone": "Europe/Zurich"},
            "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=SU"],
        },
    ],
}
# ... and the workdays appendix's two ways of writing a 24-hour shift.
VENDOR_24_HOURS = [("2018-03-27", "2018-03-28"), ("2018-03-27T00:00", "2018-03-27T23:59")]


def utc_ms(*fields: int) -> int:
    """Epoch milliseconds of a UTC reading written by hand."""
    return int(datetime(*fields, tzinfo=UTC).timestamp()) * 1000


def status(api, at: int) -> dict[str, Any]:
    reply = api.call("GET", "/api/account/acct1/skills/42/shift-status-skill", query=f"at={at}")
    assert reply.status == 200, reply.text
    return {key: reply.body[key] for key in ("onShift", "nextOn", "nextOff")}


def answer(on: bool, next_on: int | None, next_off: int | None) -> dict[str, Any]:
    return {"onShift": on, "nextOn": next_on, "nextOff": next_off}


def created(api, url: str, body: dict[str, Any]) -> dict[str, Any]:
    reply = api.call("POST", url, [body])
    assert reply.status == 200, reply.text
    [stored] = reply.body
    return stored


def every_day(start: str, end: str, zone: str = "Europe/Warsaw") -> dict[str, Any]:
    """The default workday: the same clock times on each of the 7 days from Monday 2026-12-07."""
    events = [weekly_event(f"2026-12-{7 + i:02d}{start}", f"2026-12-{7 + i:02d}{end}", DAYS[i], zone) for i in range(7)]
    return workday("Every day", events=events, isDefault=True)


def default_occasion(*events: dict[str, Any]) -> dict[str, Any]:
    return occasion("Holidays", isDefault=True, events=list(events))


def occasion_event(start: str, end: str, working: bool, rule: str | None = None, zone: str = "Europe/Warsaw"):
    return {
        "meta": {"working": working, "name": "event"},
        "start": {"dateTime": start, "timeZone": zone},
        "end": {"dateTime": end, "timeZone": zone},
        "recurrence": [rule] if rule else [],
    }


NINE_TO_FIVE = every_day("T09:00:00", "T17:00:00")
CHRISTMAS_10_WARSAW = utc_ms(2026, 12, 25, 9)


# --- rule 1: a date-only end is exclusive ------------------------------------------------------


def test_a_closed_day_written_d_to_d_plus_1_closes_exactly_d(api):
    created(api, WORKDAYS, NINE_TO_FIVE)
    created(api, OCCASIONS, default_occasion(occasion_event("2026-12-25", "2026-12-26", working=False)))
    # Christmas Day 10:00 Warsaw: closed; the 26th is open 09:00-17:00 Warsaw (08:00Z-16:00Z)
    assert status(api, CHRISTMAS_10_WARSAW) == answer(False, utc_ms(2026, 12, 26, 8), utc_ms(2026, 12, 26, 16))
    # The 24th closes at its usual 17:00 (16:00Z): the closed day starts at Christmas's midnight
    assert status(api, utc_ms(2026, 12, 24, 12)) == answer(True, utc_ms(2026, 12, 26, 8), utc_ms(2026, 12, 24, 16))


def test_a_closed_day_repeated_daily_three_times_closes_exactly_three_days(api):
    created(api, WORKDAYS, NINE_TO_FIVE)
    rule = "RRULE:FREQ=DAILY;COUNT=3;INTERVAL=1"
    created(api, OCCASIONS, default_occasion(occasion_event("2026-12-25", "2026-12-26", working=False, rule=rule)))
    # Closed 25, 26 and 27 December; open again on the 28th 09:00 Warsaw (08:00Z)
    assert status(api, CHRISTMAS_10_WARSAW) == answer(False, utc_ms(2026, 12, 28, 8), utc_ms(2026, 12, 28, 16))


def test_several_whole_days_d_to_d_plus_n(api):
    created(api, WORKDAYS, NINE_TO_FIVE)
    created(api, OCCASIONS, default_occasion(occasion_event("2026-12-24", "2026-12-27", working=False)))
    # Closed 24, 25 and 26 December: open on the 27th
    assert status(api, utc_ms(2026, 12, 23, 18)) == answer(False, utc_ms(2026, 12, 27, 8), utc_ms(2026, 12, 27, 16))


@pytest.mark.parametrize("url", [OCCASIONS, WORKDAYS], ids=["special occasion", "workday"])
def test_an_end_date_on_the_start_date_is_400_naming_end_with_the_one_day_form(api, table_items, url):
    before = table_items()
    if url == OCCASIONS:
        body = default_occasion(occasion_event("2026-12-25", "2026-12-25", working=False))
    else:
        body = workday("Friday", events=[weekly_event("2026-12-25", "2026-12-25", "FR")])
    reply = api.call("POST", url, [body])
    assert reply.status == 400, reply.text
    assert reply.body["message"] == (
        "[0].events[0].end.dateTime: must be after the start date: the end date is exclusive "
        "(a whole day 2026-12-25 is written 2026-12-25 to 2026-12-26)"
    )
    assert table_items() == before


# --- rule 2: date-times with or without seconds, answered as sent ------------------------------


def test_date_times_without_seconds_are_stored_answered_and_put_back_as_sent(api):
    hours = every_day("T09:00", "T17:00")
    christmas_eve = default_occasion(occasion_event("2026-12-24T10:00", "2026-12-24T14:00:30", working=True))
    for url, body in ((WORKDAYS, hours), (OCCASIONS, christmas_eve)):
        stored = created(api, url, body)
        assert stored == {"id": stored["id"], **body}
        got = api.call("GET", f"{url}/{stored['id']}")
        assert got.body == stored
        # A PUT of what the GET answered is accepted unchanged: nothing changes (304), and a change elsewhere is 200
        assert api.call("PUT", url, [got.body], {"If-Match": got.revision}).status == 304
        renamed = api.call("PUT", url, [{**got.body, "description": "renamed"}], {"If-Match": got.revision})
        assert renamed.status == 200, renamed.text
        assert renamed.body[0]["events"] == body["events"]
    # And the hours are read from them: 24 December 10:00-14:00:30 Warsaw instead of 09:00-17:00
    assert status(api, utc_ms(2026, 12, 24, 8, 30)) == answer(
        False, utc_ms(2026, 12, 24, 9), utc_ms(2026, 12, 24, 13, 0, 30)
    )


# --- rule 3: an end at 23:59 is the end of its day --------------------------------------------


@pytest.mark.parametrize("end", ["2026-12-24T23:59", "2026-12-24T23:59:00", "2026-12-24T23:59:59"])
def test_a_working_occasion_until_23_59_is_on_shift_until_the_next_local_midnight(api, end):
    created(api, WORKDAYS, NINE_TO_FIVE)
    created(api, OCCASIONS, default_occasion(occasion_event("2026-12-24T09:00", end, working=True)))
    # 24 December 22:00 Warsaw (21:00Z): on shift until midnight, 23:00Z; Christmas Day 09:00 Warsaw next
    assert status(api, utc_ms(2026, 12, 24, 21)) == answer(True, utc_ms(2026, 12, 25, 8), utc_ms(2026, 12, 24, 23))


def test_only_an_end_at_23_59_is_read_as_midnight_a_start_is_not(api):
    created(api, OCCASIONS, default_occasion(occasion_event("2026-12-24T23:59", "2026-12-24T23:59", working=True)))
    # The last minute of 24 December in Warsaw: 22:59Z to 23:00Z
    assert status(api, utc_ms(2026, 12, 24, 12)) == answer(
        False, utc_ms(2026, 12, 24, 22, 59), utc_ms(2026, 12, 24, 23)
    )


@pytest.mark.parametrize(("start", "end"), [("T00:00", "T23:59"), ("T00:00:00", "T23:59:59")])
def test_a_week_of_00_00_to_23_59_workdays_is_24_7(api, start, end):
    created(api, WORKDAYS, every_day(start, end))
    # As the vendor documents for 24/7: on shift, neither nextOn nor nextOff
    assert status(api, utc_ms(2027, 3, 3, 12)) == answer(True, None, None)


# --- rule 4: a workday of 24 hours, judged by rules 1-3 -----------------------------------------


@pytest.mark.parametrize(("start", "end"), VENDOR_24_HOURS, ids=["dates", "T00:00 to T23:59"])
def test_the_vendors_24_hour_workdays_are_accepted_and_last_the_whole_day(api, start, end):
    body = workday("24 hours", isDefault=True, events=[weekly_event(start, end, "TU", "Europe/Zurich")])
    assert created(api, WORKDAYS, body)["events"] == body["events"]
    # Tuesday 2018-04-03 12:00 in Zurich (10:00Z, summer time): on until Wednesday's midnight (22:00Z)
    assert status(api, utc_ms(2018, 4, 3, 10)) == answer(True, utc_ms(2018, 4, 9, 22), utc_ms(2018, 4, 3, 22))


def test_a_workday_of_two_whole_days_is_refused_as_48_hours(api, table_items):
    before = table_items()
    reply = api.call("POST", WORKDAYS, [workday("Two days", events=[weekly_event("2018-03-27", "2018-03-29", "TU")])])
    assert reply.status == 400, reply.text
    assert reply.body["message"] == (
        "[0].events[0].end.dateTime: a workday event lasts at most 24 hours of local clock time; this one lasts "
        "48 hours (an end date is exclusive: one whole day D is D to D+1)"
    )
    assert table_items() == before


# --- rule 5: a workday's start date need not be on its weekday ---------------------------------


def test_the_vendors_workday_starting_on_a_tuesday_with_byday_su_occurs_on_the_sundays_after(api):
    body = {**copy.deepcopy(VENDOR_WORKDAY), "isDefault": True}
    created(api, WORKDAYS, body)
    # Tuesday 2018-03-27 12:00Z: the first shift is Sunday 1 April 06:00-13:00 in Zurich (summer: 04:00Z-11:00Z)
    assert status(api, utc_ms(2018, 3, 27, 12)) == answer(False, utc_ms(2018, 4, 1, 4), utc_ms(2018, 4, 1, 11))
    # Sunday 1 April 14:00 in Zurich: between the two shifts; the second, 15:00-18:00, is next (13:00Z-16:00Z)
    assert status(api, utc_ms(2018, 4, 1, 12)) == answer(False, utc_ms(2018, 4, 1, 13), utc_ms(2018, 4, 1, 16))
    # Sunday 1 April 17:00 in Zurich: on; the next shift is the next Sunday's 06:00
    assert status(api, utc_ms(2018, 4, 1, 15)) == answer(True, utc_ms(2018, 4, 8, 4), utc_ms(2018, 4, 1, 16))


def test_a_whole_day_workday_starting_before_its_weekday_is_that_weekday(api):
    # Starts Friday 2026-12-25, rule Sunday: every Sunday from the 27th, the whole day in Warsaw
    created(api, WORKDAYS, workday("Sundays", isDefault=True, events=[weekly_event("2026-12-25", "2026-12-26", "SU")]))
    assert status(api, CHRISTMAS_10_WARSAW) == answer(False, utc_ms(2026, 12, 26, 23), utc_ms(2026, 12, 27, 23))


# --- rule 6: non-working wins -------------------------------------------------------------------


def test_non_working_wins_on_a_date_both_touch(api):
    created(api, WORKDAYS, NINE_TO_FIVE)
    created(
        api,
        OCCASIONS,
        default_occasion(
            occasion_event("2026-12-24T09:00", "2026-12-24T13:00", working=True),
            occasion_event("2026-12-24T15:00", "2026-12-24T16:00", working=False),
        ),
    )
    # 24 December 10:00 Warsaw (09:00Z): the working occasion's hours, but a non-working one touches the date: off
    # the whole date; Christmas Day's usual 09:00-17:00 is next
    assert status(api, utc_ms(2026, 12, 24, 9)) == answer(False, utc_ms(2026, 12, 25, 8), utc_ms(2026, 12, 25, 16))


def test_non_working_wins_also_over_a_working_occasion_across_midnight(api):
    # Working 22:00 on the 23rd to 02:00 on the 24th; the 24th closed: on until the 24th's midnight only
    created(
        api,
        OCCASIONS,
        default_occasion(
            occasion_event("2026-12-23T22:00", "2026-12-24T02:00", working=True),
            occasion_event("2026-12-24", "2026-12-25", working=False),
        ),
    )
    assert status(api, utc_ms(2026, 12, 23, 21, 30)) == answer(True, None, utc_ms(2026, 12, 23, 23))


# --- the vendor's published request examples ------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (OCCASIONS, VENDOR_OCCASION),
        (OCCASIONS, SEED_PAGE_OCCASION),
        (WORKDAYS, VENDOR_WORKDAY),
        *[
            (WORKDAYS, workday("24 hours", events=[weekly_event(start, end, "TU", "Europe/Zurich")]))
            for start, end in VENDOR_24_HOURS
        ],
    ],
    ids=["occasions appendix", "occasions update page", "workdays create page", "24 hours as dates", "24 hours T23:59"],
)
def test_the_vendors_examples_are_accepted_and_answered_exactly_as_sent(api, url, body):
    stored = created(api, url, copy.deepcopy(body))
    assert stored == {"id": stored["id"], **body}
    assert api.call("GET", f"{url}/{stored['id']}").body == stored


def test_the_vendors_year_long_working_occasion_is_on_shift_throughout(api):
    created(api, OCCASIONS, {**copy.deepcopy(VENDOR_OCCASION), "isDefault": True})
    # Christmas 2017 noon in Zurich: on until 2018-03-27 13:00 in Zurich, summer time (11:00Z), nothing after
    assert status(api, utc_ms(2017, 12, 25, 11)) == answer(True, None, utc_ms(2018, 3, 27, 11))
