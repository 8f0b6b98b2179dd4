"""The preconditions of the event fixtures: each fixture's seed, loaded into local storage (`make invoke`, `make seed`).

A case `events/<Function>/<case>.json` acts on what its seed stores: `<case>.seed.json` beside
it when there is one, else the function's `events/<Function>/seed.json`. A seed is plain data
in the API's own shapes (events/README.md):

    {"tenant": "fixture-so-update",
     "tokens": [{"token": "cex_TEST-ONLY-...", "scopes": "read write"}, ...],
     "requests": [{"method": "POST", "path": "/api/account/fixture-so-update/...",
                   "query": "v=1.0", "headers": {"If-Match": "1"}, "body": [...], "status": 200}, ...],
     "feeds": [{"secret": "cexf_TEST-ONLY-...", "path": "/office_hours_schedules/1/feeds"}, ...]}

Loading one:

1. The tenant starts afresh: its tokens are deleted (TokenRepository) and so is every item
   whose partition key names it (`<KIND>#<tenant>` or `<KIND>#<tenant>#...`: the layout every
   feature of the table follows), so ids and revisions start again from 1 and a case that
   names them (a stale revision, an id) answers the same every time. Nothing of any other
   tenant is touched.
2. Its tokens are registered (test-only tokens: public, in the repository).
3. Its requests are replayed in order through the functions' own handlers, as the local API
   would send them, with the seed's first read-write token; each must answer its `status`
   (any 2xx when it names none), or loading stops with the answer.
4. Its feed links are made with the secrets it names (test-only, public like its tokens: the
   feed routes draw a random secret, which no fixture could name), on the path a create would
   be sent to (`/office_hours_schedules/<id>/feeds`, or `/api/account/<tenant>/shift-status/feeds`
   with an optional `skillId`). A link's look-up item is keyed by its secret alone, so it is
   deleted first.

The fixtures' tokens are public, so a seed is only ever loaded into local storage: an
endpoint on this machine (`require_local`), never a deployed table.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from local import template
from local.gateway import Match, Router, build_event, http_response
from local.runtime import Function, load_functions

EVENTS = template.ROOT / "events"
SEED = "seed.json"
CASE_SEED_SUFFIX = ".seed.json"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class SeedError(RuntimeError):
    """A seed that cannot be loaded: malformed, refused by the API, or aimed at storage that is not local."""


@dataclass(frozen=True)
class Token:
    token: str
    scopes: str = "read write"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    status: int | None = None  # None: any 2xx


@dataclass(frozen=True)
class Feed:
    secret: str
    path: str
    skillId: int | None = None  # the LivePerson field's name


@dataclass(frozen=True)
class Seed:
    path: Path
    tenant: str
    tokens: tuple[Token, ...]
    requests: tuple[Request, ...]
    feeds: tuple[Feed, ...] = ()

    @property
    def writer(self) -> str:
        """The token the requests are sent with: the first read-write one."""
        for token in self.tokens:
            if "write" in token.scopes.split():
                return token.token
        raise SeedError(f"{self.path}: no read-write token to replay the requests with")


def read(path: Path) -> Seed:
    """The seed in `path`, checked for shape."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        known = {"tenant", "tokens", "requests", "feeds", "description"}
        if not isinstance(data, dict) or not isinstance(data.get("tenant"), str) or data.keys() - known:
            raise SeedError(f"{path}: a seed is an object of {sorted(known)} with a tenant")
        return Seed(
            path=path,
            tenant=data["tenant"],
            tokens=tuple(Token(**token) for token in data.get("tokens", [])),
            requests=tuple(Request(**request) for request in data.get("requests", [])),
            feeds=tuple(Feed(**feed) for feed in data.get("feeds", [])),
        )
    except (OSError, ValueError, TypeError) as error:
        raise SeedError(f"{path}: {error}") from None


def seed_of(event: Path) -> Path | None:
    """The seed of a fixture case: `<case>.seed.json` beside it, else its folder's `seed.json`, else none."""
    own = event.with_name(event.name.removesuffix(".json") + CASE_SEED_SUFFIX)
    if own.is_file():
        return own
    shared = event.parent / SEED
    return shared if shared.is_file() else None


def is_seed(path: Path) -> bool:
    return path.name == SEED or path.name.endswith(CASE_SEED_SUFFIX)


def cases(function_dir: Path) -> list[Path]:
    """The fixture cases of a function's folder (its events), seeds left out."""
    return sorted(path for path in function_dir.glob("*.json") if not is_seed(path))


def every_seed() -> list[Path]:
    return sorted(path for path in EVENTS.glob("*/*.json") if is_seed(path))


def require_local(endpoint: str | None) -> None:
    """Refuse any DynamoDB endpoint but one on this machine: the fixtures' tokens are public.

    None (no AWS_ENDPOINT_URL_DYNAMODB) is local: the storage rules then find `make serve`'s
    DynamoDB or start one (local.dynamodb.local_storage). Called before anything is sent.
    """
    if not endpoint:
        return
    host = urlsplit(endpoint).hostname or ""
    if host not in LOCAL_HOSTS:
        raise SeedError(
            f"refusing to load fixture seeds into {endpoint}: their tokens are public, so they go into "
            "local storage only (make serve, or AWS_ENDPOINT_URL_DYNAMODB on 127.0.0.1 or localhost)"
        )


