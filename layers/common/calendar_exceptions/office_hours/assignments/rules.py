"""Every rule of office hours assignments, stated once: who holds a schedule, who inherits, paging, the bulk.

Pure: values in, a verdict out. The product has no directory of teammates and teams: any id
of the Intercom form (`HOLDER_ID_PATTERN`) is a teammate or a team, and one never assigned
inherits. What each holder inherits is `inherited_from`; docs/office-hours.md gives the
reading of the vendor's silence behind it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from calendar_exceptions.errors import NotFound, Unprocessable, echo
from calendar_exceptions.office_hours.rules import ID_PATTERN
from calendar_exceptions.primitives import RuleViolation

# Teammates' (admins') and teams' ids as Intercom issues them: a positive integer, written
# without leading zeros, that a signed 64-bit integer holds. Anything else names no one (404).
HOLDER_ID_PATTERN = "^[1-9][0-9]{0,18}$"
HOLDER_ID_DIGITS = 19
_HOLDER_ID = re.compile(HOLDER_ID_PATTERN)
_SCHEDULE_ID = re.compile(ID_PATTERN)

HolderKind = Literal["admin", "team", "workspace"]


@dataclass(frozen=True)
class Holder:
    """Who a schedule is assigned to: a teammate (`admin`), a team, or the workspace (its default)."""

    kind: HolderKind
    id: str = ""

    def __str__(self) -> str:
        if self.kind == "workspace":
            return "the workspace default"
        return f"{'teammate' if self.kind == 'admin' else 'team'} {self.id}"


WORKSPACE_DEFAULT = Holder("workspace")


def admin(admin_id: str) -> Holder:
    return Holder("admin", admin_id)


def team(team_id: str) -> Holder:
    return Holder("team", team_id)


def inherited_from(holder: Holder) -> Holder | None:
    """Whose schedule `holder` uses when it has none of its own: a team's and a teammate's, the workspace
    default's (the vendor says a teammate "inherits" without saying from what: the product has no team
    membership, so the workspace default); the workspace default inherits from no one."""
    return None if holder.kind == "workspace" else WORKSPACE_DEFAULT


def effective_schedule(own: str | None, inherited: str | None) -> str | None:
    """The schedule that applies: the holder's own, else the one it inherits; None when neither."""
    return own if own is not None else inherited


def is_holder_id(text: str) -> bool:
    return bool(_HOLDER_ID.fullmatch(text))


def admin_not_found(admin_id: str) -> NotFound:
    """A path id that names no teammate: not of the Intercom form (404, as the vendor answers for teams)."""
    return NotFound(f"id: {echo(admin_id)} is not a teammate id", "id")


def team_not_found(team_id: str) -> NotFound:
    """A path id that names no team (404: "an unknown, malformed, or other-workspace team id")."""
    return NotFound(f"team_id: {echo(team_id)} is not a team id", "team_id")


def no_schedule(holder: Holder) -> NotFound:
    """404 where a schedule is answered and none applies: no own schedule and no workspace default."""
    if holder.kind == "workspace":
        return NotFound("The workspace has no default office hours schedule", None)
    field, whose = ("team_id", "its") if holder.kind == "team" else ("id", "their")
    return NotFound(
        f"{field}: {holder} has no office hours schedule of {whose} own and the workspace has no default", field
    )


def unknown_schedule(schedule_id: str, field: str = "office_hours_schedule_id") -> Unprocessable:
    """422: an assignment names a schedule the workspace does not have ("unknown, invalid, or other-workspace")."""
    shown = schedule_id if is_schedule_id(schedule_id) else echo(schedule_id)
    return Unprocessable(f"{field}: schedule {shown} not found", field)


def is_schedule_id(text: str) -> bool:
    """Whether `text` can name a schedule at all (office_hours.rules.ID_PATTERN); one that cannot is unknown."""
    return bool(_SCHEDULE_ID.fullmatch(text))


class ScheduleInUse(Unprocessable):
    """A schedule that a teammate, a team or the workspace default uses is not deleted (422), naming them.

    At most MAX_NAMED holders are named, then how many more. Kept in storage by the
    schedule's `assigned` marker (assignments/layout.py): a delete is conditional on it.
    """

    MAX_NAMED = 10

    def __init__(self, schedule_id: str, users: Sequence[Holder]) -> None:
        ordered = sorted(users, key=_holder_order)
        named = ", ".join(str(holder) for holder in ordered[: self.MAX_NAMED])
        more = f" and {len(ordered) - self.MAX_NAMED} more" if len(ordered) > self.MAX_NAMED else ""
        super().__init__(
            f"office_hours_schedule_id: schedule {schedule_id} is in use by {named}{more}; "
            "assign them another schedule (or none) first",
            "office_hours_schedule_id",
        )
        self.users = ordered


def _holder_order(holder: Holder) -> tuple[int, int]:
    return ({"workspace": 0, "team": 1, "admin": 2}[holder.kind], int(holder.id or 0))


# --- the teammates' list: GET /admins/office_hours ----------------------------------------

MAX_PER_PAGE = 50
# The vendor does not say; its largest page, so that a client that sends none pages least.
DEFAULT_PER_PAGE = MAX_PER_PAGE
_DIGITS = re.compile(r"[0-9]+")


def per_page(text: str | None) -> int:
    """`per_page`: a positive integer (ASCII digits); above MAX_PER_PAGE is MAX_PER_PAGE ("values above 50 are
    reduced to 50"); 0, negative, or not an integer is a 400 naming it."""
    if text is None:
        return DEFAULT_PER_PAGE
    if not _DIGITS.fullmatch(text) or not text.strip("0"):
        raise RuleViolation("per_page", f"{echo(text)} must be a positive integer")
    return MAX_PER_PAGE if len(text.lstrip("0")) > 2 else min(int(text), MAX_PER_PAGE)


def starting_after(text: str | None) -> str | None:
    """`starting_after`: the cursor of `pages.next`, a teammate id; the page starts after that teammate,
    whether or not they still hold a schedule."""
    if text is not None and not is_holder_id(text):
        raise RuleViolation("starting_after", f"{echo(text)} is not a cursor this list gave (a teammate id)")
    return text


# --- the bulk update: PUT /admins/office_hours --------------------------------------------

MAX_BULK = 50


def check_admin_id(text: str, field: str) -> None:
    """A teammate id sent in a body: of the Intercom form (400 naming the field)."""
    if not is_holder_id(text):
        raise RuleViolation(field, f"{echo(text)} is not a teammate id")


def check_distinct(admin_ids: Sequence[str]) -> None:
    """Each teammate at most once in a bulk update: the second mention is a 400 naming it by index."""
    first: dict[str, int] = {}
    for index, admin_id in enumerate(admin_ids):
        if admin_id in first:
            field = f"assignments[{index}].admin_id"
            raise RuleViolation(field, f"teammate {admin_id} is also assignments[{first[admin_id]}]; send each once")
        first[admin_id] = index
