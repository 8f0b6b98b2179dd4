"""Public holidays of 2027 as the pinned holidays library gives them, written out by hand for the tests.

Each list is (date, name) by date: what the API must answer for the country (and subdivision)
in the language named. The tests compare them with the API's answers and with the library's
own call, so an upgrade of the library that changes a date or a name fails a test that says
which.
"""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    country: str
    subdivision: str | None
    language: str | None  # None: the country's default language
    holidays: list[tuple[str, str]]


FRANCE = Case(
    "FR",
    None,
    "fr",
    [
        ("2027-01-01", "Jour de l'an"),
        ("2027-03-29", "Lundi de Pâques"),
        ("2027-05-01", "Fête du Travail"),
        ("2027-05-06", "Ascension"),
        ("2027-05-08", "Fête de la Victoire"),
        ("2027-05-17", "Lundi de Pentecôte"),
        ("2027-07-14", "Fête nationale"),
        ("2027-08-15", "Assomption"),
        ("2027-11-01", "Toussaint"),
        ("2027-11-11", "Armistice"),
        ("2027-12-25", "Noël"),
    ],
)

BAVARIA = Case(
    "DE",
    "BY",
    None,
    [
        ("2027-01-01", "Neujahr"),
        ("2027-01-06", "Heilige Drei Könige"),
        ("2027-03-26", "Karfreitag"),
        ("2027-03-29", "Ostermontag"),
        ("2027-05-01", "Erster Mai"),
        ("2027-05-06", "Christi Himmelfahrt"),
        ("2027-05-17", "Pfingstmontag"),
        ("2027-05-27", "Fronleichnam"),
        ("2027-10-03", "Tag der Deutschen Einheit"),
        ("2027-11-01", "Allerheiligen"),
        ("2027-12-25", "Erster Weihnachtstag"),
        ("2027-12-26", "Zweiter Weihnachtstag"),
    ],
)

# Observed days included: 4 July 2027 is a Sunday, 25 December and 1 January 2028 Saturdays.
UNITED_STATES = Case(
    "US",
    None,
    None,
    [
        ("2027-01-01", "New Year's Day"),
        ("2027-01-18", "Martin Luther King Jr. Day"),
        ("2027-02-15", "Washington's Birthday"),
        ("2027-05-31", "Memorial Day"),
        ("2027-06-18", "Juneteenth National Independence Day (observed)"),
        ("2027-06-19", "Juneteenth National Independence Day"),
        ("2027-07-04", "Independence Day"),
        ("2027-07-05", "Independence Day (observed)"),
        ("2027-09-06", "Labor Day"),
        ("2027-10-11", "Columbus Day"),
        ("2027-11-11", "Veterans Day"),
        ("2027-11-25", "Thanksgiving Day"),
        ("2027-12-24", "Christmas Day (observed)"),
        ("2027-12-25", "Christmas Day"),
        ("2027-12-31", "New Year's Day (observed)"),
    ],
)

JAPAN = Case(
    "JP",
    None,
    "en_US",
    [
        ("2027-01-01", "New Year's Day"),
        ("2027-01-11", "Coming of Age Day"),
        ("2027-02-11", "Foundation Day"),
        ("2027-02-23", "Emperor's Birthday"),
        ("2027-03-21", "Vernal Equinox Day"),
        ("2027-03-22", "Substitute Holiday"),
        ("2027-04-29", "Showa Day"),
        ("2027-05-03", "Constitution Day"),
        ("2027-05-04", "Greenery Day"),
        ("2027-05-05", "Children's Day"),
        ("2027-07-19", "Marine Day"),
        ("2027-08-11", "Mountain Day"),
        ("2027-09-20", "Respect for the Aged Day"),
        ("2027-09-23", "Autumnal Equinox Day"),
        ("2027-10-11", "Sports Day"),
        ("2027-11-03", "Culture Day"),
        ("2027-11-23", "Labor Thanksgiving Day"),
    ],
)

CASES = [FRANCE, BAVARIA, UNITED_STATES, JAPAN]

# Two holidays on one date: Whit Monday and Constitution Day, 17 May 2027 in Norway (default: Norwegian).
NORWAY_17_MAY_2027 = ("2027-05-17", "Andre pinsedag; Grunnlovsdag")

# 2026-11-21T12:00:00Z (the event fixtures' request time): the current year is 2026, so the years
# 2025 to 2036 may be asked for.
REQUEST_TIME = 1795262400
CURRENT_YEAR = 2026


def library_holidays(case: Case, years: list[int] | None = None) -> list[tuple[str, str]]:
    """What the library itself answers for `case` (its own call, not this product's)."""
    import holidays

    found = holidays.country_holidays(
        case.country, subdiv=case.subdivision, years=years or [2027], language=case.language
    )
    return sorted((day.isoformat(), name) for day, name in found.items())
