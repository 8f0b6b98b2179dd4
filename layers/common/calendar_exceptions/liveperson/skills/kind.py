"""The skills collection (`le-users/skills`), as the shared collection machinery (account_config) serves it.

A skill has no `isDefault` (the head's `default_id` stays null) and no events; its
`workingHoursId` and `specialOccasionId` reference a workdays and a special occasions object
of the same account (account_config/references.py keeps them pointing at stored objects).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from calendar_exceptions.liveperson.account_config.kind import Kind, Reference
from calendar_exceptions.liveperson.account_config.layout import Layout
from calendar_exceptions.liveperson.special_occasions.kind import SPECIAL_OCCASIONS
from calendar_exceptions.liveperson.workdays.kind import WORKDAYS

if TYPE_CHECKING:
    from calendar_exceptions.liveperson.account_config.models import NamedObject


def _models() -> tuple[type[NamedObject], type[NamedObject]]:
    from calendar_exceptions.liveperson.skills.models import NewSkill, Skill

    return Skill, NewSkill


def _check_object(skill: Any) -> None:
    from calendar_exceptions.liveperson.skills.rules import check_skill

    check_skill(skill)


WORKING_HOURS = Reference("workingHoursId", WORKDAYS)
SPECIAL_OCCASION = Reference("specialOccasionId", SPECIAL_OCCASIONS)

SKILLS = Kind(
    type="skills",
    prefix="le-users",
    layout=Layout("SKILLS", "SKILL"),
    noun="skill",
    plural="skills",
    metric="Skills",
    model_name="Skill",
    new_model_name="NewSkill",
    models=_models,
    check_object=_check_object,
    has_default=False,
    references=(WORKING_HOURS, SPECIAL_OCCASION),
)
