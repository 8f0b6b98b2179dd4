"""`make serve`: every Api route of template.yaml at http://127.0.0.1:$PORT, no Docker needed.

Each HTTP request becomes the API Gateway REST proxy event the deployed function gets, the
function's real handler runs, and its result becomes the HTTP response. `/openapi.json`
serves the checked-in OpenAPI document (`openapi.json`, which `make openapi` rewrites and a
test keeps equal to what the code generates). Storage: see local.dynamodb.local_storage; the embedded
DynamoDB listens on 127.0.0.1:$LOCAL_DYNAMODB_PORT (8100), where `make token` finds it.
Requests need `Authorization: Bearer <token>` (`make token TENANT=<id>`), as deployed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from local import template
from local.dynamodb import local_storage
from local.gateway import Router, build_event, http_response
from local.runtime import Function, load_functions

# API Gateway refuses payloads over 10 MB; Lambda over 6 MB.
MAX_BODY = 6 * 1024 * 1024
OPENAPI_DOCUMENT = template.ROOT / "openapi.json"
_FEED_SECRET = re.compile(r"(/feeds/)[^/?\s]+")


class LocalApi:
    """The local API Gateway: a router over the template's routes and the functions behind them."""

    def __init__(self) -> None:
        self.functions: dict[str, Function] = load_functions()
        self.router = Router(template.functions())
        self._openapi: bytes | None = None

    def openapi_json(self) -> bytes:
        if self._openapi is None:
            self._openapi = OPENAPI_DOCUMENT.read_bytes()
        return self._openapi

    def handle(
        self, method: str, target: str, headers: list[tuple[str, str]], body: bytes, client_ip: str
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        path, _, query = target.partition("?")
        if method == "GET" and path == "/openapi.json":
            return 200, [("Content-Type", "application/json")], self.openapi_json()
        match = self.router.match(method, path)
        if match is None:
            return 404, [("Content-Type", "application/json")], b'{"message":"Not Found"}'
        if match == "method":
            return 403, [("Content-Type", "application/json")], b'{"message":"Missing Authentication Token"}'
        event = build_event(match, method, path, query, headers, body, source_ip=client_ip)
        try:
            result: Any = self.functions[match.function.logical_id].invoke(event)
        except Exception as error:  # noqa: BLE001 - an unhandled handler error is a 502, as deployed
            print(f"{match.function.logical_id} failed: {error!r}", file=sys.stderr)
            result = None
        return http_response(result)


def make_server(api: LocalApi, host: str, port: int) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; with Nagle's algorithm the body waits for the
        # client's delayed ACK of the headers: about 40 ms per response on loopback.
        disable_nagle_algorithm = True

        def _serve(self) -> None:
            declared = (self.headers.get("Content-Length") or "0").strip()
            if not declared.isascii() or not declared.isdigit():
                # The front of API Gateway refuses such a request before any route sees it; the
                # body's end is unknown, so the connection cannot carry another request.
                self.close_connection = True
                self._reply(400, [("Content-Type", "application/json")], b'{"message":"Bad Request"}')
                return
            length = int(declared)
            if length > MAX_BODY:
                self._reply(413, [("Content-Type", "application/json")], b'{"message":"Request Too Long"}')
                return
            body = self.rfile.read(length) if length else b""
            status, headers, data = api.handle(
                self.command, self.path, list(self.headers.items()), body, self.client_address[0]
            )
            self._reply(status, headers, data)

        def _reply(self, status: int, headers: list[tuple[str, str]], data: bytes) -> None:
            self.send_response(status)
            for name, value in headers:
                if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                    self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if status != 304 and self.command != "HEAD":
                self.wfile.write(data)

        def __getattr__(self, name: str) -> Any:
            # Every method reaches the router, as at API Gateway (403 where no route has it), not 501.
            if name.startswith("do_"):
                return self._serve
            raise AttributeError(name)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature of the base class
            if os.environ.get("LOCAL_API_QUIET") != "1":
                # A feed link's secret is its credential: the access log shows its path without it.
                super().log_message(format, *(_FEED_SECRET.sub(r"\1…", str(arg)) for arg in args))

    return _Server((host, port), Handler)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's listen backlog is 5; a burst of clients connecting at once (the load
    # test's 16, a browser, a benchmark) would queue in the kernel beyond it.
    request_queue_size = 128


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "3000")))
    args = parser.parse_args(argv)
    with local_storage() as endpoint:
        api = LocalApi()
        server = make_server(api, args.host, args.port)
        print(f"DynamoDB at {endpoint}; other shells find it there (make token, make invoke), or:", flush=True)
        print(f"  export AWS_ENDPOINT_URL_DYNAMODB={endpoint}", flush=True)
        for route, spec in api.router.routes():
            print(f"  {route.method:6} {route.path}  -> {spec.logical_id}", flush=True)
        print(f"Local API on http://{args.host}:{server.server_port} (OpenAPI at /openapi.json)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    return 0


def serve_in_thread(host: str = "127.0.0.1", port: int = 0) -> tuple[ThreadingHTTPServer, threading.Thread]:
    """The local API in a background thread (tests); storage must already be set up."""
    server = make_server(LocalApi(), host, port)
    thread = threading.Thread(target=server.serve_forever, name="local-api", daemon=True)
    thread.start()
    return server, thread


if __name__ == "__main__":
    sys.exit(main())
