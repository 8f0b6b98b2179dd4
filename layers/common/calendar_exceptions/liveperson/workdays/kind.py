"""The workdays collection (`workinghours`), as the shared collection machinery (account_config) serves it."""

from __future__ import annotations

from calendar_exceptions.liveperson.account_config import layout
from calendar_exceptions.liveperson.account_config.kind import Kind

WORKDAYS = Kind(
    type="workinghours",
    partition=layout.WORKDAYS.partition,
    item_prefix=layout.WORKDAYS.item_prefix,
    noun="workday",
    plural="workdays",
    metric="Workdays",
    models_module="calendar_exceptions.liveperson.workdays.models",
    model_name="Workday",
    new_model_name="NewWorkday",
    rules_module="calendar_exceptions.liveperson.workdays.rules",
)
