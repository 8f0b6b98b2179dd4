"""Careless and hostile input through both APIs: a 400 naming the field, or stored as sent; never a 500.

Huge integers, numbers in digits other than ASCII, the edges of the calendar, names that
differ only in Unicode normalisation or show nothing, values echoed back, repeated
preconditions, ids written other than as issued.
"""

from __future__ import annotations

import json

import pytest

from tests.builders import (
    SCHEDULES,
    closed,
    collection,
    exception_url,
    exceptions_url,
    occasion,
    schedule,
    schedule_url,
    with_event,
)

OCCASIONS = collection()
MAX_ECHO = 100  # an echoed value is cut to at most this many characters (errors.echo)
HUGE = "9" * 5000  # Python refuses to convert an integer string of more than 4,300 digits


def refused(reply, status: int = 400) -> str:
    """The message of an error in either API's format, once its status is checked."""
    assert reply.status == status, reply.text
    body = reply.body
    if body.get("type") == "error.list":
        [error] = body["errors"]
        assert error["code"] in {"parameter_invalid", "not_found"}, error
        return f"{error['field']}|{error['message']}"
    assert body["internalCode"] == {400: 10, 404: 12}[status], body
    return body["message"]


def timed_event(start: str, end: str, zone: str, **fields) -> dict:
    return with_event(
        occasion("Edge"), start={"dateTime": start, "timeZone": zone}, end={"dateTime": end, "timeZone": zone}, **fields
    )


# --- integers of more digits than Python converts ------------------------------------------


def _huge_bodies(seeded):
    schedule_id, exception_id = seeded["schedule"]["id"], seeded["closed"]["id"]
    page = json.dumps([occasion("Huge")])
    return [
        ("POST", OCCASIONS, page.replace('"isDefault": false', f'"isDefault": {HUGE}'), "[0].isDefault"),
        ("POST", OCCASIONS, page.replace('"isDefault": false', f'"isDefault": false, "extra": -{HUGE}'), "[0].extra"),
        ("POST", OCCASIONS, HUGE, "body"),
        ("POST", SCHEDULES, json.dumps(schedule()).replace("540", HUGE, 1), "time_intervals[0].start_minute"),
        ("PUT", schedule_url(schedule_id), f'{{"name": {HUGE}}}', "name"),
        ("POST", exceptions_url(schedule_id), f'{{"exception_date": {HUGE}, "exception_type": "closed"}}', None),
        ("PUT", exception_url(schedule_id, exception_id), f'{{"recurring_annually": {HUGE}}}', "recurring_annually"),
    ]


def test_an_integer_of_more_than_4300_digits_anywhere_is_a_400_naming_its_field(api, seeded, table_items, log_lines):
    api.call("POST", OCCASIONS, [occasion("First")])
    before = table_items()
    for method, path, text, field in _huge_bodies(seeded):
        reply = api.call(method, path, raw_body=text, headers={"If-Match": "1"})
        message = refused(reply)
        assert (field or "exception_date") in message, (path, message)
        assert "5000 digits" in message or "not a known field" in message or field == "body", message
    assert table_items() == before
    # refused as input, never logged as an error of the service
    assert not [line for line in log_lines() if line["level"] == "ERROR"]


# --- numbers are ASCII digits ----------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "part"),
    [
        ("RRULE:FREQ=DAILY;INTERVAL=²", "INTERVAL"),
        ("RRULE:FREQ=DAILY;INTERVAL=¹", "INTERVAL"),
        ("RRULE:FREQ=DAILY;COUNT=\u2460", "COUNT"),
        ("RRULE:FREQ=YEARLY;BYMONTH=\uff11\uff12", "BYMONTH"),
        ("RRULE:FREQ=MONTHLY;BYMONTHDAY=\u0661", "BYMONTHDAY"),
        ("RRULE:FREQ=MONTHLY;BYDAY=\uff11MO", "BYDAY"),
        ("RRULE:FREQ=DAILY;UNTIL=\uff12\uff10\uff12\uff17\uff10\uff11\uff10\uff11", "UNTIL"),
    ],
)
def test_rrule_numbers_in_other_digits_than_ascii_are_a_400_naming_the_part(api, table_items, rule, part):
    before = table_items()
    body = timed_event("2026-12-25T10:00:00", "2026-12-25T11:00:00", "Europe/Warsaw", recurrence=[rule])
    message = refused(api.call("POST", OCCASIONS, [body]))
    assert message.startswith("[0].events[0].recurrence[0]: "), message
    assert part in message, message
    assert table_items() == before


