"""Public holidays in one request, through the real handlers on mock_aws: the preview, the office hours
import (one transaction, skips, all or nothing) and the special occasion, and their 400s."""

from __future__ import annotations

from typing import Any

import pytest

from public_holidays import exceptions as holiday_exceptions
from public_holidays.exceptions import HolidayExceptions
from tests.builders import SCHEDULES, closed, collection, custom_hours, exceptions_url, occasion, schedule
from tests.holidays_data import (
    BAVARIA,
    CASES,
    FRANCE,
    NORWAY_17_MAY_2027,
    REQUEST_TIME,
    Case,
    library_holidays,
)

WORKSPACE = "ws-holidays"
ACCOUNT = "acct1"
IMPORT = exceptions_url("1") + "/holidays"
OCCASION_HOLIDAYS = collection(ACCOUNT) + "/holidays?v=1.0"


def preview(api, query: str, request_time: int = REQUEST_TIME, **kwargs: Any):
    return api.call("GET", f"/holidays?{query}", tenant=WORKSPACE, request_time=request_time, **kwargs)


def import_holidays(api, body: Any, path: str = IMPORT, **kwargs: Any):
    return api.call("POST", path, body, tenant=WORKSPACE, request_time=REQUEST_TIME, **kwargs)


def occasion_holidays(api, body: Any, **kwargs: Any):
    return api.call("POST", OCCASION_HOLIDAYS, body, tenant=ACCOUNT, request_time=REQUEST_TIME, **kwargs)


def stored_items(dynamodb) -> list[dict[str, Any]]:
    """Every item of the table but the tokens: what a refused request must leave as it was."""
    items = dynamodb.scan(TableName="CalendarTable")["Items"]
    tokens = [item for item in items if "TOKEN#" in item["pk"]["S"] + item["sk"]["S"]]
    return sorted((item for item in items if item not in tokens), key=str)


@pytest.fixture
def support(api) -> None:
    """Schedule 1 of the workspace."""
    assert api.call("POST", SCHEDULES, schedule(), tenant=WORKSPACE).status == 201


def query(case: Case, year: int = 2027) -> str:
    text = f"country_code={case.country}&year={year}"
    if case.subdivision:
        text += f"&subdivision_code={case.subdivision}"
    if case.language:
        text += f"&language={case.language}"
    return text


# --- GET /holidays ------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.country)
def test_the_preview_answers_the_years_holidays_as_the_library_has_them(api, dynamodb, case):
    before = stored_items(dynamodb)
    reply = preview(api, query(case))
    assert reply.status == 200, reply.text
    body = reply.body
    assert (body["type"], body["country_code"], body["subdivision_code"], body["year"]) == (
        "holiday.list",
        case.country,
        case.subdivision,
        2027,
    )
    assert [(day["date"], day["name"]) for day in body["data"]] == case.holidays == library_holidays(case)
    assert stored_items(dynamodb) == before  # a preview writes nothing


def test_the_preview_names_the_holidays_in_the_countrys_language_unless_asked_otherwise(api):
    assert preview(api, "country_code=FR&year=2027").body["data"][0]["name"] == "Jour de l'an"
    answered = preview(api, "country_code=FR&year=2027&language=en_US").body
    assert (answered["language"], answered["data"][0]["name"]) == ("en_US", "New Year's Day")


def test_the_preview_needs_a_token_and_a_read_only_one_will_do(api):
    assert api.call("GET", "/holidays?country_code=FR&year=2027", tenant=None).status == 401
    read_only, _ = api.tokens.mint(WORKSPACE, "read")
    reply = api.call(
        "GET", "/holidays?country_code=FR&year=2027", tenant=None, headers={"Authorization": f"Bearer {read_only}"}
    )
    assert reply.status == 200


@pytest.mark.parametrize(
    ("query_string", "field", "code"),
    [
        ("year=2027", "country_code", "parameter_not_found"),
        ("country_code=FR", "year", "parameter_not_found"),
        ("country_code=XX&year=2027", "country_code", "parameter_invalid"),
        ("country_code=FR&country_code=DE&year=2027", "country_code", "parameter_invalid"),
        ("country_code=DE&year=2027&subdivision_code=XY", "subdivision_code", "parameter_invalid"),
        ("country_code=FR&year=2027&language=de", "language", "parameter_invalid"),
        ("country_code=FR&year=27", "year", "parameter_invalid"),
        ("country_code=FR&year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%97", "year", "parameter_invalid"),  # full-width
        ("country_code=FR&year=2024", "year", "parameter_invalid"),
        ("country_code=FR&year=2037", "year", "parameter_invalid"),
    ],
)
def test_a_preview_with_a_bad_parameter_is_a_400_naming_it(api, query_string, field, code):
    reply = preview(api, query_string)
    assert reply.status == 400, reply.text
    [error] = reply.body["errors"]
    assert (error["field"], error["code"]) == (field, code)


