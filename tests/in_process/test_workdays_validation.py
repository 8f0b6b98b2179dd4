"""The rules of workday events that differ from special occasions: each refused with a 400 naming the field.

Vendor facts these check (LivePerson Account Configuration appendix, workdays rows):
recurrence "is mandatory ... Workdays must include single recurrence", pattern
`^(RRULE:FREQ=WEEKLY;BYDAY=)(SU|MO|TU|WE|TH|FR|SA)$`; "maximum length of a workday must be
24 hours", written `2018-03-27` to `2018-03-28` or `2018-03-27T00:00` to `2018-03-27T23:59`
(an end date is exclusive, an end at 23:59 is the end of the day); the start and end zones
must match. Accepted as the vendor accepts it: a start date that is not on the recurrence's
weekday ("you will not receive an error code but this event won't work"; it occurs on the
weekday on or after it, test_liveperson_vendor_reading.py). Not enforced: "start date must
be up to 7 days from today".
"""

from __future__ import annotations

import copy

import pytest

from tests.builders import WORKDAYS_API, weekly_event, workday

URL = WORKDAYS_API.url()


def _with(event: dict) -> dict:
    return workday("Shift", events=[event])


def _timed(start: str, end: str, day: str, zone: str = "Europe/Warsaw", end_zone: str | None = None) -> dict:
    event = weekly_event(start, end, day, zone)
    if end_zone:
        event["end"]["timeZone"] = end_zone
    return _with(event)


def _recurrence(value) -> dict:
    event = weekly_event("2026-03-02T09:00:00", "2026-03-02T17:00:00", "MO")
    if value is None:
        del event["recurrence"]
    else:
        event["recurrence"] = value
    return _with(event)


# (case, workday body, text the message must contain); 2026-03-02 is a Monday.
INVALID_WORKDAYS = [
    ("recurrence missing", _recurrence(None), "events[0].recurrence: is required"),
    ("recurrence empty", _recurrence([]), "events[0].recurrence"),
    ("two recurrence lines", _recurrence(["RRULE:FREQ=WEEKLY;BYDAY=MO"] * 2), "events[0].recurrence"),
    ("daily rule", _recurrence(["RRULE:FREQ=DAILY;COUNT=3;INTERVAL=1"]), "recurrence[0]: must be RRULE:FREQ=WEEKLY"),
    ("two weekdays", _recurrence(["RRULE:FREQ=WEEKLY;BYDAY=MO,TU"]), "recurrence[0]"),
    ("another part", _recurrence(["RRULE:FREQ=WEEKLY;BYDAY=MO;INTERVAL=1"]), "recurrence[0]"),
    ("parts in another order", _recurrence(["RRULE:BYDAY=MO;FREQ=WEEKLY"]), "recurrence[0]"),
    ("lower case", _recurrence(["rrule:freq=weekly;byday=mo"]), "recurrence[0]"),
    ("unknown weekday", _recurrence(["RRULE:FREQ=WEEKLY;BYDAY=XX"]), "recurrence[0]"),
    ("ordinal weekday", _recurrence(["RRULE:FREQ=WEEKLY;BYDAY=1MO"]), "recurrence[0]"),
    (
        "longer than 24 hours",
        _timed("2026-03-02T09:00:00", "2026-03-03T09:00:01", "MO"),
        "end.dateTime: a workday event lasts at most 24 hours",
    ),
    (
        "two whole days (D..D+2)",
        _timed("2026-03-02", "2026-03-04", "MO"),
        "lasts 48 hours (an end date is exclusive: one whole day D is D to D+1)",
    ),
    (
        "an end date on the start date (D..D)",
        _timed("2026-03-08", "2026-03-08", "SU"),
        "end.dateTime: must be after the start date: the end date is exclusive "
        "(a whole day 2026-03-08 is written 2026-03-08 to 2026-03-09)",
    ),
    ("from 00:00 to 23:59 the next day", _timed("2026-03-02T00:00", "2026-03-03T23:59", "MO"), "lasts 48 hours"),
    (
        "25 clock hours across the autumn DST change",
        _timed("2026-10-24T21:00:00", "2026-10-25T22:00:00", "SA"),
        "lasts 25 hours",
    ),
    ("end equal to start", _timed("2026-03-02T09:00:00", "2026-03-02T09:00:00", "MO"), "end.dateTime: must be after"),
    ("end before start", _timed("2026-03-02T17:00:00", "2026-03-02T09:00:00", "MO"), "end.dateTime: must be after"),
    (
        "different zones",
        _timed("2026-03-02T09:00:00", "2026-03-02T17:00:00", "MO", end_zone="Europe/Paris"),
        "end.timeZone",
    ),
    ("not a zone of the list", _timed("2026-03-02T09:00:00", "2026-03-02T17:00:00", "MO", "localtime"), "timeZone"),
    ("start in the DST gap", _timed("2026-03-29T02:30:00", "2026-03-29T08:00:00", "SU"), "daylight saving gap"),
    ("date and date-time mixed", _timed("2026-03-02", "2026-03-02T17:00:00", "MO"), "end.dateTime"),
    (
        "meta is not part of a workday event",
        _with({**weekly_event("2026-03-02T09:00:00", "2026-03-02T17:00:00", "MO"), "meta": {"working": True}}),
        "events[0].meta: is not a known field",
    ),
]


