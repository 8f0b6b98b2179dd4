"""The office hours (Intercom style) routes of public holidays: what they read from a request, what they answer.

`GET /holidays` previews a country's public holidays of one year and writes nothing; it parses
no body, so it imports no models (pydantic). `POST .../office_hours_exceptions/holidays`
parses its body with `models.NewHolidayExceptions` and stores the holidays with
`exceptions.HolidayExceptions`. Every refusal is a 400 in Intercom's format naming the field.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from calendar_exceptions import openapi
from calendar_exceptions.errors import InvalidInput, echo
from calendar_exceptions.office_hours import api
from calendar_exceptions.primitives import RuleViolation
from calendar_exceptions.rest import RestResolver
from calendar_exceptions.storage import dynamodb_client, table_name
from public_holidays import rules
from public_holidays.library import Holiday
from public_holidays.rules import Fields, Query

if TYPE_CHECKING:
    from public_holidays.exceptions import HolidayExceptions

HOLIDAYS = "/holidays"
HOLIDAY_EXCEPTIONS = api.EXCEPTIONS + "/holidays"
LIST_TYPE = "holiday.list"
# The code of a required field or parameter not sent, as office_hours.validation.PARAMETER_NOT_FOUND
# (imported by the routes that parse a body; this one is read by the preview too, which parses none).
PARAMETER_NOT_FOUND = "parameter_not_found"
_YEAR = re.compile(r"[0-9]{4}")


def preview(app: RestResolver) -> dict[str, Any]:
    """The answer of GET /holidays: one year's public holidays of a country (or subdivision), by date."""
    fields = rules.INTERCOM_PREVIEW
    event = app.current_event
    country_code = _required(event.query_value("country_code"), fields.country)
    year = _required(event.query_value("year"), fields.years)
    if not _YEAR.fullmatch(year):
        raise InvalidInput(f"year: {echo(year)} must be a year of four digits, such as 2027", fields.years)
    subdivision_code, language = event.query_value("subdivision_code"), event.query_value("language")
    query = _checked(fields, country_code, subdivision_code, language, [int(year)], this_year(app), [fields.years])
    found = _holidays(fields, query)
    return {
        "type": LIST_TYPE,
        "country_code": query.country.code,
        "subdivision_code": query.subdivision,
        "year": query.years[0],
        "language": query.language,
        "data": [{"date": holiday.date.isoformat(), "name": holiday.name} for holiday in found],
    }


def import_request(app: RestResolver) -> list[Holiday]:
    """The holidays a POST .../office_hours_exceptions/holidays asks for: its body checked, at most
    rules.MAX_EXCEPTION_DATES dates (one transaction)."""
    from calendar_exceptions.validation import json_body, validate
    from public_holidays.models import NewHolidayExceptions

    fields = rules.INTERCOM
    data = json_body(app.current_event.body)
    if not isinstance(data, dict):
        raise InvalidInput("body: must be a JSON object", field="body")
    for name in (fields.country, fields.years):
        if name not in data:
            raise InvalidInput(f"{name}: is required", field=name, code=PARAMETER_NOT_FOUND)
    sent = validate(NewHolidayExceptions.model_validate, data)
    query = _checked(fields, sent.country_code, sent.subdivision_code, sent.language, sent.years, this_year(app))
    return _holidays(fields, query, rules.MAX_EXCEPTION_DATES)


def holiday_exceptions() -> HolidayExceptions:
    """The import's storage, on the environment's one DynamoDB client (storage.dynamodb_client, cached)."""
    from public_holidays.exceptions import HolidayExceptions

    return HolidayExceptions(dynamodb_client(), table_name())


def this_year(app: RestResolver) -> int:
    """The current year: the request's (API Gateway's requestTimeEpoch, else the layer's clock), in UTC."""
    return rules.current_year(api.request_time(app))


def _required(value: str | None, name: str) -> str:
    if value is None:
        raise InvalidInput(f"{name}: is required", field=name, code=PARAMETER_NOT_FOUND)
    return value


def _checked(
    fields: Fields,
    country_code: str,
    subdivision_code: str | None,
    language: str | None,
    years: list[int],
    this_year: int,
    year_paths: list[str] | None = None,
) -> Query:
    try:
        return rules.check(fields, country_code, subdivision_code, language, years, this_year, year_paths)
    except RuleViolation as violation:
        raise InvalidInput(str(violation), field=violation.field) from None


def _holidays(fields: Fields, query: Query, max_dates: int | None = None) -> list[Holiday]:
    try:
        return rules.holidays(fields, query, max_dates)
    except RuleViolation as violation:
        raise InvalidInput(str(violation), field=violation.field) from None


# --- what the routes declare for the OpenAPI document (tools/openapi.py) ----------------------

_CODE = {"type": "string", "maxLength": 32}
_COUNTRY = {**_CODE, "pattern": "^[A-Z]{2}$"}
PREVIEW_PARAMETERS = [
    {**openapi.query_parameter("country_code", _COUNTRY, "ISO 3166-1 alpha-2"), "required": True},
    {
        **openapi.query_parameter(
            "year",
            {"type": "string", "pattern": "^[0-9]{4}$"},
            f"From the current year - {rules.PAST_YEARS} to the current year + {rules.FUTURE_YEARS}",
        ),
        "required": True,
    },
    openapi.query_parameter("subdivision_code", _CODE, "One of the country's subdivisions in the holidays library"),
    openapi.query_parameter("language", _CODE, "A language the library has for the country (default: its own)"),
]
