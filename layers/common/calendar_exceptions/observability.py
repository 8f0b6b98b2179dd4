"""Powertools Logger, Tracer and Metrics shared by every handler.

Configured only by the usual Powertools environment variables (POWERTOOLS_SERVICE_NAME,
POWERTOOLS_LOG_LEVEL, POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_TRACE_DISABLED, ...).

Powertools' Tracer imports the X-Ray SDK (and through it much of botocore) even when
tracing is off, about a fifth of a cold start. So the Tracer exists only when tracing is
on, by Powertools' own rule (`tracing_enabled`); otherwise `tracer` is a stand-in whose
decorators return the function undecorated.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.logging import Logger
from aws_lambda_powertools.metrics import Metrics
from aws_lambda_powertools.shared import constants
from aws_lambda_powertools.shared.functions import resolve_truthy_env_var_choice


def tracing_enabled() -> bool:
    """Powertools' rule: off when POWERTOOLS_TRACE_DISABLED is truthy, outside Lambda, or under SAM/Chalice local."""
    if resolve_truthy_env_var_choice(env=os.getenv(constants.TRACER_DISABLED_ENV, "false")):
        return False
    in_lambda = bool(os.getenv(constants.LAMBDA_TASK_ROOT_ENV))
    emulated = bool(os.getenv(constants.SAM_LOCAL_ENV) or os.getenv(constants.CHALICE_LOCAL_ENV))
    return in_lambda and not emulated


class Untraced:
    """What handlers use of Tracer, doing nothing: tracing is off."""

    disabled = True

    def capture_lambda_handler(self, lambda_handler: Callable[..., Any] | None = None, **_: Any) -> Any:
        return lambda_handler if lambda_handler is not None else (lambda handler: handler)

    def capture_method(self, method: Callable[..., Any] | None = None, **_: Any) -> Any:
        return method if method is not None else (lambda function: function)

    def put_annotation(self, key: str, value: Any) -> None:
        pass

    def put_metadata(self, key: str, value: Any, namespace: str | None = None) -> None:
        pass


def _tracer() -> Any:
    if not tracing_enabled():
        return Untraced()
    from aws_lambda_powertools.tracing import Tracer

    return Tracer()


logger = Logger()
tracer = _tracer()
metrics = Metrics()
