"""Properties of the hours engine for arbitrary weekly intervals, replacements, zones and instants.

Instants are drawn mostly within a few days of a 2026 transition of the zones drawn, so that
the gap and repeat rules are exercised, not only ordinary days.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_exceptions.hours.engine import HORIZON, Hours, Replacement, WeeklyInterval

SETTINGS = settings(max_examples=150, deadline=None)
ZONES = [
    "UTC",
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "America/Santiago",  # its clocks change at midnight
    "Europe/Dublin",  # its "standard" time is the summer one
]
# 2026 dates on or next to a transition of one of the zones above.
TRANSITION_DATES = [
    date(2026, 3, 8),
    date(2026, 3, 29),
    date(2026, 4, 5),
    date(2026, 9, 6),
    date(2026, 10, 4),
    date(2026, 10, 25),
    date(2026, 11, 1),
]
MINUTES = st.integers(0, 10079).map(lambda minute: minute - minute % 15 if minute % 4 else minute)

weekly_intervals = st.lists(
    st.builds(
        lambda start, length, first: WeeklyInterval(start, start + length, first),
        MINUTES,
        st.one_of(st.integers(1, 2880), st.integers(1, 10080)),
        st.one_of(st.none(), st.sampled_from(TRANSITION_DATES)),
    ),
    max_size=6,
)


@st.composite
def replacement(draw, index: int) -> Replacement:
    marks = sorted(draw(st.lists(st.integers(0, 1440), unique=True, max_size=6)))
    return Replacement(str(index), tuple(zip(marks[::2], marks[1::2], strict=False)))


@st.composite
def replacements(draw) -> dict[date, Replacement]:
    days = draw(st.lists(st.sampled_from(TRANSITION_DATES), max_size=4, unique=True))
    days += [day + timedelta(days=draw(st.integers(-2, 2))) for day in days]
    return {day: draw(replacement(index)) for index, day in enumerate(days)}


@st.composite
def instants(draw) -> int:
    if draw(st.booleans()):
        return draw(st.integers(int(datetime(2025, 1, 1, tzinfo=UTC).timestamp()), 2**31))
    day = draw(st.sampled_from(TRANSITION_DATES)) + timedelta(days=draw(st.integers(-2, 2)))
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()) + draw(st.integers(0, 86399))


hours_rules = st.builds(Hours, st.sampled_from(ZONES), weekly_intervals, replacements())


@SETTINGS
@given(hours_rules, st.sampled_from(TRANSITION_DATES))
def test_periods_are_sorted_and_apart_and_days_agree_with_them(hours, day):
    first, last = day - timedelta(days=3), day + timedelta(days=3)
    periods = list(hours.periods(first, last))
    assert all(start < end for start, end in periods)
    assert all(before[1] < after[0] for before, after in itertools.pairwise(periods))
    covered = []
    for one_day in hours.days(first, last):
        for start_minute, end_minute, start_at, end_at in one_day.intervals:
            assert 0 <= start_minute < end_minute <= 1440
            assert start_at < end_at
            covered.append((start_at, end_at))
    # Every date's intervals lie in a period, and every period is made of them.
    for start_at, end_at in covered:
        assert any(start <= start_at and end_at <= end for start, end in periods)
    assert sum(end - start for start, end in periods) == sum(end - start for start, end in covered)


@SETTINGS
@given(hours_rules, instants())
def test_status_agrees_with_the_date_and_with_itself(hours, at):
    status = hours.status(at)
    [today] = hours.days(hours.local_date(at), hours.local_date(at))
    assert status.open == any(start <= at < end for _, _, start, end in today.intervals)
    assert status.replacement == today.replacement
    if status.next_open_at is not None:
        assert at < status.next_open_at <= at + HORIZON
        assert not hours.status(status.next_open_at - 1).open
        assert hours.status(status.next_open_at).open
    if status.next_close_at is not None:
        assert at < status.next_close_at <= at + HORIZON
        assert not hours.status(status.next_close_at).open
        assert hours.status(status.next_close_at - 1).open
        if not status.open:
            assert status.next_open_at is not None
            assert status.next_close_at > status.next_open_at
    if status.open and status.next_open_at is not None:
        assert status.next_close_at is not None
        assert status.next_close_at < status.next_open_at


@SETTINGS
@given(weekly_intervals, replacements(), st.sampled_from(TRANSITION_DATES), st.integers(-3, 3))
def test_days_in_utc_open_the_minutes_the_rules_say(weekly, replaced, day, shift):
    """Against a minute-by-minute reading of the rules, in UTC where a minute is 60 seconds."""
    first = day + timedelta(days=shift)
    hours = Hours("UTC", weekly, replaced)
    for one_day in hours.days(first, first + timedelta(days=6)):
        ordinal = one_day.date.toordinal()
        midnight = int(datetime(first.year, first.month, first.day, tzinfo=UTC).timestamp())
        midnight += (ordinal - first.toordinal()) * 86400
        minutes = set()
        for start_minute, end_minute, start_at, end_at in one_day.intervals:
            assert (start_at, end_at) == (midnight + start_minute * 60, midnight + end_minute * 60)
            minutes |= set(range(start_minute, end_minute))
        assert minutes == _open_minutes(weekly, replaced, one_day.date)
        assert all(a[1] < b[0] for a, b in itertools.pairwise(one_day.intervals))


def _open_minutes(weekly: list[WeeklyInterval], replaced: dict[date, Replacement], day: date) -> set[int]:
    if day in replaced:
        return {minute for start, end in replaced[day].intervals for minute in range(start, end)}
    ordinal = day.toordinal()
    minutes = set()
    for monday in range(ordinal - 14 - (ordinal - 1) % 7, ordinal + 1, 7):
        for interval in weekly:
            start, end = monday * 1440 + interval.start_minute, monday * 1440 + interval.end_minute
            if interval.first_date and start // 1440 < interval.first_date.toordinal():
                continue
            minutes |= {minute - ordinal * 1440 for minute in range(max(start, ordinal * 1440), end)}
    return {minute for minute in minutes if minute < 1440}
