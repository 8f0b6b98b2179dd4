"""Assignment operations: read, decide 404 or 422, write only what changes, retry under contention.

Every write reads the holders' own schedules and the schedules they are given in one
BatchGetItem, then commits one transaction of what differs (sending the current value writes
nothing). A lost race (the holder's assignment changed, or the schedule was deleted, since the
read) is read and decided again (`dynamodb.retry_contended`). No models are imported: the
handlers parse bodies (validation.py) and pass plain values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from calendar_exceptions.dynamodb import Contention, retry_contended
from calendar_exceptions.errors import RevisionConflict
from calendar_exceptions.office_hours import answers as schedule_answers
from calendar_exceptions.office_hours.assignments import answers, rules
from calendar_exceptions.office_hours.assignments.repository import AssignmentRepository, Change, Snapshot
from calendar_exceptions.office_hours.assignments.rules import Holder

if TYPE_CHECKING:
    from calendar_exceptions.office_hours.hours.service import HoursSource


@dataclass(frozen=True)
class Wanted:
    """`holder`'s own schedule as a request wants it (None: inherit); `field` names it in a 422."""

    holder: Holder
    schedule_id: str | None
    field: str = "office_hours_schedule_id"


class AssignmentService:
    def __init__(self, repository: AssignmentRepository) -> None:
        self._repository = repository

    # --- teammates: admin_office_hours -----------------------------------------------------

    def admin(self, workspace: str, admin_id: str) -> dict[str, Any]:
        holder = rules.admin(admin_id)
        return answers.admin_office_hours(admin_id, self._repository.read(workspace, [holder]).own.get(holder))

    def admins(self, workspace: str, per_page: int, starting_after: str | None) -> dict[str, Any]:
        """A page of the teammates with a schedule of their own, by id; one more is read to tell a next page."""
        found = self._repository.admins(workspace, starting_after, per_page + 1)
        page = found[:per_page]
        return answers.admin_page(page, per_page, page[-1][0] if len(found) > per_page else None)

    def assign_admin(self, workspace: str, admin_id: str, schedule_id: str | None) -> dict[str, Any]:
        self.assign(workspace, [Wanted(rules.admin(admin_id), schedule_id)])
        return answers.admin_office_hours(admin_id, schedule_id)

    def assign_admins(self, workspace: str, assignments: Sequence[tuple[str, str | None]]) -> dict[str, Any]:
        """The bulk update, all or nothing; a 422 names the first entry with an unknown schedule by its index."""
        wanted = [
            Wanted(rules.admin(admin_id), schedule_id, f"assignments[{index}].office_hours_schedule_id")
            for index, (admin_id, schedule_id) in enumerate(assignments)
        ]
        self.assign(workspace, wanted)
        return answers.admin_list(assignments)

    # --- teams and the workspace default: the schedule object -------------------------------

    def schedule(self, workspace: str, holder: Holder) -> dict[str, Any]:
        """The schedule that applies to `holder` (its own, else the workspace default's); 404 when none does."""

        def attempt() -> dict[str, Any]:
            schedule_id = self.effective_schedule_id(workspace, holder)
            stored = self._repository.schedule(workspace, schedule_id)
            if stored is None:
                raise Contention(f"schedule {schedule_id} was unassigned and deleted since {holder} was read")
            return schedule_answers.schedule(stored)

        return retry_contended(attempt, _contended)

    def assign_schedule(self, workspace: str, holder: Holder, schedule_id: str | None) -> dict[str, Any]:
        """Set or clear a team's (or the workspace default's) own schedule, answering the schedule that then applies.

        Cleared, that is the workspace default (one more read), or 404 when there is none: the
        assignment is removed all the same.
        """
        snapshot = self.assign(workspace, [Wanted(holder, schedule_id)])
        if schedule_id is None:
            return self.schedule(workspace, holder)
        return schedule_answers.schedule(snapshot.schedules[schedule_id])

    def effective_schedule_id(self, workspace: str, holder: Holder) -> str:
        """The id of the schedule that applies to `holder` (rules.effective_schedule), in one read; 404 when none."""
        inherited = rules.inherited_from(holder)
        snapshot = self._repository.read(workspace, [holder] if inherited is None else [holder, inherited])
        own = snapshot.own.get(holder)
        schedule_id = rules.effective_schedule(own, None if inherited is None else snapshot.own.get(inherited))
        if schedule_id is None:
            raise rules.no_schedule(holder)
        return schedule_id

    def status(self, workspace: str, holder: Holder, at: int, hours: HoursSource) -> dict[str, Any]:
        """The schedule status (office_hours/hours) at `at` of the schedule that applies to `holder`; 404 when none."""
        from calendar_exceptions.office_hours.hours.service import hours_of, status_answer

        def attempt() -> dict[str, Any]:
            schedule_id = self.effective_schedule_id(workspace, holder)
            stored = hours.stored_hours(workspace, schedule_id)
            if stored is None:
                raise Contention(f"schedule {schedule_id} was unassigned and deleted since {holder} was read")
            return status_answer(stored.schedule, hours_of(stored.schedule, stored.exceptions).status(at))

        return retry_contended(attempt, _contended)

    # --- the one write ----------------------------------------------------------------------

    def assign(self, workspace: str, wanted: Sequence[Wanted]) -> Snapshot:
        """Give each holder the schedule wanted, all or nothing; the read it decided on.

        422 (rules.unknown_schedule) for a schedule the workspace does not have, naming the
        first entry that names it; holders that already have what is wanted are not written.
        """
        for entry in wanted:
            if entry.schedule_id is not None and not rules.is_schedule_id(entry.schedule_id):
                raise rules.unknown_schedule(entry.schedule_id, entry.field)

        def attempt() -> Snapshot:
            snapshot = self._repository.read(workspace, [w.holder for w in wanted], [w.schedule_id for w in wanted])
            for entry in wanted:
                if entry.schedule_id is not None and entry.schedule_id not in snapshot.schedules:
                    raise rules.unknown_schedule(entry.schedule_id, entry.field)
            changes = [
                Change(entry.holder, snapshot.own.get(entry.holder), entry.schedule_id)
                for entry in wanted
                if snapshot.own.get(entry.holder) != entry.schedule_id
            ]
            self._repository.commit(workspace, changes)
            return snapshot

        return retry_contended(attempt, _contended)


def _contended() -> RevisionConflict:
    return RevisionConflict("Other requests kept changing the same assignments during this request; retry")
