"""The special occasions collection, as the shared collection machinery (account_config) serves it."""

from __future__ import annotations

from calendar_exceptions.account_config import layout
from calendar_exceptions.account_config.kind import Kind
from calendar_exceptions.special_occasions import rules
from calendar_exceptions.special_occasions.models import NewSpecialOccasion, SpecialOccasion

SPECIAL_OCCASIONS = Kind(
    type="specialoccasion",
    partition=layout.SPECIAL_OCCASIONS.partition,
    item_prefix=layout.SPECIAL_OCCASIONS.item_prefix,
    noun="special occasion",
    plural="special occasions",
    metric="SpecialOccasions",
    new_model=NewSpecialOccasion,
    model=SpecialOccasion,
    check_event=rules.check_event,
)