def load(seed: Seed, functions: dict[str, Function], client: Any, table: str) -> None:
    """Load `seed` into `table` through `client` (see the module's docstring); its requests go through `functions`."""
    from calendar_exceptions.tokens import TokenRepository

    tokens = TokenRepository(client, table)
    tokens.delete_tenant_tokens(seed.tenant)
    _delete_tenant_items(client, table, seed.tenant)
    for token in seed.tokens:
        tokens.register(token.token, seed.tenant, token.scopes, note=f"fixture seed {seed.path.parent.name}")
    router = Router(template.functions())
    for number, request in enumerate(seed.requests, start=1):
        status, body = _replay(request, seed.writer, functions, router)
        expected = request.status
        if (expected is None and not 200 <= status < 300) or (expected is not None and status != expected):
            raise SeedError(
                f"{seed.path}: request {number} ({request.method} {request.path}) answered {status}, "
                f"not {expected or '2xx'}: {body[:500]}"
            )
    for feed in seed.feeds:
        _make_feed(seed, feed, client, table)


def _make_feed(seed: Seed, feed: Feed, client: Any, table: str) -> None:
    from calendar_exceptions import clock
    from calendar_exceptions.feeds.links import secret_hash, well_formed
    from calendar_exceptions.feeds.store import FeedStore

    if not well_formed(feed.secret) or not feed.secret.startswith("cexf_TEST-ONLY-"):
        raise SeedError(f"{seed.path}: a feed's secret is cexf_TEST-ONLY-... (43 characters after cexf_)")
    store, hashed, now = FeedStore(client, table), secret_hash(feed.secret), int(clock.now())
    store.forget(hashed)
    office_hours = re.fullmatch(r"/office_hours_schedules/([0-9]+)/feeds", feed.path)
    if office_hours:
        store.create_office_hours(seed.tenant, office_hours.group(1), hashed, now)
    elif feed.path == f"/api/account/{seed.tenant}/shift-status/feeds":
        store.create_liveperson(seed.tenant, feed.skillId, hashed, now * 1000)
    else:
        raise SeedError(f"{seed.path}: {feed.path} is not a path feed links are created on, for its tenant")


def _replay(request: Request, token: str, functions: dict[str, Function], router: Router) -> tuple[int, str]:
    match = router.match(request.method, request.path)
    if not isinstance(match, Match):
        raise SeedError(f"no function of the template answers {request.method} {request.path}")
    headers = [("Authorization", f"Bearer {token}"), *request.headers.items()]
    body = b"" if request.body is None else json.dumps(request.body).encode()
    if body:
        headers.append(("Content-Type", "application/json"))
    event = build_event(match, request.method, request.path, request.query, headers, body)
    status, _, payload = http_response(functions[match.function.logical_id].invoke(event))
    return status, payload.decode(errors="replace")


def _tenant_of(partition_key: str) -> str | None:
    parts = partition_key.split("#")
    return parts[1] if len(parts) > 1 else None


def _delete_tenant_items(client: Any, table: str, tenant: str) -> None:
    keys = [
        {"pk": item["pk"], "sk": item["sk"]}
        for item in _scan_keys(client, table)
        if _tenant_of(item["pk"].get("S", "")) == tenant
    ]
    for start in range(0, len(keys), 25):
        pending = {table: [{"DeleteRequest": {"Key": key}} for key in keys[start : start + 25]]}
        while pending:
            pending = client.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}


def _scan_keys(client: Any, table: str) -> Iterator[dict[str, Any]]:
    request: dict[str, Any] = {"TableName": table, "ProjectionExpression": "pk, sk", "ConsistentRead": True}
    while True:
        page = client.scan(**request)
        yield from page.get("Items", [])
        if "LastEvaluatedKey" not in page:
            return
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def main(argv: list[str] | None = None) -> int:
    """`make seed`: every fixture's seed into the running local storage (never a throw-away nor a deployed one)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.parse_args(argv)
    functions = load_functions()
    from calendar_exceptions import storage
    from local.dynamodb import NoLocalStorage, local_storage

    try:
        require_local(os.environ.get("AWS_ENDPOINT_URL_DYNAMODB"))
        # The functions' logs go to stderr, as with make invoke; what was seeded to stdout.
        with local_storage(embedded=False) as endpoint, contextlib.redirect_stdout(sys.stderr):
            client, table = storage.dynamodb_client(), storage.table_name()
            seeded = []
            for path in every_seed():
                seed = read(path)
                load(seed, functions, client, table)
                seeded.append(f"{path.relative_to(template.ROOT)}: tenant {seed.tenant}, {len(seed.requests)} requests")
        print("\n".join(seeded))
        print(f"seeded {len(seeded)} fixture tenants into {endpoint}, table {table}")
    except (NoLocalStorage, SeedError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