def test_the_years_a_preview_takes_follow_the_request_time(api):
    # 2027-01-01T00:00:00Z: 2026 is last year, so still allowed; 2037 is now ten years ahead.
    new_year = 1798761600
    assert preview(api, "country_code=FR&year=2037", request_time=new_year).status == 200
    assert preview(api, "country_code=FR&year=2025", request_time=new_year).status == 400
    assert preview(api, "country_code=FR&year=2037", request_time=new_year - 1).status == 400


# --- POST .../office_hours_exceptions/holidays ------------------------------------------------


def test_each_holiday_date_becomes_a_closed_exception_named_after_it(api, support):
    reply = import_holidays(api, {"country_code": "FR", "subdivision_code": None, "years": [2027], "language": "fr"})
    assert reply.status == 201, reply.text
    body = reply.body
    assert (body["type"], body["skipped"]) == ("office_hours_exception.list", [])
    assert [(e["exception_date"], e["name"]) for e in body["data"]] == FRANCE.holidays
    assert {(e["exception_type"], e["time_intervals"], e["recurring_annually"]) for e in body["data"]} == {
        ("closed", None, False)
    }
    assert [e["id"] for e in body["data"]] == [str(n) for n in range(1, 12)]
    listed = api.call("GET", exceptions_url("1"), tenant=WORKSPACE).body["data"]
    assert sorted(listed, key=lambda e: e["exception_date"]) == body["data"]


def test_a_date_that_already_has_an_exception_is_skipped_and_listed_with_it(api, support):
    kept = api.call("POST", exceptions_url("1"), custom_hours("2027-12-25"), tenant=WORKSPACE).body
    reply = import_holidays(api, {"country_code": "DE", "subdivision_code": "BY", "years": [2027]})
    assert reply.status == 201, reply.text
    assert reply.body["skipped"] == [
        {"exception_date": "2027-12-25", "name": "Erster Weihnachtstag", "office_hours_exception_id": kept["id"]}
    ]
    assert [e["exception_date"] for e in reply.body["data"]] == [
        day for day, _ in BAVARIA.holidays if day != "2027-12-25"
    ]
    assert api.call("GET", exceptions_url("1") + f"/{kept['id']}", tenant=WORKSPACE).body == kept


def test_repeating_the_import_creates_nothing_and_answers_every_date_as_skipped(api, support):
    first = import_holidays(api, {"country_code": "FR", "years": [2027]}).body
    again = import_holidays(api, {"country_code": "FR", "years": [2027]})
    assert again.status == 201
    assert again.body["data"] == []
    assert again.body["skipped"] == [
        {"exception_date": e["exception_date"], "name": e["name"], "office_hours_exception_id": e["id"]}
        for e in first["data"]
    ]
    assert len(api.call("GET", exceptions_url("1"), tenant=WORKSPACE).body["data"]) == len(FRANCE.holidays)


def test_two_holidays_on_one_date_are_one_exception_with_both_names(api, support):
    created = import_holidays(api, {"country_code": "NO", "years": [2027]}).body["data"]
    day, name = NORWAY_17_MAY_2027
    assert [e["name"] for e in created if e["exception_date"] == day] == [name]


def test_three_years_up_to_the_transaction_bound_are_one_transaction(api, support, monkeypatch):
    # Chile 2026-2028: 49 dates, one of them held already: 1 + 2 x 48 + 1 = 98 items.
    api.call("POST", exceptions_url("1"), closed("2027-01-01"), tenant=WORKSPACE)
    transactions = []
    real = holiday_exceptions.transact

    def counted(client, items):
        transactions.append(len(items))
        return real(client, items)

    monkeypatch.setattr(holiday_exceptions, "transact", counted)
    reply = import_holidays(api, {"country_code": "CL", "years": [2026, 2027, 2028]})
    assert reply.status == 201, reply.text
    assert (len(reply.body["data"]), len(reply.body["skipped"])) == (48, 1)
    assert transactions == [98]