@pytest.fixture
def seeded(api):
    reply = api.call("POST", URL, [workday("Stored")])
    assert reply.status == 200, reply.text
    return reply.body, int(reply.revision)


def _state(api):
    reply = api.call("GET", URL)
    return reply.revision, reply.body


@pytest.mark.parametrize(("case", "body", "expected"), INVALID_WORKDAYS, ids=[c[0] for c in INVALID_WORKDAYS])
def test_an_invalid_workday_is_400_in_the_vendors_format_naming_the_field(api, seeded, case, body, expected):
    before = _state(api)
    reply = api.call("POST", URL + "?v=1.0", [workday("Fine"), copy.deepcopy(body)])
    assert reply.status == 400, reply.text
    assert reply.body["type"] == "workinghours"
    assert reply.body["internalCode"] == 10
    assert reply.body["message"].startswith("[1].events"), reply.body["message"]
    assert expected in reply.body["message"], reply.body["message"]
    assert _state(api) == before


@pytest.mark.parametrize(("case", "body", "expected"), INVALID_WORKDAYS, ids=[c[0] for c in INVALID_WORKDAYS])
def test_an_invalid_workday_in_a_put_changes_nothing(api, seeded, case, body, expected):
    created, revision = seeded
    before = _state(api)
    reply = api.call("PUT", URL, [{**copy.deepcopy(body), "id": created[0]["id"]}], {"If-Match": str(revision)})
    assert reply.status == 400, reply.text
    assert expected in reply.body["message"], reply.body["message"]
    assert _state(api) == before


VALID_WORKDAYS = [
    ("Monday office hours", workday("Mon")),
    ("night shift past midnight", _timed("2026-03-06T22:00:00", "2026-03-07T06:00:00", "FR")),
    ("exactly 24 hours", _timed("2026-03-02T00:00:00", "2026-03-03T00:00:00", "MO")),
    ("the vendor's T00:00 to T23:59, with seconds", _timed("2018-03-27T00:00:00", "2018-03-27T23:59:00", "TU")),
    ("T00:00:00 to T23:59:59", _timed("2018-03-27T00:00:00", "2018-03-27T23:59:59", "TU")),
    ("one whole day (D..D+1)", _timed("2026-03-08", "2026-03-09", "SU")),
    # Accepted, as the vendor accepts them: the event occurs on the weekday on or after its start date.
    ("start on another weekday", _timed("2026-03-03T09:00:00", "2026-03-03T17:00:00", "MO")),
    ("whole day on another weekday", _timed("2026-03-08", "2026-03-09", "SA")),
    # 24 clock hours, 23 elapsed: judged by the clock.
    ("24 clock hours across the spring DST change", _timed("2026-03-28T22:00:00", "2026-03-29T22:00:00", "SA")),
    ("24 clock hours across the autumn DST change", _timed("2026-10-24T22:00:00", "2026-10-25T22:00:00", "SA")),
    # The vendor's "start date must be up to 7 days from today" is not enforced.
    ("start date years ago", _timed("2019-01-07T09:00:00", "2019-01-07T17:00:00", "MO")),
    ("start date years ahead", _timed("2031-01-06T09:00:00", "2031-01-06T17:00:00", "MO")),
    (
        "every weekday code",
        workday(
            "Week",
            events=[
                weekly_event(f"2026-03-{day:02d}T08:00:00", f"2026-03-{day:02d}T16:00:00", code)
                for day, code in zip(range(2, 9), ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), strict=True)
            ],
        ),
    ),
    ("no events", workday("Empty", events=[])),
]


@pytest.mark.parametrize(("case", "body"), VALID_WORKDAYS, ids=[c[0] for c in VALID_WORKDAYS])
def test_valid_workdays_are_stored_and_read_back_as_sent(api, case, body):
    created = api.call("POST", URL, [body])
    assert created.status == 200, created.text
    [stored] = created.body
    assert stored == {"id": stored["id"], **body}
    assert api.call("GET", f"{URL}/{stored['id']}").body == stored
