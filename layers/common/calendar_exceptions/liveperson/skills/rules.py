"""Every rule of a skill beyond its types and those every collection object has: the one home of skill rules.

- `dateUpdated`, when sent, is a real moment in the vendor's format `yyyy-MM-dd HH:mm:ss`
  (the pattern is the model's). It is stored and answered as sent: the vendor lists it among
  the fields a request may set.

That `workingHoursId` and `specialOccasionId` name stored objects is a rule about stored
data, kept inside the write's transaction (account_config/references.py), not here. The
other ids a skill holds (agent groups, lines of business, skills it may transfer to, surveys)
name things this product does not store: any well-formed id is accepted.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from calendar_exceptions.errors import echo
from calendar_exceptions.primitives import RuleViolation

if TYPE_CHECKING:
    # Annotations only: the functions that validate no body import no models (pydantic).
    from calendar_exceptions.liveperson.skills.models import SkillFields


def check_skill(skill: SkillFields) -> None:
    if skill.dateUpdated is not None:
        try:
            datetime.strptime(skill.dateUpdated, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            raise RuleViolation("dateUpdated", f"{echo(skill.dateUpdated)} is not a real date and time") from None
