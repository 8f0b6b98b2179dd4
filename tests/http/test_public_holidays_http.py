"""Public holidays over HTTP against DynamoDB over HTTP: the skip and all-or-nothing rules under real races.

Each request runs in its own Lambda environment of the local API, DynamoDB being the moto
server: an import is one transaction, so however it races other imports or single creates on
the same dates, each date ends with exactly one exception, and each import either created a
date or reports it skipped with the exception that holds it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import holidays

from tests.builders import SCHEDULES, closed, collection, exceptions_url, schedule
from tests.http.conftest import bearer
from tests.http.test_office_hours_http import race

WORKSPACE, ACCOUNT = "ws-holidays", "acct-holidays"
AUTH, ACCOUNT_AUTH = bearer(WORKSPACE), bearer(ACCOUNT)
# The local API's request time is the real one: next year is always one a request may ask for.
NEXT_YEAR = datetime.now(UTC).year + 1
FRANCE = {"country_code": "FR", "years": [NEXT_YEAR]}
FRENCH_DATES = sorted(day.isoformat() for day in holidays.country_holidays("FR", years=[NEXT_YEAR]))


def schedule_with_exceptions(base_url, http) -> str:
    reply = http.post(base_url + SCHEDULES, json=schedule(), headers=AUTH)
    assert reply.status_code == 201, reply.text
    return base_url + exceptions_url(reply.json()["id"])


def stored_by_date(http, url: str) -> dict[str, list[dict]]:
    stored: dict[str, list[dict]] = {}
    for exception in http.get(url, headers=AUTH).json()["data"]:
        stored.setdefault(exception["exception_date"], []).append(exception)
    return stored


def test_concurrent_identical_imports_create_each_date_once(base_url, http):
    url = schedule_with_exceptions(base_url, http)
    replies = race(
        [lambda session: session.post(url + "/holidays", json=FRANCE, headers=AUTH, timeout=60) for _ in range(6)]
    )
    assert [reply.status_code for reply in replies] == [201] * 6, [reply.text for reply in replies]
    bodies = [reply.json() for reply in replies]
    # One import created every date; each other one found them all and skipped them all.
    [winner] = [body for body in bodies if body["data"]]
    assert [e["exception_date"] for e in winner["data"]] == FRENCH_DATES
    held = [
        {"exception_date": e["exception_date"], "name": e["name"], "office_hours_exception_id": e["id"]}
        for e in winner["data"]
    ]
    for body in bodies:
        if body is not winner:
            assert (body["data"], body["skipped"]) == ([], held)
    stored = stored_by_date(http, url)
    assert {day: [e["id"] for e in found] for day, found in stored.items()} == {
        e["exception_date"]: [e["id"]] for e in winner["data"]
    }


def test_an_import_racing_single_creates_on_its_dates_creates_or_skips_each_date_whole(base_url, http):
    url = schedule_with_exceptions(base_url, http)
    contested = FRENCH_DATES[::2]  # every other holiday date also gets a single create at the same moment
    calls = [lambda session: session.post(url + "/holidays", json=FRANCE, headers=AUTH, timeout=60)]
    calls += [
        lambda session, day=day: session.post(url, json=closed(day, name="Single"), headers=AUTH, timeout=60)
        for day in contested
    ]
    imported, *singles = race(calls)
    assert imported.status_code == 201, imported.text
    created = {e["exception_date"]: e["id"] for e in imported.json()["data"]}
    skipped = {s["exception_date"]: s["office_hours_exception_id"] for s in imported.json()["skipped"]}
    # Every date exactly once: created by the import or skipped by it, never both, never neither.
    assert sorted([*created, *skipped]) == FRENCH_DATES
    for day, single in zip(contested, singles, strict=True):
        if single.status_code == 201:  # the single create came first: the import skipped its exception
            assert skipped[day] == single.json()["id"]
        else:  # the import came first: the single create found the date taken
            assert (single.status_code, day in created) == (422, True), single.text
    stored = stored_by_date(http, url)
    assert sorted(stored) == FRENCH_DATES
    assert {day: [e["id"] for e in found] for day, found in stored.items()} == {
        day: [exception_id] for day, exception_id in {**created, **skipped}.items()
    }


def test_concurrent_default_holiday_occasions_all_land_and_leave_one_default(base_url, http):
    url = base_url + collection(ACCOUNT) + "/holidays?v=1.0"
    bodies = [
        {"countryCode": country, "years": [NEXT_YEAR], "timeZone": "UTC", "isDefault": True}
        for country in ("FR", "DE", "IT", "ES")
    ]
    replies = race(
        [lambda session, body=body: session.post(url, json=body, headers=ACCOUNT_AUTH, timeout=60) for body in bodies]
    )
    assert [reply.status_code for reply in replies] == [200] * 4, [reply.text for reply in replies]
    assert sorted(int(reply.headers["ac-revision"]) for reply in replies) == [1, 2, 3, 4]
    stored = http.get(base_url + collection(ACCOUNT), headers=ACCOUNT_AUTH).json()
    assert sorted(o["name"] for o in stored) == sorted(
        f"Public holidays {b['countryCode']} {NEXT_YEAR}" for b in bodies
    )
    assert sum(o["isDefault"] for o in stored) == 1


def test_holiday_occasions_racing_at_one_if_match_let_exactly_one_win(base_url, http):
    url = base_url + collection(ACCOUNT) + "/holidays?v=1.0"
    replies = race(
        [
            lambda session, country=country: session.post(
                url,
                json={"countryCode": country, "years": [NEXT_YEAR], "timeZone": "UTC"},
                headers={**ACCOUNT_AUTH, "If-Match": "0"},
                timeout=60,
            )
            for country in ("FR", "DE", "IT")
        ]
    )
    assert sorted(reply.status_code for reply in replies) == [200, 409, 409], [reply.text for reply in replies]
    assert len(http.get(base_url + collection(ACCOUNT), headers=ACCOUNT_AUTH).json()) == 1
