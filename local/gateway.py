"""API Gateway REST proxy integration, locally: HTTP request -> Lambda event, result -> HTTP response.

Events have the shape API Gateway sends a Lambda proxy integration (payload format 1.0):
`headers` and `multiValueHeaders` agree, path parameters are decoded, and the request
context carries the stage and the request id, and the local API's own domain (the Host
called) and path (no stage segment: the local API serves at its root). The local API adds
no authorizer context: the deployed API has no authorizer either; the shared layer checks
the Authorization header.
"""

from __future__ import annotations

import base64
import re
import time
import uuid
from dataclasses import dataclass
from email.utils import formatdate
from typing import Any
from urllib.parse import parse_qsl, unquote

from local.template import FunctionSpec, Route

STAGE = "v1"
LOCAL_ACCOUNT_ID = "123456789012"
LOCAL_API_ID = "localapi01"


@dataclass(frozen=True)
class Match:
    function: FunctionSpec
    route: Route
    path_parameters: dict[str, str]


class Router:
    """Every Api route of the template, matched the way API Gateway does: literal segments first."""

    def __init__(self, functions: dict[str, FunctionSpec]) -> None:
        entries = []
        for spec in functions.values():
            for route in spec.routes:
                entries.append((_specificity(route.path), _pattern(route.path), route, spec))
        entries.sort(key=lambda entry: entry[0], reverse=True)
        self._entries = entries

    def match(self, method: str, path: str) -> Match | str | None:
        """The matching route, None when no path matches, 'method' when the path does but not the method."""
        path_matched = False
        for _, pattern, route, spec in self._entries:
            found = pattern.fullmatch(path)
            if not found:
                continue
            path_matched = True
            if route.method in (method, "ANY"):
                params = {name: unquote(value) for name, value in found.groupdict().items()}
                return Match(spec, route, params)
        return "method" if path_matched else None

    def routes(self) -> list[tuple[Route, FunctionSpec]]:
        return [(route, spec) for _, _, route, spec in self._entries]


def _pattern(path: str) -> re.Pattern[str]:
    regex = ""
    for part in re.split(r"(\{[^}]+\})", path):
        if part.startswith("{") and part.endswith("+}"):
            regex += f"(?P<{_group(part[1:-2])}>.+)"
        elif part.startswith("{"):
            regex += f"(?P<{_group(part[1:-1])}>[^/]+)"
        else:
            regex += re.escape(part)
    return re.compile(regex)


def _group(name: str) -> str:
    if not name.isidentifier():
        raise ValueError(f"path parameter {name!r} is not supported locally")
    return name


def _specificity(path: str) -> tuple[int, int]:
    segments = path.strip("/").split("/")
    literal = sum(1 for s in segments if not s.startswith("{"))
    return (literal, len(segments))


def build_event(
    match: Match,
    method: str,
    path: str,
    query: str,
    headers: list[tuple[str, str]],
    body: bytes,
    authorizer: dict[str, Any] | None = None,
    source_ip: str = "127.0.0.1",
) -> dict[str, Any]:
    """The proxy event; `authorizer` is what an API Gateway authorizer would add (tests only: nothing trusts it)."""
    multi_headers: dict[str, list[str]] = {}
    for name, value in headers:
        multi_headers.setdefault(name, []).append(value)
    multi_query: dict[str, list[str]] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        multi_query.setdefault(name, []).append(value)
    try:
        text, is_base64 = body.decode("utf-8"), False
    except UnicodeDecodeError:
        text, is_base64 = base64.b64encode(body).decode(), True
    now = time.time()
    request_id = str(uuid.uuid4())
    context: dict[str, Any] = {
        "accountId": LOCAL_ACCOUNT_ID,
        "apiId": LOCAL_API_ID,
        # The local API's own: the host and port the client called (feeds/links.py builds absolute URLs
        # from them), and the path as called, without a stage (it serves none; API Gateway's has /v1).
        "domainName": _header(multi_headers, "Host") or "localhost",
        "extendedRequestId": request_id,
        "httpMethod": method,
        "identity": {"sourceIp": source_ip, "userAgent": multi_headers.get("User-Agent", [""])[-1]},
        "path": path,
        "protocol": "HTTP/1.1",
        "requestId": request_id,
        "requestTime": formatdate(now, usegmt=True),
        "requestTimeEpoch": int(now * 1000),
        "resourceId": "local",
        "resourcePath": match.route.path,
        "stage": STAGE,
    }
    if authorizer is not None:
        context["authorizer"] = authorizer
    return {
        "resource": match.route.path,
        "path": path,
        "httpMethod": method,
        "headers": {name: values[-1] for name, values in multi_headers.items()} or None,
        "multiValueHeaders": multi_headers or None,
        "queryStringParameters": {name: values[-1] for name, values in multi_query.items()} or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": match.path_parameters or None,
        "stageVariables": None,
        "requestContext": context,
        "body": text if body else None,
        "isBase64Encoded": is_base64,
    }


def _header(headers: dict[str, list[str]], name: str) -> str | None:
    values = [value for key, found in headers.items() if key.lower() == name.lower() for value in found]
    return values[-1] if values else None


def http_response(result: Any) -> tuple[int, list[tuple[str, str]], bytes]:
    """A proxy integration result as status, headers and body; a malformed one is a 502, as in API Gateway."""
    if not isinstance(result, dict) or not isinstance(result.get("statusCode"), int):
        return 502, [("Content-Type", "application/json")], b'{"message": "Internal server error"}'
    headers: list[tuple[str, str]] = []
    single = result.get("headers") or {}
    multi = result.get("multiValueHeaders") or {}
    for name, value in single.items():
        if name not in multi:
            headers.append((name, str(value)))
    for name, values in multi.items():
        headers.extend((name, str(value)) for value in values)
    body = result.get("body") or ""
    data = base64.b64decode(body) if result.get("isBase64Encoded") else body.encode()
    return result["statusCode"], headers, data
