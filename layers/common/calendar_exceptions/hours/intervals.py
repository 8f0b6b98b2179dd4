"""Interval algebra on half-open intervals `(start, end)` of any unit (minutes, seconds, milliseconds).

An interval holds `start` and not `end`. Intervals that touch (one ends where the next
begins) or overlap are one. The functions that combine lists take them *joined*: sorted by
start, non-empty, and no two touching or overlapping (what `joined` makes of any list).
The hours engine and the LivePerson shift status both compute with these, and `open_at` is
the status rule both answer with.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

Interval = tuple[int, int]


def union(intervals: Iterable[Interval]) -> Iterator[Interval]:
    """`intervals` (sorted by start) with those that touch or overlap joined, lazily: a status reads what it needs."""
    current_start = current_end = None
    for start, end in intervals:
        if current_end is not None and start <= current_end:
            current_end = max(current_end, end)
            continue
        if current_end is not None:
            yield current_start, current_end
        current_start, current_end = start, end
    if current_end is not None:
        yield current_start, current_end


def joined(intervals: Iterable[Interval]) -> list[Interval]:
    """Any intervals as a joined list: the empty ones dropped, the rest sorted, touching or overlapping ones joined."""
    return list(union(sorted(interval for interval in intervals if interval[1] > interval[0])))


def subtract(intervals: list[Interval], removed: list[Interval]) -> list[Interval]:
    """`intervals` without `removed` (both joined); the answer is joined."""
    left: list[Interval] = []
    index = 0
    for start, end in intervals:
        while index < len(removed) and removed[index][1] <= start:
            index += 1
        cursor, scan = start, index
        while scan < len(removed) and removed[scan][0] < end:
            if removed[scan][0] > cursor:
                left.append((cursor, removed[scan][0]))
            cursor = max(cursor, removed[scan][1])
            scan += 1
        if cursor < end:
            left.append((cursor, end))
    return left


def intersect(intervals: list[Interval], kept: list[Interval]) -> list[Interval]:
    """What `intervals` and `kept` (both joined) have in common; the answer is joined."""
    common: list[Interval] = []
    i = j = 0
    while i < len(intervals) and j < len(kept):
        start, end = max(intervals[i][0], kept[j][0]), min(intervals[i][1], kept[j][1])
        if start < end:
            common.append((start, end))
        if intervals[i][1] < kept[j][1]:
            i += 1
        else:
            j += 1
    return common


def clip(intervals: list[Interval], start: int, end: int) -> list[Interval]:
    """The parts of `intervals` (joined) within [start, end)."""
    return [(max(s, start), min(e, end)) for s, e in intervals if e > start and s < end]


def open_at(intervals: Iterable[Interval], at: int, horizon: int) -> tuple[bool, int | None, int | None]:
    """The status rule: whether `at` is in one of `intervals` (joined), the next opening and the next closing.

    The next opening is the start of the first interval that begins after `at` (when open,
    the one after the current one); the next closing the current interval's end when open,
    else the next interval's end. Each is None when it is after `horizon`.
    """
    intervals = iter(intervals)
    for start, end in intervals:
        if end <= at:
            continue
        opened = start <= at
        if opened:
            following = next(intervals, None)
            start = following[0] if following else horizon + 1
        return opened, (start if start <= horizon else None), (end if end <= horizon else None)
    return False, None, None
