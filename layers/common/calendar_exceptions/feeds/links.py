"""A feed link's secret, the stored link it names, and the absolute URLs that carry it.

The secret is the capability: whoever holds the URL reads the feed, with no token. It is
`cexf_` and 43 URL-safe characters (32 random bytes, 256 bits). Only its SHA-256 is stored,
as for API tokens (tokens.py): a secret with 256 random bits cannot be guessed from its hash,
so an unsalted hash lets a request find its link with one GetItem. The secret is answered
once, in the create's URLs, and is never logged nor quoted in an error (log the feed id).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any, NamedTuple

PREFIX = "cexf_"
SECRET_FORMAT = re.compile(r"cexf_[A-Za-z0-9_-]{43}")
OFFICE_HOURS = "office_hours"
LIVEPERSON = "liveperson"
CALENDAR_PATH = "/feeds/{secret}/calendar.ics"
STATUS_PATH = "/feeds/{secret}/status"
# Hosts of the local API (make serve): it answers plain HTTP; API Gateway answers only HTTPS.
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def well_formed(secret: str) -> bool:
    return SECRET_FORMAT.fullmatch(secret) is not None


class FeedLink(NamedTuple):
    """What a secret opens: which API, whose (tenant), what (a schedule, or a skill or the account: None)."""

    feed_id: str
    api: str
    tenant: str
    office_hours_schedule_id: str | None
    skill_id: int | None
    created_at: int

    def scope(self) -> str:
        """The source the link shows, for the calendar's UIDs: the same for every link of one schedule or skill.

        A digest, so that no tenant id is written into a public calendar.
        """
        named = f"{self.api}|{self.tenant}|{self.office_hours_schedule_id or ''}|{self.skill_id or ''}"
        return hashlib.sha256(named.encode()).hexdigest()[:16]


def base_url(event: dict[str, Any]) -> str:
    """Where the client reached this API, as it would write the URL: scheme, host, and any path before the route's.

    API Gateway: `https://` + the request context's domain name (its own, or a custom
    domain) + what its `path` has before the event's path (the stage, `/v1`, or a base path
    mapping). The local API: `http://` + the Host the client called (host and port), no prefix.
    """
    context = event.get("requestContext") or {}
    headers = {str(name).lower(): value for name, value in (event.get("headers") or {}).items()}
    host = str(context.get("domainName") or headers.get("host") or "localhost")
    path, full = str(event.get("path") or ""), str(context.get("path") or "")
    prefix = full[: len(full) - len(path)] if path and full.endswith(path) else ""
    hostname = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    scheme = "http" if hostname in _LOCAL_HOSTS else "https"
    return f"{scheme}://{host}{prefix.rstrip('/')}"


def urls(event: dict[str, Any], secret: str) -> tuple[str, str]:
    """The calendar and status URLs of `secret`, absolute, from the request (`base_url`)."""
    base = base_url(event)
    return base + CALENDAR_PATH.format(secret=secret), base + STATUS_PATH.format(secret=secret)


# --- where links are stored (store.py writes them; an office hours schedule's delete revokes them) ----------

LOOKUP_SK = "#FEED"


def lookup_key(hash_hex: str) -> dict[str, Any]:
    """The item a public request finds its link by: the secret's hash, nothing of the tenant."""
    return {"pk": {"S": f"FEED#{hash_hex}"}, "sk": {"S": LOOKUP_SK}}


class ListedLink(NamedTuple):
    """An office hours schedule's link as its schedule item lists it (attribute `feed_links`, a string set)."""

    feed_id: str
    created_at: int
    hash_hex: str

    def entry(self) -> str:
        return f"{self.feed_id}:{self.created_at}:{self.hash_hex}"

    @classmethod
    def of(cls, entry: str) -> ListedLink:
        feed_id, created_at, hash_hex = entry.split(":")
        return cls(feed_id, int(created_at), hash_hex)


def revocations(table: str, entries: Any) -> list[dict[str, Any]]:
    """The Deletes, in a schedule delete's transaction, of the look-up items of the links its item lists.

    `entries`: the stored `feed_links` (a set of `ListedLink.entry()`), or None when it has none.
    """
    return [{"Delete": {"TableName": table, "Key": lookup_key(ListedLink.of(e).hash_hex)}} for e in entries or ()]
