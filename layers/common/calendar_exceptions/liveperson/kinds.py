"""Every LivePerson collection, in one list: what the OpenAPI generator, the defaults reader and the tests go through.

A collection is a Kind (account_config/kind.py) in its own package; adding one is adding its
Kind here.
"""

from __future__ import annotations

from calendar_exceptions.liveperson.skills.kind import SKILLS
from calendar_exceptions.liveperson.special_occasions.kind import SPECIAL_OCCASIONS
from calendar_exceptions.liveperson.workdays.kind import WORKDAYS

KINDS = (SPECIAL_OCCASIONS, WORKDAYS, SKILLS)
