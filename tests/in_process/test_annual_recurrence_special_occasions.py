"""Annual recurrence of special occasions: a rule on the event, which clients expand; nothing moves."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from dateutil.rrule import rrulestr

from calendar_exceptions.office_hours.annual.dates import next_occurrence
from calendar_exceptions.office_hours.annual.job import apply_annual_recurrences
from tests.builders import collection, occasion, with_event
from tests.in_process.conftest import repositories

LEAP_DAY = {"dateTime": "2028-02-29", "timeZone": "Europe/Warsaw"}
DAY_AFTER = {"dateTime": "2028-03-01", "timeZone": "Europe/Warsaw"}  # an end date is exclusive


@pytest.mark.parametrize("rule", ["RRULE:FREQ=YEARLY", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"])
def test_a_yearly_occasion_keeps_its_rule_and_the_job_leaves_it_alone(api, dynamodb, table_items, rule):
    # Given a closed whole-day occasion on 29 February 2028 that recurs every year
    body = with_event(occasion("Leap day"), start=LEAP_DAY, end=DAY_AFTER, recurrence=[rule])
    created = api.call("POST", collection(), [body])
    assert created.status == 200, created.text
    before = table_items()
    # When the annual recurrence job runs years later
    summary = apply_annual_recurrences(*repositories(dynamodb), datetime(2031, 3, 1, tzinfo=UTC), lambda: 60_000)
    # Then nothing stored changes: the occasion's recurrence is its rule, as sent
    assert summary.candidates == 0
    assert table_items() == before
    [stored] = api.call("GET", collection()).body
    assert stored["events"][0]["recurrence"] == [rule]


def test_rfc_5545_expands_a_yearly_29_february_as_office_hours_exceptions_move():
    # Both APIs give 29 February the same next date: the next leap year's
    rule = rrulestr("RRULE:FREQ=YEARLY", dtstart=datetime(2028, 2, 29))
    expanded = rule.after(datetime(2028, 2, 29)).date()
    assert expanded == next_occurrence(date(2028, 2, 29), date(2028, 3, 1)) == date(2032, 2, 29)
