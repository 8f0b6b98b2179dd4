"""The caller's tenant, established from the request's `Authorization: Bearer <token>`.

The tenant is the LivePerson account id and, for office hours, the Intercom workspace.
Each API's resolver runs `authentication(...)` as its middleware: it establishes the
caller's tenant before any route code runs, then the API's own checks; handlers read the
tenant with `tenant(app)` and trust only it, never an id from the path or the body.

The check runs here, in the shared layer, rather than in an API Gateway authorizer, so it
behaves the same under `make serve`, `make invoke` and when deployed, and each API answers
with its own error format (see docs/authentication.md). A `requestContext.authorizer` in the
event is ignored: this module is the only authority.

Look-ups, found or not, are cached per execution environment for `CACHE_TTL_SECONDS`, so a
warm function does not read DynamoDB on every request; a revocation therefore takes effect
within that time.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from calendar_exceptions import clock, storage
from calendar_exceptions.errors import Forbidden, Unauthenticated
from calendar_exceptions.rest import Middleware, NextMiddleware, Response, RestResolver
from calendar_exceptions.tokens import READ, TOKEN_FORMAT, WRITE, TokenRecord, TokenRepository, token_hash, token_id

CACHE_TTL_SECONDS = 60.0
CACHE_MAX_ENTRIES = 1024
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_BEARER = re.compile(r"Bearer +(\S+)", re.IGNORECASE)

MISSING = "Authentication required: send Authorization: Bearer <token>"
MALFORMED = "Authorization must be 'Bearer <token>'"
INVALID = "Access token invalid"
EXPIRED = "Access token expired"


def authenticated_tenant(event: dict[str, Any]) -> str:
    """The tenant of the request's token, or Unauthenticated (401), or Forbidden (403) when the
    token lacks the scope the HTTP method needs (GET/HEAD/OPTIONS: read; any other: write)."""
    return authenticator().tenant(event)


TENANT = "tenant"
# Who presented the request, as far as it is known, also when it is refused: the id of its
# token (tokens.token_id: public, never the token) and that token's tenant. The "request
# refused" log line (http_errors) carries them, so probing can be traced to its token.
TOKEN_ID = "token_id"  # noqa: S105 - the name of a context key, not a secret
TOKEN_TENANT = "token_tenant"  # noqa: S105 - likewise
Identified = Callable[..., None]
# A check an API adds after authentication, given the resolver and the tenant; it raises to refuse.
Check = Callable[[RestResolver, str], None]


def authentication(*checks: Check) -> Middleware:
    """The resolver middleware of an API: the caller's tenant into the resolver's context, then `checks`.

    It runs around every request, a route matched or not, before any route code: a bad
    token is 401 and a token without the method's scope 403 before anything else is
    looked at, then each of the API's `checks` in order (the path's account, a version
    header), then the route.
    """

    def authenticate(app: RestResolver, next_middleware: NextMiddleware) -> Response:
        caller = authenticator().tenant(app.current_event.raw_event, identified=app.append_context)
        app.append_context(**{TENANT: caller})
        for check in checks:
            check(app, caller)
        return next_middleware(app)

    return authenticate


def tenant(app: RestResolver) -> str:
    """The authenticated caller's tenant, as `authentication` established it for this request."""
    return app.context[TENANT]


def bearer_token(event: dict[str, Any]) -> str:
    """The token of the event's one Authorization header, well-formed, or Unauthenticated."""
    values = _header_values(event, "authorization")
    if not values:
        raise Unauthenticated(MISSING)
    if len(values) != 1:
        raise Unauthenticated(MALFORMED)
    match = _BEARER.fullmatch(values[0].strip())
    if not match:
        raise Unauthenticated(MALFORMED)
    if not TOKEN_FORMAT.fullmatch(match.group(1)):
        raise Unauthenticated(INVALID)
    return match.group(1)


def required_scope(event: dict[str, Any]) -> str:
    method = event.get("httpMethod") or (event.get("requestContext") or {}).get("httpMethod") or ""
    return READ if str(method).upper() in READ_METHODS else WRITE


def _header_values(event: dict[str, Any], name: str) -> list[str]:
    # Read multiValueHeaders when the event has them, as Powertools does, so the token
    # checked here is the one the handler's resolver would see.
    multi = event.get("multiValueHeaders")
    if isinstance(multi, dict):
        return [str(v) for key, values in multi.items() if key.lower() == name for v in (values or [])]
    single = event.get("headers") or {}
    return [str(value) for key, value in single.items() if key.lower() == name and value is not None]


class Authenticator:
    """Token verification with a bounded, thread-safe cache of look-ups (found or not) keyed by hash.

    Expiry and the cache's age are judged at `clock.now()`, the layer's one clock."""

    def __init__(
        self,
        repository: Callable[[], TokenRepository],
        ttl: float = CACHE_TTL_SECONDS,
        max_entries: int = CACHE_MAX_ENTRIES,
    ) -> None:
        self._repository = repository
        self.ttl = ttl
        self.max_entries = max_entries
        self._cache: OrderedDict[str, tuple[float, TokenRecord | None]] = OrderedDict()
        self._lock = threading.Lock()

    def tenant(self, event: dict[str, Any], identified: Identified = lambda **_: None) -> str:
        """The tenant of the event's token, or the 401/403; `identified(token_id=..., token_tenant=...)`
        is told who presented it as soon as each is known, before any refusal."""
        token = bearer_token(event)
        identified(**{TOKEN_ID: token_id(token_hash(token))})
        record = self.record(token)
        now = clock.now()
        if record is not None:
            identified(**{TOKEN_TENANT: record.tenant})
        if record is None or record.revoked_at is not None:
            raise Unauthenticated(INVALID)
        if record.expired(now):
            raise Unauthenticated(EXPIRED)
        scope = required_scope(event)
        if scope not in record.scopes:
            raise Forbidden(f"The access token does not have the '{scope}' scope")
        return record.tenant

    def record(self, token: str) -> TokenRecord | None:
        """The stored record of `token`, from the cache when it was looked up within the TTL."""
        key = token_hash(token)
        now = clock.now()
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None and now - cached[0] < self.ttl:
                self._cache.move_to_end(key)
                return cached[1]
        # Not under the lock: a slow read must not hold up requests with cached tokens.
        # Storage errors propagate (503 via http_errors) and are not cached.
        record = self._repository().find(key)
        with self._lock:
            self._cache[key] = (now, record)
            self._cache.move_to_end(key)
            while len(self._cache) > self.max_entries:
                self._cache.popitem(last=False)
        return record

    def cached_entries(self) -> int:
        with self._lock:
            return len(self._cache)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()


@functools.cache
def authenticator() -> Authenticator:
    """One per execution environment; the repository is made per look-up from the cached client."""
    return Authenticator(lambda: TokenRepository(storage.dynamodb_client(), storage.table_name()))
