"""Validation of a collection's request bodies: the array, each object, and each object by its kind's rules."""

from __future__ import annotations

import functools
from typing import Any

from pydantic import TypeAdapter

from calendar_exceptions.errors import InvalidInput, echo
from calendar_exceptions.liveperson.account_config.api import MAX_PER_REQUEST
from calendar_exceptions.liveperson.account_config.kind import Kind
from calendar_exceptions.liveperson.account_config.models import NamedObject
from calendar_exceptions.names import is_blank, name_key
from calendar_exceptions.primitives import RuleViolation
from calendar_exceptions.validation import json_body, validate


@functools.cache
def _adapter(model: type[NamedObject]) -> TypeAdapter[list[Any]]:
    """The validator of an array of `model`, built once and only by the function that receives one."""
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def new_objects(kind: Kind, body: str | None) -> tuple[list[NamedObject], bool]:
    """The body of a POST: an array of objects without ids, or one such object as the vendor's example.

    Returns the objects and whether the body was a single object (answered in kind).
    """
    data = json_body(body)
    if isinstance(data, dict):
        return _objects(kind, [data], kind.new_model), True
    return _objects(kind, data, kind.new_model), False


def updated_objects(kind: Kind, body: str | None) -> list[Any]:
    """The body of a PUT: full objects with their ids, each id once."""
    objects = _objects(kind, json_body(body), kind.model)
    seen: set[int] = set()
    for index, stored in enumerate(objects):
        object_id = stored.id  # type: ignore[attr-defined]
        if object_id in seen:
            raise InvalidInput(f"[{index}].id: {object_id} appears more than once in the request", f"[{index}].id")
        seen.add(object_id)
    return objects


def _objects(kind: Kind, data: object, model: type[NamedObject]) -> list[NamedObject]:
    if not isinstance(data, list):
        raise InvalidInput(f"body: must be a JSON array of {kind.plural}", field="body")
    if not data:
        raise InvalidInput(f"body: must contain at least one {kind.noun}", field="body")
    if len(data) > MAX_PER_REQUEST:
        raise InvalidInput(f"body: at most {MAX_PER_REQUEST} {kind.plural} per request", field="body")
    objects = validate(_adapter(model).validate_python, data)
    for index, item in enumerate(objects):
        check_object(kind, item, f"[{index}]")
    _require_distinct_names(objects)
    defaults = [index for index, item in enumerate(objects) if item.is_default]
    if len(defaults) > 1:
        raise InvalidInput(f"[{defaults[1]}].isDefault: only one {kind.noun} can be the default", "isDefault")
    return objects


def check_object(kind: Kind, item: NamedObject, prefix: str) -> None:
    """The rules of one object that its types cannot express: those of every object, then its kind's."""
    if is_blank(item.name):
        raise InvalidInput(f"{prefix}.name: must not be blank", f"{prefix}.name")
    if item.deleted:
        raise InvalidInput(f"{prefix}.deleted: must be false; use DELETE to remove {kind.plural}", f"{prefix}.deleted")
    try:
        kind.check_object(item)
    except RuleViolation as violation:
        raise InvalidInput(f"{prefix}.{violation}", f"{prefix}.{violation.field}") from None


def _require_distinct_names(objects: list[NamedObject]) -> None:
    seen: set[str] = set()
    for index, item in enumerate(objects):
        key = name_key(item.name)
        if key in seen:
            raise InvalidInput(f"[{index}].name: {echo(item.name)} appears more than once in the request", "name")
        seen.add(key)
