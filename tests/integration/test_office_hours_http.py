"""Office hours over HTTP against DynamoDB over HTTP: the two concurrency guarantees of the update.

The local API runs each request in its own Lambda environment, like Lambda; the moto
server gives each DynamoDB request the atomicity DynamoDB gives it. The races under test
are the application's: partial updates of one exception, and several requests claiming
one date.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.builders import SCHEDULES, closed, custom_hours, exception_url, exceptions_url, interval, schedule
from tests.integration.conftest import bearer

AUTH = bearer("ws1")


def race(calls):
    """Run every call at once (after a barrier), each on its own connection; their replies in order."""
    start = threading.Barrier(len(calls))

    def run(call):
        with requests.Session() as session:
            start.wait()
            return call(session)

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def create_schedule(base_url, http):
    reply = http.post(base_url + SCHEDULES, json=schedule(), headers=AUTH)
    assert reply.status_code == 200, reply.text
    return reply.json()["id"]


def test_a_round_trip_in_the_vendors_shape(base_url, http):
    schedule_id = create_schedule(base_url, http)
    created = http.post(base_url + exceptions_url(schedule_id), json=closed(), headers=AUTH)
    assert created.status_code == 200, created.text
    url = base_url + exception_url(schedule_id, created.json()["id"])
    headers = {**AUTH, "Intercom-Version": "Preview"}
    updated = http.put(url, json=custom_hours("2026-12-25", name=None), headers=headers)
    assert updated.status_code == 200, updated.text
    assert updated.headers["Content-Type"] == "application/json"
    assert http.get(url, headers=AUTH).json() == updated.json()
    listed = http.get(base_url + exceptions_url(schedule_id), headers=AUTH).json()
    assert listed == {"type": "office_hours_exception.list", "data": [updated.json()]}


def test_partial_updates_of_different_fields_racing_on_one_exception_all_survive(base_url, http):
    # Given a custom_hours exception
    schedule_id = create_schedule(base_url, http)
    created = http.post(base_url + exceptions_url(schedule_id), json=custom_hours("2026-12-24"), headers=AUTH)
    url = base_url + exception_url(schedule_id, created.json()["id"])
    changes = [
        {"name": "Renamed"},
        {"recurring_annually": False},
        {"time_intervals": [interval(600, 660), interval(720, 780)]},
        {"exception_date": "2026-12-23"},
    ]

    # When four clients each PUT a different field at the same moment
    replies = race(
        [lambda session, change=change: session.put(url, json=change, headers=AUTH, timeout=30) for change in changes]
    )

    # Then every PUT succeeds and the stored exception has every change
    assert [reply.status_code for reply in replies] == [200] * len(changes), [r.text for r in replies]
    final = http.get(url, headers=AUTH).json()
    for change in changes:
        assert final | change == final, (change, final)
    assert final["exception_type"] == "custom_hours"


def test_moving_exceptions_to_one_date_at_once_lets_exactly_one_win(base_url, http):
    # Given six exceptions of one schedule on six dates
    schedule_id = create_schedule(base_url, http)
    dates = [f"2027-01-0{day}" for day in range(1, 7)]
    ids = [
        http.post(base_url + exceptions_url(schedule_id), json=closed(date), headers=AUTH).json()["id"]
        for date in dates
    ]

    # When each is moved to 2027-02-01 at the same moment
    def move(exception_id):
        return lambda session: session.put(
            base_url + exception_url(schedule_id, exception_id),
            json={"exception_date": "2027-02-01"},
            headers=AUTH,
            timeout=30,
        )

    replies = race([move(exception_id) for exception_id in ids])

    # Then one moves, the others are 422 and stay where they were
    statuses = sorted(reply.status_code for reply in replies)
    assert statuses == [200] + [422] * 5, [r.text for r in replies]
    for reply in replies:
        if reply.status_code == 422:
            assert reply.json()["errors"][0]["code"] == "data_invalid"
            assert reply.json()["errors"][0]["field"] == "exception_date"
    listed = http.get(base_url + exceptions_url(schedule_id), headers=AUTH).json()["data"]
    on_date = [e for e in listed if e["exception_date"] == "2027-02-01"]
    assert len(on_date) == 1
    assert sorted(e["exception_date"] for e in listed if e["id"] != on_date[0]["id"]) == sorted(
        date for date, exception_id in zip(dates, ids, strict=True) if exception_id != on_date[0]["id"]
    )


def test_creating_exceptions_on_one_date_at_once_lets_exactly_one_win(base_url, http):
    schedule_id = create_schedule(base_url, http)
    url = base_url + exceptions_url(schedule_id)
    replies = race(
        [
            lambda session, n=n: session.post(url, json=closed("2027-03-01", name=f"C{n}"), headers=AUTH, timeout=30)
            for n in range(5)
        ]
    )
    assert sorted(reply.status_code for reply in replies) == [200] + [422] * 4, [r.text for r in replies]
    listed = http.get(url, headers=AUTH).json()["data"]
    assert [e["id"] for e in listed] == ["1"]


def test_creating_exceptions_on_different_dates_at_once_issues_distinct_ids(base_url, http):
    schedule_id = create_schedule(base_url, http)
    url = base_url + exceptions_url(schedule_id)
    replies = race(
        [
            lambda session, n=n: session.post(url, json=closed(f"2027-04-0{n + 1}"), headers=AUTH, timeout=30)
            for n in range(5)
        ]
    )
    assert [reply.status_code for reply in replies] == [200] * 5, [r.text for r in replies]
    assert sorted(reply.json()["id"] for reply in replies) == ["1", "2", "3", "4", "5"]
