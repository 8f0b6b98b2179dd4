"""API access tokens: their format, and their storage as hashes in the calendar table.

A token is `cex_` followed by 43 URL-safe characters (32 random bytes). Only its SHA-256
is stored: a token with 256 random bits cannot be guessed from its hash, so a fast unsalted
hash is enough and lets a request find its token with one GetItem.

Two items per token, written and revoked together in one transaction:

- `pk=TOKEN#<sha256 hex>`, `sk=#TOKEN`: what a request looks up (tenant, scopes, expiry,
  revocation).
- `pk=ACCOUNT#<tenant>#TOKEN`, `sk=TOKEN#<token id>`: the tenant's list of tokens, for the
  operator commands. The token id is the first 16 hex digits of the hash: public, and
  computable by whoever holds the token.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any, NamedTuple

from calendar_exceptions import clock
from calendar_exceptions.dynamodb import query_items
from calendar_exceptions.errors import InvalidInput, NotFound
from calendar_exceptions.storage import from_item, to_item

PREFIX = "cex_"
TOKEN_FORMAT = re.compile(r"cex_[A-Za-z0-9_-]{43}")
READ = "read"
WRITE = "write"
SCOPES = frozenset({READ, WRITE})
TOKEN_ID_LENGTH = 16
LOOKUP_SK = "#TOKEN"


def new_token() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_id(hash_hex: str) -> str:
    return hash_hex[:TOKEN_ID_LENGTH]


def lookup_key(hash_hex: str) -> dict[str, Any]:
    return {"pk": {"S": f"TOKEN#{hash_hex}"}, "sk": {"S": LOOKUP_SK}}


def tenant_partition(tenant: str) -> str:
    return f"ACCOUNT#{tenant}#TOKEN"


def listing_key(tenant: str, id_: str) -> dict[str, Any]:
    return {"pk": {"S": tenant_partition(tenant)}, "sk": {"S": f"TOKEN#{id_}"}}


# A NamedTuple rather than a frozen dataclass: every API function imports this module at its
# cold start, and Python 3.12 builds a frozen dataclass's methods by compiling source, about
# 1.5 ms here against 0.3 ms for a NamedTuple. Immutable either way.
class TokenRecord(NamedTuple):
    """What is stored about a token; never the token itself."""

    token_id: str
    tenant: str
    scopes: frozenset[str]
    created_at: int
    expires_at: int | None = None
    revoked_at: int | None = None
    note: str | None = None

    def expired(self, now: float) -> bool:
        return self.expires_at is not None and now >= self.expires_at

    def attributes(self) -> dict[str, Any]:
        return {
            "token_id": self.token_id,
            "tenant": self.tenant,
            "scopes": sorted(self.scopes),
            "created_at": self.created_at,
            "expires_at": self.expires_at,
            "revoked_at": self.revoked_at,
            "note": self.note,
        }


def parse_scopes(scopes: str | list[str] | tuple[str, ...] | frozenset[str]) -> frozenset[str]:
    values = frozenset(scopes.replace(",", " ").split() if isinstance(scopes, str) else scopes)
    unknown = values - SCOPES
    if not values or unknown:
        raise InvalidInput(f"scopes: {sorted(unknown) or 'none given'}; known scopes are {sorted(SCOPES)}", "scopes")
    return values


class TokenRepository:
    """A token's items in the table; `created_at` and `revoked_at` are `clock.now()`, the layer's one clock."""

    def __init__(self, client: Any, table: str) -> None:
        self._client = client
        self._table = table

    def mint(
        self,
        tenant: str,
        scopes: str | frozenset[str] = "read write",
        expires_at: int | None = None,
        note: str | None = None,
    ) -> tuple[str, TokenRecord]:
        """A new random token for `tenant`: the token (shown once, never stored) and its record."""
        token = new_token()
        return token, self.register(token, tenant, scopes, expires_at, note)

    def register(
        self,
        token: str,
        tenant: str,
        scopes: str | frozenset[str] = "read write",
        expires_at: int | None = None,
        note: str | None = None,
    ) -> TokenRecord:
        """Store the hash of a token the caller chose (tests' well-known tokens); `mint` for real ones."""
        if not TOKEN_FORMAT.fullmatch(token):
            raise InvalidInput("token: not a token of this API (cex_ and 43 URL-safe characters)", "token")
        if not tenant:
            raise InvalidInput("tenant: required", "tenant")
        hash_hex = token_hash(token)
        record = TokenRecord(token_id(hash_hex), tenant, parse_scopes(scopes), int(clock.now()), expires_at, None, note)
        attributes = record.attributes()
        self._client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": self._table, "Item": {**lookup_key(hash_hex), **to_item(attributes)}}},
                {
                    "Put": {
                        "TableName": self._table,
                        "Item": {**listing_key(tenant, record.token_id), **to_item({**attributes, "hash": hash_hex})},
                    }
                },
            ]
        )
        return record

    def find(self, hash_hex: str) -> TokenRecord | None:
        """The record of the token with this hash; read consistently, so a token works as soon as it is minted."""
        response = self._client.get_item(TableName=self._table, Key=lookup_key(hash_hex), ConsistentRead=True)
        item = response.get("Item")
        return _record(item) if item else None

    def of_tenant(self, tenant: str) -> list[TokenRecord]:
        items = query_items(
            self._client,
            TableName=self._table,
            KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues={":pk": {"S": tenant_partition(tenant)}},
            ConsistentRead=True,
        )
        return [_record(item) for item in items]

    def revoke(self, tenant: str, id_: str) -> TokenRecord:
        """Mark the tenant's token `id_` revoked (both items, at once); revoking twice keeps the first time."""
        response = self._client.get_item(TableName=self._table, Key=listing_key(tenant, id_), ConsistentRead=True)
        item = response.get("Item")
        if not item:
            raise NotFound(f"tenant {tenant} has no token {id_}")
        hash_hex = item["hash"]["S"]
        update = {
            "TableName": self._table,
            "UpdateExpression": "SET revoked_at = if_not_exists(revoked_at, :now)",
            "ConditionExpression": "attribute_exists(pk)",
            "ExpressionAttributeValues": {":now": {"N": str(int(clock.now()))}},
        }
        self._client.transact_write_items(
            TransactItems=[
                {"Update": {**update, "Key": lookup_key(hash_hex)}},
                {"Update": {**update, "Key": listing_key(tenant, id_)}},
            ]
        )
        revoked = self.find(hash_hex)
        assert revoked is not None
        return revoked

    def delete_tenant_tokens(self, tenant: str) -> int:
        """Delete every token of `tenant`, both items of each (local fixture seeds start a tenant afresh); how many."""
        items = list(
            query_items(
                self._client,
                TableName=self._table,
                KeyConditionExpression="pk = :pk",
                ExpressionAttributeValues={":pk": {"S": tenant_partition(tenant)}},
                ConsistentRead=True,
            )
        )
        for item in items:
            self._client.transact_write_items(
                TransactItems=[
                    {"Delete": {"TableName": self._table, "Key": lookup_key(item["hash"]["S"])}},
                    {"Delete": {"TableName": self._table, "Key": listing_key(tenant, item["token_id"]["S"])}},
                ]
            )
        return len(items)


def _record(item: dict[str, Any]) -> TokenRecord:
    values = from_item(item)
    return TokenRecord(
        token_id=values["token_id"],
        tenant=values["tenant"],
        scopes=frozenset(values["scopes"]),
        created_at=values["created_at"],
        expires_at=values.get("expires_at"),
        revoked_at=values.get("revoked_at"),
        note=values.get("note"),
    )
