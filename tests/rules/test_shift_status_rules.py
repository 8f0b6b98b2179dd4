"""The shift status rules (shift_status.shifts), with hand-computed epoch milliseconds.

Every expected instant is written as its UTC reading beside its epoch milliseconds. Warsaw is
UTC+1 (CET) in winter and UTC+2 (CEST) in summer; in 2026 clocks go 02:00 -> 03:00 on Sunday
29 March and 03:00 -> 02:00 on Sunday 25 October. 2026-12-07 and 2026-12-14 are Mondays.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from calendar_exceptions.hours import expansion
from calendar_exceptions.liveperson.shift_status.shifts import ShiftStatus, shift_status
from tests.builders import OFFICE, shift
from tests.builders import occasion_event as event
from tests.builders import stored_occasion as occasion
from tests.builders import stored_workday as workday


def test_monday_to_friday_nine_to_five_in_warsaw():
    # Monday 2026-12-14 10:00 Warsaw = 09:00Z: on shift until 17:00 Warsaw, next shift Tuesday 09:00 Warsaw
    assert shift_status(OFFICE, None, 1797238800000) == ShiftStatus(
        True,
        1797321600000,  # 2026-12-15T08:00Z
        1797264000000,  # 2026-12-14T16:00Z
    )
    # Friday 2026-12-18 18:00 Warsaw = 17:00Z: off over the weekend until Monday 09:00 Warsaw
    assert shift_status(OFFICE, None, 1797613200000) == ShiftStatus(
        False,
        1797840000000,  # 2026-12-21T08:00Z
        1797868800000,  # 2026-12-21T16:00Z
    )


def test_no_shift_before_the_events_start_dates():
    # Monday 2026-11-30 10:00 Warsaw: the workday's events start on 2026-12-07..11
    assert shift_status(OFFICE, None, 1796630400000 - 7 * 86_400_000 + 3_600_000) == ShiftStatus(
        False,
        1796630400000,  # 2026-12-07T08:00Z
        1796659200000,  # 2026-12-07T16:00Z
    )


def test_at_exactly_a_shift_boundary():
    # The start is on shift, the end is not (a shift is [start, end)); a millisecond before the start is off
    assert shift_status(OFFICE, None, 1797235200000) == ShiftStatus(True, 1797321600000, 1797264000000)  # 08:00Z
    assert shift_status(OFFICE, None, 1797235200000 - 1) == ShiftStatus(False, 1797235200000, 1797264000000)
    assert shift_status(OFFICE, None, 1797264000000) == ShiftStatus(False, 1797321600000, 1797350400000)  # 16:00Z


def test_the_vendors_example_a_monday_nine_to_twelve_overwritten_by_four_to_ten():
    # Monday 09:00-12:00; that Monday 2026-12-14 an occasion 16:00-22:00: the date is 16:00-22:00 only
    mornings = workday(shift("2026-12-07T09:00:00", "2026-12-07T12:00:00"))
    evening = occasion(event("2026-12-14T16:00:00", "2026-12-14T22:00:00"))
    # 09:30 Warsaw = 08:30Z: off, although the workday says on
    assert shift_status(mornings, evening, 1797237000000) == ShiftStatus(
        False,
        1797260400000,  # 2026-12-14T15:00Z = 16:00 Warsaw
        1797282000000,  # 2026-12-14T21:00Z = 22:00 Warsaw
    )
    # 16:00 Warsaw: on until 22:00, then the next Monday's 09:00 Warsaw
    assert shift_status(mornings, evening, 1797260400000) == ShiftStatus(
        True,
        1797840000000,  # 2026-12-21T08:00Z
        1797282000000,
    )


def test_a_non_working_whole_day_occasion():
    closed = occasion(event("2026-12-16", "2026-12-17", working=False))  # Wednesday 16th: the end date is exclusive
    # Tuesday 17:00 Warsaw: Wednesday is closed, the next shift is Thursday's
    assert shift_status(OFFICE, closed, 1797350400000) == ShiftStatus(
        False,
        1797494400000,  # 2026-12-17T08:00Z
        1797523200000,  # 2026-12-17T16:00Z
    )
    # Wednesday 10:00 Warsaw: off
    assert shift_status(OFFICE, closed, 1797411600000).on_shift is False


def test_an_occasion_repeating_daily_three_times():
    # 10:00-14:00 Warsaw on Thursday 24, Friday 25 and Saturday 26 December instead of the workday
    holidays = occasion(event("2026-12-24T10:00:00", "2026-12-24T14:00:00", rule="RRULE:FREQ=DAILY;COUNT=3;INTERVAL=1"))
    # Wednesday 23rd 17:00 Warsaw = 16:00Z
    assert shift_status(OFFICE, holidays, 1798041600000) == ShiftStatus(
        False,
        1798102800000,  # 2026-12-24T09:00Z
        1798117200000,  # 2026-12-24T13:00Z
    )
    # Friday 25th 13:00 Warsaw = 12:00Z: on; the next shift is Saturday's occurrence, on a day without workday hours
    assert shift_status(OFFICE, holidays, 1798200000000) == ShiftStatus(
        True,
        1798275600000,  # 2026-12-26T09:00Z
        1798203600000,  # 2026-12-25T13:00Z
    )
    # Saturday 26th 14:00 Warsaw, the third and last occurrence over: Monday 28th 09:00 Warsaw
    assert shift_status(OFFICE, holidays, 1798290000000) == ShiftStatus(
        False,
        1798444800000,  # 2026-12-28T08:00Z
        1798444800000 + 8 * 3_600_000,  # 2026-12-28T16:00Z
    )


NIGHTS = workday(shift("2026-12-11T22:00:00", "2026-12-12T06:00:00"))  # Friday 22:00 - Saturday 06:00


def test_a_night_shift_crossing_midnight():
    # Saturday 2026-12-12 04:00 Warsaw = 03:00Z: on until 06:00 Warsaw; the next is Friday 18th 22:00 Warsaw
    assert shift_status(NIGHTS, None, 1797044400000) == ShiftStatus(
        True,
        1797627600000,  # 2026-12-18T21:00Z
        1797051600000,  # 2026-12-12T05:00Z
    )


def test_a_night_shift_running_into_a_governed_date_is_cut_at_its_midnight():
    saturday_closed = occasion(event("2026-12-19", "2026-12-20", working=False))
    # Friday 18th 23:30 Warsaw = 22:30Z: on, but only until midnight; Saturday 19th is the occasion's
    assert shift_status(NIGHTS, saturday_closed, 1797633000000) == ShiftStatus(
        True,
        1798232400000,  # 2026-12-25T21:00Z, the next Friday 22:00
        1797634800000,  # 2026-12-18T23:00Z = Saturday 00:00 Warsaw
    )


SATURDAY_NIGHTS = workday(shift("2026-03-21T22:00:00", "2026-03-22T06:00:00"))  # Saturday 22:00 - Sunday 06:00


def test_a_dst_change_inside_a_shift():
    # Spring: Saturday 2026-03-28 22:00 CET (21:00Z) to Sunday 06:00 CEST (04:00Z), seven hours
    assert shift_status(SATURDAY_NIGHTS, None, 1774731600000 - 1) == ShiftStatus(
        False,
        1774731600000,  # 2026-03-28T21:00Z
        1774756800000,  # 2026-03-29T04:00Z
    )
    assert shift_status(SATURDAY_NIGHTS, None, 1774735200000) == ShiftStatus(
        True,
        1775332800000,  # 2026-04-04T20:00Z, Saturday 22:00 CEST
        1774756800000,
    )
    # Autumn: Saturday 2026-10-24 22:00 CEST (20:00Z) to Sunday 06:00 CET (05:00Z), nine hours
    assert shift_status(SATURDAY_NIGHTS, None, 1792882800000) == ShiftStatus(
        True,
        1793480400000,  # 2026-10-31T21:00Z, Saturday 22:00 CET
        1792904400000,  # 2026-10-25T05:00Z
    )


def test_no_default_workday_is_always_off_but_for_the_occasion():
    assert shift_status(None, None, 1797238800000) == ShiftStatus(False, None, None)
    assert shift_status(workday(), None, 1797238800000) == ShiftStatus(False, None, None)
    evening = occasion(event("2026-12-14T16:00:00", "2026-12-14T22:00:00"))
    assert shift_status(None, evening, 1797238800000) == ShiftStatus(False, 1797260400000, 1797282000000)


def test_a_24_7_week_has_neither_next_on_nor_next_off():
    every_day = workday(*(shift(f"2026-12-{7 + i:02d}", f"2026-12-{8 + i:02d}") for i in range(7)))
    assert shift_status(every_day, None, 1797238800000) == ShiftStatus(True, None, None)
    # A closed day ahead gives both: off from its Warsaw midnight to the next
    closed = occasion(event("2026-12-16", "2026-12-17", working=False))
    assert shift_status(every_day, closed, 1797238800000) == ShiftStatus(
        True,
        1797462000000,  # 2026-12-16T23:00Z = Thursday 00:00 Warsaw
        1797375600000,  # 2026-12-15T23:00Z = Wednesday 00:00 Warsaw
    )


def test_an_occasion_event_without_meta_counts_as_working():
    evening = occasion(event("2026-12-14T16:00:00", "2026-12-14T22:00:00", working=None))
    assert shift_status(OFFICE, evening, 1797260400000).on_shift is True


def test_an_occasion_in_another_zone_governs_its_own_zones_dates():
    # Tuesday 2026-12-08 closed in Tokyo (UTC+9): 2026-12-07T15:00Z to 2026-12-08T15:00Z, which is
    # Monday 16:00 to Tuesday 16:00 in Warsaw. Monday's shift ends at 16:00 Warsaw, Tuesday's starts then.
    tokyo = occasion(event("2026-12-08", "2026-12-09", working=False, zone="Asia/Tokyo"))
    assert shift_status(OFFICE, tokyo, 1796644800000) == ShiftStatus(  # Monday 2026-12-07T12:00Z
        True,
        1796742000000,  # 2026-12-08T15:00Z
        1796655600000,  # 2026-12-07T15:00Z
    )
    assert shift_status(OFFICE, tokyo, 1796655600000) == ShiftStatus(False, 1796742000000, 1796745600000)


def test_times_with_seconds_are_exact():
    evening = occasion(event("2026-12-14T16:00:30", "2026-12-14T22:00:00"))
    assert shift_status(OFFICE, evening, 1797237000000).next_on == 1797260430000  # 2026-12-14T15:00:30Z


def test_nothing_within_400_days_is_null():
    # A shift 401 days ahead is not announced; one 399 days ahead is
    at = 1797238800000
    far = occasion(event("2028-01-19T10:00:00", "2028-01-19T11:00:00"))  # 401 days after 2026-12-14
    near = occasion(event("2028-01-17T10:00:00", "2028-01-17T11:00:00"))  # 399 days after
    assert shift_status(None, far, at) == ShiftStatus(False, None, None)
    assert shift_status(None, near, at).next_on == at + 399 * 86_400_000


def _count_expansion_work(monkeypatch) -> Callable[[], tuple[int, int]]:
    """The expander's work (hours/expansion.py): the years it looked up, and those whose dates it listed."""
    made: list[expansion._Rule] = []
    make, days_in = expansion._Rule.__init__, expansion._Rule.days_in
    listed = 0

    def recorded(self, rule):
        make(self, rule)
        made.append(self)

    def counted_days_in(self, year):
        nonlocal listed
        listed += 1
        return days_in(self, year)

    monkeypatch.setattr(expansion._Rule, "__init__", recorded)
    monkeypatch.setattr(expansion._Rule, "days_in", counted_days_in)
    return lambda: (sum(rule.looked_up for rule in made), listed)


