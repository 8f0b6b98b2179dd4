"""What `template.yaml` declares, read for local runs and tests: functions, routes, tables, environment.

The template is the only table of routes and tables: the local API, `make invoke` and the
tests all read it from here, so they cannot drift from what is deployed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "template.yaml"
LAYER_DIR = ROOT / "layers" / "common"  # the Globals' layer; a function's own layers: layers()

# CloudFormation short-form tags, read as their long form ({"Ref": ...}, {"Fn::Sub": ...}).
_TAGS = (
    "Ref",
    "Sub",
    "GetAtt",
    "Join",
    "Select",
    "Split",
    "If",
    "Equals",
    "Not",
    "And",
    "Or",
    "FindInMap",
    "ImportValue",
    "Base64",
    "Cidr",
    "GetAZs",
    "Condition",
)


class _CfnLoader(yaml.SafeLoader):
    pass


def _constructor(tag: str):
    key = "Ref" if tag == "Ref" else ("Condition" if tag == "Condition" else f"Fn::{tag}")

    def construct(loader: yaml.SafeLoader, node: yaml.Node) -> dict[str, Any]:
        if isinstance(node, yaml.ScalarNode):
            value: Any = loader.construct_scalar(node)
            if tag == "GetAtt":
                value = value.split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return {key: value}

    return construct


for _tag in _TAGS:
    _CfnLoader.add_constructor(f"!{_tag}", _constructor(_tag))


@dataclass(frozen=True)
class Route:
    method: str  # upper case, or ANY
    path: str  # as in the template: /api/account/{accountId}/...


@dataclass(frozen=True)
class FunctionSpec:
    logical_id: str
    code_dir: Path
    handler: str
    environment: dict[str, Any] = field(default_factory=dict)
    routes: tuple[Route, ...] = ()
    schedules: tuple[dict[str, Any], ...] = ()
    timeout: int = 3
    memory: int = 128
    # The logical ids of the layers the function adds to the Globals' (SAM appends a function's
    # `Layers` to the global ones): the holiday functions' HolidaysLayer.
    layers: tuple[str, ...] = ()


@functools.cache
def load(path: Path = TEMPLATE) -> dict[str, Any]:
    with path.open() as stream:
        return yaml.load(stream, Loader=_CfnLoader)  # noqa: S506 - SafeLoader subclass


def tables(template: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Logical id -> Properties of every DynamoDB table."""
    resources = (template or load())["Resources"]
    return {
        name: resource.get("Properties", {})
        for name, resource in resources.items()
        if resource["Type"] == "AWS::DynamoDB::Table"
    }


def global_environment(template: dict[str, Any] | None = None) -> dict[str, Any]:
    """Environment variables every function gets from Globals."""
    template = template or load()
    return template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})


def functions(template: dict[str, Any] | None = None) -> dict[str, FunctionSpec]:
    template = template or load()
    globals_ = template.get("Globals", {}).get("Function", {})
    specs = {}
    for name, resource in template["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        props = {**globals_, **resource.get("Properties", {})}
        env = {
            **globals_.get("Environment", {}).get("Variables", {}),
            **resource.get("Properties", {}).get("Environment", {}).get("Variables", {}),
        }
        routes, schedules = [], []
        for event in (props.get("Events") or {}).values():
            if event["Type"] == "Api":
                routes.append(Route(event["Properties"]["Method"].upper(), event["Properties"]["Path"]))
            elif event["Type"] in ("Schedule", "ScheduleV2"):
                schedules.append(event["Properties"])
        specs[name] = FunctionSpec(
            logical_id=name,
            code_dir=ROOT / props["CodeUri"],
            handler=props["Handler"],
            environment=env,
            routes=tuple(routes),
            schedules=tuple(schedules),
            timeout=int(props.get("Timeout", 3)),
            memory=int(props.get("MemorySize", 128)),
            layers=tuple(layer["Ref"] for layer in resource.get("Properties", {}).get("Layers", [])),
        )
    return specs


def layers(template: dict[str, Any] | None = None) -> dict[str, Path]:
    """Logical id -> source directory (ContentUri) of every layer; the Globals' is LAYER_DIR."""
    resources = (template or load())["Resources"]
    return {
        name: ROOT / resource["Properties"]["ContentUri"]
        for name, resource in resources.items()
        if resource["Type"] == "AWS::Serverless::LayerVersion"
    }


def resolve(value: Any, template: dict[str, Any] | None = None) -> str:
    """A local value for an environment variable: a table's Ref is its local name, a parameter its default."""
    template = template or load()
    if isinstance(value, dict) and "Ref" in value:
        ref = value["Ref"]
        if ref in tables(template):
            return local_table_name(ref)
        parameter = template.get("Parameters", {}).get(ref)
        if parameter is not None:
            return str(parameter.get("Default", ""))
        if ref == "AWS::Region":
            return "us-east-1"
        raise ValueError(f"cannot resolve Ref {ref} locally")
    if isinstance(value, (dict, list)):
        raise ValueError(f"cannot resolve {value} locally")
    return str(value)


def local_table_name(logical_id: str) -> str:
    """Locally, a table is named after its logical id (CloudFormation generates the deployed name)."""
    return logical_id


def create_table_request(logical_id: str, properties: dict[str, Any]) -> dict[str, Any]:
    """CreateTable arguments from the template's own table properties."""
    request: dict[str, Any] = {
        "TableName": local_table_name(logical_id),
        "KeySchema": properties["KeySchema"],
        "AttributeDefinitions": properties["AttributeDefinitions"],
        "BillingMode": properties.get("BillingMode", "PROVISIONED"),
    }
    if request["BillingMode"] == "PROVISIONED":
        request["ProvisionedThroughput"] = properties["ProvisionedThroughput"]
    for key in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes", "StreamSpecification"):
        if key in properties:
            request[key] = properties[key]
    return request
