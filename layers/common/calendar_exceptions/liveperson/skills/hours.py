"""Which workday and special occasion objects apply to a skill, or to each skill of an account: its shift status input.

A skill's own workdays object (`workingHoursId`) replaces the account's default workdays,
and its own special occasions object (`specialOccasionId`) the default special occasion,
each independently; a skill that names none, or a skill id the account does not have, gets
the account's defaults (the vendor answers an unknown skill at the account level). The
reads are account_config/defaults.read_applying: two strongly consistent round trips, a
skill's item (or the skills head, whose index holds every skill's references) read with the
collections' heads. The objects are plain dicts, as stored (no models, no pydantic).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from calendar_exceptions.liveperson.account_config.defaults import Objects, read_applying
from calendar_exceptions.liveperson.account_config.kind import Kind
from calendar_exceptions.liveperson.skills.kind import SKILLS
from calendar_exceptions.liveperson.special_occasions.kind import SPECIAL_OCCASIONS
from calendar_exceptions.liveperson.workdays.kind import WORKDAYS
from calendar_exceptions.storage import from_item

_INTO = {reference.field: reference.kind for reference in SKILLS.references}


class SkillHours(NamedTuple):
    """The stored objects a skill's shift status is computed from (None: the account has none that applies),
    and the revisions of their collections when read (a feed's SEQUENCE grows with them)."""

    workday: dict[str, Any] | None
    occasion: dict[str, Any] | None
    workday_revision: int = 0
    occasion_revision: int = 0


def skill_hours(client: Any, table: str, account: str, skill_id: int) -> SkillHours:
    """The workdays and special occasions objects that apply to skill `skill_id` of `account` (the account's
    defaults for a skill it does not have)."""

    def owners(item: dict[str, Any] | None) -> dict[int, dict[Kind, int]]:
        values = from_item(item) if item else {}
        return {skill_id: {kind: values[field] for field, kind in _INTO.items() if values.get(field) is not None}}

    found = read_applying(client, table, account, SKILLS.layout.item_key(account, skill_id), owners)
    return _hours(found.objects[skill_id], found.revisions)


def account_hours(client: Any, table: str, account: str) -> dict[int, SkillHours]:
    """Every skill of `account`, in ascending id, with the objects that apply to it ({} without skills)."""

    def owners(head: dict[str, Any] | None) -> dict[int, dict[Kind, int]]:
        index = from_item(head).get("index", {}) if head else {}
        return {int(i): {_INTO[f]: v for f, v in entry.get("refs", {}).items()} for i, entry in index.items()}

    found = read_applying(client, table, account, SKILLS.layout.head_key(account), owners)
    return {skill: _hours(found.objects[skill], found.revisions) for skill in sorted(found.objects)}


def _hours(objects: Objects, revisions: dict[Kind, int]) -> SkillHours:
    return SkillHours(
        objects[WORKDAYS], objects[SPECIAL_OCCASIONS], revisions.get(WORKDAYS, 0), revisions.get(SPECIAL_OCCASIONS, 0)
    )
