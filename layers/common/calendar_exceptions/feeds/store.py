"""Feed links in the calendar table: create, list and revoke them, and find one by its secret's hash.

Items (layout):

    pk FEED#<sha256 of the secret>   sk #FEED            the look-up: feed id, api, tenant, schedule or skill
    office hours: the schedule's item (office_hours/layout.py) lists its links in the string set
        `feed_links` (links.ListedLink: id, created_at, hash); ids from the workspace item's `feed` counter
    pk ACCOUNT#<account>#FEED        sk #HEAD            LivePerson: last_id, links (how many)
                                     sk FEED#<id:012d>   one link: id, skillId, createdAt, hash

Every write is one transaction with its conditions: a link is created with its look-up only
if the schedule exists and lists fewer than MAX_LINKS (a LivePerson account: MAX_ACCOUNT_LINKS),
and revoked with its look-up only if it is still listed (a create that meets another
transaction on its items is tried again until the function's deadline, as every create is).
Creating or revoking an office hours link raises the schedule's `version`, so that the
schedule's delete, conditional on the version it read, deletes the look-ups of exactly the
links listed then (schedule_repository), in its own transaction. Reads are strongly
consistent: a revoked link is unknown to the next request.
"""

from __future__ import annotations

from typing import Any

from calendar_exceptions.dynamodb import CONDITION_FAILED, Contention, codes, contended, retry_contended, transact
from calendar_exceptions.errors import NotFound, RevisionConflict, Unprocessable
from calendar_exceptions.feeds.links import LIVEPERSON, OFFICE_HOURS, FeedLink, ListedLink, lookup_key
from calendar_exceptions.office_hours import layout, rules
from calendar_exceptions.storage import from_item, to_item

MAX_LINKS = 20
MAX_ACCOUNT_LINKS = 100
LINKS = "feed_links"
_HEAD_SK = "#HEAD"
_EXISTS = "attribute_exists(pk)"


def feed_not_found(feed_id: str) -> NotFound:
    return NotFound(f"Feed {feed_id} not found", "feed_id")


def _liveperson_partition(account: str) -> str:
    return f"ACCOUNT#{account}#FEED"


def _liveperson_key(account: str, feed_id: int | None = None) -> dict[str, Any]:
    sk = _HEAD_SK if feed_id is None else f"FEED#{feed_id:012d}"
    return {"pk": {"S": _liveperson_partition(account)}, "sk": {"S": sk}}


def _contended() -> RevisionConflict:
    return RevisionConflict("Other requests kept changing the same data during this request; retry")


