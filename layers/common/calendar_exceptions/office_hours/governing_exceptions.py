"""Which office hours exception governs a date, with `recurring_annually` applied: the hours engine's replacements.

An exception applies on its `exception_date`; one with `recurring_annually` also on the same
month and day of every later year (29 February: leap years only, as the annual job moves
it). A non-recurring exception dated on such a day wins over the recurring one; dates
before an exception's `exception_date` are not affected by it. Should two recurring
exceptions share a month and day (their dates are unique per schedule, their years
differ), the one with the latest `exception_date` not after the date governs it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from calendar_exceptions.hours import Replacement


@dataclass(frozen=True, slots=True)
class DatedException:
    exception_date: date
    recurring_annually: bool
    replacement: Replacement  # source_id: the exception's id; intervals: [] when closed


class GoverningExceptions:
    """A schedule's exceptions indexed by date and by month and day: `get(date)` is a dict look-up or two."""

    __slots__ = ("_by_date", "_recurring")

    def __init__(self, exceptions: Iterable[DatedException]) -> None:
        self._by_date: dict[date, Replacement] = {}
        recurring: dict[tuple[int, int], list[tuple[int, Replacement]]] = {}
        # Non-recurring first, so that on a shared date (not possible through the API) a
        # non-recurring exception still wins.
        for exception in sorted(exceptions, key=lambda e: not e.recurring_annually):
            day = exception.exception_date
            self._by_date.setdefault(day, exception.replacement)
            if exception.recurring_annually:
                recurring.setdefault((day.month, day.day), []).append((day.toordinal(), exception.replacement))
        self._recurring = {key: sorted(found, key=lambda pair: pair[0]) for key, found in recurring.items()}

    def get(self, day: date, /) -> Replacement | None:
        found = self._by_date.get(day)
        if found is not None or not self._recurring:
            return found
        candidates = self._recurring.get((day.month, day.day))
        if not candidates:
            return None
        index = bisect_right(candidates, day.toordinal(), key=lambda pair: pair[0])
        return candidates[index - 1][1] if index else None
