"""Where office hours live in the shared table: keys, partitions and the stored form of each item.

Item layout (string keys pk, sk):

    pk WORKSPACE#<ws>#OFFICE_HOURS      sk #IDS                        the workspace item: id counters, settings
                                        sk SCHEDULE#<id, 12 digits>    one schedule
                                        sk NAME#<sha256>               the claim of a schedule name by one schedule
                                                                       (the schedule keeps this sk: NAME_CLAIM)
                                        sk ASSIGNMENT#...              a teammate's, team's or the default's schedule
                                                                       (assignments/layout.py)
    pk WORKSPACE#<ws>#SCHEDULE#<id>     sk EXCEPTION#<id, 12 digits>   one exception of that schedule
                                        sk DATE#<YYYY-MM-DD>           the claim of a date by one exception

An exception with recurring_annually true also carries `annual_shard` ("ANNUAL#0" ..
"ANNUAL#7", from a hash of its key): the partition key of the sparse index
AnnualRecurrenceIndex, whose sort key is `exception_date` itself. Every write that sets
recurring_annually sets or removes the shard in the same request, and a date move needs
nothing more, so the index costs no extra round trip (see docs/annual-recurrence.md).

The workspace item holds the last id issued of each kind (`schedule`, `exception`) and the
workspace's settings: `time_zone_name`, the default zone of schedules created without one
(set by the operator, `make workspace`). Issuing an id returns the whole item, so a create
reads the setting at no extra cost.

The schedule id is part of an exception's key, so an exception asked for under another
schedule, or in another workspace, is simply not found. Every exception and schedule write
increments `version` (schedules stored before schedules had one have none: read as 0).
The conditional writes of these items are in writes.py; the benchmark and the tests build
items here too, to seed a table directly.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from calendar_exceptions.office_hours import rules
from calendar_exceptions.office_hours.annual import dates
from calendar_exceptions.storage import from_item, to_item

if TYPE_CHECKING:
    # Only `schedule_of` and the `schedule` and `exception` of a stored item build models, and
    # import them when called: the functions that read or delete use plain values and never
    # import pydantic (docs/office-hours.md).
    from calendar_exceptions.office_hours.models import OfficeHoursException, Schedule

IDS_SK = "#IDS"
EXCEPTION_SK_PREFIX = "EXCEPTION#"
ANNUAL_INDEX = "AnnualRecurrenceIndex"
ANNUAL_SHARD = "annual_shard"
# On a recurring exception the annual job could not move because another exception holds
# its next date: that date. Projected into the index, so that later runs try the exception
# after the others (docs/annual-recurrence.md); any later write of the exception removes it.
ANNUAL_BLOCKED = "annual_blocked"
# Recurring exceptions are spread over this many index partitions, so that their writes
# never crowd one partition and a run could be split per shard (docs/annual-recurrence.md).
ANNUAL_SHARDS = tuple(f"ANNUAL#{n}" for n in range(8))

# On an exception: the year it first applies in when it recurs (annual.dates.first_year), written
# with every whole item, that is whenever a request sets the date; never by the annual job.
FIRST_YEAR = "first_year"
# On a schedule: the sort key of the name claim it holds, so that a rename or a delete
# releases that claim whatever the comparison of names was when it was written.
NAME_CLAIM = "name_claim"

IdKind = Literal["schedule", "exception"]


class DateHolder(Protocol):
    """What names a date claim: OfficeHoursException, a stored one (Versioned) and AnnualCandidate have these."""

    @property
    def office_hours_schedule_id(self) -> str: ...

    @property
    def id(self) -> str: ...

    @property
    def exception_date(self) -> str: ...


@dataclass(frozen=True)
class AnnualCandidate:
    """An exception the annual recurrence index lists: where it is and the date it held when listed."""

    workspace: str
    office_hours_schedule_id: str
    id: str
    exception_date: str
    # The date a run last found taken when it tried to move the exception (ANNUAL_BLOCKED).
    blocked_on: str | None = None

    @classmethod
    def listed(cls, item: dict[str, Any]) -> AnnualCandidate:
        """The candidate an index entry (or any item with these attributes) stands for."""
        values = from_item(item)
        return cls(
            values["workspace"],
            values["office_hours_schedule_id"],
            values["id"],
            values["exception_date"],
            values.get(ANNUAL_BLOCKED),
        )


@dataclass(frozen=True)
class Versioned:
    """A stored exception (its stored values) and its `version`, the condition of a write that replaces or deletes it.

    It holds its date claim (a DateHolder). `exception`, the model, is built on first use:
    by the writes that change the exception, not by a read or a delete.
    """

    values: dict[str, Any]
    version: int

    @property
    def office_hours_schedule_id(self) -> str:
        return self.values["office_hours_schedule_id"]

    @property
    def id(self) -> str:
        return self.values["id"]

    @property
    def exception_date(self) -> str:
        return self.values["exception_date"]

    @functools.cached_property
    def exception(self) -> OfficeHoursException:
        from calendar_exceptions.office_hours.models import OfficeHoursException

        return OfficeHoursException.model_validate(self.values)


@dataclass(frozen=True)
class VersionedSchedule:
    """A stored schedule (its stored values) and its `version` (0 when it has none): a rename or delete's condition.

    `schedule`, the model, is built on first use: by an update, not by a read or a delete.
    """

    values: dict[str, Any]
    version: int

    @property
    def id(self) -> str:
        return self.values["id"]

    @property
    def name(self) -> str:
        return self.values["name"]

    @functools.cached_property
    def schedule(self) -> Schedule:
        from calendar_exceptions.office_hours.models import Schedule

        return Schedule.model_validate(self.values)


@dataclass(frozen=True)
class WorkspaceItem:
    """What a create learns when it takes its id: the id, and the workspace's default time zone."""

    issued_id: str
    time_zone_name: str


