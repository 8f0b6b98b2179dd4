"""The checked-in openapi.json is the document the code generates, valid, and says what the code answers."""

from __future__ import annotations

import json

import pytest
from openapi_spec_validator import validate

from local import template
from tools import openapi


def test_the_checked_in_document_is_the_generated_one():
    # `make openapi` rewrites it; a change to a route, a model or a limit must go with it.
    stale = "openapi.json is stale: run make openapi"
    assert openapi.CHECKED_IN.read_text(encoding="utf-8") == openapi.document_json(), stale


def test_the_document_is_valid_openapi_31():
    validate(json.loads(openapi.CHECKED_IN.read_text(encoding="utf-8")))


def test_every_route_of_the_template_is_documented_with_the_errors_every_route_can_answer():
    document = openapi.document()
    for spec in template.functions().values():
        for route in spec.routes:
            operation = document["paths"][route.path][route.method.lower()]
            responses = operation["responses"]
            # A route that takes no token (security: [], the public feed routes) answers neither 401 nor 403.
            every = {"500", "503"} if operation.get("security") == [] else {"401", "403", "500", "503"}
            assert every <= set(responses), (route, sorted(responses))
            if "requestBody" in document["paths"][route.path][route.method.lower()]:
                assert "413" in responses, route


def test_a_503_is_documented_with_retry_after_in_each_apis_error_format():
    responses = openapi.document()["components"]["responses"]
    for error in ("LivePersonError", "IntercomError"):
        assert responses[f"{error}503"]["headers"]["Retry-After"]["required"] is True
        assert responses[f"{error}503"]["content"]["application/json"]["schema"]["$ref"].endswith(error)


def test_the_limits_are_documented_where_the_code_enforces_them():
    from calendar_exceptions.validation import MAX_BODY_BYTES

    document = openapi.document()
    schemas = document["components"]["schemas"]
    assert schemas["NewSpecialOccasion"]["properties"]["name"]["maxLength"] == 50
    assert schemas["NewSpecialOccasion"]["properties"]["events"]["maxItems"] == 50
    assert schemas["NewException"]["properties"]["time_intervals"]["anyOf"][0]["maxItems"] == 96
    assert schemas["NewSchedule"]["properties"]["time_intervals"]["maxItems"] == 672
    put = document["paths"]["/api/account/{accountId}/configuration/ac-common/specialoccasion"]["put"]
    assert put["requestBody"]["content"]["application/json"]["schema"]["maxItems"] == 50
    assert str(MAX_BODY_BYTES) in put["requestBody"]["description"]


def test_each_operation_is_what_its_route_declares():
    # The statuses a route answers are the arguments of its route decorator in app.py.
    [declared] = openapi.resolvers()["UpdateSpecialOccasionsFunction"].routes
    put = openapi.document()["paths"][template.functions()["UpdateSpecialOccasionsFunction"].routes[0].path]["put"]
    assert put["summary"] == declared.summary
    assert put["responses"] == {str(status): response for status, response in declared.responses.items()}
    assert put["operationId"] == "updateSpecialOccasions"


def test_a_template_route_its_function_does_not_declare_fails_the_document():
    with pytest.raises(LookupError, match=r"not a route of its app\.py"):
        openapi._declared("ListSpecialOccasionsFunction", template.Route("POST", "/somewhere/else"))


def test_a_reference_to_no_component_fails_the_document():
    document = {"paths": {"/x": {"get": {"responses": {"418": {"$ref": "#/components/responses/Teapot"}}}}}}
    with pytest.raises(LookupError, match="Teapot"):
        openapi._check_references({**document, "components": {"responses": {}}})
