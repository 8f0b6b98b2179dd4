"""Interval algebra (hours/intervals.py) against the sets of whole points the intervals hold."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_exceptions.hours.intervals import clip, intersect, joined, open_at, subtract, union

SETTINGS = settings(max_examples=300, deadline=None)
POINT = st.integers(0, 40)
intervals = st.lists(st.tuples(POINT, POINT), max_size=8)


def points(found: list[tuple[int, int]]) -> set[int]:
    return {point for start, end in found for point in range(start, end)}


def is_joined(found: list[tuple[int, int]]) -> bool:
    """Sorted, non-empty, and apart: the form the other functions take and answer."""
    return all(start < end for start, end in found) and all(a[1] < b[0] for a, b in pairwise(found))


def test_touching_intervals_are_one():
    assert list(union([(1, 3), (3, 5), (6, 8)])) == [(1, 5), (6, 8)]
    assert joined([(6, 8), (3, 3), (3, 5), (1, 3)]) == [(1, 5), (6, 8)]


@SETTINGS
@given(intervals)
def test_joined_holds_the_same_points(given_intervals):
    found = joined(given_intervals)
    assert is_joined(found)
    assert points(found) == points(given_intervals)
    assert list(union(sorted(found))) == found


@SETTINGS
@given(intervals, intervals)
def test_subtract_and_intersect_are_set_difference_and_intersection(a, b):
    a, b = joined(a), joined(b)
    assert points(subtract(a, b)) == points(a) - points(b)
    assert points(intersect(a, b)) == points(a) & points(b)
    assert is_joined(subtract(a, b))
    assert is_joined(intersect(a, b))


@SETTINGS
@given(intervals, POINT, POINT)
def test_clip_keeps_what_lies_within(a, start, end):
    a = joined(a)
    assert points(clip(a, start, end)) == {point for point in points(a) if start <= point < end}


@SETTINGS
@given(intervals, POINT, st.integers(0, 50))
def test_open_at_is_the_status_rule(a, at, horizon):
    a = joined(a)
    held = points(a)
    opened, next_open, next_close = open_at(a, at, horizon)
    # Open when `at` is held; the next opening is the first point after `at` that starts a run,
    # the next closing the first point after `at` that ends one; None past the horizon.
    starts = [p for p in range(at + 1, 60) if p in held and p - 1 not in held]
    ends = [p for p in range(at + 1, 60) if p not in held and p - 1 in held]
    assert opened == (at in held)
    assert next_open == (starts[0] if starts and starts[0] <= horizon else None)
    assert next_close == (ends[0] if ends and ends[0] <= horizon else None)
