"""Office hours operations: ids, timestamps, the 404/422 decisions and retries under contention.

A create takes its id from an atomic counter first (never contended), then commits its
conditional transaction; an id taken by a create refused with 404 or 422 is a gap. Reads
answer JSON (`answers`) from stored values; only the writes build models, and import them
when they run: the functions that read or delete never import pydantic.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from calendar_exceptions import clock
from calendar_exceptions.dynamodb import Contention, retry_contended
from calendar_exceptions.errors import RevisionConflict, Unprocessable
from calendar_exceptions.office_hours import answers, rules
from calendar_exceptions.office_hours.exception_repository import ExceptionRepository
from calendar_exceptions.office_hours.layout import Versioned
from calendar_exceptions.office_hours.rules import exception_not_found, schedule_not_found
from calendar_exceptions.office_hours.schedule_repository import ScheduleRepository

if TYPE_CHECKING:
    from calendar_exceptions.office_hours.models import (
        ExceptionChange,
        NewException,
        NewSchedule,
        OfficeHoursException,
        Schedule,
        ScheduleChange,
    )


def _now() -> int:
    """Unix seconds of this write, from the layer's clock (tests set `clock.now`)."""
    return int(clock.now())


class OfficeHoursService:
    def __init__(self, schedules: ScheduleRepository, exceptions: ExceptionRepository) -> None:
        self._schedules = schedules
        self._exceptions = exceptions

    # --- schedules ----------------------------------------------------------------------

    def create_schedule(self, workspace: str, new: NewSchedule) -> Schedule:
        """Take an id, then store the schedule with its name claim (NameTaken when the name is another's).

        The id is taken once (an atomic counter: no race to lose); only the transaction is
        retried when another transaction held one of its items.
        """
        from calendar_exceptions.office_hours.models import Schedule

        issued = self._schedules.issue_id(workspace, "schedule")
        at = _now()
        zone = new.time_zone_name if new.time_zone_name is not None else issued.time_zone_name
        fields = new.model_dump(exclude={"time_zone_name"})
        schedule = Schedule(id=issued.issued_id, **fields, time_zone_name=zone, created_at=at, updated_at=at)
        create = functools.partial(self._schedules.create_schedule, workspace, schedule)
        retry_contended(create, _contended, until_deadline=True)
        return schedule

    def schedule(self, workspace: str, schedule_id: str) -> dict[str, Any]:
        """The schedule's answer (answers.schedule); 404 when there is none."""
        stored = self._schedules.schedule(workspace, schedule_id)
        if stored is None:
            raise schedule_not_found(schedule_id)
        return answers.schedule(stored)

    def schedules(self, workspace: str) -> list[dict[str, Any]]:
        return [answers.schedule(stored) for stored in self._schedules.schedules(workspace)]

    def update_schedule(self, workspace: str, schedule_id: str, change: ScheduleChange) -> Schedule:
        """Apply a partial update: one UpdateItem when the name stays, a transaction moving its claim when not.

        The first attempt assumes a sent name is the stored one; when DynamoDB refuses the
        update it returns the stored schedule, which serves as the read of the rename.
        """

        def attempt() -> Schedule:
            at = _now()
            result = self._schedules.update_schedule(workspace, schedule_id, change, at)
            if result.updated is not None:
                return result.updated
            if result.stored is None:
                raise schedule_not_found(schedule_id)
            self._schedules.rename_schedule(workspace, result.stored, change, at)
            return result.stored.schedule.apply(change, at)

        return retry_contended(attempt, _contended)

    def delete_schedule(self, workspace: str, schedule_id: str) -> None:
        if not retry_contended(lambda: self._schedules.delete_schedule(workspace, schedule_id), _contended):
            raise schedule_not_found(schedule_id)

    def set_default_time_zone(self, workspace: str, time_zone_name: str) -> None:
        """The operator's setting (`make workspace`): the zone of schedules created without one."""
        rules.check_time_zone(time_zone_name)
        self._schedules.set_default_time_zone(workspace, time_zone_name)

    # --- exceptions ---------------------------------------------------------------------

    def create_exception(self, workspace: str, schedule_id: str, new: NewException) -> OfficeHoursException:
        problem = rules.unprocessable(new.exception_type, new.time_intervals)
        if problem is not None:
            self.schedule(workspace, schedule_id)
            raise Unprocessable(problem, "time_intervals")

        from calendar_exceptions.office_hours.models import OfficeHoursException

        issued = self._schedules.issue_id(workspace, "exception")
        at = _now()
        exception = OfficeHoursException(
            id=issued.issued_id,
            office_hours_schedule_id=schedule_id,
            **new.model_dump(exclude={"time_intervals"}),
            time_intervals=rules.stored_intervals(new.time_intervals),
            created_at=at,
            updated_at=at,
        )
        create = functools.partial(self._exceptions.create_exception, workspace, exception)
        retry_contended(create, _contended, until_deadline=True)
        return exception

    def exception(self, workspace: str, schedule_id: str, exception_id: str) -> dict[str, Any]:
        """The exception's answer (answers.exception); 404 when there is none."""
        return answers.exception(self._stored(workspace, schedule_id, exception_id).values)

    def exceptions(self, workspace: str, schedule_id: str) -> list[dict[str, Any]]:
        """The answers of the schedule's exceptions; 404 when the schedule does not exist."""
        exceptions = self._exceptions.exceptions(workspace, schedule_id)
        if not exceptions:
            self.schedule(workspace, schedule_id)
        return [answers.exception(stored) for stored in exceptions]

    def update_exception(
        self, workspace: str, schedule_id: str, exception_id: str, change: ExceptionChange
    ) -> OfficeHoursException:
        """Apply a partial update: one UpdateItem when the date stays, a read and a transaction when it moves.

        The first attempt assumes a sent exception_date is the stored one; when DynamoDB
        refuses the update it returns the stored exception, which serves as the read.
        """
        problem = rules.unprocessable_whatever_is_stored(change.sent_values())
        if problem is not None:
            self._stored(workspace, schedule_id, exception_id)
            raise Unprocessable(problem, "time_intervals")

        def attempt() -> OfficeHoursException:
            at = _now()
            result = self._exceptions.update_exception(workspace, schedule_id, exception_id, change, at)
            if result.updated is not None:
                return result.updated
            if result.stored is None:
                raise exception_not_found(exception_id)
            updated = result.stored.exception.apply(change, at)
            problem = rules.unprocessable(updated.exception_type, updated.time_intervals)
            if problem is not None:
                raise Unprocessable(problem, "time_intervals")
            if updated.exception_date == result.stored.exception.exception_date:
                raise Contention("refused for a state that has changed since")
            self._exceptions.move_exception(workspace, result.stored, updated)
            return updated

        return retry_contended(attempt, _contended)

    def delete_exception(self, workspace: str, schedule_id: str, exception_id: str) -> None:
        retry_contended(
            lambda: self._exceptions.delete_exception(workspace, self._stored(workspace, schedule_id, exception_id)),
            _contended,
        )

    def _stored(self, workspace: str, schedule_id: str, exception_id: str) -> Versioned:
        stored = self._exceptions.exception(workspace, schedule_id, exception_id)
        if stored is None:
            raise exception_not_found(exception_id)
        return stored


def _contended() -> RevisionConflict:
    return RevisionConflict("Other requests kept changing the same data during this request; retry")
