"""One Lambda execution environment, in a fresh interpreter: the bench's measuring child.

Run as `python -I -S -B bench/child.py <job.json> <spawn wall time>`: isolated, without
site-packages and without writing bytecode, as a read-only /opt and /var/task are. The job
gives `sys.path` the order Lambda gives it (function code, the layer, then the runtime's
own boto3), the environment, the event and the DynamoDB calls to answer.

DynamoDB is answered at the botocore layer: `Endpoint._send`, the one place where botocore
would put the request on the wire, returns a recorded HTTP response instead. Everything
above it (parameter validation, serialisation, signing, parsing, retries) runs as it would
against DynamoDB. The calls must come in the recorded order, or the child fails: a change
in round trips cannot go unnoticed.

Only the standard library is imported before the measured import of the handler.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import sys
import time


class Replay:
    """Recorded DynamoDB answers: `first` once, in order, then `then` over and over.

    A token look-up is answered with `token` whenever it comes: a warm environment looks its
    token up again once its cache entry is a minute old, which a long run reaches.
    """

    def __init__(self, first: list[dict], then: list[dict], token: dict | None = None) -> None:
        self._first = list(first)
        self._then = list(then)
        self._token = token
        self._next = 0
        self.calls = 0

    def answer(self, request: object) -> object:
        from botocore.awsrequest import AWSResponse

        body = request.body or b""  # type: ignore[attr-defined]
        if self._token is not None and b'"TOKEN#' in (body if isinstance(body, bytes) else body.encode()):
            call = self._token
        elif self._first:
            call = self._first.pop(0)
        else:
            if not self._then:
                raise AssertionError("no further DynamoDB call was recorded")
            call = self._then[self._next % len(self._then)]
            self._next += 1
        target = request.headers.get("X-Amz-Target", b"")  # type: ignore[attr-defined]
        target = target.decode() if isinstance(target, bytes) else target
        if not target.endswith("." + call["operation"]):
            raise AssertionError(f"DynamoDB call {target} where {call['operation']} was recorded")
        self.calls += 1
        return AWSResponse(request.url, call["status"], call["headers"], _Raw(call["body"].encode()))  # type: ignore[attr-defined]


class _Raw:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **_: object):
        yield self._data


def install(replay: Replay) -> None:
    import botocore.endpoint

    botocore.endpoint.Endpoint._send = lambda self, request: replay.answer(request)


class Context:
    """The Lambda context attributes Powertools reads."""

    def __init__(self, name: str) -> None:
        self.function_name = name
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:us-east-1:123456789012:function:{name}"
        self.memory_limit_in_mb = 512
        self.aws_request_id = "bench"
        self.log_group_name = f"/aws/lambda/{name}"
        self.log_stream_name = "bench"

    def get_remaining_time_in_millis(self) -> int:
        return 10_000


def rss_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main() -> None:
    with open(sys.argv[1]) as job_file:
        job = json.load(job_file)
    spawned = float(sys.argv[2])
    sys.path[:0] = job["path"]
    os.environ.update(job["env"])
    replay = Replay(job["first"], job["then"], job.get("token"))
    install(replay)

    spec = importlib.util.spec_from_file_location("app", job["handler_file"])
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["app"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    handler = getattr(module, job["handler"])
    imported = time.time()

    event, context, expect = job["event"], Context(job["name"]), job["expect"]

    def invoke() -> None:
        result = handler(event, context)
        if any(result.get(key) != value for key, value in expect.items()):
            raise AssertionError(f"{job['name']}: answered {result}, expected {expect}")
        if job.get("follow_revision"):
            _follow_revision(event, result)

    invoke()
    answered = time.time()
    out: dict = {
        "init": imported - spawned,
        "first": answered - imported,
        "total": answered - spawned,
        # CPU time of this process from its start to the answer: what the cold start costs
        # without the waits a loaded machine adds to the wall clock.
        "cpu": time.process_time(),
        "calls_first": replay.calls,
        "uncompiled": _uncompiled(job.get("layer")),
    }
    mode = job["mode"]
    if mode == "warm":
        for _ in range(job["warmup"]):
            invoke()
        times = []
        for _ in range(job["requests"]):
            started = time.perf_counter()
            invoke()
            times.append(time.perf_counter() - started)
        out["median"] = statistics.median(times)
        out["mean"] = statistics.fmean(times)
    elif mode == "memory":
        rss = {1: rss_kb()}
        for number in range(2, job["requests"] + 1):
            invoke()
            if number in job["checkpoints"]:
                rss[number] = rss_kb()
        out["rss_kb"] = rss
        out["growth"] = _growth(invoke, job["traced"])
    with open(job["result"], "w") as result_file:
        json.dump(out, result_file)


def _follow_revision(event: dict, result: dict) -> None:
    """The next request carries the revision this one answered, as a client saving again does,
    and changes the first occasion's description again (the same body again would be a 304)."""
    body = json.loads(event["body"])
    body[0]["description"] = "changed" if body[0]["description"] != "changed" else "changed again"
    event["body"] = json.dumps(body)
    answered = {name.lower(): value for name, value in (result.get("headers") or {}).items()}
    for name, values in (result.get("multiValueHeaders") or {}).items():
        answered[name.lower()] = values[-1]
    revision = answered["ac-revision"]
    for name in list(event.get("headers") or {}):
        if name.lower() == "if-match":
            event["headers"][name] = revision
    for name in list(event.get("multiValueHeaders") or {}):
        if name.lower() == "if-match":
            event["multiValueHeaders"][name] = [revision]


def _uncompiled(layer: str | None) -> list[str]:
    """Modules imported from the layer without a .pyc next to them: compiled at every cold start."""
    if not layer:
        return []
    missing = []
    for name, module in list(sys.modules.items()):
        source = getattr(module, "__file__", None) or ""
        cached = getattr(module, "__cached__", None)
        if source.startswith(layer) and source.endswith(".py") and not (cached and os.path.exists(cached)):
            missing.append(name)
    return sorted(missing)


def _growth(invoke, windows: list[int]) -> dict:
    """Memory tracemalloc sees allocated and still alive after each window of further requests.

    Growth that stops (about the same after the last window as after the first) is a cache
    filling up; growth with the number of requests would be a leak.
    """
    import gc
    import tracemalloc

    tracemalloc.start(1)
    gc.collect()
    start = tracemalloc.take_snapshot()
    base = tracemalloc.get_traced_memory()[0]
    alive = {}
    done = 0
    for window in windows:
        for _ in range(window - done):
            invoke()
        done = window
        gc.collect()
        alive[window] = (tracemalloc.get_traced_memory()[0] - base) // 1024
    stats = tracemalloc.take_snapshot().compare_to(start, "lineno")
    tracemalloc.stop()
    top = [f"{stat.size_diff / 1024:+.1f} KiB: {stat.traceback[0]}" for stat in stats[:3]]
    return {"alive_kb": alive, "top": top}


if __name__ == "__main__":
    main()