def test_dates_times_revisions_and_ids_in_other_digits_than_ascii_are_refused(api, seeded, table_items):
    api.call("POST", OCCASIONS, [occasion("First")])
    before = table_items()
    wide = timed_event("\uff12\uff10\uff12\uff16-12-25T10:00:00", "2026-12-25T11:00:00", "Europe/Warsaw")
    assert "start.dateTime" in refused(api.call("POST", OCCASIONS, [wide]))
    assert "If-Match" in refused(api.call("POST", OCCASIONS, [occasion("X")], headers={"If-Match": "\u0661"}))
    assert "id" in refused(api.call("GET", f"{OCCASIONS}/\u0661"))  # Arabic-Indic 1: not id 1
    date = refused(api.call("POST", exceptions_url("1"), closed("\uff12\uff10\uff12\uff16-\uff11\uff12-\uff13\uff11")))
    assert date.startswith("exception_date|"), date
    assert table_items() == before


# --- the edges of the calendar ---------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "zone", "recurrence"),
    [
        ("9999-12-31T23:00:00", "9999-12-31T23:30:00", "America/Los_Angeles", []),  # UTC: year 10000
        ("0001-01-01T00:00:00", "0001-01-01T01:00:00", "Asia/Tokyo", []),  # UTC: year 0
        ("0001-01-01", "0001-01-02", "Asia/Tokyo", []),
        ("9999-12-30", "9999-12-31", "Pacific/Kiritimati", ["RRULE:FREQ=YEARLY"]),
        ("9999-12-31T00:00", "9999-12-31T23:59", "Pacific/Kiritimati", []),  # ends at the midnight of year 10000
        ("2026-12-25T10:00:00", "2026-12-25T11:00:00", "Europe/Warsaw", ["RRULE:FREQ=YEARLY;UNTIL=99991231T235959Z"]),
        ("2026-12-25T10:00:00", "2026-12-25T11:00:00", "Asia/Tokyo", ["RRULE:FREQ=DAILY;UNTIL=99991231T235959Z"]),
        ("2026-12-25", "2026-12-26", "America/Los_Angeles", ["RRULE:FREQ=WEEKLY;UNTIL=99991231T235959Z"]),
    ],
    ids=[
        "9999 LA",
        "0001 Tokyo",
        "0001 Tokyo day",
        "9999 Kiritimati day",
        "9999 Kiritimati end of day",
        "UNTIL Warsaw",
        "UNTIL Tokyo",
        "UNTIL LA",
    ],
)
def test_valid_times_at_the_edges_of_the_calendar_are_stored_as_sent(api, start, end, zone, recurrence):
    body = timed_event(start, end, zone, recurrence=recurrence)
    created = api.call("POST", OCCASIONS, [body])
    assert created.status == 200, created.text
    [stored] = api.call("GET", f"{OCCASIONS}/{created.body[0]['id']}").body["events"]
    assert stored == {**body["events"][0]}


@pytest.mark.parametrize(
    ("start", "end", "zone", "recurrence", "field"),
    [
        (
            "0001-01-01T00:00:00",
            "0001-01-01T01:00:00",
            "America/Los_Angeles",
            ["RRULE:FREQ=DAILY;UNTIL=00010101T000000Z"],
            "recurrence[0]",
        ),
        ("9999-12-31T23:00:00", "9999-12-31T22:00:00", "America/Los_Angeles", [], "end.dateTime"),
        ("9999-12-31T23:00:00", "10000-01-01T00:00:00", "America/Los_Angeles", [], "end.dateTime"),
        # Its exclusive end date would be 10000-01-01: written T00:00 to T23:59 instead (the message says so)
        ("9999-12-31", "9999-12-31", "Pacific/Kiritimati", [], "end.dateTime: must be after the start date"),
    ],
    ids=["UNTIL before year 1 local", "end before start", "year 10000", "the last day as dates"],
)
def test_invalid_times_at_the_edges_of_the_calendar_are_a_400_naming_the_field(
    api, table_items, start, end, zone, recurrence, field
):
    before = table_items()
    message = refused(api.call("POST", OCCASIONS, [timed_event(start, end, zone, recurrence=recurrence)]))
    assert message.startswith(f"[0].events[0].{field}"), message
    if start == "9999-12-31":
        assert message.endswith(
            "(the last day of the calendar, 9999-12-31, is written 9999-12-31T00:00 to 9999-12-31T23:59)"
        )
    assert table_items() == before


def test_office_hours_dates_at_the_edges_of_the_calendar_are_stored_and_moved_to(api, seeded):
    schedule_id = api.call("POST", SCHEDULES, schedule("Kiritimati", time_zone_name="Pacific/Kiritimati")).body["id"]
    for day in ("0001-01-01", "9999-12-31"):
        created = api.call("POST", exceptions_url(schedule_id), closed(day, recurring_annually=True))
        assert created.status == 201, created.text
        assert created.body["exception_date"] == day
    moved = api.call("PUT", exception_url("1", seeded["closed"]["id"]), {"exception_date": "9999-12-30"})
    assert (moved.status, moved.body["exception_date"]) == (200, "9999-12-30")


