"""The annual recurrence job: move each recurring office hours exception whose date has passed.

One run reads the AnnualRecurrenceIndex shard by shard, only up to the latest date that
has passed anywhere on Earth, decides for each exception in its schedule's time zone, and
moves each due one with the repository's conditional date-move transaction. "Now" is
always given (the scheduled event's `time`), so a run can be replayed. Policy and costs:
docs/annual-recurrence.md.

`apply_annual_recurrences` takes any OfficeHoursRepository, so a benchmark or a script
can drive it with its own client and table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions import primitives
from calendar_exceptions.dynamodb import Contention
from calendar_exceptions.observability import logger, metrics
from calendar_exceptions.office_hours.annual_dates import latest_passed_date, local_today, next_occurrence
from calendar_exceptions.office_hours.layout import ANNUAL_SHARDS, AnnualCandidate
from calendar_exceptions.office_hours.repository import OfficeHoursRepository
from calendar_exceptions.office_hours.rules import DateTaken

# Stop while this much Lambda time is left: more than one item's worst case (a GetItem
# and a transaction, each with the SDK's retries), so a run never dies mid-item.
STOP_MARGIN_MS = 10_000
# The log line names at most this many skipped or failed exceptions; the counts are exact.
MAX_REPORTED = 50


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


def apply_annual_recurrences(
    repository: OfficeHoursRepository,
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
    summary = RunSummary(time=now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), cutoff=cutoff.isoformat())
    zones = _ScheduleZones(repository)
    for shard in ANNUAL_SHARDS:
        for candidate in repository.annual_candidates(shard, cutoff.isoformat()):
            if remaining_ms() < stop_margin_ms:
                summary.complete = False
                return summary
            summary.candidates += 1
            try:
                _apply(repository, zones, candidate, now, summary)
            except Exception as error:  # noqa: BLE001 - one exception that fails must not stop the others
                logger.exception("annual recurrence failed", extra=_ids(candidate))
                summary.fail(candidate, error)
    return summary


def publish(summary: RunSummary) -> None:
    """The run's one structured log line and its metrics."""
    logger.info("annual recurrences applied", extra=summary.to_json())
    for name, value in summary.metrics().items():
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)


def _apply(
    repository: OfficeHoursRepository,
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
        repository.advance_annual_date(candidate, new_date, int(now.timestamp()))
    except DateTaken as taken:
        summary.skip(candidate, "date_taken", to=new_date, held_by=taken.held_by)
    except Contention:
        summary.skip(candidate, "changed", to=new_date)
    else:
        summary.moved += 1


class _ScheduleZones:
    """The time zone of each schedule, read once per run (None for a schedule that is gone)."""

    def __init__(self, repository: OfficeHoursRepository) -> None:
        self._repository = repository
        self._zones: dict[tuple[str, str], ZoneInfo | None] = {}

    def of(self, candidate: AnnualCandidate) -> ZoneInfo | None:
        key = (candidate.workspace, candidate.office_hours_schedule_id)
        if key not in self._zones:
            schedule = self._repository.schedule(*key)
            self._zones[key] = None if schedule is None else primitives.zone(schedule.time_zone_name)
        return self._zones[key]


def _ids(candidate: AnnualCandidate) -> dict[str, str]:
    return {
        "workspace": candidate.workspace,
        "office_hours_schedule_id": candidate.office_hours_schedule_id,
        "id": candidate.id,
        "exception_date": candidate.exception_date,
    }