def schedules_partition(workspace: str) -> str:
    return f"WORKSPACE#{workspace}#OFFICE_HOURS"


def exceptions_partition(workspace: str, schedule_id: str) -> str:
    return f"WORKSPACE#{workspace}#SCHEDULE#{schedule_id}"


def ids_key(workspace: str) -> dict[str, Any]:
    return {"pk": {"S": schedules_partition(workspace)}, "sk": {"S": IDS_SK}}


def workspace_key(workspace: str) -> dict[str, Any]:
    """The workspace item (id counters and settings); the same item as `ids_key`."""
    return ids_key(workspace)


def name_claim_sk(name: str) -> str:
    """The sort key of the claim of a schedule name: the SHA-256 of the name's comparison form
    (rules.schedule_name_key), which may be longer than a sort key may be."""
    return f"NAME#{hashlib.sha256(rules.schedule_name_key(name).encode()).hexdigest()}"


def name_claim_key(workspace: str, name: str) -> dict[str, Any]:
    """The key of the claim a schedule named `name` takes now (name_claim_sk)."""
    return {"pk": {"S": schedules_partition(workspace)}, "sk": {"S": name_claim_sk(name)}}


def held_name_claim_key(workspace: str, stored: Mapping[str, Any]) -> dict[str, Any]:
    """The key of the claim a stored schedule holds: its NAME_CLAIM, written with the claim.

    A schedule stored before it had one (when the comparison was NFC, case folding and
    surrounding white space only) holds the claim of that comparison, `_claim_sk_before_name_claim`,
    or none at all if it predates name claims: releasing a claim nobody holds succeeds.
    """
    sk = stored.get(NAME_CLAIM) or _claim_sk_before_name_claim(stored["name"])
    return {"pk": {"S": schedules_partition(workspace)}, "sk": {"S": sk}}


def _claim_sk_before_name_claim(name: str) -> str:
    """The claim's sort key as written before schedules kept NAME_CLAIM (the comparison of that time)."""
    key = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold()).strip()
    return f"NAME#{hashlib.sha256(key.encode()).hexdigest()}"


def schedule_key(workspace: str, schedule_id: str) -> dict[str, Any]:
    return {"pk": {"S": schedules_partition(workspace)}, "sk": {"S": f"SCHEDULE#{int(schedule_id):012d}"}}


def exception_key(workspace: str, schedule_id: str, exception_id: str) -> dict[str, Any]:
    pk = exceptions_partition(workspace, schedule_id)
    return {"pk": {"S": pk}, "sk": {"S": f"{EXCEPTION_SK_PREFIX}{int(exception_id):012d}"}}


def date_claim_key(workspace: str, schedule_id: str, exception_date: str) -> dict[str, Any]:
    """The key of the claim of a date in a schedule (claim_item)."""
    return {"pk": {"S": exceptions_partition(workspace, schedule_id)}, "sk": {"S": f"DATE#{exception_date}"}}


def annual_shard(workspace: str, schedule_id: str, exception_id: str) -> str:
    """The index partition of a recurring exception: a stable hash of its key, never of what changes."""
    key = exception_key(workspace, schedule_id, exception_id)
    return ANNUAL_SHARDS[zlib.crc32(f"{key['pk']['S']}|{key['sk']['S']}".encode()) % len(ANNUAL_SHARDS)]


def schedule_item(workspace: str, schedule: Schedule, version: int = 1) -> dict[str, Any]:
    """The stored item of a schedule, with the sort key of the name claim it takes (NAME_CLAIM)."""
    values = {**schedule.stored(), "workspace": workspace, "version": version, NAME_CLAIM: name_claim_sk(schedule.name)}
    return {**schedule_key(workspace, schedule.id), **to_item(values)}


def exception_item(workspace: str, exception: OfficeHoursException, version: int) -> dict[str, Any]:
    """The stored item of an exception, with its index shard when it recurs annually.

    A whole item is written only where a request sets the exception's date (a create, a PUT
    that moves it), so it always carries the first year of that date (FIRST_YEAR): every
    create path that builds its items here keeps the rule.
    """
    schedule_id = exception.office_hours_schedule_id
    first_year = dates.first_year(exception.exception_date)
    values = {**exception.stored(), "workspace": workspace, "version": version, FIRST_YEAR: first_year}
    if exception.recurring_annually:
        values[ANNUAL_SHARD] = annual_shard(workspace, schedule_id, exception.id)
    return {**exception_key(workspace, schedule_id, exception.id), **to_item(values)}


def claim_item(workspace: str, holder: DateHolder) -> dict[str, Any]:
    """The item that reserves `holder.exception_date` in its schedule for exception `holder.id`."""
    key = date_claim_key(workspace, holder.office_hours_schedule_id, holder.exception_date)
    return {**key, "exception_id": {"S": holder.id}}


def schedule_of(item: dict[str, Any]) -> Schedule:
    from calendar_exceptions.office_hours.models import Schedule

    return Schedule.model_validate(from_item(item))


def versioned_schedule(item: dict[str, Any]) -> VersionedSchedule:
    values = from_item(item)
    return VersionedSchedule(values, values.get("version", 0))


def workspace_of(item: dict[str, Any], kind: IdKind) -> WorkspaceItem:
    """The id just issued of `kind` and the default time zone, from the workspace item."""
    values = from_item(item)
    return WorkspaceItem(rules.issued_id(values[kind]), values.get("time_zone_name", rules.DEFAULT_TIME_ZONE))


def versioned(item: dict[str, Any]) -> Versioned:
    values = from_item(item)
    return Versioned(values, values["version"])
