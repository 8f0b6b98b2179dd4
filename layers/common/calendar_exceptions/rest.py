"""The handlers' resolver for API Gateway's REST proxy integration (payload 1.0).

It does what the handlers use of Powertools' `APIGatewayRestResolver`, the same way, and
nothing more: a route per method and path (`<name>` for a path parameter, matched on the
event's `path` as Powertools matches it, the parameters also in `context["_route_args"]`
for the middlewares), middlewares around every request (the `not_found` handler answers
inside them, as a route would), error handlers looked up along the error's class
hierarchy, a per-request `context`, and `Response` answered with `multiValueHeaders`. The
request is `current_event`: `body`, `headers` (case-insensitive), the query parameters (one
reading of a single one for every route: `query_value`), `raw_event`, and
`request_context.request_id` / `.request_time_epoch`. A route's decorator also takes what
the OpenAPI document says of it (`Route`), with Powertools' argument names. The parity test
(tests/in_process/test_rest_powertools_parity.py) runs the same events through both.

Why not Powertools' resolver (measured, cold start): importing it imports Powertools' whole
event_handler package (every resolver it has, asyncio, every event data class, parts of its
OpenAPI support), none of which a request here needs. On the development machine (2 cores,
median of 9 fresh interpreters that had imported what a handler imports anyway)
`import aws_lambda_powertools.event_handler` took 58 ms (43-104), `import calendar_exceptions.rest`
4 ms (3-6): about a tenth of a function's cold start (`make bench`). It also keeps the current
event on a class shared by every resolver of a process, which the local runner had to make
per-thread. When that import costs a few ms (re-measure after a Powertools upgrade) or cold
starts stop mattering, `RestResolver` becomes `APIGatewayRestResolver` in the `api.resolver()`
functions and `parameters=`/`request_body=` move to the handlers' annotated signatures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from calendar_exceptions.errors import InvalidInput

APPLICATION_JSON = "application/json"

# One path segment, as Powertools matches a <parameter>: RFC 3986 characters, escapes as sent.
_PARAMETER = re.compile(r"<(\w+)>")
_SEGMENT = r"[-._~()'!*:@,;=+&$%<> \[\]{}|^\w]+"

Handler = Callable[..., "Response"]
NextMiddleware = Callable[["RestResolver"], "Response"]
Middleware = Callable[["RestResolver", NextMiddleware], "Response"]


class NotFoundError(Exception):
    """No route matches the request; answered by the handler registered with `not_found`."""


class Response:
    def __init__(
        self,
        status_code: int,
        content_type: str | None = None,
        body: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status_code = status_code
        self.body = body
        self.headers: dict[str, str] = dict(headers) if headers else {}
        if content_type:
            self.headers.setdefault("Content-Type", content_type)

    def proxy_result(self) -> dict[str, Any]:
        """The Lambda result API Gateway's REST proxy integration expects."""
        return {
            "statusCode": self.status_code,
            "body": self.body,
            "isBase64Encoded": False,
            "multiValueHeaders": {name: [value] for name, value in self.headers.items() if value is not None},
        }


class Headers(dict[str, str]):
    """Request headers whose `get` ignores the case of the name."""

    def __init__(self, headers: Mapping[str, str] | None) -> None:
        super().__init__((name.lower(), value) for name, value in (headers or {}).items())

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        return super().get(name.lower(), default)


class RequestContext:
    def __init__(self, context: Mapping[str, Any]) -> None:
        self._context = context

    @property
    def request_id(self) -> str:
        return self._context["requestId"]

    @property
    def request_time_epoch(self) -> int | None:
        """When API Gateway received the request, in milliseconds since the epoch (None in a bare event)."""
        return self._context.get("requestTimeEpoch")


class Request:
    """The API Gateway event being handled."""

    def __init__(self, event: dict[str, Any]) -> None:
        self.raw_event = event
        self.http_method: str = event["httpMethod"]
        self.path: str = event["path"]
        self.body: str | None = event.get("body")
        self.headers = Headers(event.get("headers"))
        self.query_string_parameters: dict[str, str] = event.get("queryStringParameters") or {}
        self.multi_value_query_string_parameters: dict[str, list[str]] = (
            event.get("multiValueQueryStringParameters") or {}
        )
        self.request_context = RequestContext(event.get("requestContext") or {})

    def header_values(self, name: str) -> list[str]:
        """Every value of header `name` as sent (`headers` keeps only the last one of a repeated header)."""
        multi = self.raw_event.get("multiValueHeaders")
        if isinstance(multi, dict):
            return [str(v) for key, values in multi.items() if key.lower() == name.lower() for v in (values or [])]
        value = self.headers.get(name)
        return [] if value is None else [value]

    def query_values(self, name: str) -> list[str]:
        """Every value of query parameter `name` as sent (`query_string_parameters` keeps only the last)."""
        values = self.multi_value_query_string_parameters.get(name)
        if values is not None:
            return [str(value) for value in values]
        value = self.query_string_parameters.get(name)
        return [] if value is None else [str(value)]

    def query_value(self, name: str) -> str | None:
        """The one value of query parameter `name`, None when it is not sent.

        The one reading of a query parameter for every route: sent twice, even with the same
        value, it is ambiguous (which one did the caller mean?) and refused, 400 naming it.
        """
        values = self.query_values(name)
        if len(values) > 1:
            raise InvalidInput(f"{name}: sent {len(values)} times; send it once", name)
        return values[0] if values else None


