"""Cold starts, warm requests and memory, each measured in fresh interpreters (bench/child.py)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import layer
from bench.scenarios import Call, Recording

CHILD = Path(__file__).resolve().parent / "child.py"
BARE = Path(__file__).resolve().parent / "bare.py"
FLOOR = Path(__file__).resolve().parent / "floor.py"
STACK = Path(__file__).resolve().parent / "stack.py"
BARE_NAME = "bare handler"
STACK_NAME = "bare handler + Powertools Logger/Metrics + pydantic"


@dataclass
class Environment:
    """Where a child finds its code: the built layer (/opt/python) and the runtime's packages (/var/runtime)."""

    layer: Path
    runtime: Path
    tracing: bool = False
    feeds_layer: Path | None = None  # FeedsLayer (icalendar), for the functions that list it


def lambda_environment(function: str, tracing: bool) -> dict[str, str]:
    """The function's environment as the template sets it, and what Lambda adds; fake credentials."""
    from local import template

    spec = template.functions()[function] if function not in (BARE_NAME, STACK_NAME) else None
    variables = spec.environment if spec else template.global_environment()
    env = {name: template.resolve(value) for name, value in variables.items()}
    env.update(
        {
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_SESSION_TOKEN": "bench",
            "AWS_REGION": "us-east-1",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_LAMBDA_FUNCTION_NAME": function.replace(" ", "-"),
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
        }
    )
    if tracing:
        # As in Lambda with Tracing: Active. Segments go to the X-Ray daemon address over UDP
        # on this machine, where nothing listens; nothing leaves it.
        env.update(
            {
                "LAMBDA_TASK_ROOT": "/var/task",
                "_X_AMZN_TRACE_ID": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
                "AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1:2000",
                "AWS_XRAY_CONTEXT_MISSING": "IGNORE_ERROR",
            }
        )
    else:
        env["POWERTOOLS_TRACE_DISABLED"] = "true"
    return env