# --- names: compared in NFC, blank when they show nothing ---------------------------------


def test_special_occasion_names_that_differ_only_in_unicode_normalisation_are_one_name(api, table_items):
    precomposed, decomposed = "Caf\u00e9", "Cafe\u0301"
    assert api.call("POST", OCCASIONS, [occasion(precomposed)]).status == 200
    before = table_items()
    # In another request, and within one request
    assert "already the name of special occasion 1" in refused(api.call("POST", OCCASIONS, [occasion(decomposed)]))
    pair = [occasion("Caf\u00c9"), occasion("CAFE\u0301")]
    assert "appears more than once" in refused(api.call("POST", OCCASIONS, pair))
    assert table_items() == before
    # Stored as it was sent
    assert api.call("GET", f"{OCCASIONS}/1").body["name"] == precomposed


@pytest.mark.parametrize(
    "name", ["\u200b\u200d", "\u200c\u2060", " \ufeff\u00a0"], ids=["zwsp zwj", "zwnj wj", "bom nbsp"]
)
def test_a_name_of_only_invisible_characters_is_blank_and_refused_by_both_apis(api, seeded, table_items, name):
    before = table_items()
    assert refused(api.call("POST", OCCASIONS, [occasion(name)])) == "[0].name: must not be blank"
    assert refused(api.call("POST", SCHEDULES, schedule(name))) == "name|name: must not be blank"
    assert refused(api.call("PUT", schedule_url("1"), {"name": name})) == "name|name: must not be blank"
    assert table_items() == before


# --- values echoed back: at most 100 characters, marked as cut -------------------------------


def test_an_invalid_value_is_echoed_at_most_100_characters_marked_as_cut(api, seeded, log_lines):
    long_date = "2" * 250_000
    long_text = "x" * 5_000
    replies = [
        api.call("PUT", exception_url("1", "1"), {"exception_date": long_date}),
        api.call("POST", exceptions_url("1"), closed(long_text)),
        api.call("POST", OCCASIONS, [occasion("A")], headers={"If-Match": long_text}),
        api.call("POST", OCCASIONS, [occasion("A", **{long_text: 1})]),
        api.call("GET", schedule_url(long_text)),
        api.call("GET", SCHEDULES, headers={"Intercom-Version": long_text}),
    ]
    for reply in replies:
        assert 400 <= reply.status < 500, reply.text
        assert len(reply.text) < 1_000, reply.text[:300]
        assert "(cut: " in reply.text, reply.text
        assert "2" * (MAX_ECHO + 1) not in reply.text and "x" * (MAX_ECHO + 1) not in reply.text
    refusals = [line for line in log_lines() if line["message"] == "request refused"]
    assert len(refusals) == len(replies)
    assert all(len(json.dumps(line)) < 2_000 for line in refusals)
    # the cut keeps the start of the value and says how long it was
    [error] = replies[0].body["errors"]
    cut = f"'{'2' * MAX_ECHO}…' (cut: 250000 characters)"
    assert error["message"] == f"exception_date: {cut} must be a date written YYYY-MM-DD"


# --- preconditions and ids ------------------------------------------------------------------


def test_two_if_match_headers_are_an_ambiguous_precondition_400_changing_nothing(api, table_items):
    created = api.call("POST", OCCASIONS, [occasion("First")])
    revision = created.revision
    before = table_items()
    both = [("If-Match", revision), ("If-Match", "999")]
    for method, path, body in [
        ("POST", OCCASIONS, [occasion("Second")]),
        ("PUT", OCCASIONS, [{**occasion("Renamed"), "id": 1}]),
        ("DELETE", f"{OCCASIONS}/1", None),
    ]:
        for headers in (both, list(reversed(both))):
            message = refused(api.call(method, path, body, headers=headers))
            assert message.startswith("If-Match: sent 2 times"), message
    assert table_items() == before


@pytest.mark.parametrize("written", ["007", "01", "0", "1,007"])
def test_special_occasion_ids_written_with_leading_zeros_are_404(api, table_items, written):
    for name in ("One", "Two", "Three", "Four", "Five", "Six", "Seven"):
        api.call("POST", OCCASIONS, [occasion(name)])
    before = table_items()
    assert "not found" in refused(api.call("GET", f"{OCCASIONS}/{written}"), 404)
    revision = api.call("GET", OCCASIONS).revision
    assert "not found" in refused(api.call("DELETE", f"{OCCASIONS}/{written}", headers={"If-Match": revision}), 404)
    assert table_items() == before
    assert api.call("GET", f"{OCCASIONS}/7").status == 200
