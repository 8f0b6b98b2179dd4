"""The workdays collection (`workinghours`), as the shared collection machinery (account_config) serves it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from calendar_exceptions.liveperson.account_config.kind import Kind, each_event
from calendar_exceptions.liveperson.account_config.layout import Layout

if TYPE_CHECKING:
    from calendar_exceptions.liveperson.account_config.models import ObjectFields


def _models() -> tuple[type[ObjectFields], type[ObjectFields]]:
    from calendar_exceptions.liveperson.workdays.models import NewWorkday, Workday

    return Workday, NewWorkday


def _check_event(event: Any) -> None:
    from calendar_exceptions.liveperson.workdays.rules import check_event

    check_event(event)


WORKDAYS = Kind(
    type="workinghours",
    layout=Layout("WORKINGHOURS", "WORKDAY"),
    noun="workday",
    plural="workdays",
    metric="Workdays",
    model_name="Workday",
    new_model_name="NewWorkday",
    models=_models,
    prefix="ac-common",
    check_object=each_event(_check_event),
)
