"""Tracing: Powertools' Tracer (and the X-Ray SDK) only when tracing is on."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from aws_lambda_powertools.tracing import Tracer

from calendar_exceptions import observability
from local import template

LAMBDA = {"LAMBDA_TASK_ROOT": "/var/task"}
CASES = [
    {},
    LAMBDA,
    {**LAMBDA, "POWERTOOLS_TRACE_DISABLED": "true"},
    {**LAMBDA, "POWERTOOLS_TRACE_DISABLED": "1"},
    {**LAMBDA, "POWERTOOLS_TRACE_DISABLED": "false"},
    {**LAMBDA, "AWS_SAM_LOCAL": "true"},
    {**LAMBDA, "AWS_CHALICE_CLI_MODE": "true"},
]
VARIABLES = ("LAMBDA_TASK_ROOT", "POWERTOOLS_TRACE_DISABLED", "AWS_SAM_LOCAL", "AWS_CHALICE_CLI_MODE")


@pytest.mark.parametrize("env", CASES, ids=lambda env: ",".join(f"{k}={v}" for k, v in env.items()) or "none")
def test_tracing_is_on_exactly_when_powertools_would_trace(monkeypatch, env):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert observability.tracing_enabled() is (not Tracer._is_tracer_disabled())


def test_untraced_decorators_leave_the_handler_as_it_is():
    untraced = observability.Untraced()

    def handler(event, context):
        return event

    assert untraced.capture_lambda_handler(handler) is handler
    assert untraced.capture_lambda_handler(capture_response=False)(handler) is handler
    assert untraced.capture_method(handler) is handler


def _tracer_in_a_fresh_process(env: dict[str, str]) -> dict[str, object]:
    code = (
        "import json, sys\n"
        "from calendar_exceptions import observability\n"
        "print(json.dumps({'tracer': type(observability.tracer).__name__,"
        " 'xray': 'aws_xray_sdk.core' in sys.modules}))\n"
    )
    base = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env={**base, "PYTHONPATH": str(template.LAYER_DIR), "AWS_XRAY_CONTEXT_MISSING": "IGNORE_ERROR", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_tracing_on_uses_powertools_tracer_and_off_never_imports_the_xray_sdk():
    assert _tracer_in_a_fresh_process(LAMBDA) == {"tracer": "Tracer", "xray": True}
    off = {**LAMBDA, "POWERTOOLS_TRACE_DISABLED": "true"}
    assert _tracer_in_a_fresh_process(off) == {"tracer": "Untraced", "xray": False}
