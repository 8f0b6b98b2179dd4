"""DynamoDB round trips and capacity per operation, against moto in-process (bench/capacity.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bench.capacity import Cost, Meter, template_indexes
from bench.scenarios import (
    COLLECTION,
    EXCEPTION,
    IF_MATCH,
    REQUESTS,
    SCHEDULES,
    Bench,
    Request,
    World,
    drop_caches,
    forget_collections,
    occasion,
    seed,
)


@dataclass
class Operation:
    label: str
    request: Request
    documented: tuple[str, ...] | None = None  # the round trips README / docs state, when they state them
    occasions: int = 2  # occasions seeded
    cold: bool = False  # measure a new environment's first request (token not cached)


def _put_all(count: int) -> Request:
    body = [{**occasion(f"Occasion {i}", description="changed"), "id": i} for i in range(1, count + 1)]
    return Request("PUT", COLLECTION, body, IF_MATCH)


OPERATIONS = [
    Operation("PUT special occasions, 1 object", _put_all(1), ("GetItem", "TransactWriteItems")),
    Operation("PUT special occasions, 50 objects", _put_all(50), ("GetItem", "TransactWriteItems"), occasions=50),
    Operation(
        "PUT exception, date kept",
        Request("PUT", EXCEPTION, {"name": "Christmas Eve", "exception_date": "2026-12-24"}),
        ("UpdateItem",),
    ),
    Operation(
        "PUT exception, date moved",
        Request("PUT", EXCEPTION, {"exception_date": "2026-12-23"}),
        ("UpdateItem", "TransactWriteItems"),
    ),
    Operation(
        "token check, first request of an environment (GET schedule)",
        Request("GET", f"{SCHEDULES}/1"),
        ("GetItem", "GetItem"),
        cold=True,
    ),
]
# Every other function's request, warm, for the record.
OTHERS = [
    Operation(f"{request.method} {request.path.replace('1234567', '{account}')} ({name})", request)
    for name, request in REQUESTS.items()
    if name not in ("UpdateSpecialOccasionsFunction", "UpdateOfficeHoursExceptionFunction")
]


@dataclass
class Measured:
    operation: Operation
    costs: list[Cost]

    @property
    def calls(self) -> tuple[str, ...]:
        return tuple(cost.operation for cost in self.costs)

    @property
    def rcu(self) -> float:
        return sum(cost.rcu for cost in self.costs)

    @property
    def wcu(self) -> float:
        return sum(cost.wcu for cost in self.costs)

    @property
    def index_wcu(self) -> float:
        return sum(cost.index_wcu for cost in self.costs)

    @property
    def reported(self) -> str:
        values = [cost.reported for cost in self.costs]
        if all(value is None for value in values):
            return "none"
        return " + ".join("none" if value is None else f"{value:g}" for value in values)

    @property
    def within_documented(self) -> bool | None:
        documented = self.operation.documented
        return None if documented is None else self.calls == documented


@contextlib.contextmanager
def metered(world: World) -> Iterator[Meter]:
    """A meter on the handlers' DynamoDB client; the world's own client observes item sizes."""
    from calendar_exceptions import storage

    meter = Meter(world.client, world.table, table_indexes())
    events = storage.dynamodb_client().meta.events
    meter.attach(events)
    try:
        yield meter
    finally:
        meter.detach(events)


def table_indexes() -> list:
    from local import template

    return template_indexes(template.tables()["CalendarTable"])


def measure(bench: Bench, operation: Operation, prepare: Callable[[World], None] | None = None) -> Measured:
    with bench.world() as world:
        seed(world, occasions=operation.occasions)
        if prepare:
            prepare(world)
        if operation.cold:
            drop_caches()
        else:
            forget_collections()
        with metered(world) as meter:
            world.call(operation.request)
        return Measured(operation, meter.reset())


def measure_all(bench: Bench) -> list[Measured]:
    return [measure(bench, operation) for operation in OPERATIONS + OTHERS]
