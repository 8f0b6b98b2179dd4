"""Write an event fixture: `python -m tools.events <Function> <case> <path> [options]` -> events/<Function>/<case>.json.

The event is the API Gateway REST proxy event (payload 1.0) the deployed function receives for
that request, built by the local gateway (local.gateway.build_event) as `make serve` builds it,
with the fixtures' fixed request context: request time Saturday 2026-11-21 12:00 UTC, a request
id derived from the function and the case, source IP 198.51.100.7. The method is the
function's route's; the Authorization header carries a token of the folder's seed
(events/<Function>/seed.json, which must exist first): `--token write` (default), `read`,
`none`, or a token of your own.

    python -m tools.events UpdateSpecialOccasionsFunction stale_revision \\
        /api/account/fixture-so-update/configuration/ac-common/specialoccasion \\
        --header 'If-Match: 0' --body @body.json

Then `make invoke FUNCTION=<Function> EVENT=events/<Function>/<case>.json` shows what it answers;
name the case for that (events/README.md lists the names and what each promises).
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path
from typing import Any

from local import template
from local.gateway import STAGE, Match, Router, build_event
from local.seeds import EVENTS, SEED, read

REQUEST_TIME = "21/Nov/2026:12:00:00 +0000"
REQUEST_TIME_EPOCH_MS = 1_795_262_400_000
API_ID = "abc123"
HOST = f"{API_ID}.execute-api.eu-west-1.amazonaws.com"
SOURCE_IP = "198.51.100.7"
# Headers every fixture has, set here; the Authorization header comes from the seed's tokens.
FIXED_HEADERS = frozenset({"Host", "User-Agent", "Accept", "Content-Type", "Authorization"})


def user_agent(path: str) -> str:
    return "liveperson-client/1.0" if path.startswith("/api/account/") else "intercom-client/1.0"


def event(
    function: str,
    case: str,
    path: str,
    *,
    query: str = "",
    headers: list[tuple[str, str]] = (),  # type: ignore[assignment]
    body: str | None = None,
    authorization: str | None = None,
    authorizer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The fixture event of `function` for a request to `path` (the route's method)."""
    spec = template.functions()[function]
    [route] = spec.routes
    match = Router({function: spec}).match(route.method, path)
    if not isinstance(match, Match):
        raise ValueError(f"{path} is not a path of {function} ({route.method} {route.path})")
    sent = [("Host", HOST), ("User-Agent", user_agent(path)), ("Accept", "application/json")]
    if body is not None:
        sent.append(("Content-Type", "application/json"))
    sent += list(headers)
    if authorization is not None:
        sent.append(("Authorization", f"Bearer {authorization}"))
    built = build_event(match, route.method, path, query, sent, (body or "").encode(), authorizer, SOURCE_IP)
    request_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"events/{function}/{case}"))
    built["requestContext"].update(
        accountId="123456789012",
        apiId=API_ID,
        domainName=HOST,
        path=f"/{STAGE}{path}",
        extendedRequestId=request_id,
        requestId=request_id,
        requestTime=REQUEST_TIME,
        requestTimeEpoch=REQUEST_TIME_EPOCH_MS,
    )
    return built


def token_of(function: str, scope: str) -> str | None:
    """`write` or `read`: the folder seed's first token with exactly that scope set; `none`: no token; else as given."""
    if scope == "none":
        return None
    if scope not in ("write", "read"):
        return scope
    wanted = {"write": {"read", "write"}, "read": {"read"}}[scope]
    seed = read(EVENTS / function / SEED)
    for token in seed.tokens:
        if set(token.scopes.split()) == wanted:
            return token.token
    raise ValueError(f"{seed.path} has no token with scopes {' '.join(sorted(wanted))}")


def write(function: str, case: str, built: dict[str, Any]) -> Path:
    path = EVENTS / function / f"{case}.json"
    path.write_text(json.dumps(built, indent=2) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("function", help="logical id of the function in template.yaml")
    parser.add_argument("case", help="what it answers: success, not_found, stale_revision, ... (events/README.md)")
    parser.add_argument("path", help="the request's path, e.g. /office_hours_schedules/1")
    parser.add_argument("--query", default="", help="the query string, e.g. 'v=1.0'")
    parser.add_argument("--header", action="append", default=[], help="'Name: value', repeatable")
    parser.add_argument("--body", help="a JSON body, or @file holding one; sent as written")
    parser.add_argument("--token", default="write", help="write (default), read, none, or a token")
    args = parser.parse_args(argv)
    body = Path(args.body[1:]).read_text(encoding="utf-8") if args.body and args.body.startswith("@") else args.body
    headers = [tuple(part.strip() for part in header.split(":", 1)) for header in args.header]
    built = event(
        args.function,
        args.case,
        args.path,
        query=args.query,
        headers=headers,  # type: ignore[arg-type]
        body=body,
        authorization=token_of(args.function, args.token),
    )
    print(f"wrote {write(args.function, args.case, built).relative_to(template.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
