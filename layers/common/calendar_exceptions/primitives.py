"""What both APIs mean the same way: time zone names, the date pattern, limits.

Each API's rules module (special_occasions/rules.py, office_hours/rules.py) builds on these
and says in its own terms which field broke them. Standard library only: the read-only
functions import it without the request models (validation.StrictModel, pydantic).
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

# A zone name field accepts at most this many characters; the longest IANA name is 32.
MAX_TIME_ZONE = 64
# The largest request body either API accepts, in bytes of UTF-8 (a typical special
# occasion is about 400 bytes, an office hours exception about 200). A larger body is
# refused before it is parsed, so its size costs no parsing and no validation.
MAX_BODY_BYTES = 256 * 1024
# A calendar date as both APIs write it; whether it is a real date is for date.fromisoformat.
# Only ASCII digits are digits ("\d" also matches full-width or Arabic-Indic digits), in every
# pattern of both APIs.
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# In tzdata's list of zones, but not a time zone: the IANA database's placeholder for "the
# local zone is not set" (abbreviation "-00"); a client that sends it has not chosen a zone.
_NOT_ZONES = frozenset({"Factory"})


class RuleViolation(ValueError):
    """A value breaks a rule; `field` names it relative to the object being checked."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


@functools.cache
def zone_names() -> frozenset[str]:
    """Every time zone name both APIs accept: the IANA names the layer's pinned tzdata lists.

    Not whatever zoneinfo can open: it also opens files of the host, such as `localtime`
    (whatever the host's clock is set to), `posixrules`, `right/UTC` or `posix/Europe/Paris`.
    """
    listed = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
    return frozenset(listed) - _NOT_ZONES


def is_zone_name(name: str) -> bool:
    return name in zone_names()


@functools.cache
def zone(name: str) -> ZoneInfo:
    """The zone `name` as the pinned tzdata defines it, never the host's copy; KeyError for any other name.

    zoneinfo looks in the host's zone files before tzdata, so ZoneInfo(name) could follow
    another release of the database than the one whose names are accepted.
    """
    if not is_zone_name(name):
        raise KeyError(name)
    with resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).open("rb") as data:
        # Imported here: zoneinfo's import reads the interpreter's build settings (about 5 ms),
        # which a function that opens no zone (most answer without one) need not pay.
        from zoneinfo import ZoneInfo

        return ZoneInfo.from_file(data, key=name)
