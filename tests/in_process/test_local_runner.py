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
    # Every function has the common layer; a function's own layers (the holidays') come on top.
    [layer_id] = [name for name, path in template.layers(loaded).items() if path == template.LAYER_DIR]
    assert loaded["Globals"]["Function"]["Layers"] == [{"Ref": layer_id}]
    # icalendar's layer goes to the one function that builds calendars (SAM appends it to the global one)
    with_feeds = [
        name for name, r in resources.items() if {"Ref": "FeedsLayer"} in r.get("Properties", {}).get("Layers", [])
    ]
    assert with_feeds == ["GetFeedCalendarFunction"]
    assert loaded["Globals"]["Function"]["Runtime"] in ("python3.12", "python3.13")
    for name, spec in template.functions().items():
        assert spec.routes or spec.schedules, f"{name} has no trigger"
        assert (spec.code_dir / "app.py").is_file(), name
        assert "TABLE_NAME" in spec.environment


def _requirement_lines(path) -> list[str]:
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def _distribution_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


FEEDS_LAYER_DIR = template.ROOT / "layers" / "feeds"


def test_layer_requirements_are_a_pinned_closure_without_what_the_runtime_ships():
    """The layer installs requirements.txt with --no-deps: every dependency must be pinned there or be the runtime's.

    The feeds layer (icalendar) comes after the common layer: its dependencies may be the common layer's.
    """
    from importlib import metadata

    from packaging.requirements import Requirement

    pins = dict(
        line.split("==")
        for path in template.layers().values()  # a function's own layers are beside the common one
        for line in _requirement_lines(path / "requirements.txt")
    )
    layer = {_distribution_name(name): version for name, version in pins.items()}
    runtime = {_distribution_name(name) for name in _requirement_lines(template.LAYER_DIR / "runtime-provided.txt")}
    assert not layer.keys() & runtime, "the layer would shadow the runtime's copies"
    assert {"boto3", "botocore", "python-dateutil"} <= runtime
    for name, version in layer.items():
        assert metadata.version(name) == version, f"{name}: the tests run {metadata.version(name)}, the layer {version}"
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                dependency = _distribution_name(requirement.name)
                assert dependency in layer or dependency in runtime, f"{name} needs {dependency}, which nothing ships"
    # special_occasions.rules uses python-dateutil 2.x: the runtime's, which botocore pins below 3.
    botocore_needs = [Requirement(r) for r in metadata.requires("botocore") or []]
    dateutil = next(r for r in botocore_needs if _distribution_name(r.name) == "python-dateutil")
    assert not dateutil.specifier.contains("3.0.0")


def test_the_layer_code_imports_only_what_the_layer_or_the_runtime_ships():
    from importlib import metadata

    def pinned(layer_dir) -> set[str]:
        return {_distribution_name(line.split("==")[0]) for line in _requirement_lines(layer_dir / "requirements.txt")}

    shipped = pinned(template.LAYER_DIR) | {
        _distribution_name(line) for line in _requirement_lines(template.LAYER_DIR / "runtime-provided.txt")
    }
    # A function's own layer (the holidays layer's package) comes on top of the common one: its
    # code may import what the common layer and the runtime ship, its own requirements, and the
    # common layer's calendar_exceptions.
    packages = {template.LAYER_DIR / "calendar_exceptions": shipped}
    for layer_dir in template.layers().values():
        if layer_dir != template.LAYER_DIR:
            packages |= {package.parent: shipped | pinned(layer_dir) for package in layer_dir.glob("*/__init__.py")}
    owners = metadata.packages_distributions()
    # Only the calendar function has the feeds layer, and only it imports the module that builds calendars.
    feeds_only = {template.LAYER_DIR / "calendar_exceptions" / "feeds" / "calendar.py": pinned(FEEDS_LAYER_DIR)}
    for package, allowed in packages.items():
        _imports_only(package, allowed, owners, feeds_only)


def _imports_only(package, allowed, owners, also) -> None:
    import ast
    import sys

    for source in package.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in ("calendar_exceptions", package.name):
                    continue
                available = allowed | also.get(source, set())
                assert {_distribution_name(d) for d in owners.get(top, [])} & available, f"{source.name}: {name}"


def test_every_layer_is_built_by_its_makefile():
    resources = template.load()["Resources"]
    for name, layer_dir in template.layers().items():
        assert resources[name]["Metadata"]["BuildMethod"] == "makefile"
        makefile = (layer_dir / "Makefile").read_text()
        assert f"build-{name}:" in makefile
        assert "--no-deps" in makefile and "compileall" in makefile


PUBLISH_ROUNDS = 20_000


def test_concurrent_requests_publish_their_metrics_without_failing(capsys):
    # Powertools keeps one metric set per process; the local runner serves concurrent requests
    # from threads of one process. One request flushing while another adds and flushes must
    # not fail the other (it did: SchemaValidationError, answered 502 under the load test).
    import threading
    import warnings

    from aws_lambda_powertools.metrics import Metrics, MetricUnit

    metrics = Metrics(namespace="LocalRunnerTest", service="test")
    errors: list[Exception] = []
    start = threading.Barrier(3)

    def publish(adds: bool) -> None:
        # A fixed number of rounds, not a time: the same work however loaded the machine is
        start.wait()
        for _ in range(PUBLISH_ROUNDS):
            try:
                if adds:
                    metrics.add_metric(name="Requests", unit=MetricUnit.Count, value=1)
                metrics.flush_metrics()
            except Exception as error:  # noqa: BLE001 - any failure is the finding
                errors.append(error)
                return

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "No application metrics to publish"
        threads = [threading.Thread(target=publish, args=(adds,)) for adds in (True, False, False)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert '"Requests"' in capsys.readouterr().out


def test_the_emulator_imports_nothing_from_the_tools():
    # local/ is the emulator alone (make serve, make invoke); the operator commands and the
    # OpenAPI generator in tools/ may use it, never the reverse: make serve serves the
    # checked-in openapi.json, which the test of the document keeps equal to the generated one.
    import ast

    importers = set()
    for module in (template.ROOT / "local").glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name == "tools" or name.startswith("tools.") for name in names):
                importers.add(module.name)
    assert importers == set()
