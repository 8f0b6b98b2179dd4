"""Turning a request body into models, with errors that name the field and the problem; the models' strict base."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from calendar_exceptions.errors import MAX_ECHO, InvalidInput, PayloadTooLarge, echo
from calendar_exceptions.primitives import MAX_BODY_BYTES

_FRIENDLY = {
    "extra_forbidden": "is not a known field",
    "missing": "is required",
}


class StrictModel(BaseModel):
    """The base of every request model of both APIs.

    strict: "true" is not a boolean and 1.0 is not an integer; forbid: unknown fields are
    errors; defer_build: a model's validator is built when first used, so each function
    builds only those it uses, not every model of a module at import.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class TooManyDigits:
    """An integer of the body with more digits than Python converts (its int-string limit, 4,300).

    Parsing keeps it as this placeholder instead of failing the whole body, so that the
    models refuse it like any other value of the wrong type, naming its field.
    """

    def __init__(self, digits: str) -> None:
        self.digits = len(digits.lstrip("-"))

    def __repr__(self) -> str:
        return f"<an integer of {self.digits} digits>"


def _integer(text: str) -> int | TooManyDigits:
    try:
        return int(text)
    except ValueError:  # more digits than sys.get_int_max_str_digits()
        return TooManyDigits(text)


def json_body(body: str | None) -> Any:
    """Parse a JSON request body, refusing an oversized (413), absent or malformed one (400)."""
    if body is not None and body_size(body) > MAX_BODY_BYTES:
        raise PayloadTooLarge(f"body: larger than the {MAX_BODY_BYTES} bytes a request may send", field="body")
    if body is None or not body.strip():
        raise InvalidInput("body: a JSON body is required", field="body")
    try:
        return json.loads(body, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"body: malformed JSON ({error.msg} at line {error.lineno} column {error.colno})", field="body"
        ) from None
    except RecursionError:
        raise InvalidInput("body: JSON nested too deeply", field="body") from None


def body_size(body: str) -> int:
    """Bytes of `body` in UTF-8, without encoding a body whose characters alone exceed the limit."""
    return len(body) if len(body) > MAX_BODY_BYTES else len(body.encode("utf-8", "surrogatepass"))


def field_path(loc: tuple[Any, ...], prefix: str = "") -> str:
    """('0', 'events', 1, 'start') -> '[0].events[1].start'"""
    path = prefix
    for part in loc:
        # A field name is the caller's text too (an unknown field): cut as any echoed value.
        name = part if isinstance(part, int) or len(str(part)) <= MAX_ECHO else echo(part)
        path += f"[{name}]" if isinstance(part, int) else (f".{name}" if path else str(name))
    return path or "body"


def _problem(problem: Any) -> str:
    if problem["type"] not in _FRIENDLY and isinstance(problem.get("input"), TooManyDigits):
        return f"is a number of {problem['input'].digits} digits, far more than any field takes"
    return _FRIENDLY.get(problem["type"], problem["msg"])


def validate[T](validator: Callable[[Any], T], data: Any, prefix: str = "") -> T:
    """Validate `data` with a pydantic validator (`Model.model_validate`, `TypeAdapter.validate_python`);
    report up to three problems with their field paths."""
    try:
        return validator(data)
    except ValidationError as error:
        problems = error.errors(include_url=False)
        first = field_path(tuple(problems[0]["loc"]), prefix)
        described = [f"{field_path(tuple(p['loc']), prefix)}: {_problem(p)}" for p in problems[:3]]
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise InvalidInput("; ".join(described) + more, field=first) from None
