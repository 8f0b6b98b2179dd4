"""PUT special occasions from several execution environments, each with the head it last saw.

An environment that wrote or read revision r keeps that head, and a PUT with If-Match r
skips the read (account_config/repository.py, HeadCache). These tests give each
environment its own service over the moto server, as Lambda gives each its own memory, and
check that a head kept by one environment while others moved the collection on never
turns into a lost update or a wrong answer.
"""

from __future__ import annotations

import json
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from calendar_exceptions import storage
from calendar_exceptions.errors import RevisionConflict
from calendar_exceptions.liveperson.account_config.repository import CollectionRepository
from calendar_exceptions.liveperson.account_config.service import CollectionService
from calendar_exceptions.liveperson.account_config.validation import new_objects, updated_objects
from calendar_exceptions.liveperson.special_occasions.kind import SPECIAL_OCCASIONS
from local.dynamodb import client
from tests.builders import occasion

ACCOUNT = "acct1"


def environment(endpoint: str) -> CollectionService:
    """One execution environment: its own client, repository and kept heads."""
    repository = CollectionRepository(client(endpoint), storage.table_name(), SPECIAL_OCCASIONS)
    return CollectionService(repository, SPECIAL_OCCASIONS)


def put(env: CollectionService, revision: int, *bodies: dict[str, Any]):
    return env.update(ACCOUNT, revision, updated_objects(SPECIAL_OCCASIONS, json.dumps(list(bodies))))


def stored(env: CollectionService) -> tuple[int, list[dict[str, Any]]]:
    outcome = env.list(ACCOUNT)
    return outcome.revision, list(outcome.objects)  # reads answer the stored JSON


@pytest.fixture
def created(endpoint) -> list[dict[str, Any]]:
    env = environment(endpoint)
    outcome = env.create(ACCOUNT, None, new_objects(SPECIAL_OCCASIONS, json.dumps([occasion("A"), occasion("B")]))[0])
    assert outcome.revision == 1
    return [o.to_json() for o in outcome.objects]


def test_an_environment_whose_head_is_stale_answers_409_for_every_outcome(endpoint, created):
    # Given environment A kept revision 2 (its own write), then environment B wrote revision 3
    a, b = environment(endpoint), environment(endpoint)
    first, second = created
    assert put(a, 1, dict(first, description="by A")).revision == 2
    assert put(b, 2, dict(second, description="by B", isDefault=True)).revision == 3
    after_b = stored(b)

    # When a client that only saw revision 2 sends A a change, the same content (a 304 at
    # revision 2), an unknown id (a 404 there) or a taken name (a 400 there)
    stale = [
        dict(second, description="lost?"),
        dict(first, description="by A"),
        dict(first, id=99),
        dict(first, name="b"),
    ]
    for body in stale:
        # Then each is 409, as the stored revision is 3, and nothing changed
        with pytest.raises(RevisionConflict):
            put(a, 2, body)
        assert stored(b) == after_b

    # And A serves revision 3 once the client sends it
    assert put(a, 3, dict(second, description="by A at 3")).revision == 4


def test_an_environment_serves_a_revision_newer_than_the_head_it_kept(endpoint, created):
    # Given environment A kept revision 2, and B wrote revision 3
    a, b = environment(endpoint), environment(endpoint)
    first, second = created
    assert put(a, 1, dict(first, description="by A")).revision == 2
    assert put(b, 2, dict(second, description="by B")).revision == 3

    # When a client that read revision 3 sends it to A, then its next change at revision 4
    assert put(a, 3, dict(first, description="by A at 3")).revision == 4
    assert put(a, 4, dict(second, description="by A at 4")).revision == 5

    # Then both are applied on top of B's write
    assert stored(b) == (5, [dict(first, description="by A at 3"), dict(second, description="by A at 4")])


def test_environments_racing_with_their_own_heads_lose_no_update(endpoint, created):
    # Given 6 environments, each kept by one thread, all writing one account's occasions at once;
    # each client sends the revision it last learned (its own 200, or a read after a 409)
    environments = [environment(endpoint) for _ in range(6)]
    start = threading.Barrier(len(environments))
    applied: list[tuple[int, list[dict[str, Any]]]] = []
    lock = threading.Lock()

    def client_of(number: int) -> int:
        env, rng = environments[number], random.Random(number)
        revision, occasions = stored(env)
        start.wait()
        refused = 0
        for serial in range(12):
            target = dict(rng.choice(occasions), description=f"env{number}-{serial}")
            target["isDefault"] = rng.random() < 0.3
            try:
                outcome = put(env, revision, target)
            except RevisionConflict:
                refused += 1
                revision, occasions = stored(env)
                continue
            revision = outcome.revision
            with lock:
                applied.append((revision, [target]))
            occasions = [target if o["id"] == target["id"] else o for o in occasions]
        return refused

    with ThreadPoolExecutor(len(environments)) as pool:
        refusals = sum(pool.map(client_of, range(len(environments))))

    # Then every 200 got its own revision, one after the other, and each write is in the final
    # state unless a later one replaced that occasion; one default at most
    revisions = sorted(revision for revision, _ in applied)
    final_revision, final = stored(environments[0])
    assert revisions == list(range(2, final_revision + 1))
    assert refusals > 0  # the environments did contend
    expected = {o["id"]: o for o in created}
    for _, [written] in sorted(applied, key=lambda entry: entry[0]):
        previous_default = [i for i, o in expected.items() if o["isDefault"]]
        if written["isDefault"]:
            for i in previous_default:
                expected[i] = dict(expected[i], isDefault=False)
        expected[written["id"]] = written
    assert final == [expected[i] for i in sorted(expected)]
    assert sum(o["isDefault"] for o in final) <= 1
