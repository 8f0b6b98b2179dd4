"""The special occasions collection, as the shared collection machinery (account_config) serves it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from calendar_exceptions.liveperson.account_config.kind import Kind, each_event
from calendar_exceptions.liveperson.account_config.layout import Layout

if TYPE_CHECKING:
    from calendar_exceptions.liveperson.account_config.models import ObjectFields


def _models() -> tuple[type[ObjectFields], type[ObjectFields]]:
    from calendar_exceptions.liveperson.special_occasions.models import NewSpecialOccasion, SpecialOccasion

    return SpecialOccasion, NewSpecialOccasion


def _check_event(event: Any) -> None:
    from calendar_exceptions.liveperson.special_occasions.rules import check_event

    check_event(event)


SPECIAL_OCCASIONS = Kind(
    type="specialoccasion",
    layout=Layout("SPECIALOCCASION", "OCCASION"),
    noun="special occasion",
    plural="special occasions",
    metric="SpecialOccasions",
    model_name="SpecialOccasion",
    new_model_name="NewSpecialOccasion",
    models=_models,
    prefix="ac-common",
    check_object=each_event(_check_event),
)
