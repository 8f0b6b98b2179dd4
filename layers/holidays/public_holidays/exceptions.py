"""Public holidays as office hours exceptions: one closed exception per holiday date, all in one transaction.

Each date becomes a `closed` exception named after its holidays (`recurring_annually` false:
movable feasts move), built and stored as the exception create builds and stores one (its
model, layout's item, writes' conditional Puts). A date that already has an exception is
skipped and answered with that exception's id. The whole import is one TransactWriteItems:

- the schedule exists (ConditionCheck), as for every exception create;
- per date created, the date's claim (Put, attribute_not_exists) and the exception (Put);
- per date skipped, the claim still held by the exception the read found (ConditionCheck).

So the answer is what held at one instant: every date created, or none (a refused
transaction writes nothing). A concurrent create that claims one of the dates, or a delete
that frees a skipped one, refuses it; the import then reads the claims again and tries
again, for as long as the function's deadline allows. Item count: 1 + 2 x created + skipped
(rules.MAX_EXCEPTION_DATES keeps it within DynamoDB's 100).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from calendar_exceptions import clock
from calendar_exceptions.dynamodb import CONDITION_FAILED, Contention, codes, get_keys, retry_contended, transact
from calendar_exceptions.errors import RevisionConflict
from calendar_exceptions.office_hours import layout, rules, writes
from calendar_exceptions.office_hours.models import NewException, OfficeHoursException
from calendar_exceptions.storage import from_item
from public_holidays.library import Holiday


@dataclass(frozen=True)
class Skipped:
    """A holiday date the schedule already had an exception on: that exception is left as it is."""

    exception_date: str
    name: str
    office_hours_exception_id: str

    def to_json(self) -> dict[str, str]:
        return {
            "exception_date": self.exception_date,
            "name": self.name,
            "office_hours_exception_id": self.office_hours_exception_id,
        }


@dataclass(frozen=True)
class Imported:
    created: list[OfficeHoursException]
    skipped: list[Skipped]

    def to_json(self) -> dict[str, Any]:
        """The vendor's list body of the created exceptions, and the dates skipped."""
        return {
            "type": "office_hours_exception.list",
            "data": [exception.to_json() for exception in self.created],
            "skipped": [skipped.to_json() for skipped in self.skipped],
        }


class _Held(NamedTuple):
    """A date claim read (a layout.DateHolder): the exception that holds the date."""

    office_hours_schedule_id: str
    id: str
    exception_date: str


class HolidayExceptions:
    def __init__(self, client: Any, table: str) -> None:
        self._client = client
        self._table = table

    def create(self, workspace: str, schedule_id: str, holidays: list[Holiday]) -> Imported:
        """Create a closed exception on each holiday date the schedule has none on, all or none.

        Raises NotFound without the schedule; RevisionConflict when other writes kept changing
        the schedule's dates until the deadline.
        """
        ids: list[str] = []  # issued once, kept across attempts; an id left unused is a gap

        def attempt() -> Imported:
            held = self._holders(workspace, schedule_id, holidays)
            new = [holiday for holiday in holidays if holiday.date.isoformat() not in held]
            if len(ids) < len(new):
                ids.extend(self._issue_ids(workspace, len(new) - len(ids)))
            at = int(clock.now())
            created = [
                _exception(exception_id, schedule_id, holiday, at)
                for exception_id, holiday in zip(ids, new, strict=False)
            ]
            skipped = [
                Skipped(day, holiday.name, held[day])
                for holiday in holidays
                if (day := holiday.date.isoformat()) in held
            ]
            items = [writes.schedule_exists(self._table, workspace, schedule_id)]
            for exception in created:
                items.append(writes.claim_date(self._table, workspace, exception))
                items.append(writes.new_exception(self._table, workspace, exception))
            for gone in skipped:
                holder = _Held(schedule_id, gone.office_hours_exception_id, gone.exception_date)
                items.append(writes.date_held(self._table, workspace, holder))
            found = codes(transact(self._client, items))
            if not found:
                return Imported(created, skipped)
            if found[0] == CONDITION_FAILED:
                raise rules.schedule_not_found(schedule_id)
            raise Contention("a holiday's date was claimed or freed since the claims were read")

        return retry_contended(attempt, _kept_changing, until_deadline=True)

    def _holders(self, workspace: str, schedule_id: str, holidays: list[Holiday]) -> dict[str, str]:
        """The id of the exception holding each holiday date that one holds (one strongly consistent BatchGetItem)."""
        keys = [layout.date_claim_key(workspace, schedule_id, holiday.date.isoformat()) for holiday in holidays]
        dates = {key["sk"]["S"]: holiday.date.isoformat() for key, holiday in zip(keys, holidays, strict=True)}
        held = {}
        for item in get_keys(self._client, self._table, keys):
            values = from_item(item)
            held[dates[values["sk"]]] = values["exception_id"]
        return held

    def _issue_ids(self, workspace: str, count: int) -> list[str]:
        """`count` new exception ids in one atomic ADD (writes.issue_id), in increasing order."""
        response = self._client.update_item(**writes.issue_id(self._table, workspace, "exception", count))
        last = int(layout.workspace_of(response["Attributes"], "exception").issued_id)
        return [rules.issued_id(counter) for counter in range(last - count + 1, last + 1)]


def _exception(exception_id: str, schedule_id: str, holiday: Holiday, at: int) -> OfficeHoursException:
    """The closed exception of a holiday date, built as the exception create builds one."""
    day = holiday.date.isoformat()
    new = NewException(exception_date=day, exception_type=rules.CLOSED, name=holiday.name, recurring_annually=False)
    return OfficeHoursException(
        id=exception_id,
        office_hours_schedule_id=schedule_id,
        **new.model_dump(exclude={"time_intervals"}),
        time_intervals=None,
        created_at=at,
        updated_at=at,
    )


def _kept_changing() -> RevisionConflict:
    return RevisionConflict("Other requests kept changing the schedule's dates during this request; retry")
