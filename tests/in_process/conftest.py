"""Office hours set-up for unit tests: a schedule with exceptions, and the whole table to compare."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from local import template
from tests.builders import SCHEDULES, closed, custom_hours, exceptions_url, schedule

TABLE = template.local_table_name("CalendarTable")


def repositories(client: Any) -> tuple[Any, Any]:
    """The annual job's two repositories on `client` and the test table: exceptions, then schedules."""
    from calendar_exceptions.office_hours.exception_repository import ExceptionRepository
    from calendar_exceptions.office_hours.schedule_repository import ScheduleRepository

    return ExceptionRepository(client, TABLE), ScheduleRepository(client, TABLE)


@pytest.fixture
def table_items(dynamodb):
    """Every item in the table but access tokens, in key order: what "nothing stored changed" compares.

    Tokens are left out because the `api` fixture mints one the first time a test calls as
    a tenant, which may be the very call under test.
    """

    def scan() -> list[dict[str, Any]]:
        items = [
            item
            for item in dynamodb.scan(TableName=TABLE, ConsistentRead=True)["Items"]
            if not (item["pk"]["S"].startswith("TOKEN#") or item["pk"]["S"].endswith("#TOKEN"))
        ]
        return sorted(items, key=lambda item: (item["pk"]["S"], item["sk"]["S"]))

    return scan


@pytest.fixture
def seeded(api) -> dict[str, Any]:
    """Schedule "1" of workspace acct1 with a custom_hours exception "1" and a closed exception "2"."""
    created = api.call("POST", SCHEDULES, schedule())
    assert created.status == 201, created.text
    schedule_id = created.body["id"]
    eve = api.call("POST", exceptions_url(schedule_id), custom_hours("2026-12-24"))
    day = api.call("POST", exceptions_url(schedule_id), closed("2026-12-25"))
    assert eve.status == day.status == 201, (eve.text, day.text)
    return {"schedule": created.body, "custom_hours": eve.body, "closed": day.body}


@pytest.fixture
def dynamodb_calls(seeded) -> list[str]:
    """The DynamoDB operations the handlers call from now on, in order (after seeding)."""
    from calendar_exceptions import storage

    calls: list[str] = []
    storage.dynamodb_client().meta.events.register("before-call.dynamodb", lambda model, **_: calls.append(model.name))
    return calls


@pytest.fixture
def log_lines(monkeypatch):
    """What the Powertools logger writes from now on, at INFO and above, as parsed JSON lines."""
    from calendar_exceptions.observability import logger

    stream = io.StringIO()
    monkeypatch.setattr(logger.registered_handler, "stream", stream)
    level = logger.log_level
    logger.setLevel("INFO")
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.setLevel(level)
