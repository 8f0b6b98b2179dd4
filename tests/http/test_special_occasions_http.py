"""Special occasions through the local API over HTTP, against DynamoDB over HTTP."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.builders import COLLECTIONS, SEED_PAGE_OCCASION, collection, occasion
from tests.http.conftest import bearer

AUTH = bearer("acct1")


def test_round_trip_with_revisions(base_url, http):
    url = base_url + collection()
    listed = http.get(url, headers=AUTH)
    assert listed.status_code == 200
    assert listed.json() == []
    assert listed.headers["ac-revision"] == "0"

    created = http.post(url, json=[SEED_PAGE_OCCASION], headers=AUTH)
    assert created.status_code == 200
    revision = created.headers["ac-revision"]
    [body] = created.json()

    update = [dict(body, description="new")]
    updated = http.put(url, json=update, headers={**AUTH, "If-Match": revision})
    assert updated.status_code == 200
    assert updated.json() == update

    unchanged = http.put(url, json=update, headers={**AUTH, "If-Match": updated.headers["ac-revision"]})
    assert unchanged.status_code == 304
    assert unchanged.content == b""

    one = http.get(f"{url}/{body['id']}", headers=AUTH)
    assert one.json() == update[0]
    assert one.headers["ac-revision"] == updated.headers["ac-revision"]


def test_eight_concurrent_puts_with_one_revision_one_wins(base_url, http):
    # Given an occasion at a known revision
    url = base_url + collection()
    created = http.post(url, json=[occasion("Race")], headers=AUTH)
    revision = created.headers["ac-revision"]
    [original] = created.json()
    start = threading.Barrier(8)

    def put(n: int):
        body = [dict(original, description=f"writer {n}")]
        with requests.Session() as session:
            start.wait()
            reply = session.put(url, json=body, headers={**AUTH, "If-Match": revision}, timeout=30)
        return n, reply.status_code, reply

    # When eight clients PUT different content with the same If-Match at once
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(put, range(8)))

    # Then exactly one wins, the others get 409, and the stored state is the winner's
    statuses = sorted(status for _, status, _ in results)
    assert statuses == [200] + [409] * 7, statuses
    [(winner, _, reply)] = [r for r in results if r[1] == 200]
    assert reply.headers["ac-revision"] == str(int(revision) + 1)
    final = http.get(url, headers=AUTH)
    assert final.headers["ac-revision"] == str(int(revision) + 1)
    assert final.json() == [dict(original, description=f"writer {winner}")]


CONCURRENT_CREATES = 32


@pytest.mark.alone
@pytest.mark.parametrize("kind", COLLECTIONS, ids=str)
@pytest.mark.usefixtures("template_timeouts")
def test_32_concurrent_creates_without_if_match_land_with_distinct_ids_and_revisions(base_url, http, kind):
    # Given 32 clients creating one object each in one account's collection at the same moment
    url = base_url + kind.url()
    start = threading.Barrier(CONCURRENT_CREATES)

    def post(n: int):
        with requests.Session() as session:
            start.wait()
            return session.post(url, json=[kind.body(f"C{n}")], headers=AUTH, timeout=60)

    with ThreadPoolExecutor(CONCURRENT_CREATES) as pool:
        replies = list(pool.map(post, range(CONCURRENT_CREATES)))

    # Then every one lands (200) within the function's deadline (the template's Timeout of the
    # create functions, 20 s): a create whose remaining time no longer holds another DynamoDB
    # attempt answers 503 (storage.deadline), so a 200 is an answer in time as the function
    # counts it, from its invocation, which is what Lambda limits
    assert [r.status_code for r in replies] == [200] * CONCURRENT_CREATES, [
        r.text for r in replies if r.status_code != 200
    ]
    landed = replies
    # And exactly the creates answered 200 are stored, each with its own id and revision
    assert sorted(int(r.headers["ac-revision"]) for r in landed) == list(range(1, len(landed) + 1))
    final = http.get(url, headers=AUTH)
    assert sorted(o["name"] for o in final.json()) == sorted(r.json()[0]["name"] for r in landed)
    assert sorted(o["id"] for o in final.json()) == list(range(1, len(landed) + 1))
    assert final.headers["ac-revision"] == str(len(landed))


def test_unknown_route_and_wrong_method(base_url, http):
    assert http.get(base_url + "/nowhere").status_code == 404
    assert http.patch(base_url + collection(), json=[], headers=AUTH).status_code == 403
    for method in ("TRACE", "QUERY", "BREW"):
        assert http.request(method, base_url + collection(), headers=AUTH).status_code == 403, method


def test_openapi_document_is_served_and_valid(base_url, http):
    from openapi_spec_validator import validate

    reply = http.get(base_url + "/openapi.json")
    assert reply.status_code == 200
    document = reply.json()
    validate(document)
    assert "put" in document["paths"]["/api/account/{accountId}/configuration/ac-common/specialoccasion"]
