"""The sparse AnnualRecurrenceIndex: the office hours writes keep it right without any extra round trip."""

from __future__ import annotations

import pytest

from calendar_exceptions.office_hours.exception_repository import ExceptionRepository
from calendar_exceptions.office_hours.layout import (
    ANNUAL_BLOCKED,
    ANNUAL_INDEX,
    ANNUAL_SHARD,
    ANNUAL_SHARDS,
    AnnualCandidate,
    annual_shard,
    exception_key,
)
from local import template
from tests.builders import closed, exception_url, exceptions_url
from tests.in_process.conftest import TABLE

WORKSPACE = "acct1"  # the ApiClient's default tenant


def indexed(dynamodb, cutoff="9999-12-31"):
    repository = ExceptionRepository(dynamodb, TABLE)
    return [candidate for shard in ANNUAL_SHARDS for candidate in repository.annual_candidates(shard, cutoff)]


def stored_shard(dynamodb, schedule_id, exception_id):
    item = dynamodb.get_item(TableName=TABLE, Key=exception_key(WORKSPACE, schedule_id, exception_id))["Item"]
    return item.get(ANNUAL_SHARD, {}).get("S")


def test_the_template_declares_the_index_the_repository_queries():
    [index] = template.tables()["CalendarTable"]["GlobalSecondaryIndexes"]
    assert index["IndexName"] == ANNUAL_INDEX
    assert [key["AttributeName"] for key in index["KeySchema"]] == [ANNUAL_SHARD, "exception_date"]
    assert set(index["Projection"]["NonKeyAttributes"]) == {
        "workspace",
        "office_hours_schedule_id",
        "id",
        ANNUAL_BLOCKED,
    }


def test_only_recurring_exceptions_are_indexed(api, seeded, dynamodb):
    # Given the seeded recurring custom_hours exception and non-recurring closed one
    # When the index is read
    listed = indexed(dynamodb)
    # Then it lists the recurring one only, with where it lives and its date
    assert listed == [AnnualCandidate(WORKSPACE, "1", seeded["custom_hours"]["id"], "2026-12-24")]
    assert stored_shard(dynamodb, "1", seeded["custom_hours"]["id"]) in ANNUAL_SHARDS
    assert stored_shard(dynamodb, "1", seeded["closed"]["id"]) is None


def test_the_index_lists_dates_up_to_the_cutoff_oldest_first(api, seeded, dynamodb):
    for exception_date in ("2026-12-31", "2025-01-01", "2026-12-23"):
        assert api.call("POST", exceptions_url("1"), closed(exception_date, recurring_annually=True)).status == 201
    dates = [candidate.exception_date for candidate in indexed(dynamodb, cutoff="2026-12-24")]
    assert sorted(dates) == ["2025-01-01", "2026-12-23", "2026-12-24"]


def test_a_put_of_recurring_annually_sets_or_removes_the_shard_in_its_one_update(api, seeded, dynamodb, dynamodb_calls):
    exception_id = seeded["custom_hours"]["id"]
    shard = stored_shard(dynamodb, "1", exception_id)
    # When recurrence is switched off, then on again
    assert api.call("PUT", exception_url("1", exception_id), {"recurring_annually": False}).status == 200
    assert stored_shard(dynamodb, "1", exception_id) is None
    assert indexed(dynamodb) == []
    assert api.call("PUT", exception_url("1", exception_id), {"recurring_annually": True}).status == 200
    # Then the shard comes back, the same one (a hash of the key), each PUT one UpdateItem
    assert stored_shard(dynamodb, "1", exception_id) == shard
    assert [c.id for c in indexed(dynamodb)] == [exception_id]
    assert dynamodb_calls.count("UpdateItem") == 2
    assert {"TransactWriteItems", "PutItem", "GetItem"}.isdisjoint(dynamodb_calls)


def test_a_non_recurring_exception_made_recurring_joins_the_index(api, seeded, dynamodb):
    exception_id = seeded["closed"]["id"]
    assert api.call("PUT", exception_url("1", exception_id), {"recurring_annually": True}).status == 200
    assert {c.id for c in indexed(dynamodb)} == {seeded["custom_hours"]["id"], exception_id}


@pytest.mark.parametrize("body", [{"name": "Renamed"}, {"exception_date": "2027-01-05"}], ids=["name", "date move"])
def test_other_updates_keep_the_shard_and_a_moved_date_is_what_the_index_sorts_by(api, seeded, dynamodb, body):
    exception_id = seeded["custom_hours"]["id"]
    shard = stored_shard(dynamodb, "1", exception_id)
    assert api.call("PUT", exception_url("1", exception_id), body).status == 200
    assert stored_shard(dynamodb, "1", exception_id) == shard
    [listed] = indexed(dynamodb)
    assert listed.exception_date == body.get("exception_date", "2026-12-24")


def test_a_date_move_in_one_put_with_recurrence_switched_off_leaves_the_index(api, seeded, dynamodb):
    exception_id = seeded["custom_hours"]["id"]
    body = {"exception_date": "2027-01-05", "recurring_annually": False}
    assert api.call("PUT", exception_url("1", exception_id), body).status == 200
    assert stored_shard(dynamodb, "1", exception_id) is None
    assert indexed(dynamodb) == []


def test_shards_spread_exceptions_evenly_enough_and_never_change_for_one_exception():
    shards = [annual_shard("acct1", "1", str(exception_id)) for exception_id in range(1, 801)]
    counts = {shard: shards.count(shard) for shard in ANNUAL_SHARDS}
    assert min(counts.values()) > 50, counts
    assert annual_shard("acct1", "1", "7") == annual_shard("acct1", "1", "7")
