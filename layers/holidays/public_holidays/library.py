"""The `holidays` library (the Open World Holidays Framework): the one module that imports it.

The library ships with this package in the holidays layer (layers/holidays), which only the
public holiday functions have (template.yaml). It is imported here on first use: a request
refused before it names a country (401, 403, a malformed body) does not pay its import.

What this module answers is the library's, unchanged: its countries, subdivisions and
languages, and its public holidays (the library's default category), with the names it gives
them (two on one date joined as it joins them).
"""

from __future__ import annotations

import functools
import threading
import warnings
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple


class Holiday(NamedTuple):
    """One date's public holidays, named by the library (several on one date in one name)."""

    date: date
    name: str


@dataclass(frozen=True)
class Country:
    """A country as the library has it: its subdivision codes, languages and the years it knows."""

    code: str
    subdivisions: tuple[str, ...]
    languages: tuple[str, ...]
    # None when the library has the country's names in one language only (`languages` is empty).
    default_language: str | None
    first_year: int
    last_year: int


# warnings.catch_warnings changes the process's warning filters: one computation at a time, so
# that requests served as threads of one process (make serve) each see their own warnings.
_WARNINGS = threading.Lock()


class Incomplete(Exception):
    """The library warned that what it answered for these years is not complete (its message)."""


@functools.cache
def country_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes of every country the library supports (not its aliases)."""
    import holidays

    return frozenset(holidays.list_supported_countries(include_aliases=False))


@functools.cache
def country(code: str) -> Country | None:
    """What the library has of country `code`; None when it has no such country."""
    if code not in country_codes():
        return None
    import holidays

    entity = holidays.country_holidays(code)
    return Country(
        code=code,
        subdivisions=tuple(entity.subdivisions),
        languages=tuple(entity.supported_languages),
        default_language=entity.default_language,
        first_year=entity.start_year,
        last_year=entity.end_year,
    )


def public_holidays(code: str, subdivision: str | None, years: list[int], language: str | None) -> list[Holiday]:
    """The public holidays of `years` in the country (and subdivision), by date, named in `language`.

    Incomplete when the library warns while computing them (a country whose movable feasts
    it knows only for some years says so with a UserWarning): they would be a partial list.
    """
    import holidays

    with _WARNINGS, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        found = holidays.country_holidays(code, subdiv=subdivision, years=years, language=language)
        ordered = sorted(found.items())
    said = [str(warning.message) for warning in caught if issubclass(warning.category, UserWarning)]
    if said:
        raise Incomplete(" ".join(dict.fromkeys(said)))
    return [Holiday(day, name) for day, name in ordered]
