"""Business rules of a collection (special occasions, workdays, skills): revisions, ids, names, default, references."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from calendar_exceptions.dynamodb import Contention, retry_contended
from calendar_exceptions.errors import InvalidInput, NotFound, RevisionConflict, echo
from calendar_exceptions.liveperson.account_config import references
from calendar_exceptions.liveperson.account_config.kind import Kind
from calendar_exceptions.liveperson.account_config.repository import Change, CollectionRepository, Head, IndexEntry
from calendar_exceptions.liveperson.kinds import KINDS
from calendar_exceptions.names import name_key

if TYPE_CHECKING:
    from calendar_exceptions.liveperson.account_config.models import NamedObject

# The head item indexes every object of an account's collection; this keeps it (and each write) small.
MAX_PER_ACCOUNT = 500
# Creates without If-Match race with every write of the account's collection, all serialised
# on its head: their pauses (dynamodb.pause) start at 0.1 s and double up to 2 s, so that a
# crowd of them spreads out instead of colliding again. Measured with 32 concurrent creates
# through the local API (RELIABILITY.md): 0.01 s doubling to 0.4 s landed 3 to 17 of them
# before the deadline; these, with a fresh read of the head after each pause, 26 to 32.
CREATE_FIRST_PAUSE = 0.1
CREATE_LONGEST_PAUSE = 2.0


@dataclass(frozen=True)
class Outcome:
    """A revision and objects: a read's as stored (plain JSON), a write's as models."""

    revision: int
    objects: list[Any]
    modified: bool = True


class CollectionService:
    def __init__(self, repository: CollectionRepository, kind: Kind) -> None:
        self._repository = repository
        self._kind = kind

    def list(self, account: str) -> Outcome:
        head, objects = self._repository.all(account)
        return Outcome(head.revision, objects, modified=False)

    def get(self, account: str, object_id: int) -> Outcome:
        head, found = self._repository.one(account, object_id)
        if found is None:
            raise self._not_found(object_id)
        return Outcome(head.revision, [found], modified=False)

    def create(self, account: str, if_match: int | None, new: list[NamedObject]) -> Outcome:
        kind = self._kind

        def attempt() -> Outcome:
            # Read after each pause: a head answered by the refused write would be stale by now.
            head = self._repository.head(account)
            if if_match is not None:
                _require_revision(head, if_match)
            if len(head.index) + len(new) > MAX_PER_ACCOUNT:
                raise InvalidInput(f"body: an account holds at most {MAX_PER_ACCOUNT} {kind.plural}", "body")
            created = [
                kind.model(id=head.last_id + offset, **_fields(item)) for offset, item in enumerate(new, start=1)
            ]
            self._require_unique_names(head, created)
            change = _change(kind, head, created, last_id=head.last_id + len(new))
            try:
                self._repository.commit(account, head, change, self._reference_checks(account, head, created))
            except RevisionConflict:
                if if_match is not None:
                    raise
                # Another write moved the revision between this read and this write.
                raise Contention("the collection changed since its head was read") from None
            return Outcome(change.head.revision, created)

        # Without If-Match a create contends with every other write of the account, for as
        # long as the deadline allows; with one, a moved revision is a 409 at once.
        if if_match is None:
            return retry_contended(
                attempt,
                _kept_changing,
                until_deadline=True,
                first_pause=CREATE_FIRST_PAUSE,
                longest_pause=CREATE_LONGEST_PAUSE,
            )
        return retry_contended(attempt, _in_progress)

    def update(self, account: str, if_match: int, objects: list[Any]) -> Outcome:
        # A head this environment holds at the client's revision saves the read when the
        # request writes: the write's condition on the revision confirms the head. Any other
        # answer (304, 404, 400) is decided again on the stored head, which could have moved
        # on, and then the answer is 409.
        return retry_contended(lambda: self._update(account, if_match, objects), _in_progress)

    def _update(self, account: str, if_match: int, objects: list[Any]) -> Outcome:
        cached = self._repository.cached_head(account, if_match)
        if cached is not None:
            try:
                change = self._update_change(cached, if_match, objects)
            except (InvalidInput, NotFound):
                change = None
            if change is not None:
                self._repository.commit(account, cached, change, self._reference_checks(account, cached, objects))
                return Outcome(change.head.revision, objects)
        head = self._repository.head(account)
        change = self._update_change(head, if_match, objects)
        if change is None:
            return Outcome(head.revision, objects, modified=False)
        self._repository.commit(account, head, change, self._reference_checks(account, head, objects))
        return Outcome(change.head.revision, objects)

    def delete(self, account: str, if_match: int, ids: list[int]) -> Outcome:
        return retry_contended(lambda: self._delete(account, if_match, ids), _in_progress)

    def _delete(self, account: str, if_match: int, ids: list[int]) -> Outcome:
        head = self._repository.head(account)
        _require_revision(head, if_match)
        for object_id in ids:
            if object_id not in head.index:
                raise self._not_found(object_id)
        index = {i: entry for i, entry in head.index.items() if i not in ids}
        default_id = None if head.default_id in ids else head.default_id
        new_head = replace(head, revision=head.revision + 1, default_id=default_id, index=index)
        # What other collections' objects reference must stay: the delete checks their heads.
        checks = references.referrer_checks(self._kind, self._repository.table, account, ids, KINDS)
        self._repository.commit(account, head, Change(new_head, delete=ids), checks)
        return Outcome(new_head.revision, [])

    def _reference_checks(self, account: str, head: Head, objects: list[Any]) -> list[references.Check]:
        """That each reference the objects take on names a stored object (a write's checks; none for most kinds)."""
        before = {object_id: entry.refs for object_id, entry in head.index.items()}
        return references.new_reference_checks(self._kind, self._repository.table, account, before, objects)

    def _not_found(self, object_id: int) -> NotFound:
        return NotFound(f"{self._kind.noun.capitalize()} {object_id} not found")

    def _update_change(self, head: Head, if_match: int, objects: list[Any]) -> Change | None:
        """The write that makes `objects` of `head` what they say; None when nothing would change."""
        _require_revision(head, if_match)
        for item in objects:
            if item.id not in head.index:
                raise self._not_found(item.id)
        self._require_unique_names(head, objects)
        changed = [item for item in objects if _differs(head, item)]
        if not changed:
            return None
        return _change(self._kind, head, objects, last_id=head.last_id, written=changed)

    def _require_unique_names(self, head: Head, objects: list[Any]) -> None:
        written = {item.id for item in objects}
        taken = {name_key(entry.name): i for i, entry in head.index.items() if i not in written}
        for index, item in enumerate(objects):
            other = taken.get(name_key(item.name))
            if other is not None:
                raise InvalidInput(
                    f"[{index}].name: {echo(item.name)} is already the name of {self._kind.noun} {other}",
                    f"[{index}].name",
                )


def _kept_changing() -> RevisionConflict:
    return RevisionConflict("The collection kept changing during this request; retry")


def _in_progress() -> RevisionConflict:
    return RevisionConflict("A concurrent change is in progress; retry")


def _require_revision(head: Head, if_match: int) -> None:
    if head.revision != if_match:
        raise RevisionConflict(f"Revision {if_match} in If-Match is not the current revision {head.revision}")


def _differs(head: Head, item: Any) -> bool:
    stored = head.index[item.id]
    return stored.digest != item.content_digest() or item.is_default != (head.default_id == item.id)


def _change(kind: Kind, head: Head, objects: list[Any], last_id: int, written: list[Any] | None = None) -> Change:
    """The new head and writes for `objects`; making one the default clears the previous one."""
    default_id = head.default_id
    for item in objects:
        if item.is_default:
            default_id = item.id
        elif default_id == item.id:
            default_id = None
    index = dict(head.index)
    index.update(
        {item.id: IndexEntry(item.name, item.content_digest(), references.held(kind, item)) for item in objects}
    )
    request_ids = {item.id for item in objects}
    previous = head.default_id
    clear_default = (
        previous if previous is not None and previous != default_id and previous not in request_ids else None
    )
    new_head = Head(revision=head.revision + 1, last_id=last_id, default_id=default_id, index=index, exists=True)
    return Change(new_head, put=objects if written is None else written, clear_default=clear_default)


def _fields(item: NamedObject) -> dict[str, object]:
    return {name: getattr(item, name) for name in type(item).model_fields}
