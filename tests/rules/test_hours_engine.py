"""The hours engine on worked examples: every instant is written out in UTC by hand, never converted by zoneinfo.

Transitions used (tzdata, 2026): Europe/London 29 Mar 01:00 GMT -> 02:00 BST and 25 Oct
02:00 BST -> 01:00 GMT (both at 01:00 UTC); America/New_York 8 Mar 02:00 EST -> 03:00 EDT
(07:00 UTC) and 1 Nov 02:00 EDT -> 01:00 EST (06:00 UTC); Australia/Sydney 5 Apr 03:00
AEDT -> 02:00 AEST (16:00 UTC on the 4th) and 4 Oct 02:00 AEST -> 03:00 AEDT (16:00 UTC on
the 3rd); Australia/Lord_Howe (+10:30, +11 in summer) 5 Apr 02:00 -> 01:30 (15:00 UTC on the
4th) and 4 Oct 02:00 -> 02:30 (15:30 UTC on the 3rd). All four 2026 dates are Sundays.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from calendar_exceptions.hours.engine import HORIZON, Hours, Replacement, WeeklyInterval
from calendar_exceptions.office_hours.hours.governing import DatedException, GoverningExceptions

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def utc(*fields: int) -> int:
    return int(datetime(*fields, tzinfo=UTC).timestamp())


def week(day: int, hour: int, minute: int = 0) -> int:
    return day * 1440 + hour * 60 + minute


def daily(start: int, end: int) -> list[WeeklyInterval]:
    """The same minutes of every day of the week."""
    return [WeeklyInterval(day * 1440 + start, day * 1440 + end) for day in range(7)]


def day_intervals(hours: Hours, day: date) -> list[tuple[int, int, int, int]]:
    [found] = hours.days(day, day)
    return list(found.intervals)


def test_christmas_closed_in_london_effective_hours_and_status():
    exceptions = GoverningExceptions([DatedException(date(2026, 12, 25), False, Replacement("7"))])
    hours = Hours("Europe/London", daily(540, 1020), exceptions)
    eve, christmas = hours.days(date(2026, 12, 24), date(2026, 12, 25))
    assert (eve.replacement, eve.intervals) == (None, ((540, 1020, 1798102800, 1798131600),))
    assert (christmas.replacement.source_id, christmas.intervals) == ("7", ())
    status = hours.status(1798200000)  # noon on the 25th
    assert (status.open, status.next_open_at, status.next_close_at) == (False, 1798275600, 1798304400)
    assert status.replacement.source_id == "7"


class TestEuropeLondon:
    def test_spring_forward_interval_spanning_the_jump(self):
        hours = Hours("Europe/London", [WeeklyInterval(week(SUN, 0, 30), week(SUN, 3))])
        # 00:30 GMT and 03:00 BST: an hour and a half.
        assert day_intervals(hours, date(2026, 3, 29)) == [(30, 180, utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 2))]

    def test_spring_forward_interval_starting_in_the_gap(self):
        hours = Hours("Europe/London", [WeeklyInterval(week(SUN, 1, 30), week(SUN, 4))])
        # 01:30 does not exist; read at GMT it is 01:30 UTC, 02:30 BST on the clock (minute 150).
        assert day_intervals(hours, date(2026, 3, 29)) == [(150, 240, utc(2026, 3, 29, 1, 30), utc(2026, 3, 29, 3))]

    def test_two_times_in_the_gap_stay_apart_and_a_reversed_pair_is_dropped(self):
        inside = Hours("Europe/London", [WeeklyInterval(week(SUN, 1, 15), week(SUN, 1, 45))])
        assert day_intervals(inside, date(2026, 3, 29)) == [
            (135, 165, utc(2026, 3, 29, 1, 15), utc(2026, 3, 29, 1, 45))
        ]
        # 01:45 (in the gap, 01:45 UTC) to 02:15 BST (01:15 UTC): its end is before its start.
        reversed_ = Hours("Europe/London", [WeeklyInterval(week(SUN, 1, 45), week(SUN, 2, 15))])
        assert day_intervals(reversed_, date(2026, 3, 29)) == []
        assert list(reversed_.periods(date(2026, 3, 28), date(2026, 3, 30))) == []

    def test_intervals_that_meet_once_converted_are_one(self):
        # 01:00-01:45 is in the gap (01:00-01:45 UTC); 02:00-02:30 BST is 01:00-01:30 UTC: one
        # interval, 02:00-02:45 on the clock.
        hours = Hours(
            "Europe/London",
            [WeeklyInterval(week(SUN, 1), week(SUN, 1, 45)), WeeklyInterval(week(SUN, 2), week(SUN, 2, 30))],
        )
        assert day_intervals(hours, date(2026, 3, 29)) == [(120, 165, utc(2026, 3, 29, 1), utc(2026, 3, 29, 1, 45))]

    def test_spring_forward_day_is_23_hours(self):
        hours = Hours("Europe/London", daily(0, 1440))
        assert day_intervals(hours, date(2026, 3, 29)) == [(0, 1440, utc(2026, 3, 29), utc(2026, 3, 29, 23))]

    def test_fall_back_interval_spanning_the_repeat(self):
        hours = Hours("Europe/London", [WeeklyInterval(week(SUN, 0, 30), week(SUN, 3))])
        # 00:30 BST to 03:00 GMT: three and a half hours.
        assert day_intervals(hours, date(2026, 10, 25)) == [(30, 180, utc(2026, 10, 24, 23, 30), utc(2026, 10, 25, 3))]

    def test_fall_back_interval_starting_in_the_repeated_hour_means_its_first_occurrence(self):
        hours = Hours("Europe/London", [WeeklyInterval(week(SUN, 1, 30), week(SUN, 2, 30))])
        # The first 01:30 is BST (00:30 UTC); 02:30 is GMT: two hours open.
        assert day_intervals(hours, date(2026, 10, 25)) == [
            (90, 150, utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 2, 30))
        ]
        status = hours.status(utc(2026, 10, 25, 1, 30))  # the second 01:30 on the clock
        assert (status.open, status.next_close_at) == (True, utc(2026, 10, 25, 2, 30))

    def test_fall_back_day_is_25_hours(self):
        hours = Hours("Europe/London", daily(0, 1440))
        assert day_intervals(hours, date(2026, 10, 25)) == [(0, 1440, utc(2026, 10, 24, 23), utc(2026, 10, 26))]


class TestAmericaNewYork:
    def test_spring_forward(self):
        hours = Hours("America/New_York", [WeeklyInterval(week(SUN, 1, 30), week(SUN, 3, 30))])
        assert day_intervals(hours, date(2026, 3, 8)) == [(90, 210, utc(2026, 3, 8, 6, 30), utc(2026, 3, 8, 7, 30))]

    def test_spring_forward_start_in_the_gap_is_read_before_the_gap(self):
        hours = Hours("America/New_York", [WeeklyInterval(week(SUN, 2, 30), week(SUN, 4))])
        # RFC 5545's example: 02:30 that day is 03:30 EDT, 07:30 UTC.
        assert day_intervals(hours, date(2026, 3, 8)) == [(210, 240, utc(2026, 3, 8, 7, 30), utc(2026, 3, 8, 8))]

    def test_fall_back(self):
        hours = Hours("America/New_York", [WeeklyInterval(week(SUN, 0, 30), week(SUN, 3))])
        assert day_intervals(hours, date(2026, 11, 1)) == [(30, 180, utc(2026, 11, 1, 4, 30), utc(2026, 11, 1, 8))]

    def test_fall_back_start_in_the_repeated_hour(self):
        hours = Hours("America/New_York", [WeeklyInterval(week(SUN, 1, 30), week(SUN, 2, 30))])
        assert day_intervals(hours, date(2026, 11, 1)) == [(90, 150, utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 7, 30))]


class TestSouthernHemisphere:
    def test_sydney_dst_ends_in_april(self):
        hours = Hours("Australia/Sydney", [WeeklyInterval(week(SUN, 1), week(SUN, 4))])
        # 01:00 AEDT (+11) to 04:00 AEST (+10): four hours.
        assert day_intervals(hours, date(2026, 4, 5)) == [(60, 240, utc(2026, 4, 4, 14), utc(2026, 4, 4, 18))]

    def test_sydney_dst_starts_in_october(self):
        hours = Hours("Australia/Sydney", [WeeklyInterval(week(SUN, 1), week(SUN, 4))])
        # 01:00 AEST (+10) to 04:00 AEDT (+11): two hours.
        assert day_intervals(hours, date(2026, 10, 4)) == [(60, 240, utc(2026, 10, 3, 15), utc(2026, 10, 3, 17))]

    def test_lord_howe_half_hour_gap(self):
        hours = Hours("Australia/Lord_Howe", [WeeklyInterval(week(SUN, 1, 30), week(SUN, 3))])
        # 01:30 at +10:30 to 03:00 at +11: one hour.
        assert day_intervals(hours, date(2026, 10, 4)) == [(90, 180, utc(2026, 10, 3, 15), utc(2026, 10, 3, 16))]
        in_gap = Hours("Australia/Lord_Howe", [WeeklyInterval(week(SUN, 2, 15), week(SUN, 3))])
        # 02:15 read at +10:30 is 15:45 UTC, 02:45 on the clock.
        assert day_intervals(in_gap, date(2026, 10, 4)) == [(165, 180, utc(2026, 10, 3, 15, 45), utc(2026, 10, 3, 16))]

    def test_lord_howe_half_hour_repeat(self):
        hours = Hours("Australia/Lord_Howe", [WeeklyInterval(week(SUN, 1), week(SUN, 3))])
        # 01:00 at +11 to 03:00 at +10:30: two and a half hours.
        assert day_intervals(hours, date(2026, 4, 5)) == [(60, 180, utc(2026, 4, 4, 14), utc(2026, 4, 4, 16, 30))]


class TestAmericaSantiago:
    """Chile changes its clocks at midnight.

    2026-09-06 00:00 -04 -> 01:00 -03 (04:00 UTC); 2026-04-05 00:00 -03 -> 04-04 23:00 -04 (03:00 UTC).
    """

    def test_a_day_whose_midnight_is_skipped_starts_at_minute_0(self):
        hours = Hours("America/Santiago", daily(0, 1440))
        days = hours.days(date(2026, 9, 5), date(2026, 9, 6))
        assert [day.intervals for day in days] == [
            ((0, 1440, utc(2026, 9, 5, 4), utc(2026, 9, 6, 4)),),
            ((0, 1440, utc(2026, 9, 6, 4), utc(2026, 9, 7, 3)),),  # 23 hours
        ]

    def test_a_day_ending_in_a_repeated_hour_is_25_hours(self):
        hours = Hours("America/Santiago", daily(0, 1440))
        assert day_intervals(hours, date(2026, 4, 4)) == [(0, 1440, utc(2026, 4, 4, 3), utc(2026, 4, 5, 4))]


class TestReplacements:
    def test_a_weekly_interval_crossing_midnight_into_a_replaced_date_is_cut_there(self):
        replaced = {date(2026, 12, 26): Replacement("9", ((600, 720),))}  # a Saturday
        hours = Hours("Europe/London", [WeeklyInterval(week(FRI, 22), week(SAT, 2))], replaced)
        assert list(hours.periods(date(2026, 12, 25), date(2026, 12, 26))) == [
            (utc(2026, 12, 25, 22), utc(2026, 12, 26)),
            (utc(2026, 12, 26, 10), utc(2026, 12, 26, 12)),
        ]
        status = hours.status(utc(2026, 12, 25, 23))
        assert (status.open, status.next_close_at, status.next_open_at) == (
            True,
            utc(2026, 12, 26),
            utc(2026, 12, 26, 10),
        )
        # The week after, unreplaced, the interval runs to 02:00 on Saturday.
        assert day_intervals(hours, date(2027, 1, 2)) == [(0, 120, utc(2027, 1, 2), utc(2027, 1, 2, 2))]

    def test_recurring_exception_in_a_later_year_and_a_one_off_winning_over_it(self):
        exceptions = GoverningExceptions(
            [
                DatedException(date(2024, 12, 25), True, Replacement("3")),
                DatedException(date(2027, 12, 25), False, Replacement("4", ((600, 660),))),
            ]
        )
        hours = Hours("Europe/London", daily(540, 1020), exceptions)
        assert hours.days(date(2026, 12, 25), date(2026, 12, 25))[0].replacement.source_id == "3"
        assert day_intervals(hours, date(2026, 12, 25)) == []
        assert day_intervals(hours, date(2027, 12, 25)) == [(600, 660, utc(2027, 12, 25, 10), utc(2027, 12, 25, 11))]
        assert exceptions.get(date(2028, 12, 25)).source_id == "3"
        assert exceptions.get(date(2023, 12, 25)) is None  # before its exception_date
        assert exceptions.get(date(2026, 12, 24)) is None

    def test_29_february_recurs_in_leap_years_only(self):
        exceptions = GoverningExceptions([DatedException(date(2024, 2, 29), True, Replacement("5"))])
        assert exceptions.get(date(2028, 2, 29)).source_id == "5"
        assert exceptions.get(date(2027, 2, 28)) is None
        assert exceptions.get(date(2027, 3, 1)) is None
        hours = Hours("UTC", daily(540, 1020), exceptions)
        days = hours.days(date(2028, 2, 28), date(2028, 3, 1))
        assert [len(day.intervals) for day in days] == [1, 0, 1]

    def test_the_latest_recurring_exception_of_a_month_and_day_governs(self):
        exceptions = GoverningExceptions(
            [
                DatedException(date(2020, 7, 4), True, Replacement("old")),
                DatedException(date(2025, 7, 4), True, Replacement("new")),
            ]
        )
        assert [exceptions.get(date(year, 7, 4)).source_id for year in (2021, 2025, 2030)] == ["old", "new", "new"]


class TestStatus:
    def test_twenty_four_seven_is_open_with_no_next(self):
        hours = Hours("Europe/London", [WeeklyInterval(0, 10080)])  # the whole week
        assert day_intervals(hours, date(2026, 12, 27)) == [(0, 1440, utc(2026, 12, 27), utc(2026, 12, 28))]
        status = hours.status(utc(2026, 12, 27, 23, 59, 30))  # Sunday's last minute, across the week's end
        assert (status.open, status.next_open_at, status.next_close_at) == (True, None, None)

    def test_a_closed_day_of_a_twenty_four_seven_schedule(self):
        closed = {date(2026, 12, 25): Replacement("7")}
        hours = Hours("Europe/London", [WeeklyInterval(0, 10080)], closed)
        status = hours.status(1798200000)
        assert (status.open, status.next_open_at, status.next_close_at) == (False, utc(2026, 12, 26), None)
        before = hours.status(utc(2026, 12, 24, 12))
        assert (before.open, before.next_close_at, before.next_open_at) == (True, utc(2026, 12, 25), utc(2026, 12, 26))

    def test_an_empty_schedule_is_always_closed(self):
        hours = Hours("America/New_York")
        status = hours.status(1798200000)
        assert (status.open, status.next_open_at, status.next_close_at, status.replacement) == (
            False,
            None,
            None,
            None,
        )
        assert [day.intervals for day in hours.days(date(2026, 1, 1), date(2026, 1, 3))] == [(), (), ()]

    def test_boundaries_start_included_end_excluded(self):
        hours = Hours("UTC", daily(540, 1020))
        at_open = hours.status(utc(2026, 6, 1, 9))
        assert (at_open.open, at_open.next_close_at, at_open.next_open_at) == (
            True,
            utc(2026, 6, 1, 17),
            utc(2026, 6, 2, 9),
        )
        at_close = hours.status(utc(2026, 6, 1, 17))
        assert (at_close.open, at_close.next_open_at, at_close.next_close_at) == (
            False,
            utc(2026, 6, 2, 9),
            utc(2026, 6, 2, 17),
        )

    def test_touching_intervals_merge_across_midnight_and_the_week(self):
        hours = Hours("UTC", [WeeklyInterval(week(SUN, 22), 10080), WeeklyInterval(0, week(MON, 2))])
        # 2026-06-07 is a Sunday.
        assert list(hours.periods(date(2026, 6, 7), date(2026, 6, 8))) == [(utc(2026, 6, 7, 22), utc(2026, 6, 8, 2))]
        wrapping = Hours("UTC", [WeeklyInterval(week(SUN, 22), week(SUN, 22) + 240)])
        assert list(wrapping.periods(date(2026, 6, 7), date(2026, 6, 8))) == [(utc(2026, 6, 7, 22), utc(2026, 6, 8, 2))]

    def test_next_open_beyond_400_days_is_none(self):
        hours = Hours("UTC", [WeeklyInterval(week(MON, 9), week(MON, 17), first_date=date(2028, 3, 6))])
        assert hours.status(utc(2027, 1, 1)).next_open_at is None  # 2028-03-06 is 430 days later
        status = hours.status(utc(2027, 2, 1))  # 399 days before
        assert (status.next_open_at, status.next_close_at) == (utc(2028, 3, 6, 9), utc(2028, 3, 6, 17))
        assert utc(2028, 3, 6, 17) - utc(2027, 2, 1) <= HORIZON


class TestFirstDate:
    def test_a_weekly_interval_starts_on_its_first_date(self):
        # A Wednesday night shift from 2026-06-10 (a Wednesday) on; the Thursday before gets nothing of it.
        hours = Hours("UTC", [WeeklyInterval(week(WED, 22), week(THU, 6), first_date=date(2026, 6, 10))])
        days = hours.days(date(2026, 6, 3), date(2026, 6, 11))
        opened = {day.date: [(s, e) for s, e, _, _ in day.intervals] for day in days if day.intervals}
        assert opened == {date(2026, 6, 10): [(1320, 1440)], date(2026, 6, 11): [(0, 360)]}

    def test_an_occurrence_starting_before_the_first_date_is_left_out_whole(self):
        # Wednesday 22:00 to Saturday 02:00 from Thursday 2026-06-11: the occurrence of Wednesday
        # the 10th is before it, so nothing is open until Wednesday the 17th.
        hours = Hours("UTC", [WeeklyInterval(week(WED, 22), week(SAT, 2), first_date=date(2026, 6, 11))])
        assert list(hours.periods(date(2026, 6, 10), date(2026, 6, 20))) == [
            (utc(2026, 6, 17, 22), utc(2026, 6, 20, 2))
        ]

    def test_a_week_long_occurrence_before_the_first_date_is_left_out_to_its_end(self):
        # A week from Wednesday 12:00, from Thursday 2026-06-11 on: the occurrence of the 10th
        # would hold Wednesday the 17th until noon; that of the 17th opens it at noon.
        hours = Hours("UTC", [WeeklyInterval(week(WED, 12), week(WED, 12) + 10080, first_date=date(2026, 6, 11))])
        assert list(hours.periods(date(2026, 6, 11), date(2026, 6, 17))) == [(utc(2026, 6, 17, 12), utc(2026, 6, 18))]


def test_bad_intervals_are_refused():
    for start, end in ((-1, 10), (10, 10), (10080, 10100), (0, 10081)):
        with pytest.raises(ValueError, match=f"weekly interval {start}-{end}"):
            Hours("UTC", [WeeklyInterval(start, end)])
    hours = Hours("UTC", daily(540, 1020), {date(2026, 1, 2): Replacement("1", ((0, 1441),))})
    assert len(hours.days(date(2026, 1, 1), date(2026, 1, 1))[0].intervals) == 1
    with pytest.raises(ValueError, match="replacement 1 interval 0-1441"):
        hours.days(date(2026, 1, 1), date(2026, 1, 2))
