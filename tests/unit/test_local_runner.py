"""The local runner reproduces API Gateway's proxy events and reads everything from template.yaml."""

from __future__ import annotations

import re

from local import gateway, template


def _match(router, method, path):
    found = router.match(method, path)
    assert isinstance(found, gateway.Match)
    return found


def test_events_keep_headers_and_multi_value_headers_consistent(router):
    match = _match(router, "PUT", "/api/account/a%20b/configuration/ac-common/specialoccasion")
    headers = [("If-Match", "3"), ("X-Forwarded-For", "1.1.1.1"), ("X-Forwarded-For", "2.2.2.2")]
    event = gateway.build_event(
        match,
        "PUT",
        match_path := "/api/account/a%20b/configuration/ac-common/specialoccasion",
        "a=1&a=2&b=",
        headers,
        b"[]",
        {"tenantId": "t"},
    )
    assert event["path"] == match_path
    assert event["resource"] == "/api/account/{accountId}/configuration/ac-common/specialoccasion"
    assert event["pathParameters"] == {"accountId": "a b"}
    assert event["multiValueHeaders"] == {"If-Match": ["3"], "X-Forwarded-For": ["1.1.1.1", "2.2.2.2"]}
    assert event["headers"] == {"If-Match": "3", "X-Forwarded-For": "2.2.2.2"}
    assert event["multiValueQueryStringParameters"] == {"a": ["1", "2"], "b": [""]}
    assert event["queryStringParameters"] == {"a": "2", "b": ""}
    assert event["requestContext"]["authorizer"] == {"tenantId": "t"}
    assert event["requestContext"]["resourcePath"] == event["resource"]
    assert re.fullmatch(r"[0-9a-f-]{36}", event["requestContext"]["requestId"])
    assert event["body"] == "[]"
    assert event["isBase64Encoded"] is False


def test_binary_bodies_are_base64_encoded(router):
    match = _match(router, "POST", "/api/account/1/configuration/ac-common/specialoccasion")
    event = gateway.build_event(match, "POST", "/x", "", [], b"\xff\xfe", None)
    assert event["isBase64Encoded"] is True
    assert "authorizer" not in event["requestContext"]


def test_router_matches_methods_and_path_parameters(router):
    found = _match(router, "DELETE", "/api/account/9/configuration/ac-common/specialoccasion/1,2")
    assert found.function.logical_id == "DeleteSpecialOccasionsFunction"
    assert found.path_parameters == {"accountId": "9", "id": "1,2"}
    assert router.match("PATCH", "/api/account/9/configuration/ac-common/specialoccasion") == "method"
    assert router.match("GET", "/api/account/9/other") is None


def test_every_template_route_is_served(router):
    served = {(route.method, route.path) for route, _ in router.routes()}
    declared = {(r.method, r.path) for spec in template.functions().values() for r in spec.routes}
    assert served == declared
    assert declared, "the template declares Api routes"


def test_results_become_http_responses():
    status, headers, body = gateway.http_response(
        {"statusCode": 200, "headers": {"A": "1"}, "multiValueHeaders": {"B": ["2", "3"]}, "body": "x"}
    )
    assert (status, headers, body) == (200, [("A", "1"), ("B", "2"), ("B", "3")], b"x")
    assert gateway.http_response({"body": "no status"})[0] == 502
    assert gateway.http_response(None)[0] == 502


def test_tables_are_created_from_the_template_properties():
    [(logical_id, properties)] = template.tables().items()
    request = template.create_table_request(logical_id, properties)
    assert request["KeySchema"] == properties["KeySchema"]
    assert request["AttributeDefinitions"] == properties["AttributeDefinitions"]
    assert request["BillingMode"] == "PAY_PER_REQUEST"


def test_template_deploys_what_operations_expect():
    loaded = template.load()
    resources = loaded["Resources"]
    [table] = [r for r in resources.values() if r["Type"] == "AWS::DynamoDB::Table"]
    assert table["Properties"]["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert table["Properties"]["DeletionProtectionEnabled"] is True
    [layer_id] = [name for name, r in resources.items() if r["Type"] == "AWS::Serverless::LayerVersion"]
    assert resources[layer_id]["Metadata"]["BuildMethod"].startswith("python3.1")
    assert loaded["Globals"]["Function"]["Layers"] == [{"Ref": layer_id}]
    assert loaded["Globals"]["Function"]["Runtime"] in ("python3.12", "python3.13")
    for name, spec in template.functions().items():
        assert spec.routes or spec.schedules, f"{name} has no trigger"
        assert (spec.code_dir / "app.py").is_file(), name
        assert "TABLE_NAME" in spec.environment


def test_layer_requirements_are_pinned_without_boto3():
    lines = [
        line.split("#")[0].strip()
        for line in (template.LAYER_DIR / "requirements.txt").read_text().splitlines()
        if line.split("#")[0].strip()
    ]
    assert all("==" in line for line in lines), lines
    names = {line.split("==")[0].split("[")[0].lower() for line in lines}
    assert "boto3" not in names and "botocore" not in names
    dateutil = next(line for line in lines if line.startswith("python-dateutil"))
    assert dateutil.split("==")[1].startswith("2.")