def test_a_concurrent_create_on_a_holiday_date_refuses_the_whole_transaction_and_the_retry_skips_it(
    api, dynamodb, support, monkeypatch
):
    # Between the import's read of the claims and its transaction, another request creates an
    # exception on one of the dates: the transaction writes nothing, and the next attempt,
    # reading again, skips that date.
    real = HolidayExceptions._holders
    reads = []

    def read_then_race(self, workspace, schedule_id, holidays):
        held = real(self, workspace, schedule_id, holidays)
        reads.append(dict(held))
        if len(reads) == 1:
            racing = api.call("POST", exceptions_url("1"), closed("2027-07-14", name="Bastille Day"), tenant=WORKSPACE)
            assert racing.status == 201
            assert len(api.call("GET", exceptions_url("1"), tenant=WORKSPACE).body["data"]) == 1
        return held

    monkeypatch.setattr(HolidayExceptions, "_holders", read_then_race)
    reply = import_holidays(api, {"country_code": "FR", "years": [2027]})
    assert reply.status == 201, reply.text
    assert reads[0] == {}  # the first attempt saw no date held, and its transaction was refused
    [skipped] = reply.body["skipped"]
    assert (skipped["exception_date"], skipped["name"]) == ("2027-07-14", "Fête nationale")
    listed = api.call("GET", exceptions_url("1"), tenant=WORKSPACE).body["data"]
    assert len(listed) == len(FRANCE.holidays)
    assert [e["name"] for e in listed if e["exception_date"] == "2027-07-14"] == ["Bastille Day"]


def test_an_unknown_schedule_is_a_404_and_nothing_is_written(api, dynamodb, support):
    before = stored_items(dynamodb)
    reply = import_holidays(api, {"country_code": "FR", "years": [2027]}, path=exceptions_url("2") + "/holidays")
    assert reply.status == 404
    assert reply.body["errors"][0]["field"] == "office_hours_schedule_id"
    after = [item for item in stored_items(dynamodb) if item["sk"]["S"] != "#IDS"]  # ids taken are a gap
    assert after == [item for item in before if item["sk"]["S"] != "#IDS"]


def test_the_import_needs_a_write_token(api, support):
    read_only, _ = api.tokens.mint(WORKSPACE, "read")
    reply = api.call(
        "POST",
        IMPORT,
        {"country_code": "FR", "years": [2027]},
        tenant=None,
        headers={"Authorization": f"Bearer {read_only}"},
    )
    assert reply.status == 403


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"years": [2027]}, "country_code", "parameter_not_found"),
        ({"country_code": "FR"}, "years", "parameter_not_found"),
        ({"country_code": "XX", "years": [2027]}, "country_code", "parameter_invalid"),
        ({"country_code": 33, "years": [2027]}, "country_code", "parameter_invalid"),
        (
            {"country_code": "DE", "subdivision_code": "Bayern", "years": [2027]},
            "subdivision_code",
            "parameter_invalid",
        ),
        ({"country_code": "FR", "language": "de", "years": [2027]}, "language", "parameter_invalid"),
        ({"country_code": "FR", "years": []}, "years", "parameter_invalid"),
        ({"country_code": "FR", "years": [2027, 2028, 2029, 2030]}, "years", "parameter_invalid"),
        ({"country_code": "FR", "years": [2027, 2027]}, "years[1]", "parameter_invalid"),
        ({"country_code": "FR", "years": [2027, 2024]}, "years[1]", "parameter_invalid"),
        ({"country_code": "FR", "years": ["2027"]}, "years[0]", "parameter_invalid"),
        ({"country_code": "FR", "years": [2027.0]}, "years[0]", "parameter_invalid"),
        ({"country_code": "LK", "years": [2027]}, "years[0]", "parameter_invalid"),
        ({"country_code": "IN", "years": [2036]}, "years", "parameter_invalid"),
        ({"country_code": "RO", "years": [2026, 2027, 2028]}, "years", "parameter_invalid"),
        (
            {"country_code": "FR", "years": [2027], "recurring_annually": True},
            "recurring_annually",
            "parameter_invalid",
        ),
        ([{"country_code": "FR", "years": [2027]}], "body", "parameter_invalid"),
    ],
)
def test_a_bad_import_is_a_400_naming_the_field_and_writes_nothing(api, dynamodb, support, body, field, code):
    before = stored_items(dynamodb)
    reply = import_holidays(api, body)
    assert reply.status == 400, reply.text
    [error] = reply.body["errors"]
    assert (error["field"], error["code"]) == (field, code)
    assert stored_items(dynamodb) == before


# --- POST .../specialoccasion/holidays ----------------------------------------------------------