class Route:
    """A declared route: what the resolver matches and calls, and what the OpenAPI document says of it.

    The attributes are Powertools' `Route`'s where it has them (`method`, `path`, `rule`,
    `func`, `summary`, `description`, `responses`, `operation_id`, `openapi_path`);
    `parameters` and `request_body` are this resolver's own (Powertools reads them from the
    handler's annotated signature, which would import its OpenAPI models at cold start).
    Nothing here is read while answering a request: `tools/openapi.py` reads it.
    """

    def __init__(self, method: str, path: str, func: Handler, **openapi: Any) -> None:
        self.method = method.upper()
        self.path = path
        self.rule = re.compile("^" + _PARAMETER.sub(lambda name: f"(?P<{name[1]}>{_SEGMENT})", path) + "$")
        self.func = func
        self.summary: str | None = openapi.get("summary")
        self.description: str | None = openapi.get("description")
        self.responses: dict[int, dict[str, Any]] = openapi.get("responses") or {}
        self.parameters: list[dict[str, Any]] = openapi.get("parameters") or []
        self.request_body: dict[str, Any] | None = openapi.get("request_body")
        # None: the document's (a bearer token); [] for a route that takes none (the public feed routes).
        self.security: list[dict[str, Any]] | None = openapi.get("security")
        # camelCase of the handler's name: list_special_occasions -> listSpecialOccasions.
        first, *rest = func.__name__.split("_")
        self.operation_id: str = openapi.get("operation_id") or first + "".join(part.title() for part in rest)

    @property
    def openapi_path(self) -> str:
        """The path as OpenAPI (and the template) writes it: `{name}` for a parameter."""
        return _PARAMETER.sub(lambda name: "{" + name[1] + "}", self.path)


class RestResolver:
    def __init__(self) -> None:
        self.routes: list[Route] = []
        self._error_handlers: dict[type[BaseException], Callable[[Any], Response]] = {}
        self._middlewares: list[Middleware] = []
        self.context: dict[str, Any] = {}
        self.current_event: Request
        self.lambda_context: Any = None

    def route(
        self,
        rule: str,
        method: str,
        *,
        summary: str | None = None,
        description: str | None = None,
        responses: dict[int, dict[str, Any]] | None = None,
        operation_id: str | None = None,
        parameters: list[dict[str, Any]] | None = None,
        request_body: dict[str, Any] | None = None,
        security: list[dict[str, Any]] | None = None,
    ) -> Callable[[Handler], Handler]:
        """Register the handler of `method` on `rule`, with what the OpenAPI document says of it:
        `summary`, `description`, `operation_id` (default: the handler's name in camelCase) and
        `responses` as Powertools takes them; `parameters`, `request_body` and `security` (OpenAPI
        objects; a path parameter not listed is a string; `security=[]`: no token). Plain dicts:
        declaring a route imports nothing."""
        openapi = {
            "summary": summary,
            "description": description,
            "responses": responses,
            "operation_id": operation_id,
            "parameters": parameters,
            "request_body": request_body,
            "security": security,
        }

        def register(handler: Handler) -> Handler:
            self.routes.append(Route(method, rule, handler, **openapi))
            return handler

        return register

    def get(self, rule: str, **openapi: Any) -> Callable[[Handler], Handler]:
        return self.route(rule, "GET", **openapi)

    def post(self, rule: str, **openapi: Any) -> Callable[[Handler], Handler]:
        return self.route(rule, "POST", **openapi)

    def put(self, rule: str, **openapi: Any) -> Callable[[Handler], Handler]:
        return self.route(rule, "PUT", **openapi)

    def delete(self, rule: str, **openapi: Any) -> Callable[[Handler], Handler]:
        return self.route(rule, "DELETE", **openapi)

    def use(self, middlewares: list[Middleware]) -> None:
        """Middlewares around every request, matched or not, first registered outermost."""
        self._middlewares.extend(middlewares)

    def exception_handler(
        self, error_class: type[BaseException] | list[type[BaseException]]
    ) -> Callable[[Callable[[Any], Response]], Any]:
        """Register the handler of an error class, or of each of a list of them."""
        classes = error_class if isinstance(error_class, list) else [error_class]

        def register(handler: Callable[[Any], Response]) -> Callable[[Any], Response]:
            for cls in classes:
                self._error_handlers[cls] = handler
            return handler

        return register

    def not_found(self, handler: Callable[[NotFoundError], Response]) -> Callable[[NotFoundError], Response]:
        return self.exception_handler(NotFoundError)(handler)

    def append_context(self, **values: Any) -> None:
        self.context.update(values)

    def resolve(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.current_event = Request(event)
        self.lambda_context = context
        try:
            return self._respond().proxy_result()
        finally:
            self.context.clear()

    def _respond(self) -> Response:
        try:
            return self._through_middlewares(self._matching_route(), 0)
        except Exception as error:
            handler = self._error_handler(type(error))
            if handler is None:
                raise
            return handler(error)

    def _matching_route(self) -> Callable[[], Response]:
        method, path = self.current_event.http_method.upper(), self.current_event.path
        for route in self.routes:
            match = route.rule.match(path) if route.method == method else None
            if match:
                arguments = match.groupdict()
                # As Powertools does: middlewares read the path parameters here.
                self.append_context(_route_args=arguments)
                return lambda: route.func(**arguments)

        def not_found() -> Response:
            # As Powertools does: the not_found handler answers inside the middlewares, as a route would.
            error = NotFoundError(f"No route for {method} {path}")
            handler = self._error_handler(NotFoundError)
            if handler is None:
                raise error
            return handler(error)

        self.append_context(_route_args={})
        return not_found

    def _through_middlewares(self, call: Callable[[], Response], index: int) -> Response:
        if index == len(self._middlewares):
            return call()
        return self._middlewares[index](self, lambda _: self._through_middlewares(call, index + 1))

    def _error_handler(self, error_class: type[BaseException]) -> Callable[[Any], Response] | None:
        for cls in error_class.__mro__:
            if cls in self._error_handlers:
                return self._error_handlers[cls]
        return None
