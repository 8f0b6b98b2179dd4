"""Which office hours exception governs a date, with `recurring_annually` applied: the hours engine's replacements.

An exception applies on its `exception_date`; one with `recurring_annually` also on the same
month and day of every year from its first year on (`first_date`: annual.dates.recurs_from), before
and after its current `exception_date`, which the annual job moves on (29 February: leap
years only). A non-recurring exception dated on such a day wins over the recurring one;
dates before an exception's first date are not affected by it. Should two recurring
exceptions share a month and day (their dates are unique per schedule, their years
differ), each governs its own `exception_date`, and on any other such day the one with the
latest first date not after it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from calendar_exceptions.hours.engine import Replacement


class DatedException(NamedTuple):
    exception_date: date
    recurring_annually: bool
    replacement: Replacement  # source_id: the exception's id; intervals: () when closed
    # The first date a recurring exception applies on (annual.dates.recurs_from); None: exception_date.
    first_date: date | None = None


class GoverningExceptions:
    """A schedule's exceptions indexed by date and by month and day: `get(date)` is a dict look-up or two."""

    __slots__ = ("_by_date", "_recurring")

    def __init__(self, exceptions: Iterable[DatedException]) -> None:
        self._by_date: dict[date, Replacement] = {}
        recurring: dict[int, list[tuple[int, Replacement]]] = {}
        own_dates = []
        for day, recurring_annually, replacement, first_date in exceptions:
            if recurring_annually:
                first = (day if first_date is None else first_date).toordinal()
                recurring.setdefault(day.month * 100 + day.day, []).append((first, replacement))
                own_dates.append((day, replacement))
            else:
                self._by_date[day] = replacement
        for day, replacement in own_dates:  # a non-recurring one wins, should they share a date
            self._by_date.setdefault(day, replacement)
        for found in recurring.values():
            found.sort(key=_ordinal)
        self._recurring = recurring

    def get(self, day: date, /) -> Replacement | None:
        found = self._by_date.get(day)
        if found is not None or not self._recurring:
            return found
        candidates = self._recurring.get(day.month * 100 + day.day)
        if not candidates:
            return None
        index = bisect_right(candidates, day.toordinal(), key=_ordinal)
        return candidates[index - 1][1] if index else None


def _ordinal(pair: tuple[int, Replacement]) -> int:
    return pair[0]
