"""Office hours over HTTP against DynamoDB over HTTP: the concurrency guarantees, with real threads.

The local API runs each request in its own Lambda environment, like Lambda; the moto
server gives each DynamoDB request the atomicity DynamoDB gives it. The races under test
are the application's: partial updates of one exception, several requests claiming one
date or one schedule name, and many creates at once (which must all land).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.builders import (
    SCHEDULES,
    closed,
    custom_hours,
    exception_answer,
    exception_url,
    exceptions_url,
    interval,
    schedule,
    schedule_url,
)
from tests.http.conftest import bearer

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


def create_schedule(base_url, http, name="Support"):
    reply = http.post(base_url + SCHEDULES, json=schedule(name), headers=AUTH)
    assert reply.status_code == 201, reply.text
    return reply.json()["id"]


def test_a_round_trip_in_the_vendors_shape(base_url, http):
    schedule_id = create_schedule(base_url, http)
    created = http.post(base_url + exceptions_url(schedule_id), json=closed(), headers=AUTH)
    assert created.status_code == 201, created.text
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
        assert final | exception_answer({**final, **change}) == final, (change, final)
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
    assert sorted(reply.status_code for reply in replies) == [201] + [422] * 4, [r.text for r in replies]
    # Whichever create won, whatever id it drew (each took one from the counter before its
    # transaction, so the winner's need not be the first issued): it is the one stored
    [winner] = [reply.json() for reply in replies if reply.status_code == 201]
    assert http.get(url, headers=AUTH).json()["data"] == [winner]
    assert winner["exception_date"] == "2027-03-01"
    for reply in replies:
        if reply.status_code == 422:
            assert (reply.json()["errors"][0]["code"], reply.json()["errors"][0]["field"]) == (
                "data_invalid",
                "exception_date",
            )


def test_creating_exceptions_on_different_dates_at_once_issues_distinct_ids(base_url, http):
    schedule_id = create_schedule(base_url, http)
    url = base_url + exceptions_url(schedule_id)
    replies = race(
        [
            lambda session, n=n: session.post(url, json=closed(f"2027-04-0{n + 1}"), headers=AUTH, timeout=30)
            for n in range(5)
        ]
    )
    assert [reply.status_code for reply in replies] == [201] * 5, [r.text for r in replies]
    assert_distinct_ids_all_stored(replies, http.get(url, headers=AUTH).json()["data"])


def assert_distinct_ids_all_stored(replies, listed):
    """Each create answered its own id, and exactly those are stored.

    Not necessarily 1..n: an id is taken from an atomic counter before the create's
    transaction, and the SDK's retry of a counter update whose answer was lost (a read
    timeout on a loaded machine) takes another, leaving a gap, as a refused create does.
    """
    ids = [reply.json()["id"] for reply in replies]
    assert len(set(ids)) == len(ids), ids
    assert sorted(item["id"] for item in listed) == sorted(ids)


# --- schedule names: unique in a workspace (Intercom 2.17), however requests race -----------


def names_of(base_url, http):
    return [s["name"] for s in http.get(base_url + SCHEDULES, headers=AUTH).json()["data"]]


def assert_name_taken(reply):
    assert reply.status_code == 422, reply.text
    [error] = reply.json()["errors"]
    assert (error["code"], error["field"]) == ("data_invalid", "name"), error


def test_eight_concurrent_creates_of_one_name_leave_exactly_one_schedule(base_url, http):
    url = base_url + SCHEDULES
    # The same name as the vendor compares it: case and surrounding blanks aside
    names = ["Weekend", "weekend", " Weekend ", "WEEKEND", "Weekend", "weekend ", "Weekend", "wEEKEND"]
    replies = race([lambda session, n=n: session.post(url, json=schedule(n), headers=AUTH, timeout=30) for n in names])
    assert sorted(reply.status_code for reply in replies) == [201] + [422] * 7, [r.text for r in replies]
    for reply in replies:
        if reply.status_code == 422:
            assert_name_taken(reply)
    [winner] = [reply.json() for reply in replies if reply.status_code == 201]
    assert http.get(url, headers=AUTH).json()["data"] == [winner]


def test_a_rename_racing_a_create_of_the_same_name_leaves_one_holder(base_url, http):
    renamed_id = create_schedule(base_url, http, "Old name")
    for round_number in range(4):
        target = f"Target {round_number}"
        rename = base_url + schedule_url(renamed_id)
        replies = race(
            [
                lambda session, rename=rename, target=target: session.put(
                    rename, json={"name": target}, headers=AUTH, timeout=30
                ),
                lambda session, target=target: session.post(
                    base_url + SCHEDULES, json=schedule(target), headers=AUTH, timeout=30
                ),
            ]
        )
        statuses = sorted(reply.status_code for reply in replies)
        assert statuses in ([200, 422], [201, 422]), [r.text for r in replies]
        assert_name_taken(next(reply for reply in replies if reply.status_code == 422))
        names = names_of(base_url, http)
        assert names.count(target) == 1, names
        if replies[0].status_code == 422:  # the create won: the renamed schedule kept its name
            assert http.get(rename, headers=AUTH).json()["name"] != target
            # give it a fresh name for the next round
            assert http.put(rename, json={"name": f"Old name {round_number}"}, headers=AUTH).status_code == 200


def test_deleting_or_renaming_a_schedule_frees_its_name(base_url, http):
    # Given a schedule named Support: the name is taken
    first = create_schedule(base_url, http, "Support")
    assert_name_taken(http.post(base_url + SCHEDULES, json=schedule("support"), headers=AUTH))
    # When it is deleted, the name is free
    assert http.delete(base_url + schedule_url(first), headers=AUTH).status_code == 200
    second = create_schedule(base_url, http, "support")
    # When that one is renamed, its old name is free and its new one taken
    assert http.put(base_url + schedule_url(second), json={"name": "Sales"}, headers=AUTH).status_code == 200
    create_schedule(base_url, http, "SUPPORT")
    assert_name_taken(http.post(base_url + SCHEDULES, json=schedule("sales"), headers=AUTH))
    assert sorted(names_of(base_url, http)) == ["SUPPORT", "Sales"]


def test_a_schedule_may_be_renamed_to_its_own_name_in_other_letters(base_url, http):
    schedule_id = create_schedule(base_url, http, "Support")
    reply = http.put(base_url + schedule_url(schedule_id), json={"name": "SUPPORT"}, headers=AUTH)
    assert reply.status_code == 200, reply.text
    assert reply.json()["name"] == "SUPPORT"
    assert_name_taken(http.post(base_url + SCHEDULES, json=schedule("support"), headers=AUTH))


# --- creates that land: 32 at once, without conflict (ids from an atomic counter) ------------

CONCURRENT_CREATES = 32


@pytest.mark.alone
@pytest.mark.usefixtures("template_timeouts")
def test_32_concurrent_schedule_creates_with_distinct_names_all_land(base_url, http):
    url = base_url + SCHEDULES
    replies = race(
        [
            lambda session, n=n: session.post(url, json=schedule(f"Team {n}"), headers=AUTH, timeout=60)
            for n in range(CONCURRENT_CREATES)
        ]
    )
    assert [reply.status_code for reply in replies] == [201] * CONCURRENT_CREATES, [r.text for r in replies]
    listed = http.get(url, headers=AUTH).json()["data"]
    assert_distinct_ids_all_stored(replies, listed)
    assert sorted(s["name"] for s in listed) == sorted(f"Team {n}" for n in range(CONCURRENT_CREATES))


@pytest.mark.alone
@pytest.mark.usefixtures("template_timeouts")
def test_32_concurrent_exception_creates_on_distinct_dates_all_land(base_url, http):
    schedule_id = create_schedule(base_url, http)
    url = base_url + exceptions_url(schedule_id)
    dates = [f"2027-05-{day:02d}" for day in range(1, 32)] + ["2027-06-01"]
    replies = race([lambda session, d=d: session.post(url, json=closed(d), headers=AUTH, timeout=60) for d in dates])
    assert [reply.status_code for reply in replies] == [201] * CONCURRENT_CREATES, [r.text for r in replies]
    listed = http.get(url, headers=AUTH).json()["data"]
    assert_distinct_ids_all_stored(replies, listed)
    assert sorted(e["exception_date"] for e in listed) == dates


@pytest.mark.parametrize("length", ["abc", "-5", "1e3", "٣"])
def test_a_malformed_content_length_is_400_and_the_local_api_keeps_serving(base_url, http, length):
    # A raw request: an HTTP client would not send this header; the front of API Gateway refuses
    # it before any route, so the local API answers 400 instead of dropping the connection.
    import socket
    from urllib.parse import urlsplit

    url = urlsplit(base_url)
    request = (
        f"POST {url.path}{SCHEDULES} HTTP/1.1\r\nHost: {url.netloc}\r\nAuthorization: {AUTH['Authorization']}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n{{}}"
    ).encode()
    with socket.create_connection((url.hostname, url.port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
    assert answer.endswith(b'{"message":"Bad Request"}')
    assert http.get(base_url + SCHEDULES, headers=AUTH).status_code == 200
