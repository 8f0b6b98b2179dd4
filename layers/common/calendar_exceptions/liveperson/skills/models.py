"""Skill objects as LivePerson's Skills API writes them (`le-users/skills`), the vendor's fields with their types.

Types, ranges and lengths only (strict: see validation.StrictModel; unknown fields are
refused naming them); what a value must mean beyond its type is in `rules`, and that the two
hours references name stored objects is kept by account_config/references.py. The vendor's
Java types: an `int` or `Integer` is 32-bit, a `Long` 64-bit; ids are positive. Absent and
null are the same (an optional field is then not stored, and not answered), but for the two
fields the vendor gives defaults: `maxWaitTime` 120 and `canTransfer` true.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from calendar_exceptions.liveperson.account_config.models import MAX_DESCRIPTION, NamedObject
from calendar_exceptions.validation import StrictModel

INT_MIN, INT_MAX = -(2**31), 2**31 - 1
LONG_MAX = 2**63 - 1
# The vendor's "yyyy-MM-dd HH:mm:ss" ("2015-11-25 14:18:11"); that it is a real moment is a rule.
DATE_UPDATED_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$"
# Lengths and counts the vendor does not state: room for any real value, a bound on a body.
MAX_TEXT_ID = 100
MAX_ROUTING = 100
MAX_LOBS = 100
MAX_TRANSFER = 500  # an account holds at most 500 skills (account_config/service.MAX_PER_ACCOUNT)
MAX_WAIT_TIME = 120

Int = Annotated[int, Field(ge=INT_MIN, le=INT_MAX)]
Seconds = Annotated[int, Field(ge=0, le=INT_MAX)]
Id = Annotated[int, Field(ge=1, le=LONG_MAX)]
TextId = Annotated[str, Field(max_length=MAX_TEXT_ID)]


class RoutingEntry(StrictModel):
    """One member of `skillRoutingConfiguration`: every field required ("If priority is not in use, pass 1")."""

    agentGroupId: Id
    priority: Annotated[int, Field(ge=1, le=INT_MAX)]
    splitPercentage: Annotated[int, Field(ge=0, le=100)]


class SkillFields(NamedObject):
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION)
    skillOrder: Int | None = None
    maxWaitTime: Seconds = MAX_WAIT_TIME
    defaultPostChatSurveyId: TextId | None = None
    defaultOnlineSurveyId: TextId | None = None
    defaultAgentSurveyId: TextId | None = None
    dateUpdated: str | None = Field(default=None, max_length=19, pattern=DATE_UPDATED_PATTERN)
    skillRoutingConfiguration: list[RoutingEntry] | None = Field(default=None, max_length=MAX_ROUTING)
    wrapUpTime: Seconds | None = None
    slaDefaultResponseTime: Seconds | None = None
    slaUrgentResponseTime: Seconds | None = None
    slaFirstTimeResponseTime: Seconds | None = None
    lobIds: list[Id] | None = Field(default=None, max_length=MAX_LOBS)
    canTransfer: bool = True
    skillTransferList: list[Id] | None = Field(default=None, max_length=MAX_TRANSFER)
    # The id of a workdays object / a special occasions object of the same account, or null:
    # the skill's own hours, each replacing the account's default (docs/shift-status.md).
    workingHoursId: Id | None = None
    specialOccasionId: Id | None = None
    postConversationSurveyAppInstallAssociationId: TextId | None = None


class NewSkill(SkillFields):
    """A POSTed skill: the server assigns the id."""


class Skill(SkillFields):
    """A stored skill, and the body of each element of a PUT."""

    id: int = Field(ge=1)