class FeedStore:
    def __init__(self, client: Any, table: str) -> None:
        self._client = client
        self._table = table

    # --- the public routes ----------------------------------------------------------------

    def link(self, hash_hex: str) -> FeedLink | None:
        """The link whose secret has this hash; read consistently, so a revoked link is gone at once."""
        item = self._client.get_item(TableName=self._table, Key=lookup_key(hash_hex), ConsistentRead=True).get("Item")
        if item is None:
            return None
        values = from_item(item)
        return FeedLink(
            values["feed_id"],
            values["api"],
            values["tenant"],
            values.get("office_hours_schedule_id"),
            values.get("skill_id"),
            values["created_at"],
        )

    def forget(self, hash_hex: str) -> None:
        """Delete a look-up item alone (local fixture seeds, whose secrets are well known, start afresh)."""
        self._client.delete_item(TableName=self._table, Key=lookup_key(hash_hex))

    # --- office hours: the schedule's item lists its links -------------------------------

    def create_office_hours(self, workspace: str, schedule_id: str, hash_hex: str, now: int) -> FeedLink:
        """A link of the schedule (404 without it, 422 when it has MAX_LINKS), with its look-up, all or nothing."""
        response = self._client.update_item(
            TableName=self._table,
            Key=layout.ids_key(workspace),
            UpdateExpression="ADD #feed :one",
            ExpressionAttributeNames={"#feed": "feed"},
            ExpressionAttributeValues={":one": {"N": "1"}},
            ReturnValues="UPDATED_NEW",
        )
        link = FeedLink(str(response["Attributes"]["feed"]["N"]), OFFICE_HOURS, workspace, schedule_id, None, now)
        listed = ListedLink(link.feed_id, now, hash_hex)
        listing = {
            "Update": {
                "TableName": self._table,
                "Key": layout.schedule_key(workspace, schedule_id),
                "UpdateExpression": "ADD #links :entry, #version :one",
                "ConditionExpression": "attribute_exists(pk) AND (attribute_not_exists(#links) OR size(#links) < :max)",
                "ExpressionAttributeNames": {"#links": LINKS, "#version": "version"},
                "ExpressionAttributeValues": {
                    ":entry": {"SS": [listed.entry()]},
                    ":one": {"N": "1"},
                    ":max": {"N": str(MAX_LINKS)},
                },
                "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
            }
        }

        def attempt() -> FeedLink:
            reasons = transact(self._client, [listing, self._put_lookup(hash_hex, link)])
            found = codes(reasons)
            if found and found[0] == CONDITION_FAILED:
                if not reasons[0].get("Item"):
                    raise rules.schedule_not_found(schedule_id)
                raise Unprocessable(f"A schedule has at most {MAX_LINKS} feeds: revoke one first", "feeds")
            if found:
                raise RuntimeError(f"feed secret hash {hash_hex[:16]} is stored twice")
            return link

        return retry_contended(attempt, _contended, until_deadline=True)

    def office_hours_links(self, workspace: str, schedule_id: str) -> list[ListedLink]:
        """The schedule's links by id; 404 without the schedule."""
        item = self._client.get_item(
            TableName=self._table,
            Key=layout.schedule_key(workspace, schedule_id),
            ConsistentRead=True,
            ProjectionExpression="pk, #links",
            ExpressionAttributeNames={"#links": LINKS},
        ).get("Item")
        if item is None:
            raise rules.schedule_not_found(schedule_id)
        entries = item.get(LINKS, {}).get("SS", [])
        return sorted((ListedLink.of(entry) for entry in entries), key=lambda listed: int(listed.feed_id))

    def revoke_office_hours(self, workspace: str, schedule_id: str, feed_id: str) -> None:
        """Revoke the schedule's link `feed_id` (its look-up with it); 404 for the schedule or the link."""

        def attempt() -> None:
            listed = {link.feed_id: link for link in self.office_hours_links(workspace, schedule_id)}.get(feed_id)
            if listed is None:
                raise feed_not_found(feed_id)
            unlist = {
                "Update": {
                    "TableName": self._table,
                    "Key": layout.schedule_key(workspace, schedule_id),
                    "UpdateExpression": "DELETE #links :entry ADD #version :one",
                    "ConditionExpression": "contains(#links, :listed)",
                    "ExpressionAttributeNames": {"#links": LINKS, "#version": "version"},
                    "ExpressionAttributeValues": {
                        ":entry": {"SS": [listed.entry()]},
                        ":listed": {"S": listed.entry()},
                        ":one": {"N": "1"},
                    },
                }
            }
            delete = {"Delete": {"TableName": self._table, "Key": lookup_key(listed.hash_hex)}}
            if codes(transact(self._client, [unlist, delete])):
                raise Contention(f"feed {feed_id} changed while it was being revoked")

        retry_contended(attempt, _contended)

    # --- LivePerson: a partition of the account's links ----------------------------------

    def create_liveperson(self, account: str, skill_id: int | None, hash_hex: str, now_ms: int) -> FeedLink:
        """A link of the account (skill_id None) or of a skill, with its look-up; 422 past MAX_ACCOUNT_LINKS."""
        with contended():
            response = self._client.update_item(
                TableName=self._table,
                Key=_liveperson_key(account),
                UpdateExpression="ADD last_id :one",
                ExpressionAttributeValues={":one": {"N": "1"}},
                ReturnValues="UPDATED_NEW",
            )
        feed_id = int(response["Attributes"]["last_id"]["N"])
        link = FeedLink(str(feed_id), LIVEPERSON, account, None, skill_id, now_ms)
        values = {"id": feed_id, "skillId": skill_id, "createdAt": now_ms, "hash": hash_hex}
        count = {
            "Update": {
                "TableName": self._table,
                "Key": _liveperson_key(account),
                "UpdateExpression": "ADD links :one",
                "ConditionExpression": "attribute_not_exists(links) OR links < :max",
                "ExpressionAttributeValues": {":one": {"N": "1"}, ":max": {"N": str(MAX_ACCOUNT_LINKS)}},
            }
        }
        put = {
            "Put": {
                "TableName": self._table,
                "Item": {**_liveperson_key(account, feed_id), **to_item(values)},
                "ConditionExpression": "attribute_not_exists(pk)",
            }
        }

        def attempt() -> FeedLink:
            found = codes(transact(self._client, [count, put, self._put_lookup(hash_hex, link)]))
            if found and found[0] == CONDITION_FAILED:
                raise Unprocessable(f"An account has at most {MAX_ACCOUNT_LINKS} feeds: revoke one first", "feeds")
            if found:
                raise RuntimeError(f"feed id {feed_id} or its secret's hash is stored twice: {found}")
            return link

        return retry_contended(attempt, _contended, until_deadline=True)

    def liveperson_links(self, account: str) -> list[dict[str, Any]]:
        """The account's links as stored (`id`, `skillId` when not null, `createdAt`, `hash`), by id."""
        items = self._client.query(
            TableName=self._table,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues={":pk": {"S": _liveperson_partition(account)}, ":prefix": {"S": "FEED#"}},
            ConsistentRead=True,
        )["Items"]  # at most MAX_ACCOUNT_LINKS small items: one page
        return [from_item(item) for item in items]

    def revoke_liveperson(self, account: str, feed_id: int) -> None:
        """Revoke the account's link `feed_id` with its look-up; 404 when there is none."""

        def attempt() -> None:
            key = _liveperson_key(account, feed_id)
            item = self._client.get_item(TableName=self._table, Key=key, ConsistentRead=True).get("Item")
            if item is None:
                raise feed_not_found(str(feed_id))
            found = codes(
                transact(
                    self._client,
                    [
                        {"Delete": {"TableName": self._table, "Key": key, "ConditionExpression": _EXISTS}},
                        {"Delete": {"TableName": self._table, "Key": lookup_key(item["hash"]["S"])}},
                        {
                            "Update": {
                                "TableName": self._table,
                                "Key": _liveperson_key(account),
                                "UpdateExpression": "ADD links :minus",
                                "ExpressionAttributeValues": {":minus": {"N": "-1"}},
                            }
                        },
                    ],
                )
            )
            if found:
                raise Contention(f"feed {feed_id} changed while it was being revoked")

        retry_contended(attempt, _contended)

    def _put_lookup(self, hash_hex: str, link: FeedLink) -> dict[str, Any]:
        values = {
            "feed_id": link.feed_id,
            "api": link.api,
            "tenant": link.tenant,
            "office_hours_schedule_id": link.office_hours_schedule_id,
            "skill_id": link.skill_id,
            "created_at": link.created_at,
        }
        return {
            "Put": {
                "TableName": self._table,
                "Item": {**lookup_key(hash_hex), **to_item(values)},
                "ConditionExpression": "attribute_not_exists(pk)",
            }
        }