def test_the_holidays_become_one_special_occasion_of_whole_day_closed_events(api):
    reply = occasion_holidays(
        api, {"countryCode": "DE", "subdivisionCode": "BY", "years": [2027], "timeZone": "Europe/Berlin"}
    )
    assert reply.status == 200, reply.text
    assert reply.revision == "1"
    created = reply.body
    assert (created["id"], created["name"], created["isDefault"], created["description"]) == (
        1,
        "Public holidays DE-BY 2027",
        False,
        "",
    )
    assert [(e["start"]["dateTime"], e["meta"]["name"]) for e in created["events"]] == BAVARIA.holidays
    first = created["events"][0]
    assert first == {
        "start": {"dateTime": "2027-01-01", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2027-01-02", "timeZone": "Europe/Berlin"},
        "recurrence": [],
        "meta": {"working": False, "name": "Neujahr"},
    }
    assert api.call("GET", collection(ACCOUNT) + "/1", tenant=ACCOUNT).body == created


def test_the_occasion_takes_the_name_description_and_language_sent(api):
    body = {
        "countryCode": "FR",
        "subdivisionCode": None,
        "years": [2027],
        "language": "fr",
        "timeZone": "Europe/Paris",
        "name": "Jours fériés 2027",
        "description": "Fermé",
        "isDefault": False,
    }
    created = occasion_holidays(api, body).body
    assert (created["name"], created["description"]) == ("Jours fériés 2027", "Fermé")
    assert [(e["start"]["dateTime"], e["meta"]["name"]) for e in created["events"]] == FRANCE.holidays


def test_a_default_holidays_occasion_takes_the_default_from_the_previous_one(api):
    assert api.call("POST", collection(ACCOUNT), [occasion("Christmas", isDefault=True)], tenant=ACCOUNT).status == 200
    reply = occasion_holidays(
        api, {"countryCode": "FR", "years": [2027], "timeZone": "Europe/Paris", "isDefault": True}
    )
    assert (reply.status, reply.revision, reply.body["isDefault"]) == (200, "2", True)
    stored = {o["id"]: o["isDefault"] for o in api.call("GET", collection(ACCOUNT), tenant=ACCOUNT).body}
    assert stored == {1: False, 2: True}


def test_if_match_is_optional_and_when_sent_must_be_current(api, dynamodb):
    body = {"countryCode": "FR", "years": [2027], "timeZone": "Europe/Paris"}
    before = stored_items(dynamodb)
    assert occasion_holidays(api, body, headers={"If-Match": "3"}).status == 409
    assert stored_items(dynamodb) == before
    assert occasion_holidays(api, body, headers={"If-Match": "0"}).revision == "1"
    assert occasion_holidays(api, {**body, "name": "Again"}).revision == "2"


def test_a_name_another_occasion_has_is_a_400_naming_name(api):
    body = {"countryCode": "FR", "years": [2027], "timeZone": "Europe/Paris"}
    assert occasion_holidays(api, body).status == 200
    reply = occasion_holidays(api, body)
    assert reply.status == 400
    assert reply.body["message"] == "name: 'Public holidays FR 2027' is already the name of special occasion 1"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"years": [2027], "timeZone": "Europe/Paris"}, "countryCode"),
        ({"countryCode": "XX", "years": [2027], "timeZone": "Europe/Paris"}, "countryCode"),
        (
            {"countryCode": "DE", "subdivisionCode": "XY", "years": [2027], "timeZone": "Europe/Berlin"},
            "subdivisionCode",
        ),
        ({"countryCode": "FR", "language": "xx", "years": [2027], "timeZone": "Europe/Paris"}, "language"),
        ({"countryCode": "FR", "years": [2027, 2027], "timeZone": "Europe/Paris"}, "years[1]"),
        ({"countryCode": "FR", "years": [2040], "timeZone": "Europe/Paris"}, "years[0]"),
        ({"countryCode": "FR", "years": [2027]}, "timeZone"),
        ({"countryCode": "FR", "years": [2027], "timeZone": "Mars/Base"}, "timeZone"),
        ({"countryCode": "FR", "years": [2027], "timeZone": "Europe/Paris", "name": " \u200b"}, "name"),
        ({"countryCode": "FR", "years": [2027], "timeZone": "Europe/Paris", "name": "x" * 51}, "name"),
        ({"countryCode": "FR", "years": [2027], "timeZone": "Europe/Paris", "isDefault": "true"}, "isDefault"),
        ({"countryCode": "FR", "years": [2027], "timeZone": "Europe/Paris", "events": []}, "events"),
        # Nepal: 32 dates in 2027 and 31 in 2028, more than the 50 events an occasion holds.
        ({"countryCode": "NP", "years": [2027, 2028], "timeZone": "Asia/Kathmandu"}, "years"),
    ],
)
def test_a_bad_occasion_request_is_a_400_naming_the_field_and_writes_nothing(api, dynamodb, body, field):
    before = stored_items(dynamodb)
    reply = occasion_holidays(api, body)
    assert reply.status == 400, reply.text
    assert reply.body["type"] == "specialoccasion"
    assert reply.body["message"].startswith(f"{field}: "), reply.body["message"]
    assert stored_items(dynamodb) == before
