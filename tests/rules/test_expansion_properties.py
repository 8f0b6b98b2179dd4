"""The bounded recurrence expander (hours/expansion.py) against python-dateutil's rrule, the reference of its meaning.

Rules are drawn from the whole supported subset (FREQ, INTERVAL, COUNT, UNTIL, BYDAY with and
without ordinals, BYMONTHDAY of either sign, BYMONTH, WKST), from starts with seconds, over
ranges where dateutil is fast (a few years from the start). dateutil's `between` and `before`
are the oracle for `starts`; dateutil finding no occurrence at all is the oracle for `never`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calendar_exceptions.hours import expansion
from calendar_exceptions.hours.expansion import Recurrence, never, starts
from calendar_exceptions.liveperson.rrule import as_rrule

FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
WEEKDAYS = st.integers(0, 6)
MONTH_DAYS = st.sampled_from([1, 2, 15, 28, 29, 30, 31, -1, -2, -7, -29, -31])
INSTANT = timedelta(microseconds=1)
FOREVER = timedelta(days=4_000_000)


@st.composite
def rules(draw, count: bool = True) -> Recurrence:
    freq = draw(st.sampled_from(FREQS))
    start = draw(st.datetimes(datetime(1990, 1, 1), datetime(2030, 12, 31))).replace(microsecond=0)
    fields: dict = {
        "interval": draw(st.one_of(st.sampled_from([1, 1, 1, 2, 3, 7, 12, 14]), st.integers(1, 1000))),
        "wkst": draw(WEEKDAYS),
    }
    if draw(st.booleans()):
        fields["by_month"] = tuple(draw(st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True)))
    if freq != "WEEKLY" and draw(st.booleans()):
        fields["by_month_day"] = tuple(draw(st.lists(MONTH_DAYS, min_size=1, max_size=3, unique=True)))
    if draw(st.booleans()):
        fields["by_weekday"] = tuple(draw(st.lists(WEEKDAYS, min_size=1, max_size=3, unique=True)))
    if freq in ("MONTHLY", "YEARLY") and draw(st.integers(0, 2)) == 0:
        limit = 5 if freq == "MONTHLY" or "by_month" in fields else 53
        ordinals = st.integers(1, limit).flatmap(lambda n: st.sampled_from([n, -n]))
        fields["by_nth_weekday"] = tuple(draw(st.lists(st.tuples(WEEKDAYS, ordinals), min_size=1, max_size=2)))
    ending = draw(st.integers(0, 3))
    if count and ending == 0:
        fields["count"] = draw(st.integers(1, 60))
    elif ending == 1:
        fields["until"] = start + timedelta(days=draw(st.integers(0, 4000)), seconds=draw(st.integers(0, 86399)))
    return Recurrence(freq, start, **fields)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules(), st.integers(-400, 3000), st.integers(0, 86399), st.integers(0, 500))
def test_the_starts_are_dateutils_between_the_bounds_and_the_latest_before_them(rule, days, seconds, span):
    assume(never(rule) is None)  # dateutil walks to year 9999 for those: test_what_never_occurs_never_does
    reference = as_rrule(rule)
    lo = rule.dtstart + timedelta(days=days, seconds=seconds)
    hi = lo + timedelta(days=span)
    # An occurrence of a microsecond reaches [lo, hi] only if it starts there
    assert starts(rule, lo, hi, INSTANT) == reference.between(lo, hi, inc=True)
    # One that lasts for ever: only the latest start at or before lo matters, if there is one
    latest = reference.before(lo, inc=True)
    expected = [latest] if latest is not None else reference.between(lo, hi, inc=True)
    assert starts(rule, lo, hi, FOREVER) == expected


@settings(max_examples=150, deadline=None)
@given(rules(count=False), st.integers(1, 200), st.integers(0, 20))
def test_a_count_rule_started_long_ago_keeps_its_occurrence_index(rule, count, years):
    assume(never(rule) is None and (rule.dtstart.month, rule.dtstart.day) != (2, 29))
    counted = rule._replace(count=count, until=None, dtstart=rule.dtstart.replace(year=rule.dtstart.year - 50))
    reference = list(as_rrule(counted))
    assume(reference)
    lo = reference[len(reference) // 2] - timedelta(days=years)
    hi = lo + timedelta(days=400)
    assert starts(counted, lo, hi, INSTANT) == [start for start in reference if lo <= start <= hi]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(rules(count=False))
def test_what_never_occurs_never_does(rule):
    # Only rules `never` refuses: dateutil looks for an occurrence up to year 9999 before it finds none
    assume(never(rule) is not None)
    assert next(iter(as_rrule(rule)), None) is None
    assert starts(rule, rule.dtstart, rule.dtstart + timedelta(days=800), FOREVER) == []


def rules_expanded(monkeypatch) -> list[expansion._Rule]:
    """Every rule the expander works on from now on, to read the years it looked up (`looked_up`)."""
    made: list[expansion._Rule] = []
    make = expansion._Rule.__init__

    def recorded(self, rule):
        make(self, rule)
        made.append(self)

    monkeypatch.setattr(expansion._Rule, "__init__", recorded)
    return made


def test_a_rare_rule_from_year_1_with_an_event_lasting_to_9999_looks_up_one_year_at_a_time(monkeypatch):
    # 29 February on a Monday, every 28 years or so; a start in year 1 and a length of 9,998 years
    rule = Recurrence("DAILY", datetime(1, 1, 1, 9), by_month=(2,), by_month_day=(29,), by_weekday=(0,))
    lo, hi = datetime(2026, 12, 12), datetime(2028, 1, 21)
    made = rules_expanded(monkeypatch)
    found = starts(rule, lo, hi, datetime(9999, 12, 31) - rule.dtstart)
    # 2016-02-29 was a Monday (2016 began on a Friday; 29 February is its 60th day): the latest start, which
    # covers the whole window (dateutil's `before` would walk 740,000 days from year 1 to say so)
    assert found == [datetime(2016, 2, 29, 9)]
    # Back from the window's year to the first that holds one, 2026 to 2016, and nothing after: it covers the window
    assert [rule.looked_up for rule in made] == [11]


def test_a_rule_that_never_occurs_and_is_not_caught_looks_up_each_year_once(monkeypatch):
    # Every 1,000 days from 0001-01-01 on a Monday 29 February: none from year 1 to 2026 (dateutil: none either)
    rule = Recurrence("DAILY", datetime(1, 1, 1, 9), interval=1000, by_month=(2,), by_month_day=(29,), by_weekday=(0,))
    assert never(rule) is None
    made = rules_expanded(monkeypatch)
    lo, hi = datetime(2026, 12, 12), datetime(2028, 1, 21)
    assert starts(rule, lo, hi, FOREVER) == as_rrule(rule).between(datetime(1, 1, 1), hi) == []
    # 2,026 years looked up backwards, then the 3 of the window
    assert [rule.looked_up for rule in made] == [2026 + 3]


def test_never_names_why():
    monday = datetime(2026, 3, 2, 9)
    assert never(Recurrence("MONTHLY", monday, by_month_day=(8,), by_nth_weekday=((0, 1),))) == (
        "its BYMONTH, BYMONTHDAY and BYDAY parts never meet on one date"
    )
    assert never(Recurrence("DAILY", monday, interval=14, by_weekday=(1,))) == (
        "every 14 days from a Monday is always a Monday, which BYDAY leaves out"
    )
    assert never(Recurrence("MONTHLY", monday, interval=6, by_month=(2,))) == (
        "every 6 months from March reaches only March, September, none with an allowed day"
    )
    assert never(Recurrence("YEARLY", monday, interval=4, by_month=(2,), by_month_day=(29,))) == (
        "every 4 years from 2026 reaches no year with an allowed day"
    )
    assert never(Recurrence("MONTHLY", monday, interval=48, by_month_day=(29,))) is None  # from March: every 4 years
    assert never(Recurrence("MONTHLY", monday.replace(month=2), interval=48, by_month_day=(29,))) == (
        "every 4 years from 2026 reaches no year with an allowed day"
    )
    # dateutil's reading of plain and ordinal weekdays together: days that are both (a Monday that is a first Tuesday)
    assert never(Recurrence("MONTHLY", monday, by_weekday=(0,), by_nth_weekday=((1, 1),))) is not None
