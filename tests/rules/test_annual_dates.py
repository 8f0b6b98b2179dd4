"""When a date has passed, and where a recurring date goes next: the calendar rules of annual recurrence."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import YEARLY, rrule
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_exceptions.office_hours.annual.dates import latest_passed_date, local_today, next_occurrence

KIRITIMATI, PAGO_PAGO = ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_at_one_instant_a_date_has_passed_in_kiritimati_and_not_in_pago_pago():
    now = utc("2027-03-01T12:30:00")
    assert local_today(now, KIRITIMATI) == date(2027, 3, 2)  # so 2027-03-01 has passed there
    assert local_today(now, PAGO_PAGO) == date(2027, 3, 1)  # and is still today here


@pytest.mark.parametrize(
    ("now", "cutoff"),
    [
        ("2027-03-01T12:30:00", "2027-03-01"),
        ("2027-03-01T09:59:59", "2027-02-28"),  # 23:59:59 in Kiritimati: 1 March is not over anywhere
        ("2027-03-01T10:00:00", "2027-03-01"),  # midnight in Kiritimati: 1 March has just passed there
        ("2027-03-02T00:05:00", "2027-03-01"),  # the daily run
    ],
)
def test_the_cutoff_is_the_last_date_passed_anywhere_on_earth(now, cutoff):
    assert latest_passed_date(utc(now)).isoformat() == cutoff


def test_the_cutoff_does_not_depend_on_the_offset_now_is_written_with():
    now = utc("2027-03-01T12:30:00")
    assert latest_passed_date(now.astimezone(PAGO_PAGO)) == latest_passed_date(now)


def test_a_time_without_an_offset_is_no_instant():
    with pytest.raises(ValueError, match="no UTC offset"):
        latest_passed_date(datetime(2027, 3, 1, 12, 30))


@pytest.mark.parametrize(
    ("exception_date", "today", "expected"),
    [
        ("2026-12-24", "2026-12-25", "2027-12-24"),  # the usual case: next year
        ("2028-02-29", "2028-03-01", "2032-02-29"),  # RFC 5545: the next year that has 29 February
        ("2096-02-29", "2096-03-01", "2104-02-29"),  # 2100 is not a leap year
        ("2027-02-28", "2027-03-01", "2028-02-28"),  # 28 February stays 28 February
        ("2020-12-25", "2027-03-01", "2027-12-25"),  # years without a run: the first date not passed
        ("2020-01-15", "2027-03-01", "2028-01-15"),
        ("2020-03-01", "2027-03-01", "2027-03-01"),  # today's date has not passed: it is today
        ("2020-02-29", "2027-03-01", "2028-02-29"),
    ],
)
def test_next_occurrence(exception_date, today, expected):
    assert next_occurrence(date.fromisoformat(exception_date), date.fromisoformat(today)).isoformat() == expected


@settings(max_examples=300, deadline=None)
@given(
    exception_date=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    days_later=st.integers(min_value=1, max_value=3000),
)
def test_next_occurrence_is_the_rfc_5545_yearly_occurrence_on_or_after_today(exception_date, days_later):
    # Given a date that has passed, `days_later` days ago at most
    today = exception_date + timedelta(days=days_later)
    # Then the move goes where an RRULE:FREQ=YEARLY started on that date next occurs, from today on
    start = datetime.combine(exception_date, datetime.min.time())
    expected = rrule(YEARLY, dtstart=start).after(datetime.combine(today, datetime.min.time()), inc=True)
    assert next_occurrence(exception_date, today) == expected.date()
