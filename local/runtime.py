"""Lambda execution environments, locally: each function's handler loaded in-process.

Like Lambda, an environment serves one request at a time; concurrent requests to one
function get further environments (a fresh copy of its handler module), so handler state
such as the resolver's current event is never shared between two requests.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import queue
import sys
import threading
import time
import uuid
from types import ModuleType
from typing import Any

from local import template
from local.template import FunctionSpec

_import_lock = threading.Lock()


def prepare_process() -> None:
    """Make the shared layer importable and set what a local Lambda environment has.

    The template's Globals environment is set here, before anything imports the layer,
    because the layer's Powertools objects read it once at import; values already in the
    environment win, so a caller can override them.
    """
    # The common layer, then the layers some functions add (the holidays layer): in one process
    # every function sees them all; which function may import what is tested against the template.
    for layer in reversed([str(template.LAYER_DIR), *(str(path) for path in template.layers().values())]):
        if layer not in sys.path:
            sys.path.insert(0, layer)
    for name, value in template.global_environment().items():
        # A variable the template leaves empty (AWS_ENDPOINT_URL_DYNAMODB: for `sam local invoke`
        # to set) stays unset: local storage is chosen by local.dynamodb.local_storage.
        if template.resolve(value):
            os.environ.setdefault(name, template.resolve(value))
    os.environ.setdefault("AWS_SAM_LOCAL", "true")
    # No X-Ray daemon here: tracing stays off unless asked for.
    os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")
    for key, value in {"AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1"}.items():
        os.environ.setdefault(key, value)
    _one_metrics_publisher_at_a_time()


_metrics_lock = threading.RLock()


def _one_metrics_publisher_at_a_time() -> None:
    """Powertools keeps one metric set per process, and Lambda runs one request per process at
    a time. Here concurrent requests are threads of one process: one request's flush could
    empty the set between another's check that it is not empty and its serialisation
    (SchemaValidationError, a 502). Adding and flushing metrics take one lock here; which
    request's line carries a metric locally does not matter."""
    from aws_lambda_powertools.metrics.provider.cloudwatch_emf.cloudwatch import AmazonCloudWatchEMFProvider

    for name in ("add_metric", "flush_metrics"):
        method = getattr(AmazonCloudWatchEMFProvider, name)
        if getattr(method, "_local_lock", False):
            continue

        @functools.wraps(method)
        def locked(*args: Any, _method: Any = method, **kwargs: Any) -> Any:
            with _metrics_lock:
                return _method(*args, **kwargs)

        locked._local_lock = True  # type: ignore[attr-defined]
        setattr(AmazonCloudWatchEMFProvider, name, locked)


class LambdaContext:
    """The attributes of the Lambda context object that handlers and Powertools read."""

    def __init__(self, spec: FunctionSpec) -> None:
        self.function_name = spec.logical_id
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:us-east-1:123456789012:function:{spec.logical_id}"
        self.memory_limit_in_mb = spec.memory
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{spec.logical_id}"
        self.log_stream_name = "local"
        # LOCAL_TIMEOUT_SCALE stretches the template's timeout, for a local stack deliberately
        # overloaded (the load test: one process, a moto server that takes one request at a
        # time), where requests wait far longer than on Lambda and DynamoDB.
        scale = float(os.environ.get("LOCAL_TIMEOUT_SCALE") or 1)
        self._deadline = time.monotonic() + spec.timeout * scale

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


class Function:
    """One function of the template with its pool of warm environments."""

    def __init__(self, spec: FunctionSpec) -> None:
        self.spec = spec
        self._idle: queue.LifoQueue[Any] = queue.LifoQueue()
        self._count = 0

    def invoke(self, event: dict[str, Any]) -> Any:
        try:
            handler = self._idle.get_nowait()
        except queue.Empty:
            handler = self._load()
        try:
            return handler(event, LambdaContext(self.spec))
        finally:
            self._idle.put(handler)

    def _load(self) -> Any:
        with _import_lock:
            self._count += 1
            name = f"_lambda_{self.spec.logical_id}_{self._count}"
        attribute = self.spec.handler.rpartition(".")[2]
        return getattr(import_handler_module(self.spec, name), attribute)


def import_handler_module(spec: FunctionSpec, name: str) -> ModuleType:
    """A fresh copy of the function's handler module, imported as `name` in the function's environment."""
    module_file = spec.handler.rpartition(".")[0]
    path = spec.code_dir / f"{module_file.replace('.', '/')}.py"
    with _import_lock, _environment(spec):
        module_spec = importlib.util.spec_from_file_location(name, path)
        if module_spec is None or module_spec.loader is None:
            raise ImportError(f"cannot load {path}")
        module: ModuleType = importlib.util.module_from_spec(module_spec)
        sys.path.insert(0, str(spec.code_dir))
        try:
            module_spec.loader.exec_module(module)
        finally:
            sys.path.remove(str(spec.code_dir))
    return module


@contextlib.contextmanager
def _environment(spec: FunctionSpec):
    """The function's environment variables while its module is imported (Powertools reads them then)."""
    shared = template.global_environment()
    values = {
        name: template.resolve(value)
        for name, value in spec.environment.items()
        if name not in shared or shared[name] != value
    }
    values["AWS_LAMBDA_FUNCTION_NAME"] = spec.logical_id
    values["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = str(spec.memory)
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        # Values every function shares stay set, so request-time reads (TABLE_NAME) see them.
        for name, old in previous.items():
            if name.startswith("AWS_LAMBDA_FUNCTION_"):
                if old is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = old


def load_functions() -> dict[str, Function]:
    prepare_process()
    return {name: Function(spec) for name, spec in template.functions().items()}
