"""Load: 16 concurrent clients making mixed requests to both APIs through the local API over the moto server.

How nothing lost is shown: each client writes only objects of its own, with names and
descriptions nobody else uses, and keeps a model of what they should be: a 200 changes
the model, a 409 or 422 does not. At the end the stored state must be exactly the union
of the models (every 200 is there, nothing a refusal would have written is), and the
special occasions revisions answered to the 200 writes must be 1..N, each once, with N
the final revision: every successful write moved the revision once, no two writes were
based on the same one, and no refusal moved it. Invariants checked at every read:
at most one default occasion, exactly one once a default has been set (no client ever
unsets or deletes an occasion it made the default); one exception per date.

`make test`: LOAD_CLIENTS (16) x LOAD_REQUESTS (100) requests; `make load` runs 16 x 300.
Bounded: a fixed number of requests, each with a timeout, to 127.0.0.1 only.
"""

from __future__ import annotations

import os
import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import requests

from calendar_exceptions import storage
from local.dynamodb import client
from tests.builders import SCHEDULES, collection, exception_url, exceptions_url, occasion, schedule
from tests.http.conftest import bearer

TENANT = "load"
AUTH = bearer(TENANT)
CLIENTS = int(os.environ.get("LOAD_CLIENTS") or 16)
REQUESTS = int(os.environ.get("LOAD_REQUESTS") or 100)
SEED = int(os.environ.get("LOAD_SEED") or 6)
# Occasions and exceptions a client keeps at most: under the 500 occasions per account, and a
# small table (moto deep-copies the whole table before every transaction).
OWN_MAX = 3
DATES = [f"2027-01-{day:02d}" for day in range(1, 13)]  # few enough dates that clients collide on them
TIMEOUT = 30
OCCASIONS = collection(TENANT)

# What each kind of request may answer under contention; anything else (a 5xx above all) fails the test.
ALLOWED = {
    "occasions read": {200},
    "occasion read": {200},
    "occasion create": {200, 409},
    "occasion update": {200, 409},
    "occasion delete": {200, 409},
    "exceptions read": {200},
    "exception create": {201, 422},  # ids come from an atomic counter and never contend: no 409
    "exception update": {200, 409, 422},
    "exception delete": {200, 409},
}
WEIGHTS = {
    "occasions read": 3,
    "occasion create": 2,
    "occasion update": 3,
    "occasion delete": 1,
    "exceptions read": 3,
    "exception create": 3,
    "exception update": 3,
    "exception delete": 1,
}


@dataclass
class Shared:
    """What the clients learn together: whether a default has been set, and the revisions of 200 writes."""

    default_set: threading.Event = field(default_factory=threading.Event)
    revisions: list[int] = field(default_factory=list)
    defaults: list[tuple[int, int]] = field(default_factory=list)  # (revision, id) of each 200 making a default
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, reply: requests.Response) -> None:
        assert reply.status_code in ALLOWED[kind], (kind, reply.status_code, reply.text)
        with self.lock:
            self.statuses[kind, reply.status_code] += 1
            if kind in ("occasion create", "occasion update", "occasion delete") and reply.status_code == 200:
                self.revisions.append(int(reply.headers["ac-revision"]))
                made_default = [o["id"] for o in reply.json() if o["isDefault"]] if reply.text else []
                self.defaults += [(int(reply.headers["ac-revision"]), occasion_id) for occasion_id in made_default]


