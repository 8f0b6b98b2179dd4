"""The office hours rules, tested directly: pure functions, no storage, no HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from calendar_exceptions.errors import Unprocessable
from calendar_exceptions.office_hours import rules
from calendar_exceptions.office_hours.rules import CLOSED, CUSTOM_HOURS, RuleViolation


@dataclass(frozen=True)
class Interval:
    start_minute: int
    end_minute: int


NINE_TO_FIVE = [Interval(540, 1020)]


def violation(call, *args, **kwargs) -> RuleViolation:
    with pytest.raises(RuleViolation) as raised:
        call(*args, **kwargs)
    return raised.value


# --- ids and names ----------------------------------------------------------------------


def test_an_id_is_its_counter_once_raised():
    assert [rules.issued_id(n) for n in (1, 2, 42)] == ["1", "2", "42"]


def test_ids_are_canonical_positive_integers_of_up_to_12_digits():
    import re

    pattern = re.compile(rules.ID_PATTERN)
    assert all(pattern.fullmatch(value) for value in ("1", "42", "9" * 12))
    assert not any(pattern.fullmatch(value) for value in ("0", "01", "-1", "1.0", "9" * 13, "", " 1"))


@pytest.mark.parametrize("name", ["", " ", "\t\n "])
def test_a_blank_schedule_name_is_refused(name):
    assert violation(rules.check_schedule_name, name).field == "name"


def test_a_schedule_name_with_text_is_accepted():
    rules.check_schedule_name(" Support ")


def test_schedule_names_are_one_name_regardless_of_case_blanks_and_normalisation():
    key = rules.schedule_name_key
    assert key("Support") == key(" support ") == key("SUPPORT\t")
    assert key("Caf\u00e9") == key("Cafe\u0301")
    assert key("Support") != key("Sales")


def test_a_duplicate_schedule_name_is_a_422_naming_the_field_name():
    taken = rules.NameTaken("Support")
    assert isinstance(taken, Unprocessable)
    assert taken.field == "name"
    assert "Support" in taken.message


def test_the_default_time_zone_is_utc():
    assert rules.DEFAULT_TIME_ZONE == "UTC"
    rules.check_time_zone(rules.DEFAULT_TIME_ZONE)


# --- zones and dates --------------------------------------------------------------------


def test_a_zone_is_an_iana_name_of_the_pinned_tzdata():
    rules.check_time_zone("Europe/Dublin")
    error = violation(rules.check_time_zone, "localtime")
    assert (error.field, str(error)) == ("time_zone_name", "time_zone_name: 'localtime' is not an IANA time zone name")


@pytest.mark.parametrize("text", ["2028-02-29", "1900-01-01", "9999-12-31"])
def test_any_real_date_is_accepted_past_ones_too(text):
    assert rules.check_date(text) == date.fromisoformat(text)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2027-02-29", "is not a real date"),
        ("2026-13-01", "is not a real date"),
        ("2026/12/24", "must be a date written YYYY-MM-DD"),
        ("20261224", "must be a date written YYYY-MM-DD"),
        ("2026-12-24T00:00:00", "must be a date written YYYY-MM-DD"),
    ],
)
def test_a_date_must_be_real_and_written_yyyy_mm_dd(text, problem):
    error = violation(rules.check_date, text)
    assert error.field == "exception_date" and problem in error.problem


def test_one_exception_per_date_and_schedule_is_a_422_naming_the_date_and_the_holder():
    taken = rules.DateTaken("2026-12-24", held_by="7")
    assert isinstance(taken, Unprocessable)
    assert (taken.field, taken.held_by) == ("exception_date", "7")
    assert "2026-12-24" in taken.message


# --- intervals --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("intervals", "limit"),
    [
        ([], rules.MINUTES_PER_DAY),
        ([Interval(0, 1440)], rules.MINUTES_PER_DAY),
        ([Interval(540, 720), Interval(720, 1020)], rules.MINUTES_PER_DAY),  # touching is not overlapping
        ([Interval(720, 1020), Interval(540, 720)], rules.MINUTES_PER_DAY),  # any order
        ([Interval(9360, 10080)], rules.MINUTES_PER_WEEK),
    ],
)
def test_valid_intervals_are_accepted(intervals, limit):
    rules.check_intervals(intervals, limit)


@pytest.mark.parametrize(
    ("intervals", "limit", "field", "problem"),
    [
        ([Interval(-15, 60)], 1440, "time_intervals[0].start_minute", "-15 is outside 0..1440"),
        ([Interval(0, 1455)], 1440, "time_intervals[0].end_minute", "1455 is outside 0..1440"),
        ([Interval(9900, 10095)], 10080, "time_intervals[0].end_minute", "10095 is outside 0..10080"),
        ([Interval(540, 1021)], 1440, "time_intervals[0].end_minute", "1021 is not a multiple of 15"),
        ([Interval(600, 600)], 1440, "time_intervals[0].end_minute", "must be after start_minute"),
        ([Interval(600, 540)], 1440, "time_intervals[0].end_minute", "must be after start_minute"),
        ([Interval(540, 1020), Interval(990, 1110)], 1440, "time_intervals[1]", "overlaps time_intervals[0]"),
        ([Interval(990, 1110), Interval(540, 1020)], 1440, "time_intervals[1]", "overlaps time_intervals[0]"),
    ],
)
def test_invalid_intervals_name_the_interval_and_the_problem(intervals, limit, field, problem):
    error = violation(rules.check_intervals, intervals, limit)
    assert (error.field, error.problem) == (field, problem)


@pytest.mark.parametrize(
    ("intervals", "twenty_four_seven"),
    [
        ([Interval(0, 10079)], True),
        ([Interval(0, 10080)], False),
        ([Interval(0, 10079), Interval(10079, 10080)], False),
        ([Interval(15, 10079)], False),
        ([], False),
        (NINE_TO_FIVE, False),
    ],
)
def test_twenty_four_seven_is_exactly_the_one_interval_0_to_10079(intervals, twenty_four_seven):
    assert rules.is_twenty_four_seven(intervals) is twenty_four_seven


def test_the_24_7_interval_is_the_only_schedule_interval_off_the_grid():
    rules.check_schedule_intervals([Interval(0, 10079)])
    rules.check_schedule_intervals([Interval(0, 10080)])
    error = violation(rules.check_schedule_intervals, [Interval(15, 10079)])
    assert (error.field, error.problem) == ("time_intervals[0].end_minute", "10079 is not a multiple of 15")
    error = violation(rules.check_schedule_intervals, [Interval(0, 10079), Interval(10079, 10080)])
    assert error.field == "time_intervals[0].end_minute"


@pytest.mark.parametrize(
    ("start_minute", "day"), [(0, 0), (540, 0), (1439, 0), (1440, 1), (1980, 1), (8640, 6), (10065, 6)]
)
def test_a_schedule_interval_falls_on_the_day_its_start_is_in_monday_0(start_minute, day):
    assert rules.schedule_day_of_week(start_minute) == day


@pytest.mark.parametrize(
    ("exception_date", "day"), [("2026-12-21", 0), ("2026-12-24", 3), ("2026-12-25", 4), ("2026-12-27", 6)]
)
def test_an_exception_interval_falls_on_its_dates_weekday_monday_0(exception_date, day):
    assert rules.exception_day_of_week(exception_date) == day


def test_no_more_intervals_than_quarter_hours_can_be_valid():
    assert (rules.MAX_DAY_INTERVALS, rules.MAX_WEEK_INTERVALS) == (96, 672)
    full_day = [Interval(start, start + 15) for start in range(0, 1440, 15)]
    rules.check_intervals(full_day, rules.MINUTES_PER_DAY)
    assert len(full_day) == rules.MAX_DAY_INTERVALS


# --- custom_hours has intervals, closed has none ----------------------------------------


def test_custom_hours_needs_intervals_and_closed_has_none():
    assert rules.unprocessable(CUSTOM_HOURS, NINE_TO_FIVE) is None
    assert rules.unprocessable(CLOSED, None) is None
    assert rules.unprocessable(CLOSED, []) is None
    assert "required" in rules.unprocessable(CUSTOM_HOURS, None)
    assert "required" in rules.unprocessable(CUSTOM_HOURS, [])
    assert "omitted" in rules.unprocessable(CLOSED, NINE_TO_FIVE)


def test_no_intervals_are_stored_as_null():
    assert rules.stored_intervals([]) is None
    assert rules.stored_intervals(None) is None
    assert rules.stored_intervals(NINE_TO_FIVE) == NINE_TO_FIVE


# --- partial updates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "written"),
    [
        ({"name": "Eve"}, {"name": "Eve"}),
        ({"name": None}, {"name": None}),  # null clears the name
        ({"time_intervals": []}, {"time_intervals": None}),
        ({"time_intervals": None}, {"time_intervals": None}),
        ({"exception_type": CLOSED}, {"exception_type": CLOSED, "time_intervals": None}),  # closing clears
        ({"exception_type": CUSTOM_HOURS}, {"exception_type": CUSTOM_HOURS}),  # keeps the stored intervals
        (
            {"exception_type": CLOSED, "time_intervals": NINE_TO_FIVE},
            {"exception_type": CLOSED, "time_intervals": NINE_TO_FIVE},
        ),
    ],
)
def test_a_put_writes_the_sent_fields_and_clears_intervals_on_closed(sent, written):
    assert rules.assignments(sent) == written


@pytest.mark.parametrize(
    ("sent", "problem"),
    [
        ({"exception_type": CLOSED, "time_intervals": NINE_TO_FIVE}, "omitted"),
        ({"exception_type": CUSTOM_HOURS, "time_intervals": []}, "required"),
        ({"exception_type": CUSTOM_HOURS, "time_intervals": None}, "required"),
        ({"exception_type": CLOSED}, None),
        ({"exception_type": CUSTOM_HOURS}, None),  # depends on what is stored
        ({"time_intervals": NINE_TO_FIVE}, None),  # depends on what is stored
        ({"name": "Eve"}, None),
    ],
)
def test_a_put_that_decides_type_and_intervals_is_judged_without_the_stored_exception(sent, problem):
    found = rules.unprocessable_whatever_is_stored(sent)
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize(
    ("sent", "required"),
    [
        ({"exception_type": CUSTOM_HOURS}, CUSTOM_HOURS),  # keeps stored intervals: they must exist
        ({"time_intervals": NINE_TO_FIVE}, CUSTOM_HOURS),
        ({"time_intervals": []}, CLOSED),
        ({"time_intervals": None}, CLOSED),
        ({"exception_type": CLOSED}, None),
        ({"exception_type": CUSTOM_HOURS, "time_intervals": NINE_TO_FIVE}, None),
        ({"name": "Eve", "exception_date": "2027-01-01"}, None),
    ],
)
def test_a_put_needs_the_stored_type_that_leaves_a_valid_exception(sent, required):
    assert rules.required_stored_type(sent) == required


@pytest.mark.parametrize("stored_type", [CLOSED, CUSTOM_HOURS])
@pytest.mark.parametrize(
    "sent",
    [
        {"exception_type": CUSTOM_HOURS},
        {"exception_type": CLOSED},
        {"time_intervals": NINE_TO_FIVE},
        {"time_intervals": []},
        {"name": "Eve"},
    ],
)
def test_the_stored_type_condition_admits_exactly_the_updates_that_leave_a_valid_exception(sent, stored_type):
    # A stored exception is valid: custom_hours has intervals, closed has none.
    stored = {"exception_type": stored_type, "time_intervals": NINE_TO_FIVE if stored_type == CUSTOM_HOURS else None}
    after = {**stored, **rules.assignments(sent)}
    valid = rules.unprocessable(after["exception_type"], after["time_intervals"]) is None
    required = rules.required_stored_type(sent)
    assert (required is None or required == stored_type) == valid
