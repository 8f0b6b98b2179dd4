"""The workdays collection (`workinghours`), as the shared collection machinery (account_config) serves it."""

from __future__ import annotations

from calendar_exceptions.account_config import layout
from calendar_exceptions.account_config.kind import Kind
from calendar_exceptions.workdays import rules
from calendar_exceptions.workdays.models import NewWorkday, Workday

WORKDAYS = Kind(
    type="workinghours",
    partition=layout.WORKDAYS.partition,
    item_prefix=layout.WORKDAYS.item_prefix,
    noun="workday",
    plural="workdays",
    metric="Workdays",
    new_model=NewWorkday,
    model=Workday,
    check_event=rules.check_event,
)
