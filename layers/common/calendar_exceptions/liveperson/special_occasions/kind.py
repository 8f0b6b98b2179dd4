"""The special occasions collection, as the shared collection machinery (account_config) serves it."""

from __future__ import annotations

from calendar_exceptions.liveperson.account_config import layout
from calendar_exceptions.liveperson.account_config.kind import Kind

SPECIAL_OCCASIONS = Kind(
    type="specialoccasion",
    partition=layout.SPECIAL_OCCASIONS.partition,
    item_prefix=layout.SPECIAL_OCCASIONS.item_prefix,
    noun="special occasion",
    plural="special occasions",
    metric="SpecialOccasions",
    models_module="calendar_exceptions.liveperson.special_occasions.models",
    model_name="SpecialOccasion",
    new_model_name="NewSpecialOccasion",
    rules_module="calendar_exceptions.liveperson.special_occasions.rules",
)
