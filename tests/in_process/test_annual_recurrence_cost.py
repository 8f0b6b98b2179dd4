"""What a run reads grows with the exceptions due, not with the table: counted items, never a Scan."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from calendar_exceptions.office_hours.annual.job import apply_annual_recurrences
from calendar_exceptions.office_hours.layout import claim_item, exception_item
from calendar_exceptions.office_hours.models import OfficeHoursException
from tests.builders import SCHEDULES, schedule
from tests.in_process.conftest import TABLE, repositories

WORKSPACE = "acct1"
NOW = datetime(2027, 3, 2, 0, 5, tzinfo=UTC)  # the daily run: 1 March has passed east of UTC-0:05
STORED, DUE, WAITING = 2_000, 20, 1


@pytest.fixture
def one_table_copy_per_transaction(monkeypatch):
    """Speed only: mock_aws snapshots the whole table for rollback once per item of a
    transaction, before writing anything, so a date move copies 2,000 items three times
    over; the copies are identical, so the first one serves for all three."""
    from moto.dynamodb import models
    from moto.dynamodb.models.table import Table

    transact_write_items = models.DynamoDBBackend.transact_write_items

    def with_one_copy(self, transact_items):
        copies: dict[int, Table] = {}

        def deepcopy(value, memo=None):
            if not isinstance(value, Table):
                return copy.deepcopy(value, memo)
            if id(value) not in copies:
                copies[id(value)] = copy.deepcopy(value, memo)
            return copies[id(value)]

        models.copy = SimpleNamespace(deepcopy=deepcopy)
        try:
            return transact_write_items(self, transact_items)
        finally:
            models.copy = copy

    monkeypatch.setattr(models.DynamoDBBackend, "transact_write_items", with_one_copy)


class ItemsRead:
    """Items DynamoDB read for the requests of one client: Query ScannedCount and GetItem hits."""

    def __init__(self, client) -> None:
        self.items = 0
        self.operations: list[str] = []
        client.meta.events.register("after-call.dynamodb", self._count)

    def _count(self, model, parsed, **_) -> None:
        self.operations.append(model.name)
        if model.name == "Query":
            self.items += parsed.get("ScannedCount", 0)
        elif model.name == "GetItem":
            self.items += 1 if "Item" in parsed else 0


def seed(dynamodb, schedule_id: str, exceptions: list[tuple[str, bool]], first_id: int, claims: bool = True) -> None:
    """Store exceptions (date, recurring) and their date claims in batches: seeding, not what is measured."""
    items = []
    for number, (exception_date, recurring) in enumerate(exceptions, start=first_id):
        exception = OfficeHoursException(
            id=str(number),
            office_hours_schedule_id=schedule_id,
            exception_date=exception_date,
            exception_type="closed",
            recurring_annually=recurring,
            created_at=0,
            updated_at=0,
        )
        items.append(exception_item(WORKSPACE, exception, version=1))
        if claims:
            items.append(claim_item(WORKSPACE, exception))
    for start in range(0, len(items), 25):
        batch = [{"PutRequest": {"Item": item}} for item in items[start : start + 25]]
        assert not dynamodb.batch_write_item(RequestItems={TABLE: batch}).get("UnprocessedItems")


def days(year: int, count: int) -> list[str]:
    """`count` distinct dates of `year` (count <= 365)."""
    return [datetime.fromordinal(datetime(year, 1, 1).toordinal() + n).date().isoformat() for n in range(count)]


def test_a_run_reads_about_one_item_per_exception_due_however_many_are_stored(
    api, dynamodb, one_table_copy_per_transaction
):
    # Given 2,000 stored exceptions in five schedules: 1,000 that do not recur, 979 recurring
    # ones still to come, 20 recurring ones due, and one dated 1 March in Pago Pago, where
    # 1 March has not passed yet
    zones = ["Europe/Dublin", "Asia/Tokyo", "America/New_York", "Australia/Sydney", "Pacific/Pago_Pago"]
    ids = [api.call("POST", SCHEDULES, schedule(zone, time_zone_name=zone)).body["id"] for zone in zones]
    # (the filler goes without date claims: they are never read, and mock_aws copies the whole
    # table for each transaction, which would make this test slow for nothing)
    seed(dynamodb, ids[0], [(d, False) for d in days(2025, 365) + days(2024, 335)], 100, claims=False)
    seed(dynamodb, ids[1], [(d, False) for d in days(2023, 300)] + [(d, True) for d in days(2028, 358)], 1_000, False)
    seed(dynamodb, ids[2], [(d, True) for d in days(2029, 300)], 2_000, claims=False)
    seed(dynamodb, ids[3], [(d, True) for d in days(2030, 321)], 3_000, claims=False)
    due = [(schedule_id, f"2026-12-{day:02d}") for schedule_id in ids[:4] for day in range(1, 6)][:19]
    due.append((ids[4], "2027-02-28"))
    for number, (schedule_id, exception_date) in enumerate(due):
        seed(dynamodb, schedule_id, [(exception_date, True)], 4_000 + number)
    seed(dynamodb, ids[4], [("2027-03-01", True)], 5_000)
    exceptions = dynamodb.scan(
        TableName=TABLE,
        Select="COUNT",
        FilterExpression="begins_with(sk, :exception)",
        ExpressionAttributeValues={":exception": {"S": "EXCEPTION#"}},
    )
    assert exceptions["Count"] == STORED
    reads = ItemsRead(dynamodb)
    # When the job runs
    summary = apply_annual_recurrences(*repositories(dynamodb), NOW, lambda: 60_000)
    # Then it moved exactly the due exceptions, and read the waiting one without moving it
    assert (summary.due, summary.moved, summary.complete) == (DUE, DUE, True)
    assert summary.candidates == DUE + WAITING
    # And it read each of them once from the index, and each of their schedules once: never a Scan
    assert set(reads.operations) == {"Query", "GetItem", "TransactWriteItems"}
    assert reads.items == DUE + WAITING + len(zones)
    print(f"stored {STORED} exceptions, {summary.due} due: {reads.items} items read")