def job(
    env: Environment,
    function: str,
    recording: Recording | None,
    bare_calls: list[Call] | None = None,
    mode: str = "cold",
    floor: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    environment = lambda_environment(BARE_NAME if floor else function, env.tracing)
    if floor:
        # The same calls as `function` warm, made by a bare handler: what the design costs.
        assert recording is not None
        calls_file = Path(tempfile.mkdtemp(prefix="bench-floor-")) / "calls.json"
        calls_file.write_text(json.dumps([[call.operation, call.params] for call in recording.warm]))
        environment["BENCH_FLOOR_CALLS"] = str(calls_file)
        handler_file, path = FLOOR, [str(FLOOR.parent), str(env.runtime)]
        first = then = [call.answer() for call in recording.warm]
        token = None
    elif function in (BARE_NAME, STACK_NAME):
        assert recording is not None and bare_calls is not None
        # A bare function has no layer: boto3 is the runtime's. The stack one has the layer
        # for its libraries, and uses none of the layer's own code.
        if function == BARE_NAME:
            handler_file, path = BARE, [str(BARE.parent), str(env.runtime)]
        else:
            handler_file, path = STACK, [str(STACK.parent), str(env.layer), str(env.runtime)]
        first = then = [call.answer() for call in bare_calls]
        token = None
    else:
        from local import template

        assert recording is not None
        spec = template.functions()[function]
        module_file, _, _ = spec.handler.rpartition(".")
        handler_file = spec.code_dir / f"{module_file}.py"
        path = [str(spec.code_dir), str(env.layer)]
        if "FeedsLayer" in layer.own_layers(function):
            assert env.feeds_layer is not None, f"{function} needs the feeds layer"
            path.append(str(env.feeds_layer))
        path.append(str(env.runtime))
        first = [call.answer() for call in recording.cold if not call.is_token_lookup()]
        then = [call.answer() for call in recording.warm]
        if extra.get("follow_revision"):
            # Each request at the revision the one before answered: the environment holds that
            # head, so no GetItem after the first request.
            then = [call.answer() for call in recording.warm if call.operation != "GetItem"]
        token = next((call.answer() for call in recording.cold if call.is_token_lookup()), None)
    return {
        "name": function,
        "mode": mode,
        "path": path,
        "layer": str(env.layer),
        "env": environment,
        "handler_file": str(handler_file),
        "handler": "lambda_handler",
        "event": recording.event,
        "expect": recording.expect,
        "first": first,
        "then": then,
        "token": token,
        **extra,
    }


def run(spec: dict[str, Any], timeout: float = 300) -> dict[str, Any]:
    """Run one child; its measurements."""
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        job_file = Path(scratch) / "job.json"
        result_file = Path(scratch) / "result.json"
        job_file.write_text(json.dumps({**spec, "result": str(result_file)}))
        log_file = Path(scratch) / "stdout.log"  # the function's log lines, as Lambda's runtime takes them
        spawned = time.time()
        with log_file.open("w") as log:
            completed = subprocess.run(
                [sys.executable, "-I", "-S", "-B", str(CHILD), str(job_file), repr(spawned)],
                stdout=log,
                stderr=subprocess.PIPE,
                text=True,
                timeout=timeout,
                check=False,
            )
        if completed.returncode != 0:
            output = log_file.read_text()[-3000:] + completed.stderr[-4000:]
            raise RuntimeError(f"{spec['name']} ({spec['mode']}) failed:\n{output}")
        return json.loads(result_file.read_text())


@dataclass
class ColdStart:
    """One job's cold starts over several runs of `repetitions` each, every one right after a bare handler's."""

    function: str
    total: float  # seconds, the median over every run
    init: float
    first: float
    ratios: list[float]  # per run: the median of its totals over the median of the bare handler's alternated with it
    cpu: float  # seconds of CPU from the interpreter's start to the answer, the median over every run
    cpu_ratios: list[float]  # per run, as `ratios` for the CPU time
    calls: int
    uncompiled: int

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def cpu_ratio(self) -> float:
        return statistics.median(self.cpu_ratios)


def cold_starts(
    jobs: dict[str, dict[str, Any]],
    bare: dict[str, Any],
    repetitions: int,
    runs: int = 1,
    progress: Callable[[str], None] | None = None,
) -> dict[str, ColdStart]:
    """Each job `repetitions` times per run, each time right after a run of the `bare` job; `runs` runs.

    In a round every job is preceded by its own bare run (bare, a, bare, b, ...), so that load
    on the machine falls on a job and the bare handler it is compared with alike. A run's ratio
    for a job is the median of its totals over the median of the bare totals paired with them
    (and the same for the CPU time); the bare handler's own row has every bare run.
    """
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in (BARE_NAME, *jobs)}
    ratios = {measure: {name: [] for name in (BARE_NAME, *jobs)} for measure in ("total", "cpu")}
    for number in range(runs):
        measured: dict[str, list[dict[str, Any]]] = {name: [] for name in jobs}
        paired: dict[str, list[dict[str, Any]]] = {name: [] for name in jobs}
        for _ in range(repetitions):
            for name, spec in jobs.items():
                paired[name].append(run(bare))
                measured[name].append(run(spec))
        for name in jobs:
            samples[name] += measured[name]
            samples[BARE_NAME] += paired[name]
            for measure, values in ratios.items():
                own = statistics.median(r[measure] for r in measured[name])
                values[name].append(own / statistics.median(r[measure] for r in paired[name]))
        for values in ratios.values():
            values[BARE_NAME].append(1.0)
        if progress:
            progress(f"cold start run {number + 1}/{runs} done")
    return {
        name: ColdStart(
            name,
            statistics.median(r["total"] for r in results),
            statistics.median(r["init"] for r in results),
            statistics.median(r["first"] for r in results),
            ratios["total"][name],
            statistics.median(r["cpu"] for r in results),
            ratios["cpu"][name],
            results[0]["calls_first"],
            len(results[0]["uncompiled"]),
        )
        for name, results in samples.items()
    }


def warm(jobs: dict[str, dict[str, Any]], rounds: int) -> dict[str, float]:
    """Median time of one warm request, per job: the median over `rounds` children of each child's median."""
    medians: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(rounds):
        for name, spec in jobs.items():
            medians[name].append(run(spec)["median"])
    return {name: statistics.median(values) for name, values in medians.items()}
