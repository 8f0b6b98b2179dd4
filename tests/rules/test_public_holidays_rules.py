"""The public holidays rules and the library's answers, tested directly: no storage, no HTTP."""

from __future__ import annotations

import pytest

from calendar_exceptions.primitives import RuleViolation
from public_holidays import rules
from tests.holidays_data import CASES, CURRENT_YEAR, NORWAY_17_MAY_2027, Case, library_holidays

FIELDS = rules.INTERCOM


def violation(call, *args, **kwargs) -> RuleViolation:
    with pytest.raises(RuleViolation) as raised:
        call(*args, **kwargs)
    return raised.value


def check(country="FR", subdivision=None, language=None, years=(2027,), this_year=CURRENT_YEAR, fields=FIELDS):
    return rules.check(fields, country, subdivision, language, list(years), this_year)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.country)
def test_the_holidays_of_2027_are_the_librarys_dates_and_names(case: Case):
    query = check(case.country, case.subdivision, case.language)
    found = [(holiday.date.isoformat(), holiday.name) for holiday in rules.holidays(FIELDS, query)]
    assert found == case.holidays
    assert found == library_holidays(case)


def test_two_holidays_on_one_date_are_one_date_named_as_the_library_joins_them():
    found = {holiday.date.isoformat(): holiday.name for holiday in rules.holidays(FIELDS, check("NO"))}
    day, name = NORWAY_17_MAY_2027
    assert found[day] == name


def test_without_a_language_the_names_are_in_the_countrys_own():
    query = check("JP")
    assert query.language == "ja"
    assert rules.holidays(FIELDS, query)[0].name == "元日"


def test_a_country_the_library_names_in_one_language_has_no_language():
    assert check("BB").language is None
    assert violation(check, "BB", language="en_US").field == "language"


@pytest.mark.parametrize("code", ["XX", "fr", "FRA", "", "France"])
def test_a_country_is_an_upper_case_alpha_2_code_the_library_has(code):
    refused = violation(check, code)
    assert refused.field == "country_code"
    assert "ISO 3166-1 alpha-2" in refused.problem


def test_a_subdivision_is_one_of_the_countrys_codes_in_the_library():
    assert check("DE", "BY").region == "DE-BY"
    for code in ("by", "Bayern", "ZZ", ""):
        refused = violation(check, "DE", code)
        assert refused.field == "subdivision_code"
        assert "BB, BE, BW, BY" in refused.problem


def test_a_language_is_one_the_library_has_for_the_country():
    assert check("FR", language="en_US").language == "en_US"
    refused = violation(check, "FR", language="de")
    assert (refused.field, refused.problem) == (
        "language",
        "'de' is not a language the holidays library has for FR (en_US, fr, th, uk)",
    )


@pytest.mark.parametrize(
    ("years", "field"),
    [
        ([], "years"),
        ([2026, 2027, 2028, 2029], "years"),
        ([2027, 2027], "years[1]"),
        ([2027, 2024], "years[1]"),  # the current year 2026 less 1 is the first
        ([2037], "years[0]"),  # plus 10 the last
    ],
)
def test_years_are_one_to_three_distinct_years_from_last_year_to_ten_years_ahead(years, field):
    assert violation(check, years=years).field == field


def test_the_bounds_of_the_years_are_included_and_follow_the_current_year():
    assert check(years=[2036, 2025]).years == (2025, 2036)
    assert check(years=[2037], this_year=2027).years == (2037,)
    assert violation(check, years=[2025], this_year=2027).field == "years[0]"


def test_a_year_the_library_does_not_have_for_the_country_is_refused():
    refused = violation(check, "LK", years=[2027])  # the library has Sri Lanka's until 2026
    assert refused.field == "years[0]"
    assert "from 2003 to 2026" in refused.problem


def test_a_year_the_library_warns_is_incomplete_is_refused_with_its_warning():
    query = check("IN", years=[2036])
    refused = violation(rules.holidays, FIELDS, query)
    assert refused.field == "years"
    assert "available only from 2001 to 2035" in refused.problem


def test_the_transaction_bound_is_49_dates():
    # One ConditionCheck of the schedule, then at most 2 items per date (claim and exception) in
    # a TransactWriteItems of at most 100 items.
    assert rules.MAX_EXCEPTION_DATES == 49
    assert 1 + 2 * rules.MAX_EXCEPTION_DATES <= rules.TRANSACTION_ITEMS < 1 + 2 * (rules.MAX_EXCEPTION_DATES + 1)


def test_three_years_with_more_dates_than_one_request_holds_are_refused_naming_years():
    # Chile 2026-2028: exactly 49 dates; Romania: 50.
    chile = rules.holidays(FIELDS, check("CL", years=[2026, 2027, 2028]), rules.MAX_EXCEPTION_DATES)
    assert len(chile) == 49
    refused = violation(rules.holidays, FIELDS, check("RO", years=[2026, 2027, 2028]), rules.MAX_EXCEPTION_DATES)
    assert refused.field == "years"
    assert "RO has 50 public holiday dates in 2026, 2027, 2028; one request creates at most 49" in refused.problem


def test_each_api_names_the_fields_its_own_way():
    assert violation(check, "XX", fields=rules.LIVEPERSON).field == "countryCode"
    assert violation(check, "DE", "ZZ", fields=rules.LIVEPERSON).field == "subdivisionCode"
    preview = rules.INTERCOM_PREVIEW
    assert violation(rules.check, preview, "FR", None, None, [2040], CURRENT_YEAR, ["year"]).field == "year"


@pytest.mark.parametrize(
    ("at", "year"),
    [
        (1798761599, 2026),  # 2026-12-31T23:59:59Z
        (1798761600, 2027),  # 2027-01-01T00:00:00Z
    ],
)
def test_the_current_year_is_the_request_times_in_utc(at, year):
    assert rules.current_year(at) == year


def test_the_default_occasion_name_says_the_region_and_the_years_within_the_length_allowed():
    assert rules.default_name(check("FR"), 50) == "Public holidays FR 2027"
    assert rules.default_name(check("DE", "BY", years=[2028, 2027]), 50) == "Public holidays DE-BY 2027, 2028"
    assert rules.default_name(check("DE", "BY", years=[2028, 2027]), 26) == "Public holidays DE-BY 2027"