class Client:
    """One client: its own occasions and exceptions, and what each should be now."""

    def __init__(self, number: int, base_url: str, schedule_id: str, shared: Shared) -> None:
        self.number = number
        self.base = base_url
        self.schedule_id = schedule_id
        self.shared = shared
        self.random = random.Random(SEED * 1000 + number)
        self.occasions: dict[int, dict[str, Any]] = {}  # id -> the occasion as it should be stored
        self.ever_default: set[int] = set()
        self.exceptions: dict[str, dict[str, Any]] = {}  # id -> the exception as it should be stored
        self.serial = 0
        self.http = requests.Session()

    def unique(self, what: str) -> str:
        self.serial += 1
        return f"c{self.number}-{what}{self.serial}"

    def run(self, start: threading.Barrier) -> None:
        kinds, weights = zip(*WEIGHTS.items(), strict=True)
        start.wait()
        with self.http:
            for _ in range(REQUESTS):
                getattr(self, self.random.choices(kinds, weights)[0].replace(" ", "_"))()

    def _call(self, kind: str, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {**AUTH, **kwargs.pop("headers", {})}
        reply = self.http.request(method, self.base + path, headers=headers, timeout=TIMEOUT, **kwargs)
        self.shared.record(kind, reply)
        return reply

    # --- special occasions ---------------------------------------------------------------

    def occasions_read(self) -> None:
        default_was_set = self.shared.default_set.is_set()
        reply = self._call("occasions read", "GET", OCCASIONS)
        defaults = [o["id"] for o in reply.json() if o["isDefault"]]
        assert len(defaults) <= 1, defaults
        if default_was_set:
            assert len(defaults) == 1, "a default had been set and nobody unsets it"

    def occasion_read(self, occasion_id: int) -> int:
        """The collection's revision, from a read of one of this client's occasions (cheaper than the list)."""
        reply = self._call("occasion read", "GET", f"{OCCASIONS}/{occasion_id}")
        stored = reply.json()
        assert {k: v for k, v in stored.items() if k != "isDefault"} == {
            k: v for k, v in self.occasions[occasion_id].items() if k != "isDefault"
        }
        return int(reply.headers["ac-revision"])

    def occasion_create(self) -> None:
        if len(self.occasions) >= OWN_MAX:
            return self.occasion_delete()
        body = occasion(self.unique("o"), isDefault=self.random.random() < 0.15)
        reply = self._call("occasion create", "POST", OCCASIONS, json=[body])
        if reply.status_code == 200:
            (created,) = reply.json()
            self.occasions[created["id"]] = created
            self._note_default(created)
        return None

    def occasion_update(self) -> None:
        if not self.occasions:
            return self.occasion_create()
        occasion_id = self.random.choice(sorted(self.occasions))
        revision = self.occasion_read(occasion_id)
        # An occasion this client made the default stays the default as far as it is concerned.
        make_default = occasion_id in self.ever_default or self.random.random() < 0.15
        changed = {**self.occasions[occasion_id], "description": self.unique("d"), "isDefault": make_default}
        reply = self._call("occasion update", "PUT", OCCASIONS, json=[changed], headers={"If-Match": str(revision)})
        if reply.status_code == 200:
            assert reply.json() == [changed]
            self.occasions[occasion_id] = changed
            self._note_default(changed)
        return None

    def occasion_delete(self) -> None:
        deletable = sorted(set(self.occasions) - self.ever_default)
        if not deletable:
            self.occasions_read()
            return None
        occasion_id = self.random.choice(deletable)
        revision = self.occasion_read(occasion_id)
        reply = self._call(
            "occasion delete", "DELETE", f"{OCCASIONS}/{occasion_id}", headers={"If-Match": str(revision)}
        )
        if reply.status_code == 200:
            del self.occasions[occasion_id]
        return None

    def _note_default(self, stored: dict[str, Any]) -> None:
        if stored["isDefault"]:
            self.ever_default.add(stored["id"])
            self.shared.default_set.set()

    # --- office hours exceptions ---------------------------------------------------------

    def exceptions_read(self) -> None:
        reply = self._call("exceptions read", "GET", exceptions_url(self.schedule_id))
        dates = Counter(e["exception_date"] for e in reply.json()["data"])
        assert all(count == 1 for count in dates.values()), [d for d, n in dates.items() if n > 1]

    def exception_create(self) -> None:
        if len(self.exceptions) >= OWN_MAX:
            return self.exception_delete()
        body = {"exception_date": self.random.choice(DATES), "exception_type": "closed", "name": self.unique("e")}
        reply = self._call("exception create", "POST", exceptions_url(self.schedule_id), json=body)
        if reply.status_code == 201:
            self.exceptions[reply.json()["id"]] = reply.json()
        return None

    def exception_update(self) -> None:
        if not self.exceptions:
            return self.exception_create()
        exception_id = self.random.choice(sorted(self.exceptions))
        change: dict[str, Any] = {"name": self.unique("n")}
        if self.random.random() < 0.5:
            change["exception_date"] = self.random.choice(DATES)
        reply = self._call("exception update", "PUT", exception_url(self.schedule_id, exception_id), json=change)
        if reply.status_code == 200:
            expected = {**self.exceptions[exception_id], **change, "updated_at": reply.json()["updated_at"]}
            assert reply.json() == expected
            self.exceptions[exception_id] = expected
        return None

    def exception_delete(self) -> None:
        if not self.exceptions:
            return self.exceptions_read()
        exception_id = self.random.choice(sorted(self.exceptions))
        reply = self._call("exception delete", "DELETE", exception_url(self.schedule_id, exception_id))
        if reply.status_code == 200:
            del self.exceptions[exception_id]
        return None


def test_concurrent_clients_lose_nothing_and_keep_the_invariants(base_url, http, endpoint, monkeypatch):
    monkeypatch.setenv("LOCAL_API_QUIET", "1")  # a log line per request is noise here
    # 16 clients on one process and a moto server taking one request at a time: a request can
    # wait seconds, which would leave the functions too little of their 10 s for DynamoDB calls
    # (storage.deadline) and answer 503. This test is about what is stored, not about time.
    monkeypatch.setenv("LOCAL_TIMEOUT_SCALE", "10")
    # Given a schedule and 16 clients with nothing of their own yet
    created = http.post(base_url + SCHEDULES, json=schedule(), headers=AUTH, timeout=TIMEOUT)
    assert created.status_code == 201, created.text
    shared = Shared()
    clients = [Client(number, base_url, created.json()["id"], shared) for number in range(CLIENTS)]

    # When they all make their mixed requests at once
    start = threading.Barrier(CLIENTS)
    with ThreadPoolExecutor(CLIENTS) as pool:
        for outcome in [pool.submit(c.run, start) for c in clients]:
            outcome.result()

    # Then every 200 is in the final state and nothing else is: no refusal wrote anything
    final = http.get(base_url + OCCASIONS, headers=AUTH, timeout=TIMEOUT)
    assert _without_default(final.json()) == _without_default(o for c in clients for o in c.occasions.values())
    listed = http.get(base_url + exceptions_url(created.json()["id"]), headers=AUTH, timeout=TIMEOUT)
    assert {e["id"]: e for e in listed.json()["data"]} == {i: e for c in clients for i, e in c.exceptions.items()}

    # And each successful special occasions write moved the revision once, from 1 to the final one
    assert sorted(shared.revisions) == list(range(1, int(final.headers["ac-revision"]) + 1))
    # And the default is the occasion of the last write, in revision order, that made one the default
    defaults = [o["id"] for o in final.json() if o["isDefault"]]
    assert defaults == ([max(shared.defaults)[1]] if shared.defaults else [])

    # And each date is claimed by exactly the exception that has it
    claims, exceptions = _claims_and_dates(endpoint, created.json()["id"])
    assert claims == exceptions

    # And the mix was a real one: writes succeeded and were refused on both APIs
    assert sum(shared.statuses.values()) >= CLIENTS * REQUESTS
    for kind, success in (("occasion create", 200), ("occasion update", 200), ("exception create", 201),
                          ("exception update", 200)):  # fmt: skip
        assert shared.statuses[kind, success] > 0, shared.statuses
    assert shared.statuses["occasion update", 409] > 0 and shared.statuses["exception create", 422] > 0


def _without_default(occasions) -> dict[int, dict[str, Any]]:
    """Occasions by id without isDefault, which other clients' writes change (checked on its own)."""
    return {o["id"]: {k: v for k, v in o.items() if k != "isDefault"} for o in occasions}


def _claims_and_dates(endpoint: str, schedule_id: str) -> tuple[dict[str, str], dict[str, str]]:
    """The schedule's date claims (date -> exception id) and its exceptions' dates (date -> id), from the table."""
    pk = f"WORKSPACE#{TENANT}#SCHEDULE#{schedule_id}"
    items = client(endpoint).query(
        TableName=storage.table_name(),
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": pk}},
        ConsistentRead=True,
    )["Items"]
    claims = {
        i["sk"]["S"].removeprefix("DATE#"): i["exception_id"]["S"] for i in items if i["sk"]["S"].startswith("DATE#")
    }
    dates = {i["exception_date"]["S"]: i["id"]["S"] for i in items if i["sk"]["S"].startswith("EXCEPTION#")}
    return claims, dates
