"""Where each LivePerson collection lives in the shared table: its partition, head and object keys.

    pk ACCOUNT#<account>#SPECIALOCCASION   sk #HEAD                  revision, last_id, default_id, index
                                           sk OCCASION#<id:012d>     one special occasion (its JSON fields)
    pk ACCOUNT#<account>#WORKINGHOURS      sk #HEAD                  the same, for workdays
                                           sk WORKDAY#<id:012d>      one workday object
    pk ACCOUNT#<account>#SKILLS            sk #HEAD                  the same, for skills, and `uses#<PARTITION>#<id>`:
                                                                     the skills using each object of another collection
                                           sk SKILL#<id:012d>        one skill

Each collection's Kind holds its Layout (special_occasions/kind.py, workdays/kind.py, skills/kind.py).
Standard library only: the shift status reads these keys without the collections' models.
"""

from __future__ import annotations

from typing import Any, NamedTuple

HEAD_SK = "#HEAD"


class Layout(NamedTuple):
    """One collection's keys: partition ACCOUNT#<account>#<partition>, objects at <item_prefix>#<id:012d>."""

    partition: str
    item_prefix: str

    def partition_key(self, account: str) -> str:
        return f"ACCOUNT#{account}#{self.partition}"

    def sort_key(self, object_id: int) -> str:
        return f"{self.item_prefix}#{object_id:012d}"

    def head_key(self, account: str) -> dict[str, Any]:
        return {"pk": {"S": self.partition_key(account)}, "sk": {"S": HEAD_SK}}

    def item_key(self, account: str, object_id: int) -> dict[str, Any]:
        return {"pk": {"S": self.partition_key(account)}, "sk": {"S": self.sort_key(object_id)}}

    def uses_attribute(self, object_id: int) -> str:
        """The head attribute of a referring collection that lists its objects using this collection's `object_id`."""
        return f"uses#{self.partition}#{object_id}"
