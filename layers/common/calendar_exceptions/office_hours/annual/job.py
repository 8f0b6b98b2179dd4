"""The annual recurrence job: move each recurring office hours exception whose date has passed.

One run reads the AnnualRecurrenceIndex, only up to the latest date that has passed
anywhere on Earth, decides for each exception in its schedule's time zone, and moves each
due one with the exception repository's conditional date-move transaction, in turns (`in_turn`):
exceptions known to be blocked (their next date taken) after the others, workspaces taking
turns, so that blocked ones never delay those that can move. "Now" is always given (the
scheduled event's `time`, refused when it is ahead of the function's clock: `run_time`),
so a run can be replayed. Policy and costs: docs/annual-recurrence.md.

`apply_annual_recurrences` takes the two repositories, so a benchmark or a script can drive
it with its own client and table.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions import primitives
from calendar_exceptions.dynamodb import Contention
from calendar_exceptions.observability import logger, metrics
from calendar_exceptions.office_hours.annual.dates import latest_passed_date, local_today, next_occurrence
from calendar_exceptions.office_hours.exception_repository import ExceptionRepository
from calendar_exceptions.office_hours.layout import ANNUAL_SHARDS, AnnualCandidate
from calendar_exceptions.office_hours.rules import DateTaken
from calendar_exceptions.office_hours.schedule_repository import ScheduleRepository

# Stop while this much Lambda time is left: more than one item's worst case (a GetItem
# and a transaction, each with the SDK's retries), so a run never dies mid-item.
STOP_MARGIN_MS = 10_000
# The log line names at most this many skipped or failed exceptions; the counts are exact.
MAX_REPORTED = 50
# An event's time may be this far ahead of the function's clock (EventBridge's time is the
# scheduled minute; clocks differ by seconds). Further ahead, a run would move every due
# exception early, for good, unless the event says it is a rehearsal: ALLOW_FUTURE_TIME.
MAX_CLOCK_LEAD = timedelta(minutes=15)
ALLOW_FUTURE_TIME = "allow_future_time"


class FutureTime(ValueError):
    """The event's time is further ahead of the function's clock than MAX_CLOCK_LEAD, unasked."""


@dataclass
class RunSummary:
    """What one run did: its one log line, its metrics and its result."""

    time: str
    cutoff: str
    candidates: int = 0
    due: int = 0
    moved: int = 0
    skipped: int = 0
    failed: int = 0
    complete: bool = True
    reported: list[dict[str, Any]] = field(default_factory=list)

    def skip(self, candidate: AnnualCandidate, reason: str, **details: Any) -> None:
        self.skipped += 1
        self._report(candidate, outcome="skipped", reason=reason, **details)

    def fail(self, candidate: AnnualCandidate, error: Exception) -> None:
        self.failed += 1
        self._report(candidate, outcome="failed", reason=type(error).__name__)

    def _report(self, candidate: AnnualCandidate, **details: Any) -> None:
        if len(self.reported) < MAX_REPORTED:
            self.reported.append({**_ids(candidate), **{k: v for k, v in details.items() if v is not None}})

    def metrics(self) -> dict[str, int]:
        return {"Due": self.due, "Moved": self.moved, "Skipped": self.skipped, "Failed": self.failed}

    def to_json(self) -> dict[str, Any]:
        return {
            "time": self.time,
            "cutoff": self.cutoff,
            "candidates": self.candidates,
            "due": self.due,
            "moved": self.moved,
            "skipped": self.skipped,
            "failed": self.failed,
            "complete": self.complete,
            "reported": self.reported,
        }


def event_time(event: dict[str, Any]) -> datetime:
    """The instant a scheduled event stands for: its `time` field, never the wall clock."""
    text = event.get("time")
    if not isinstance(text, str):
        raise ValueError("the scheduled event has no time field")
    moment = datetime.fromisoformat(text)
    if moment.utcoffset() is None:
        raise ValueError(f"the scheduled event's time {text} has no UTC offset")
    return moment


def run_time(event: dict[str, Any], clock_seconds: float) -> datetime:
    """The run's "now": the event's time, when it is at most MAX_CLOCK_LEAD after the function's
    clock (`clock_seconds`, Unix seconds: the handler reads the layer's `clock.now()`).

    Past times are fine (replaying a missed day). A later one is refused with FutureTime,
    logged in one line, unless the event's `detail` has `"allow_future_time": true` (a
    rehearsal against a test table).
    """
    moment = event_time(event)
    clock_now = datetime.fromtimestamp(clock_seconds, UTC)
    detail = event.get("detail")
    allowed = isinstance(detail, dict) and detail.get(ALLOW_FUTURE_TIME) is True
    if moment - clock_now > MAX_CLOCK_LEAD and not allowed:
        reason = (
            f"the event's time {event['time']} is more than {int(MAX_CLOCK_LEAD.total_seconds()) // 60} minutes "
            f"after the function's clock {_utc_text(clock_now)}; a rehearsal says "
            f'"detail": {{"{ALLOW_FUTURE_TIME}": true}}'
        )
        logger.error(
            "annual recurrences refused", extra={"time": event["time"], "clock": _utc_text(clock_now), "reason": reason}
        )
        raise FutureTime(reason)
    return moment


def apply_annual_recurrences(
    exceptions: ExceptionRepository,
    schedules: ScheduleRepository,
    now: datetime,
    remaining_ms: Callable[[], int],
    stop_margin_ms: int = STOP_MARGIN_MS,
) -> RunSummary:
    """Move every recurring exception whose date has passed at `now` in its schedule's zone.

    `remaining_ms` is asked before each exception (the Lambda context's
    get_remaining_time_in_millis); below `stop_margin_ms` the run stops, reports
    `complete: false`, and the next run picks up what is still due.
    """
    cutoff = latest_passed_date(now)
    summary = RunSummary(time=_utc_text(now), cutoff=cutoff.isoformat())
    zones = _ScheduleZones(schedules)
    listed = [c for shard in ANNUAL_SHARDS for c in exceptions.annual_candidates(shard, cutoff.isoformat())]
    for candidate in in_turn(listed):
        if remaining_ms() < stop_margin_ms:
            summary.complete = False
            return summary
        summary.candidates += 1
        try:
            _apply(exceptions, zones, candidate, now, summary)
        except Exception as error:  # noqa: BLE001 - one exception that fails must not stop the others
            logger.exception("annual recurrence failed", extra=_ids(candidate))
            summary.fail(candidate, error)
    return summary


def in_turn(candidates: Iterable[AnnualCandidate]) -> Iterator[AnnualCandidate]:
    """The order a run tries candidates in: first those not known to be blocked, then the blocked ones.

    Within each group, workspaces take turns (round-robin, in the order each first appears)
    and each workspace's go oldest first. A run that runs out of time has then tried, in
    every workspace, about as many as in any other, and known-blocked ones (which each
    cost a refused transaction) only once nothing else is left.
    """
    unblocked: dict[str, list[AnnualCandidate]] = {}
    blocked: dict[str, list[AnnualCandidate]] = {}
    for candidate in candidates:
        group = unblocked if candidate.blocked_on is None else blocked
        group.setdefault(candidate.workspace, []).append(candidate)
    for group in (unblocked, blocked):
        queues = [sorted(queue, key=lambda c: c.exception_date) for queue in group.values()]
        for turn in itertools.zip_longest(*queues):
            yield from (candidate for candidate in turn if candidate is not None)


def run(event: dict[str, Any], remaining_ms: Callable[[], int]) -> dict[str, Any]:
    """One scheduled invocation, as the function's handler runs it: the event's time checked
    against the layer's clock (`run_time`), the run on the deployed table, its summary published
    and answered."""
    from calendar_exceptions import clock
    from calendar_exceptions.storage import dynamodb_client, table_name

    now = run_time(event, clock.now())
    client, table = dynamodb_client(), table_name()
    summary = apply_annual_recurrences(
        ExceptionRepository(client, table), ScheduleRepository(client, table), now, remaining_ms
    )
    publish(summary)
    return summary.to_json()


def publish(summary: RunSummary) -> None:
    """The run's one structured log line and its metrics."""
    logger.info("annual recurrences applied", extra=summary.to_json())
    for name, value in summary.metrics().items():
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)


