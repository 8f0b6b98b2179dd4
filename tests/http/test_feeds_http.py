"""Feed links over HTTP against DynamoDB over HTTP: the limits and the revocation with the schedule, under races.

Real threads, each request in its own Lambda environment (the local API), each DynamoDB
request atomic (the moto server): the races are the application's.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import requests

from calendar_exceptions import storage
from calendar_exceptions.feeds.store import MAX_LINKS
from local.dynamodb import client
from tests.builders import SCHEDULES, schedule, schedule_url
from tests.http.conftest import bearer

AUTH = bearer("ws-feeds")


def race(calls):
    """Run every call at once (after a barrier), each on its own connection; their replies in order."""
    start = threading.Barrier(len(calls))

    def run(call):
        with requests.Session() as session:
            start.wait()
            return call(session)

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def lookups(endpoint: str) -> list[dict]:
    items = client(endpoint).scan(TableName=storage.table_name(), ConsistentRead=True)["Items"]
    return [item for item in items if item["pk"]["S"].startswith("FEED#")]


def test_links_created_while_their_schedule_is_deleted_leave_no_look_up_behind(base_url, http, endpoint):
    for attempt in range(3):
        created = http.post(base_url + SCHEDULES, json=schedule(f"Racing {attempt}"), headers=AUTH)
        assert created.status_code == 201, created.text
        feeds = base_url + f"{SCHEDULES}/{created.json()['id']}/feeds"
        # When eight link creates race the schedule's delete
        calls = [lambda s, feeds=feeds: s.post(feeds, headers=AUTH) for _ in range(8)]
        delete = base_url + schedule_url(created.json()["id"])
        calls.append(lambda s, url=delete: s.delete(url, headers=AUTH))
        replies = race(calls)
        # Then the delete succeeded, each create either made its link before it or found no schedule,
        assert replies[-1].status_code == 200, replies[-1].text
        assert {reply.status_code for reply in replies[:-1]} <= {201, 404}
        # every link made is 404 now, and no look-up of any is left in the table
        for reply in replies[:-1]:
            if reply.status_code == 201:
                url = urlsplit(reply.json()["calendar_url"])
                assert http.get(base_url + url.path).status_code == 404
        assert lookups(endpoint) == []


def test_concurrent_creates_stop_at_the_limit(base_url, http, endpoint):
    created = http.post(base_url + SCHEDULES, json=schedule("Limited"), headers=AUTH)
    feeds = base_url + f"{SCHEDULES}/{created.json()['id']}/feeds"
    replies = race([lambda s: s.post(feeds, headers=AUTH) for _ in range(MAX_LINKS + 6)])
    statuses = sorted(reply.status_code for reply in replies)
    assert statuses.count(201) == MAX_LINKS, statuses
    assert statuses == [201] * MAX_LINKS + [422] * 6
    listed = http.get(feeds, headers=AUTH).json()["data"]
    assert len(listed) == MAX_LINKS == len(lookups(endpoint))
