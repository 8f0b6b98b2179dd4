"""Local times as instants (hours/local_time.py): every instant written out in UTC by hand, never converted by zoneinfo.

Transitions used (tzdata, 2026): Europe/London 29 Mar 01:00 GMT -> 02:00 BST and 25 Oct
02:00 BST -> 01:00 GMT (both at 01:00 UTC); America/New_York 8 Mar 02:00 EST -> 03:00 EDT
(07:00 UTC). Los Angeles is UTC-8 in December.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from calendar_exceptions.hours.local_time import (
    epoch_ms,
    is_skipped,
    local_date,
    local_span,
    midnights,
    minute_instant,
    minute_of,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def utc(*fields: int) -> int:
    return int(datetime(*fields, tzinfo=UTC).timestamp())


@pytest.mark.parametrize(
    ("local", "zone", "expected"),
    [
        (datetime(2026, 3, 29, 0, 30), LONDON, utc(2026, 3, 29, 0, 30)),  # before the gap: GMT
        (datetime(2026, 3, 29, 1, 30), LONDON, utc(2026, 3, 29, 1, 30)),  # in the gap: the offset before it, GMT
        (datetime(2026, 3, 29, 2, 0), LONDON, utc(2026, 3, 29, 1, 0)),  # after the gap: BST
        (datetime(2026, 10, 25, 1, 30), LONDON, utc(2026, 10, 25, 0, 30)),  # repeated: the first, BST
        (datetime(2026, 10, 25, 2, 0), LONDON, utc(2026, 10, 25, 2, 0)),  # after the repeat: GMT
        (datetime(2026, 3, 8, 2, 30), NEW_YORK, utc(2026, 3, 8, 7, 30)),  # in the gap: EST
    ],
)
def test_a_local_time_is_the_instant_of_rfc_5545s_rules(local, zone, expected):
    assert epoch_ms(local, zone) == expected * 1000
    minute = local.hour * 60 + local.minute
    assert minute_instant(local.toordinal(), minute, zone) == expected


def test_the_calendars_last_hour_is_an_instant_past_year_9999():
    # 9999-12-31T23:00 in Los Angeles (UTC-8) is 10000-01-01T07:00Z: 2,932,896 days after 1970-01-01, plus 31 hours.
    expected = (2_932_896 * 86400 + 31 * 3600) * 1000
    assert epoch_ms(datetime(9999, 12, 31, 23), ZoneInfo("America/Los_Angeles")) == expected


def test_minute_1440_is_the_next_local_midnight_so_a_transition_day_is_23_or_25_hours():
    spring, autumn = date(2026, 3, 29).toordinal(), date(2026, 10, 25).toordinal()
    assert minute_instant(spring, 0, LONDON) == utc(2026, 3, 29, 0)
    assert minute_instant(spring, 1440, LONDON) == utc(2026, 3, 29, 23)  # 30 March 00:00 BST
    assert minute_instant(autumn, 0, LONDON) == utc(2026, 10, 24, 23)  # 00:00 BST
    assert minute_instant(autumn, 1440, LONDON) == utc(2026, 10, 26, 0)  # 26 October 00:00 GMT
    walked = midnights(spring - 1, LONDON)
    assert [next(walked) for _ in range(3)] == [utc(2026, 3, 28, 0), utc(2026, 3, 29, 0), utc(2026, 3, 29, 23)]


@pytest.mark.parametrize(
    ("local", "skipped"),
    [
        (datetime(2026, 3, 29, 0, 59, 59), False),
        (datetime(2026, 3, 29, 1, 0), True),
        (datetime(2026, 3, 29, 1, 59, 59), True),
        (datetime(2026, 3, 29, 2, 0), False),
        (datetime(2026, 10, 25, 1, 30), False),  # repeated, not skipped
    ],
)
def test_only_a_time_in_a_gap_is_skipped(local, skipped):
    assert is_skipped(local, LONDON) is skipped


def test_an_instant_reads_as_the_local_clock_shows_it():
    assert local_date(utc(2026, 12, 31, 23, 30), ZoneInfo("Europe/Warsaw")) == date(2027, 1, 1)
    # 02:30 UTC on 29 March is 03:30 BST: minute 210 of that date, the clock after the jump.
    assert minute_of(utc(2026, 3, 29, 2, 30), date(2026, 3, 29).toordinal(), LONDON) == 210


# --- a LivePerson start and end as a span of local time ---------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "span_start", "length_minutes"),
    [
        # A date end is exclusive: one whole day D is D to D+1, several D to D+n
        (date(2026, 12, 25), date(2026, 12, 26), datetime(2026, 12, 25), 1440),
        (date(2026, 12, 24), date(2026, 12, 27), datetime(2026, 12, 24), 3 * 1440),
        (date(2026, 12, 25), date(2026, 12, 25), datetime(2026, 12, 25), 0),  # empty: refused on write
        # An end at 23:59 or 23:59:59 is the next midnight; any other time is itself
        (datetime(2018, 3, 27), datetime(2018, 3, 27, 23, 59), datetime(2018, 3, 27), 1440),
        (datetime(2018, 3, 27), datetime(2018, 3, 27, 23, 59, 59), datetime(2018, 3, 27), 1440),
        (datetime(2018, 3, 27), datetime(2018, 3, 27, 23, 58, 59), datetime(2018, 3, 27), 1438 + 59 / 60),
        (datetime(2018, 3, 27, 9), datetime(2018, 3, 28, 23, 59), datetime(2018, 3, 27, 9), 39 * 60),
        # Only an end: a start at 23:59 is 23:59
        (datetime(2018, 3, 27, 23, 59), datetime(2018, 3, 27, 23, 59), datetime(2018, 3, 27, 23, 59), 1),
        # Clock length, whatever the zone's clocks do that day (London's spring change is 29 March 2026)
        (datetime(2026, 3, 29), datetime(2026, 3, 29, 23, 59), datetime(2026, 3, 29), 1440),
        # The calendar's last day ends at a midnight of year 10000, which datetime cannot hold: the length can
        (datetime(9999, 12, 31), datetime(9999, 12, 31, 23, 59), datetime(9999, 12, 31), 1440),
    ],
)
def test_a_start_and_an_end_as_liveperson_writes_them_are_a_span_of_local_time(start, end, span_start, length_minutes):
    span = local_span(start, end)
    assert span.start == span_start
    assert span.length.total_seconds() == length_minutes * 60


def test_the_end_of_a_span_ending_at_a_23_59_is_the_next_midnight():
    assert local_span(datetime(2026, 12, 24, 9), datetime(2026, 12, 24, 23, 59)).end == datetime(2026, 12, 25)
    with pytest.raises(OverflowError):
        local_span(datetime(9999, 12, 31), datetime(9999, 12, 31, 23, 59)).end  # noqa: B018
