"""The request bodies of the two public holiday writes: types and lengths only (strict: validation.StrictModel).

What a value must mean (a country, subdivision and language the library has, the years) is
stated in `rules`; the models only say what each field is, so that a wrong type is refused
naming its field before any rule runs.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from calendar_exceptions.liveperson.account_config.models import MAX_DESCRIPTION
from calendar_exceptions.liveperson.account_config.models import MAX_NAME as MAX_OCCASION_NAME
from calendar_exceptions.primitives import MAX_TIME_ZONE
from calendar_exceptions.validation import StrictModel
from public_holidays.rules import FUTURE_YEARS, MAX_YEARS, PAST_YEARS

# Longer than any code the library has (country: 2 letters, subdivision: 17 characters, language: 5).
MAX_CODE = 32
_COUNTRY = {"pattern": "^[A-Z]{2}$"}
_YEARS = f"1 to {MAX_YEARS} distinct years, from the current year - {PAST_YEARS} to the current year + {FUTURE_YEARS}"


def _years() -> Any:
    return Field(json_schema_extra={"minItems": 1, "maxItems": MAX_YEARS}, description=_YEARS)


class NewHolidayExceptions(StrictModel):
    """Office hours (Intercom style): the public holidays of a country (or subdivision) as closed exceptions."""

    country_code: str = Field(
        max_length=MAX_CODE, json_schema_extra=_COUNTRY, description="ISO 3166-1 alpha-2, a country the library has"
    )
    subdivision_code: str | None = Field(
        default=None, max_length=MAX_CODE, description="One of the country's subdivisions in the library"
    )
    years: list[int] = _years()
    language: str | None = Field(
        default=None, max_length=MAX_CODE, description="A language the library has for the country; default its own"
    )


class NewHolidayOccasion(StrictModel):
    """LivePerson style: one special occasion whose events are the public holidays of a country (or subdivision)."""

    countryCode: str = Field(
        max_length=MAX_CODE, json_schema_extra=_COUNTRY, description="ISO 3166-1 alpha-2, a country the library has"
    )
    subdivisionCode: str | None = Field(
        default=None, max_length=MAX_CODE, description="One of the country's subdivisions in the library"
    )
    years: list[int] = _years()
    language: str | None = Field(
        default=None, max_length=MAX_CODE, description="A language the library has for the country; default its own"
    )
    timeZone: str = Field(max_length=MAX_TIME_ZONE, description="The IANA zone of every event")
    name: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_OCCASION_NAME,
        description="Default: Public holidays <country> <years>, such as Public holidays DE-BY 2027",
    )
    description: str = Field(default="", max_length=MAX_DESCRIPTION)
    isDefault: bool = False
