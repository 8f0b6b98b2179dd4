"""The annual recurrence job (docs/annual-recurrence.md): its cost per due item, and how it scales against a Scan.

Both run in-process against moto with the template's table and index, seeded by inserting
items straight into moto's backend (the API would take minutes for 100,000 exceptions;
what is seeded is what the API stores: `layout.exception_item` and `claim_item`).
The job is the real one, `annual/job.py`'s `apply_annual_recurrences`, with the time of the daily
run of 2 March 2027. The baseline (`ScanRepository`) runs the same job, with the same
decisions and writes, but finds its candidates with a Scan of the whole table and a filter.

moto copies the whole table before each transaction so it can roll back; at 100,000 items
that copy, not the job, would be the time measured. While the bench runs, a transaction
saves only the items it touches and puts them back if it fails (`item_level_rollback`).
"""

from __future__ import annotations

import contextlib
import copy
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from bench.capacity import Meter, item_size, read_units
from bench.costs import table_indexes
from bench.scenarios import Bench

NOW = datetime(2027, 3, 2, 0, 5, tzinfo=UTC)
WORKSPACE = "bench"
ZONES = (
    "Europe/Dublin",
    "Asia/Tokyo",
    "America/New_York",
    "Australia/Sydney",
    "Europe/Warsaw",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Africa/Nairobi",
    "America/Los_Angeles",
    "Pacific/Auckland",
)
DUE = 100
SCALES = (10_000, 100_000)
PLENTY_OF_TIME = lambda: 10**9  # noqa: E731 - the Lambda context's remaining time, never short here


def _dates(start: date, count: int) -> list[str]:
    return [(start + timedelta(days=n % 1500)).isoformat() for n in range(count)]


@dataclass
class Seeded:
    stored: int  # exceptions
    due: int
    items: int  # all items in the table (schedules, exceptions, claims)
    table_bytes: int


def seed(table_name: str, stored: int, due: int = DUE) -> Seeded:
    """`stored` exceptions in len(ZONES) schedules: `due` recurring ones whose date has passed (with
    their date claims), the rest half recurring in the future, half not recurring.

    The claims of the exceptions that are not due are left out: no run reads them, and they
    would double the items moto holds; a Scan would read them too, so the Scan's figures
    below are, if anything, too low.
    """
    from moto.dynamodb.models import dynamodb_backends

    from calendar_exceptions.office_hours.layout import claim_item, exception_item, schedule_item
    from calendar_exceptions.office_hours.models import OfficeHoursException, Schedule

    table = dynamodb_backends["123456789012"]["us-east-1"].get_table(table_name)
    items = 0
    total = 0

    def insert(item: dict[str, Any]) -> None:
        nonlocal items, total
        from moto.dynamodb.models.dynamo_type import DynamoType, Item

        hash_key, range_key = DynamoType(item["pk"]), DynamoType(item["sk"])
        table.items[hash_key][range_key] = Item(hash_key, range_key, item)
        items += 1
        total += item_size(item)

    for number, zone in enumerate(ZONES, start=1):
        schedule = Schedule(
            id=str(number), name=f"S{number}", time_zone_name=zone, time_intervals=[], created_at=0, updated_at=0
        )
        insert(schedule_item(WORKSPACE, schedule))
    past = _dates(date(2026, 3, 1), due)  # 2026-03-01 .. : all passed everywhere by 2 March 2027
    future = _dates(date(2027, 3, 10), stored)
    for index in range(stored):
        is_due = index < due
        recurring = is_due or index % 2 == 0
        exception = OfficeHoursException.model_construct(
            type="office_hours_exception",
            id=str(index + 1),
            office_hours_schedule_id=str(index % len(ZONES) + 1),
            exception_date=past[index] if is_due else future[index],
            exception_type="closed",
            name=None,
            time_intervals=None,
            recurring_annually=recurring,
            created_at=0,
            updated_at=0,
        )
        insert(exception_item(WORKSPACE, exception, version=1))
        if is_due:
            insert(claim_item(WORKSPACE, exception))
    return Seeded(stored, due, items, total)


@contextlib.contextmanager
def item_level_rollback() -> Iterator[None]:
    """moto's transactions, rolled back item by item instead of from a copy of the whole table."""
    from moto.dynamodb import models
    from moto.dynamodb.models.dynamo_type import DynamoType

    original = models.DynamoDBBackend.transact_write_items

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        saved = []
        for entry in transact_items:
            ((_, action),) = entry.items()
            table = self.get_table(action["TableName"])
            key = action.get("Key") or {name: action["Item"][name] for name in ("pk", "sk")}
            hash_key, range_key = DynamoType(key["pk"]), DynamoType(key["sk"])
            saved.append((table, hash_key, range_key, copy.deepcopy(table.items[hash_key].get(range_key))))
        models.copy = SimpleNamespace(deepcopy=lambda value, memo=None: value)  # no whole-table copy
        try:
            return original(self, transact_items)
        except Exception:
            for table, hash_key, range_key, item in reversed(saved):
                if item is None:
                    table.items[hash_key].pop(range_key, None)
                else:
                    table.items[hash_key][range_key] = item
            raise
        finally:
            models.copy = copy

    models.DynamoDBBackend.transact_write_items = transact_write_items
    try:
        yield
    finally:
        models.DynamoDBBackend.transact_write_items = original