@pytest.mark.parametrize(
    "rule",
    [
        "RRULE:FREQ=DAILY",
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=14",
        "RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=14",
        "RRULE:FREQ=DAILY;INTERVAL=7;BYDAY=TU",  # from a Monday: never occurs
        "RRULE:FREQ=DAILY;INTERVAL=7;BYDAY=TU;COUNT=5",
        "RRULE:FREQ=MONTHLY;INTERVAL=12;BYMONTH=2",  # from January: never occurs
        "RRULE:FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=8",  # never occurs
        "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",  # every 28 years or so
    ],
)
def test_rules_started_centuries_ago_are_not_walked_from_then(rule, monkeypatch):
    # 0001-01-01 was a Monday; 2026-12-14 10:00 Warsaw
    started = occasion(*[event("0001-01-01T16:00:00", "0001-01-01T17:00:00", rule=rule)] * 50)
    work = _count_expansion_work(monkeypatch)
    status = shift_status(OFFICE, started, 1797238800000)
    # Per event (the 50 occasion events and the workday's 5): the years of the window, 2026 to 2028, and at most one
    # looked back at for the latest start before it; walked from year 1, it would be 2,026 years each
    looked, listed = work()
    assert looked <= 55 * 4 and listed <= 55 * 4, (looked, listed)
    if "BYDAY=TU" in rule or "INTERVAL=12" in rule or "1MO" in rule or "BYMONTHDAY=29" in rule:
        assert status.on_shift is True  # nothing governs the date
    else:
        assert status == ShiftStatus(False, 1797260400000, 1797264000000)  # 16:00-17:00 Warsaw only


def test_the_end_of_the_calendar_is_answered():
    # The latest `at` the API takes, 9998-01-01T00:00Z, with objects dated up to 9999-12-31
    at = 253339228800000
    to_the_end = occasion(
        event("2026-01-01", "9999-12-31"), event("9999-12-31T00:00", "9999-12-31T23:59", working=False)
    )
    late_workday = workday(shift("9999-12-27T09:00:00", "9999-12-27T17:00:00"))
    assert shift_status(late_workday, to_the_end, at) == ShiftStatus(True, None, None)
    daily = occasion(event("2026-01-01T09:00:00", "2026-01-01T10:00:00", rule="RRULE:FREQ=DAILY;UNTIL=99991231"))
    assert shift_status(None, daily, at) == ShiftStatus(
        False,
        253339257600000,  # 9998-01-01T08:00Z = 09:00 Warsaw
        253339261200000,  # 9998-01-01T09:00Z
    )
