"""Business rules of the special occasions collection: revisions, ids, names and the default."""

from __future__ import annotations

from dataclasses import dataclass, replace

from calendar_exceptions.dynamodb import Contention, retry_contended
from calendar_exceptions.errors import InvalidInput, NotFound, RevisionConflict, echo
from calendar_exceptions.names import name_key
from calendar_exceptions.special_occasions.models import NewSpecialOccasion, OccasionFields, SpecialOccasion
from calendar_exceptions.special_occasions.repository import Change, Head, IndexEntry, SpecialOccasionRepository

# The head item indexes every occasion of an account; this keeps it (and each write) small.
MAX_PER_ACCOUNT = 500


@dataclass(frozen=True)
class Outcome:
    revision: int
    occasions: list[SpecialOccasion]
    modified: bool = True


class SpecialOccasionService:
    def __init__(self, repository: SpecialOccasionRepository) -> None:
        self._repository = repository

    def list(self, account: str) -> Outcome:
        head, occasions = self._repository.all(account)
        return Outcome(head.revision, occasions, modified=False)

    def get(self, account: str, occasion_id: int) -> Outcome:
        head, occasion = self._repository.one(account, occasion_id)
        if occasion is None:
            raise NotFound(f"Special occasion {occasion_id} not found")
        return Outcome(head.revision, [occasion], modified=False)

    def create(self, account: str, if_match: int | None, new: list[NewSpecialOccasion]) -> Outcome:
        def attempt() -> Outcome:
            head = self._repository.head(account)
            if if_match is not None:
                _require_revision(head, if_match)
            if len(head.index) + len(new) > MAX_PER_ACCOUNT:
                raise InvalidInput(f"body: an account holds at most {MAX_PER_ACCOUNT} special occasions", "body")
            occasions = [
                SpecialOccasion(id=head.last_id + offset, **_fields(occasion))
                for offset, occasion in enumerate(new, start=1)
            ]
            _require_unique_names(head, occasions)
            change = _change(head, occasions, last_id=head.last_id + len(new))
            try:
                self._repository.commit(account, head, change)
            except RevisionConflict:
                if if_match is not None:
                    raise
                # Another write moved the revision between this read and this write.
                raise Contention("the collection changed since its head was read") from None
            return Outcome(change.head.revision, occasions)

        # Without If-Match a create contends with every other write of the account, for as
        # long as the deadline allows; with one, a moved revision is a 409 at once.
        if if_match is None:
            return retry_contended(attempt, _kept_changing, until_deadline=True)
        return retry_contended(attempt, _in_progress)

    def update(self, account: str, if_match: int, occasions: list[SpecialOccasion]) -> Outcome:
        # A head this environment holds at the client's revision saves the read when the
        # request writes: the write's condition on the revision confirms the head. Any other
        # answer (304, 404, 400) is decided again on the stored head, which could have moved
        # on, and then the answer is 409.
        return retry_contended(lambda: self._update(account, if_match, occasions), _in_progress)

    def _update(self, account: str, if_match: int, occasions: list[SpecialOccasion]) -> Outcome:
        cached = self._repository.cached_head(account, if_match)
        if cached is not None:
            try:
                change = _update_change(cached, if_match, occasions)
            except (InvalidInput, NotFound):
                change = None
            if change is not None:
                self._repository.commit(account, cached, change)
                return Outcome(change.head.revision, occasions)
        head = self._repository.head(account)
        change = _update_change(head, if_match, occasions)
        if change is None:
            return Outcome(head.revision, occasions, modified=False)
        self._repository.commit(account, head, change)
        return Outcome(change.head.revision, occasions)

    def delete(self, account: str, if_match: int, ids: list[int]) -> Outcome:
        return retry_contended(lambda: self._delete(account, if_match, ids), _in_progress)

    def _delete(self, account: str, if_match: int, ids: list[int]) -> Outcome:
        head = self._repository.head(account)
        _require_revision(head, if_match)
        for occasion_id in ids:
            if occasion_id not in head.index:
                raise NotFound(f"Special occasion {occasion_id} not found")
        index = {i: entry for i, entry in head.index.items() if i not in ids}
        default_id = None if head.default_id in ids else head.default_id
        new_head = replace(head, revision=head.revision + 1, default_id=default_id, index=index)
        self._repository.commit(account, head, Change(new_head, delete=ids))
        return Outcome(new_head.revision, [])


def _kept_changing() -> RevisionConflict:
    return RevisionConflict("The collection kept changing during this request; retry")


def _in_progress() -> RevisionConflict:
    return RevisionConflict("A concurrent change is in progress; retry")


def _update_change(head: Head, if_match: int, occasions: list[SpecialOccasion]) -> Change | None:
    """The write that makes `occasions` of `head` what they say; None when nothing would change."""
    _require_revision(head, if_match)
    for occasion in occasions:
        if occasion.id not in head.index:
            raise NotFound(f"Special occasion {occasion.id} not found")
    _require_unique_names(head, occasions)
    changed = [o for o in occasions if _differs(head, o)]
    if not changed:
        return None
    return _change(head, occasions, last_id=head.last_id, written=changed)


def _require_revision(head: Head, if_match: int) -> None:
    if head.revision != if_match:
        raise RevisionConflict(f"Revision {if_match} in If-Match is not the current revision {head.revision}")


def _require_unique_names(head: Head, occasions: list[SpecialOccasion]) -> None:
    written = {o.id for o in occasions}
    taken = {name_key(entry.name): i for i, entry in head.index.items() if i not in written}
    for index, occasion in enumerate(occasions):
        other = taken.get(name_key(occasion.name))
        if other is not None:
            raise InvalidInput(
                f"[{index}].name: {echo(occasion.name)} is already the name of special occasion {other}",
                f"[{index}].name",
            )


def _differs(head: Head, occasion: SpecialOccasion) -> bool:
    stored = head.index[occasion.id]
    return stored.digest != occasion.content_digest() or occasion.isDefault != (head.default_id == occasion.id)


def _change(
    head: Head, occasions: list[SpecialOccasion], last_id: int, written: list[SpecialOccasion] | None = None
) -> Change:
    """The new head and writes for `occasions`; making one the default clears the previous one."""
    default_id = head.default_id
    for occasion in occasions:
        if occasion.isDefault:
            default_id = occasion.id
        elif default_id == occasion.id:
            default_id = None
    index = dict(head.index)
    index.update({o.id: IndexEntry(o.name, o.content_digest()) for o in occasions})
    request_ids = {o.id for o in occasions}
    previous = head.default_id
    clear_default = (
        previous if previous is not None and previous != default_id and previous not in request_ids else None
    )
    new_head = Head(revision=head.revision + 1, last_id=last_id, default_id=default_id, index=index, exists=True)
    return Change(new_head, put=occasions if written is None else written, clear_default=clear_default)


def _fields(occasion: OccasionFields) -> dict[str, object]:
    return {name: getattr(occasion, name) for name in OccasionFields.model_fields}
