"""Every rule of a public holidays request, in both APIs: country, subdivision, language, years, and the bounds.

Pure but for the library's own tables (library.py): values in, a verdict out, each refusal a
RuleViolation naming the field in the calling API's words (`Fields`), which each API turns
into its own 400. docs/holidays.md states the rules and why the bounds are what they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from calendar_exceptions.errors import echo
from calendar_exceptions.primitives import RuleViolation
from public_holidays import library
from public_holidays.library import Country, Holiday

# A request asks for 1 to MAX_YEARS distinct years, none before the current year less
# PAST_YEARS nor after it plus FUTURE_YEARS; the current year is the request's, in UTC.
MAX_YEARS = 3
PAST_YEARS = 1
FUTURE_YEARS = 10
# DynamoDB's TransactWriteItems takes at most 100 items, and an office hours import is one
# transaction: the schedule's ConditionCheck, then per holiday date either the exception's Put
# and its date claim's Put (2 items) or, for a date already held, the ConditionCheck that the
# same exception still holds it (1 item). 1 + 2 x 49 = 99: at most 49 dates per request. A year
# has at most 35 public holiday dates in any country of the library, and most countries' three
# years stay within 49 (three French years: 33 dates, 67 items).
TRANSACTION_ITEMS = 100
MAX_EXCEPTION_DATES = (TRANSACTION_ITEMS - 1) // 2
# How many subdivision codes a message lists before it only counts the rest.
_LISTED = 40


@dataclass(frozen=True)
class Fields:
    """The names one API gives the fields of a holidays request, for its error messages."""

    country: str
    subdivision: str
    language: str
    years: str


INTERCOM = Fields("country_code", "subdivision_code", "language", "years")
INTERCOM_PREVIEW = Fields("country_code", "subdivision_code", "language", "year")
LIVEPERSON = Fields("countryCode", "subdivisionCode", "language", "years")


@dataclass(frozen=True)
class Query:
    """A checked request: a country of the library, one of its subdivisions or none, a language it
    has (its default when none was asked for), 1 to MAX_YEARS years in order."""

    country: Country
    subdivision: str | None
    language: str | None
    years: tuple[int, ...]

    @property
    def region(self) -> str:
        """FR, or DE-BY with a subdivision (ISO 3166-2's way of writing it)."""
        return self.country.code if self.subdivision is None else f"{self.country.code}-{self.subdivision}"


def current_year(at: float) -> int:
    """The year of the request's time (Unix seconds), in UTC."""
    return datetime.fromtimestamp(at, UTC).year


def check(
    fields: Fields,
    country_code: str,
    subdivision_code: str | None,
    language: str | None,
    years: list[int],
    this_year: int,
    year_paths: list[str] | None = None,
) -> Query:
    """The request's values checked in the order of the fields; `year_paths` names each year (`years[1]`)."""
    country = check_country(fields, country_code)
    if subdivision_code is not None and subdivision_code not in country.subdivisions:
        raise RuleViolation(fields.subdivision, _not_a_subdivision(country, subdivision_code))
    chosen = check_language(fields, country, language)
    paths = year_paths or [f"{fields.years}[{index}]" for index in range(len(years))]
    checked = check_years(fields, country, years, this_year, paths)
    return Query(country, subdivision_code, chosen, checked)


def check_country(fields: Fields, code: str) -> Country:
    found = library.country(code)
    if found is None:
        problem = "is not the ISO 3166-1 alpha-2 code (upper case) of a country the holidays library has"
        raise RuleViolation(fields.country, f"{echo(code)} {problem}")
    return found


def _not_a_subdivision(country: Country, code: str) -> str:
    if not country.subdivisions:
        return f"{echo(code)}: the holidays library has no subdivisions of {country.code}; leave it out"
    listed = ", ".join(country.subdivisions[:_LISTED])
    more = f" … ({len(country.subdivisions)} in all)" if len(country.subdivisions) > _LISTED else ""
    return f"{echo(code)} is not a subdivision of {country.code} in the holidays library ({listed}{more})"


def check_language(fields: Fields, country: Country, language: str | None) -> str | None:
    """The language asked for, which the library must have for the country; else the country's default."""
    if language is None:
        return country.default_language
    if not country.languages:
        problem = f"the holidays library names {country.code}'s holidays in one language only; leave it out"
        raise RuleViolation(fields.language, f"{echo(language)}: {problem}")
    if language not in country.languages:
        listed = ", ".join(country.languages)
        problem = f"is not a language the holidays library has for {country.code} ({listed})"
        raise RuleViolation(fields.language, f"{echo(language)} {problem}")
    return language


def check_years(
    fields: Fields, country: Country, years: list[int], this_year: int, paths: list[str]
) -> tuple[int, ...]:
    if not 1 <= len(years) <= MAX_YEARS:
        raise RuleViolation(fields.years, f"must hold 1 to {MAX_YEARS} years, not {len(years)}")
    first, last = this_year - PAST_YEARS, this_year + FUTURE_YEARS
    for index, (year, path) in enumerate(zip(years, paths, strict=True)):
        if year in years[:index]:
            raise RuleViolation(path, f"{year} appears more than once")
        if not first <= year <= last:
            since = f"the current year, {this_year}, less {PAST_YEARS} to plus {FUTURE_YEARS}"
            raise RuleViolation(path, f"{year} is outside {first}..{last} ({since})")
        if not country.first_year <= year <= country.last_year:
            raise RuleViolation(
                path,
                f"{year}: the holidays library has {country.code}'s holidays from {country.first_year} "
                f"to {country.last_year} only",
            )
    return tuple(sorted(years))


def holidays(fields: Fields, query: Query, max_dates: int | None = None) -> list[Holiday]:
    """The query's public holidays by date; at most `max_dates` dates (what one write can hold)."""
    try:
        found = library.public_holidays(query.country.code, query.subdivision, list(query.years), query.language)
    except library.Incomplete as said:
        raise RuleViolation(
            fields.years, f"the holidays library has an incomplete list for {query.region} in {_years(query)}: {said}"
        ) from None
    if max_dates is not None and len(found) > max_dates:
        raise RuleViolation(
            fields.years,
            f"{query.region} has {len(found)} public holiday dates in {_years(query)}; one request creates at most "
            f"{max_dates}: ask for fewer years",
        )
    return found


def _years(query: Query) -> str:
    return ", ".join(str(year) for year in query.years)


def default_name(query: Query, longest: int) -> str:
    """The name of a special occasion made of the query's holidays when the request names none:
    "Public holidays FR 2027", "Public holidays DE-BY 2027, 2028"; cut to `longest` characters."""
    return f"Public holidays {query.region} {_years(query)}"[:longest].rstrip(" ,")
