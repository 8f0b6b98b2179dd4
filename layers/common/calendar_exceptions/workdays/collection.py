"""The workdays collection (`workinghours`), as the shared collection machinery (account_config) serves it."""

from __future__ import annotations

from calendar_exceptions.account_config.kind import Kind
from calendar_exceptions.workdays import rules
from calendar_exceptions.workdays.models import NewWorkday, Workday

WORKDAYS = Kind(
    type="workinghours",
    partition="WORKINGHOURS",
    item_prefix="WORKDAY",
    noun="workday",
    plural="workdays",
    metric="Workdays",
    new_model=NewWorkday,
    model=Workday,
    check_event=rules.check_event,
)
