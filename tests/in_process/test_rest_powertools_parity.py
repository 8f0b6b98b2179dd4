"""The layer's resolver answers as Powertools' APIGatewayRestResolver does, for what the handlers use.

One set of routes, middlewares and error handlers, with the layer's own error handlers
(http_errors) among them, is registered on each resolver; the same API Gateway events go
through both, and the answers (and what the route code saw of the request) must be equal.
If this fails after a Powertools upgrade, rest.py no longer stands in for it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.event_handler import Response as PowertoolsResponse
from botocore.exceptions import ClientError, EndpointConnectionError

from calendar_exceptions import http_errors
from calendar_exceptions.errors import Forbidden, InvalidInput, NotFound, Unauthenticated
from calendar_exceptions.liveperson.http import LivePersonErrorFormat
from calendar_exceptions.rest import Response, RestResolver


class Teapot(LookupError):
    """An error whose handler is found through its base class."""


def build(app: Any, response: type) -> list[Any]:
    """Register the same routes, middlewares and error handlers on `app`; return what they saw."""
    seen: list[Any] = []
    http_errors.register_error_handlers(app, LivePersonErrorFormat("specialoccasion"))

    def outer(resolver: Any, next_middleware: Any) -> Any:
        seen.append(("outer", dict(resolver.context.get("_route_args", {}))))
        if resolver.current_event.headers.get("authorization") is None:
            raise Unauthenticated("no token")
        if resolver.current_event.headers.get("X-Short-Circuit"):
            return response(429, "text/plain", "slow down", {"Retry-After": "7"})
        resolver.append_context(tenant=resolver.current_event.headers.get("AUTHORIZATION"))
        answer = next_middleware(resolver)
        seen.append(("outer after", answer.status_code))
        return answer

    def inner(resolver: Any, next_middleware: Any) -> Any:
        seen.append(("inner", resolver.context.get("tenant")))
        account = resolver.context.get("_route_args", {}).get("account")
        if account is not None and account != resolver.context["tenant"]:
            raise Forbidden(f"not yours: {account}")
        return next_middleware(resolver)

    app.use(middlewares=[outer, inner])

    @app.get("/accounts/<account>/things", summary="List things", responses={200: {"description": "The things"}})
    def list_things(account: str) -> Any:
        event = app.current_event
        seen.append(("list", account, event.headers.get("if-match"), event.headers.get("X-None", "absent")))
        return response(200, "application/json", json.dumps({"account": account}), {"ac-revision": "4"})

    @app.get("/accounts/<account>/things/<thing>")
    def get_thing(account: str, thing: str) -> Any:
        seen.append(("get", account, thing, app.current_event.request_context.request_id))
        if thing == "missing":
            raise NotFound(f"no thing {thing}")
        if thing == "teapot":
            raise Teapot(thing)
        if thing == "throttled":
            raise ClientError({"Error": {"Code": "ThrottlingException", "Message": "slow"}}, "GetItem")
        if thing == "unreachable":
            raise EndpointConnectionError(endpoint_url="http://dynamodb")
        if thing == "bug":
            raise ZeroDivisionError(thing)
        return response(304, None, None, {"ac-revision": "4"})

    @app.put("/accounts/<account>/things")
    def put_things(account: str) -> Any:
        body = app.current_event.body
        seen.append(("put", account, body))
        if not body:
            raise InvalidInput("body: required", "body")
        return response(200, "application/json", body)

    @app.delete("/accounts/<account>/things/<thing>")
    def delete_thing(account: str, thing: str) -> Any:
        seen.append(("delete", account, thing))
        return response(200, None, None, {"ac-revision": "5"})

    @app.exception_handler(LookupError)
    def lookup_failed(error: LookupError) -> Any:
        return response(418, "application/json", json.dumps({"lookup": type(error).__name__}))

    return seen


def event(
    method: str, path: str, headers: dict[str, str] | None = None, body: str | None = None, token: bool = True
) -> dict[str, Any]:
    headers = {**({"Authorization": "Bearer t1"} if token else {}), **(headers or {})}
    return {
        "resource": path,
        "path": path,
        "httpMethod": method,
        "headers": headers or None,
        "multiValueHeaders": {name: [value] for name, value in headers.items()} or None,
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {"requestId": "request-1", "stage": "v1", "httpMethod": method},
        "body": body,
        "isBase64Encoded": False,
    }


MINE = "Bearer t1"
EVENTS = {
    "list": event("GET", f"/accounts/{MINE}/things", {"If-Match": '"3"'}),
    "path parameters as sent": event("GET", "/accounts/a%20b/things/1,2", {"authorization": "a%20b"}),
    "not modified without a body": event("GET", f"/accounts/{MINE}/things/1"),
    "error handler of the nearest class": event("GET", f"/accounts/{MINE}/things/missing"),
    "error handler of a base class": event("GET", f"/accounts/{MINE}/things/teapot"),
    "storage throttled": event("GET", f"/accounts/{MINE}/things/throttled"),
    "storage unreachable": event("GET", f"/accounts/{MINE}/things/unreachable"),
    "unexpected error": event("GET", f"/accounts/{MINE}/things/bug"),
    "middleware refuses before the route": event("GET", f"/accounts/{MINE}/things", token=False),
    "middleware refuses with the path": event("GET", "/accounts/other/things"),
    "middleware answers itself": event("GET", f"/accounts/{MINE}/things", {"X-Short-Circuit": "1"}),
    "body as sent": event("PUT", f"/accounts/{MINE}/things", body='{"name": "é"}'),
    "validation error": event("PUT", f"/accounts/{MINE}/things", body=""),
    "delete": event("DELETE", f"/accounts/{MINE}/things/7"),
    "no route for the method": event("POST", f"/accounts/{MINE}/things"),
    "no route for the path": event("GET", f"/accounts/{MINE}/things/1/more"),
    "no route and no token": event("GET", "/nowhere", token=False),
    "a segment with a character no parameter matches": event("GET", f'/accounts/{MINE}/things/a"b'),
}


def answer(resolver_class: type, response: type, request: dict[str, Any]) -> tuple[dict[str, Any], list[Any], dict]:
    app = resolver_class()
    seen = build(app, response)
    # The layer's error handlers answer with the resolver's own Response class.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(http_errors, "Response", response)
        result = app.resolve(request, None)
    result = {**result, "multiValueHeaders": dict(result["multiValueHeaders"])}
    return result, seen, dict(app.context)


@pytest.mark.parametrize("case", sorted(EVENTS))
def test_the_same_event_gets_the_same_answer_from_both_resolvers(case):
    request = EVENTS[case]
    powertools = answer(APIGatewayRestResolver, PowertoolsResponse, request)
    layer = answer(RestResolver, Response, request)
    assert layer == powertools
    # The answers are the ones the case is about, not two equal failures.
    assert powertools[0]["statusCode"] != 500 or case == "unexpected error"


def test_the_cases_cover_every_kind_of_answer():
    statuses = {answer(RestResolver, Response, request)[0]["statusCode"] for request in EVENTS.values()}
    assert statuses == {200, 304, 400, 401, 403, 404, 418, 429, 500, 503}


def test_an_error_nothing_handles_propagates_from_both():
    for resolver_class, response in ((APIGatewayRestResolver, PowertoolsResponse), (RestResolver, Response)):
        app = resolver_class()
        app.get("/things/<thing>")(lambda thing, response=response: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            app.resolve(event("GET", "/things/1"), None)
