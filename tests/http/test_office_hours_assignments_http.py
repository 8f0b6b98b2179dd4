"""Assignments racing schedule deletes over HTTP, with real threads: never an assignment to a deleted schedule.

The local API runs each request in its own Lambda environment; the moto server gives each
DynamoDB request DynamoDB's atomicity. What is under test is the application's own race: an
assignment reads, then commits a transaction that checks the schedule exists and raises its
`assigned` marker; a delete reads the schedule (and, once assigned, who uses it), then deletes
it on the condition that the marker is still the one read. Whatever the interleaving:

- the delete succeeds only if every assignment racing it is refused (422, unknown schedule);
- an assignment that succeeds leaves its schedule in place (the delete is 422, naming users);
- in storage, every assignment names a schedule that exists.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest

from calendar_exceptions import storage
from local.dynamodb import client
from tests.builders import (
    ADMINS_OFFICE_HOURS,
    SCHEDULES,
    WORKSPACE_OFFICE_HOURS,
    admin_url,
    assignment,
    schedule,
    schedule_url,
    team_url,
)
from tests.http.conftest import bearer
from tests.http.test_office_hours_http import race

TENANT = "ws_assign"
AUTH = bearer(TENANT)
ROUNDS = 8


def create_schedule(base_url, http, name):
    reply = http.post(base_url + SCHEDULES, json=schedule(name), headers=AUTH)
    assert reply.status_code == 201, reply.text
    return reply.json()["id"]


def stored_assignments(endpoint):
    """Every assignment item of the workspace and every schedule id it has, read straight from storage."""
    items = client(endpoint).query(
        TableName=storage.table_name(),
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": f"WORKSPACE#{TENANT}#OFFICE_HOURS"}},
        ConsistentRead=True,
    )["Items"]
    assigned = {
        i["sk"]["S"]: i["office_hours_schedule_id"]["S"] for i in items if i["sk"]["S"].startswith("ASSIGNMENT#")
    }
    schedules = {i["id"]["S"] for i in items if i["sk"]["S"].startswith("SCHEDULE#")}
    return assigned, schedules


def assert_no_assignment_to_a_deleted_schedule(endpoint):
    assigned, schedules = stored_assignments(endpoint)
    assert set(assigned.values()) <= schedules, (assigned, schedules)


def put(url, body, after=0.0):
    """A PUT of `body` to `url` for `race`, sent `after` seconds after the others start."""

    def call(session):
        time.sleep(after)
        return session.put(url, json=body, headers=AUTH, timeout=60)

    return call


def delete(url):
    return lambda session: session.delete(url, headers=AUTH, timeout=60)


def test_assignments_racing_a_delete_of_their_schedule_never_leave_it_assigned_and_deleted(base_url, http, endpoint):
    outcomes = Counter()
    for round_number in range(ROUNDS):
        # Given a schedule no one uses (the last round's holders moved to a schedule kept apart)
        kept = create_schedule(base_url, http, f"Kept {round_number}")
        doomed = create_schedule(base_url, http, f"Doomed {round_number}")
        holders = [team_url("42"), team_url("43"), admin_url("456"), WORKSPACE_OFFICE_HOURS]
        for path in holders:
            assert http.put(base_url + path, json=assignment(kept), headers=AUTH).status_code == 200

        # When four holders are moved to it while it is being deleted (the later the rounds, the later the
        # moves start, so that the delete wins some rounds and loses others)
        delay = round_number * 0.002
        calls = [put(base_url + path, assignment(doomed), delay) for path in holders]
        calls.append(delete(base_url + schedule_url(doomed)))
        *assigned, deleted = race(calls)

        # Then either the delete won and every assignment was refused, or it was refused naming who uses it
        statuses = [reply.status_code for reply in assigned]
        if deleted.status_code == 200:
            assert statuses == [422] * len(holders), [reply.text for reply in assigned]
            assert http.get(base_url + schedule_url(doomed), headers=AUTH).status_code == 404
            outcomes["deleted"] += 1
        else:
            assert deleted.status_code == 422, deleted.text
            assert 200 in statuses and set(statuses) <= {200, 422}, [reply.text for reply in assigned]
            assert "is in use by" in deleted.json()["errors"][0]["message"]
            assert http.get(base_url + schedule_url(doomed), headers=AUTH).status_code == 200
            outcomes["kept"] += 1
        for path, reply in zip(holders, assigned, strict=True):
            now = http.get(base_url + path, headers=AUTH)
            expected = doomed if reply.status_code == 200 else kept
            if path.startswith("/admins/"):
                assert now.json()["office_hours_schedule_id"] == expected
            else:
                assert now.json()["id"] == expected
        assert_no_assignment_to_a_deleted_schedule(endpoint)
        # (the schedules stay, in use or not: the next round starts from fresh ones)
        for path in holders:
            http.put(base_url + path, json=assignment(None), headers=AUTH)
    assert sum(outcomes.values()) == ROUNDS


def test_a_bulk_update_racing_a_delete_is_all_or_nothing(base_url, http, endpoint):
    for round_number in range(ROUNDS):
        doomed = create_schedule(base_url, http, f"Doomed {round_number}")
        entries = [{"admin_id": str(n), "office_hours_schedule_id": doomed} for n in range(100, 110)]
        bulk, deleted = race(
            [
                put(base_url + ADMINS_OFFICE_HOURS, {"assignments": entries}),
                delete(base_url + schedule_url(doomed)),
            ]
        )
        listed = http.get(base_url + ADMINS_OFFICE_HOURS, headers=AUTH).json()["data"]
        if deleted.status_code == 200:
            assert bulk.status_code == 422, bulk.text
            assert bulk.json()["errors"][0]["field"] == "assignments[0].office_hours_schedule_id"
            assert listed == []  # not one teammate of the ten
        else:
            assert (deleted.status_code, bulk.status_code) == (422, 200), (deleted.text, bulk.text)
            assert [entry["office_hours_schedule_id"] for entry in listed] == [doomed] * 10
            clear = [{**entry, "office_hours_schedule_id": None} for entry in entries]
            assert (
                http.put(base_url + ADMINS_OFFICE_HOURS, json={"assignments": clear}, headers=AUTH).status_code == 200
            )
        assert_no_assignment_to_a_deleted_schedule(endpoint)


def test_a_team_moved_to_six_schedules_at_once_ends_on_one_and_the_others_can_go(base_url, http, endpoint):
    # Given six schedules
    ids = [create_schedule(base_url, http, f"Option {n}") for n in range(6)]

    # When six clients each give team 42 another one at the same moment
    replies = race([put(base_url + team_url("42"), assignment(schedule_id)) for schedule_id in ids])

    # Then each got its schedule or, having lost five times in a row to the others, a 409; the team ends on a winner's
    statuses = [reply.status_code for reply in replies]
    assert set(statuses) <= {200, 409} and 200 in statuses, [reply.text for reply in replies]
    final = http.get(base_url + team_url("42"), headers=AUTH).json()["id"]
    assert final in [schedule_id for schedule_id, status in zip(ids, statuses, strict=True) if status == 200]
    # And every schedule but the team's can be deleted (each was marked assigned; none is used any more)
    for schedule_id in ids:
        reply = http.delete(base_url + schedule_url(schedule_id), headers=AUTH)
        assert reply.status_code == (422 if schedule_id == final else 200), reply.text
    assert_no_assignment_to_a_deleted_schedule(endpoint)


@pytest.mark.parametrize("holder", [team_url("7"), admin_url("7"), WORKSPACE_OFFICE_HOURS])
def test_an_assignment_to_a_schedule_deleted_before_it_is_422(base_url, http, endpoint, holder):
    gone = create_schedule(base_url, http, "Gone")
    assert http.delete(base_url + schedule_url(gone), headers=AUTH).status_code == 200
    reply = http.put(base_url + holder, json=assignment(gone), headers=AUTH)
    assert reply.status_code == 422, reply.text
    assert stored_assignments(endpoint)[0] == {}
