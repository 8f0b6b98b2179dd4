"""The handlers' resolver behaves as Powertools' APIGatewayRestResolver did for what the handlers use."""

from __future__ import annotations

import pytest

from calendar_exceptions.rest import APPLICATION_JSON, NotFoundError, Response, RestResolver


def event(method: str = "GET", path: str = "/things/1", headers: dict | None = None, body: str | None = None) -> dict:
    return {
        "httpMethod": method,
        "path": path,
        "headers": headers,
        "body": body,
        "requestContext": {"requestId": "req-1"},
    }


def test_a_route_gets_its_path_parameters_as_sent_one_segment_each():
    app = RestResolver()
    seen = {}

    @app.get("/accounts/<account>/things/<thing>")
    def thing(account: str, thing: str) -> Response:
        seen.update(account=account, thing=thing)
        return Response(200, APPLICATION_JSON, "{}")

    assert app.resolve(event(path="/accounts/a%20b/things/1,2"), None)["statusCode"] == 200
    assert seen == {"account": "a%20b", "thing": "1,2"}
    with pytest.raises(NotFoundError):
        app.resolve(event(path="/accounts/a/b/things/1"), None)


def test_the_method_must_match_and_no_route_goes_to_not_found():
    app = RestResolver()
    app.put("/things/<id>")(lambda id: Response(200))  # noqa: A006 - the path parameter's name
    app.not_found(lambda error: Response(404, APPLICATION_JSON, '{"message": "no route"}'))
    assert app.resolve(event("PUT"), None)["statusCode"] == 200
    assert app.resolve(event("GET"), None) == {
        "statusCode": 404,
        "body": '{"message": "no route"}',
        "isBase64Encoded": False,
        "multiValueHeaders": {"Content-Type": [APPLICATION_JSON]},
    }


def test_responses_carry_multi_value_headers_and_a_body_only_when_given():
    app = RestResolver()
    app.get("/things/<id>")(lambda id: Response(304, None, None, {"ac-revision": "3"}))  # noqa: A006
    assert app.resolve(event(), None) == {
        "statusCode": 304,
        "body": None,
        "isBase64Encoded": False,
        "multiValueHeaders": {"ac-revision": ["3"]},
    }


def test_headers_are_looked_up_whatever_their_case_and_the_body_is_as_sent():
    app = RestResolver()
    seen = {}

    @app.post("/things/<id>")
    def post(id: str) -> Response:  # noqa: A002
        seen.update(
            if_match=app.current_event.headers.get("if-match"),
            missing=app.current_event.headers.get("X-None", "default"),
            body=app.current_event.body,
            request_id=app.current_event.request_context.request_id,
        )
        return Response(200)

    app.resolve(event("POST", headers={"If-Match": "7"}, body="e30="), None)
    assert seen == {"if_match": "7", "missing": "default", "body": "e30=", "request_id": "req-1"}


def test_errors_go_to_the_handler_of_their_nearest_class_and_context_lasts_one_request():
    app = RestResolver()
    order = []

    def middleware(resolver: RestResolver, next_middleware) -> Response:
        order.append("before")
        resolver.append_context(user="u1")
        response = next_middleware(resolver)
        order.append("after")
        return response

    app.use(middlewares=[middleware])

    @app.get("/things/<id>")
    def get(id: str) -> Response:  # noqa: A002
        order.append(app.context["user"])
        if id == "bad":
            raise KeyError(id)
        return Response(200)

    app.exception_handler([LookupError, ArithmeticError])(lambda error: Response(418))
    app.exception_handler(Exception)(lambda error: Response(500))
    assert app.resolve(event(), None)["statusCode"] == 200
    assert order == ["before", "u1", "after"]
    assert app.context == {}
    assert app.resolve(event(path="/things/bad"), None)["statusCode"] == 418
    app.get("/zero/<id>")(lambda id: 1 / 0)  # noqa: A006
    assert app.resolve(event(path="/zero/1"), None)["statusCode"] == 418


def test_middlewares_run_for_requests_no_route_matches():
    app = RestResolver()
    app.use(middlewares=[lambda resolver, next_middleware: Response(401)])
    app.not_found(lambda error: Response(404))
    assert app.resolve(event(path="/nowhere"), None)["statusCode"] == 401


def test_an_error_nothing_handles_propagates():
    app = RestResolver()
    app.get("/things/<id>")(lambda id: 1 / 0)  # noqa: A006
    with pytest.raises(ZeroDivisionError):
        app.resolve(event(), None)


def test_a_route_keeps_what_it_declares_for_the_openapi_document():
    app = RestResolver()
    not_found = {"$ref": "#/components/responses/Error404"}

    @app.put(
        "/accounts/<accountId>/things/<id>",
        summary="Replace a thing",
        responses={200: {"description": "The thing"}, 404: not_found},
        parameters=[{"name": "If-Match", "in": "header"}],
        request_body={"required": True},
    )
    def replace_one_thing(accountId: str, id: str) -> Response:  # noqa: A002
        return Response(200)

    @app.get("/things", operation_id="things", description="All of them")
    def list_things() -> Response:
        return Response(200)

    replace, listing = app.routes
    assert (replace.method, replace.openapi_path, replace.func) == (
        "PUT",
        "/accounts/{accountId}/things/{id}",
        replace_one_thing,
    )
    assert (replace.summary, replace.responses, replace.parameters, replace.request_body) == (
        "Replace a thing",
        {200: {"description": "The thing"}, 404: not_found},
        [{"name": "If-Match", "in": "header"}],
        {"required": True},
    )
    # The operation id is the handler's name in camelCase unless given.
    assert (replace.operation_id, listing.operation_id) == ("replaceOneThing", "things")
    assert (listing.description, listing.summary, listing.responses, listing.parameters) == (
        "All of them",
        None,
        {},
        [],
    )