def _apply(
    exceptions: ExceptionRepository,
    zones: _ScheduleZones,
    candidate: AnnualCandidate,
    now: datetime,
    summary: RunSummary,
) -> None:
    listed = date.fromisoformat(candidate.exception_date)
    zone = zones.of(candidate)
    if zone is None:
        # Left behind by a schedule delete that did not finish (docs/office-hours.md).
        summary.due += 1
        summary.skip(candidate, "schedule_missing")
        return
    today = local_today(now, zone)
    if today <= listed:
        return  # not over yet in this schedule's zone: a later run moves it
    summary.due += 1
    new_date = next_occurrence(listed, today).isoformat()
    try:
        exceptions.advance_annual_date(candidate, new_date, int(now.timestamp()))
    except DateTaken as taken:
        summary.skip(candidate, "date_taken", to=new_date, held_by=taken.held_by)
        if candidate.blocked_on != new_date:
            exceptions.remember_blocked(candidate, new_date)
    except Contention:
        summary.skip(candidate, "changed", to=new_date)
    else:
        summary.moved += 1


class _ScheduleZones:
    """The time zone of each schedule, read once per run (None for a schedule that is gone)."""

    def __init__(self, schedules: ScheduleRepository) -> None:
        self._schedules = schedules
        self._zones: dict[tuple[str, str], ZoneInfo | None] = {}

    def of(self, candidate: AnnualCandidate) -> ZoneInfo | None:
        key = (candidate.workspace, candidate.office_hours_schedule_id)
        if key not in self._zones:
            schedule = self._schedules.schedule(*key)
            self._zones[key] = None if schedule is None else primitives.zone(schedule["time_zone_name"])
        return self._zones[key]


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _ids(candidate: AnnualCandidate) -> dict[str, str]:
    return {
        "workspace": candidate.workspace,
        "office_hours_schedule_id": candidate.office_hours_schedule_id,
        "id": candidate.id,
        "exception_date": candidate.exception_date,
    }
