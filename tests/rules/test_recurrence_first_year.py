"""The first year of a recurring exception (annual/dates.py: first_year, recurs_from) and which exception
governs a date with it (office_hours/hours/governing.py): moving `exception_date` on never
changes an answer.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_exceptions.hours.engine import Replacement
from calendar_exceptions.office_hours.annual import dates
from calendar_exceptions.office_hours.hours.governing import DatedException, GoverningExceptions


def test_the_first_year_is_the_year_of_the_date_a_request_set():
    assert dates.first_year("2026-12-25") == 2026
    assert dates.first_year("2028-02-29") == 2028
    with pytest.raises(ValueError):
        dates.first_year("2027-02-29")


def test_a_recurring_exception_recurs_from_its_month_and_day_in_its_first_year():
    assert dates.recurs_from("2027-12-25", 2026) == date(2026, 12, 25)
    assert dates.recurs_from("2032-02-29", 2028) == date(2028, 2, 29)
    # stored before the first year was kept: from its exception_date
    assert dates.recurs_from("2027-12-25", None) == date(2027, 12, 25)


def test_a_recurring_exception_governs_from_its_first_date_not_from_its_exception_date():
    moved = GoverningExceptions([DatedException(date(2027, 12, 25), True, Replacement("7"), date(2026, 12, 25))])
    assert [moved.get(date(year, 12, 25)) for year in (2025, 2026, 2027, 2030)] == [
        None,
        Replacement("7"),
        Replacement("7"),
        Replacement("7"),
    ]
    assert moved.get(date(2026, 12, 24)) is None


def test_two_recurring_exceptions_of_one_day_each_govern_their_own_date_and_the_latest_first_date_the_others():
    exceptions = GoverningExceptions(
        [
            DatedException(date(2025, 7, 4), True, Replacement("blocked"), date(2020, 7, 4)),
            DatedException(date(2026, 7, 4), True, Replacement("newer"), date(2023, 7, 4)),
        ]
    )
    found = {year: exceptions.get(date(year, 7, 4)) for year in (2019, 2021, 2023, 2025, 2026, 2030)}
    assert found == {
        2019: None,
        2021: Replacement("blocked"),
        2023: Replacement("newer"),
        2025: Replacement("blocked"),  # its own exception_date
        2026: Replacement("newer"),
        2030: Replacement("newer"),
    }


MONTH_DAYS = [(1, 1), (2, 28), (2, 29), (3, 1), (7, 4), (12, 24), (12, 25), (12, 31)]


def _on(month_day: tuple[int, int], year: int) -> date | None:
    try:
        return date(year, *month_day)
    except ValueError:
        return None


@st.composite
def schedules_exceptions(draw) -> tuple[list[DatedException], list[DatedException]]:
    """Recurring exceptions (one per month and day) and one-offs; the same with each recurring
    exception's date moved on by the job any number of years, its first date kept."""
    stored, moved = [], []
    for index, month_day in enumerate(draw(st.lists(st.sampled_from(MONTH_DAYS), unique=True, max_size=4))):
        years = [year for year in range(2020, 2040) if _on(month_day, year)]
        first = draw(st.sampled_from(years[:8]))
        current = draw(st.sampled_from([year for year in years if year >= first]))
        later = draw(st.sampled_from([year for year in years if year >= current]))
        replacement = Replacement(f"r{index}")
        first_date = date(first, *month_day)
        stored.append(DatedException(date(current, *month_day), True, replacement, first_date))
        moved.append(DatedException(date(later, *month_day), True, replacement, first_date))
    for index, day in enumerate(
        draw(st.lists(st.dates(date(2019, 1, 1), date(2041, 12, 31)), unique=True, max_size=4))
    ):
        one_off = DatedException(day, False, Replacement(f"o{index}"))
        stored.append(one_off)
        moved.append(one_off)
    return stored, moved


@settings(max_examples=300, deadline=None)
@given(schedules_exceptions(), st.dates(date(2018, 1, 1), date(2042, 12, 31)))
def test_moving_a_recurring_exception_on_never_changes_which_exception_governs_a_date(exceptions, day):
    stored, moved = exceptions
    assert GoverningExceptions(stored).get(day) == GoverningExceptions(moved).get(day)