def scan_repository(client: Any, table: str) -> Any:
    """The baseline: the job's exception repository, finding candidates with a Scan of the whole table."""
    from calendar_exceptions.office_hours.exception_repository import ExceptionRepository
    from calendar_exceptions.office_hours.layout import ANNUAL_SHARDS, AnnualCandidate

    class ScanRepository(ExceptionRepository):
        def annual_candidates(self, shard: str, cutoff: str) -> Iterator[AnnualCandidate]:
            if shard != ANNUAL_SHARDS[0]:
                return
            request: dict[str, Any] = {
                "TableName": table,
                "FilterExpression": "begins_with(sk, :exception) AND recurring_annually = :yes "
                "AND exception_date <= :cutoff",
                "ProjectionExpression": "workspace, office_hours_schedule_id, id, exception_date",
                "ExpressionAttributeValues": {
                    ":exception": {"S": "EXCEPTION#"},
                    ":yes": {"BOOL": True},
                    ":cutoff": {"S": cutoff},
                },
            }
            for page in client.get_paginator("scan").paginate(**request):
                yield from (AnnualCandidate.listed(item) for item in page.get("Items", []))

    return ScanRepository(client, table)


@dataclass
class Run:
    method: str
    stored: int
    due: int
    moved: int
    items_read: int
    rcu: float
    calls: dict[str, int]
    seconds: float


class _Reads:
    """Items DynamoDB reads for a client's requests (Query/Scan ScannedCount, GetItem hits), and their RCU."""

    def __init__(self, client: Any, table_bytes: int, table_items: int) -> None:
        self.items = 0
        self.rcu = 0.0
        self.calls: dict[str, int] = {}
        self._average = table_bytes / max(table_items, 1)
        client.meta.events.register("after-call.dynamodb", self._count)

    def _count(self, model: Any, parsed: dict[str, Any], **_: Any) -> None:
        self.calls[model.name] = self.calls.get(model.name, 0) + 1
        if model.name == "Query":  # the index: what it returns is what it read, eventually consistent
            self.items += parsed.get("ScannedCount", 0)
            self.rcu += read_units(sum(item_size(i) for i in parsed.get("Items", [])), consistent=False)
        elif model.name == "Scan":  # reads every item it passes, returned or not
            scanned = parsed.get("ScannedCount", 0)
            self.items += scanned
            self.rcu += read_units(int(scanned * self._average), consistent=False)
        elif model.name == "GetItem":
            self.items += 1 if "Item" in parsed else 0
            self.rcu += read_units(item_size(parsed.get("Item")), consistent=True)


def scaling(bench: Bench, scales: tuple[int, ...] = SCALES) -> list[Run]:
    """Both jobs on the same seeded table, for each number of stored exceptions."""
    import boto3

    from calendar_exceptions.office_hours.annual import job as annual_job
    from calendar_exceptions.office_hours.exception_repository import ExceptionRepository
    from calendar_exceptions.office_hours.schedule_repository import ScheduleRepository

    runs = []
    for stored in scales:
        for method in ("index (the job)", "Scan (baseline)"):
            with bench.world() as world, item_level_rollback():
                seeded = seed(world.table, stored)
                client = boto3.client("dynamodb")
                reads = _Reads(client, seeded.table_bytes, seeded.items)
                exceptions = (
                    ExceptionRepository(client, world.table)
                    if method.startswith("index")
                    else scan_repository(client, world.table)
                )
                schedules = ScheduleRepository(client, world.table)
                started = time.perf_counter()
                summary = annual_job.apply_annual_recurrences(exceptions, schedules, NOW, PLENTY_OF_TIME)
                seconds = time.perf_counter() - started
                if (summary.due, summary.moved, summary.complete) != (DUE, DUE, True):
                    raise AssertionError(f"{method} at {stored}: {summary.to_json()}")
                runs.append(
                    Run(method, stored, summary.due, summary.moved, reads.items, reads.rcu, reads.calls, seconds)
                )
    return runs


@dataclass
class PerDue:
    due: int
    schedules: int
    calls: dict[str, int]
    items_read: int
    rcu: float
    wcu: float
    index_wcu: float


def per_due_item(bench: Bench, stored: int = 1_000) -> PerDue:
    """One run with the capacity meter: 100 due among `stored`, in len(ZONES) schedules."""
    import boto3

    from calendar_exceptions.office_hours.annual import job as annual_job
    from calendar_exceptions.office_hours.exception_repository import ExceptionRepository
    from calendar_exceptions.office_hours.schedule_repository import ScheduleRepository

    with bench.world() as world, item_level_rollback():
        seeded = seed(world.table, stored)
        client = boto3.client("dynamodb")
        meter = Meter(world.client, world.table, table_indexes())
        meter.attach(client.meta.events)
        reads = _Reads(client, seeded.table_bytes, seeded.items)
        exceptions, schedules = ExceptionRepository(client, world.table), ScheduleRepository(client, world.table)
        summary = annual_job.apply_annual_recurrences(exceptions, schedules, NOW, PLENTY_OF_TIME)
        if (summary.due, summary.moved) != (DUE, DUE):
            raise AssertionError(summary.to_json())
        costs = meter.reset()
        return PerDue(
            DUE,
            len(ZONES),
            reads.calls,
            reads.items,
            sum(c.rcu for c in costs),
            sum(c.wcu for c in costs),
            sum(c.index_wcu for c in costs),
        )
