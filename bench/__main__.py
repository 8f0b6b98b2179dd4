"""`make bench`: cold starts, warm requests, DynamoDB cost, deployment size and memory, side by side.

Prints the tables and writes them, with bench/notes.md, to BENCHMARKS.md. Absolute times
depend on the machine and its load; the ratios against the bare handler, measured in the
same run and interleaved with it, are what to compare. Exits 0 whatever the figures;
each goal is marked PASS or FAIL.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import os
import platform
import re
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "layers" / "common")]

# The in-process parts (recording, costs) run the handlers quietly: no EMF lines, no logs.
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "ERROR")
os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")

from bench import costs, feeds, hours, layer, memory, recurrence, scenarios, scheduler, skills, timing  # noqa: E402

SECTIONS = ("cold", "warm", "costs", "scheduler", "size", "memory", "hours", "feeds", "skills", "recurrence")
# The sections that run the functions (a layer built for this machine, requests recorded against moto).
STACK_SECTIONS = {"cold", "warm", "costs", "scheduler", "memory"}
COLD_GOAL = 1.3
WARM_GOAL = 2.0
LAYER_GOAL = 15 * 1000 * 1000  # the stricter reading of "15 MB"
KEPT_HEAD = "UpdateSpecialOccasionsFunction, kept head"
WARM_FUNCTIONS = {
    "UpdateSpecialOccasionsFunction": "PUT special occasions (1 object)",
    "UpdateOfficeHoursExceptionFunction": "PUT office hours exception (date kept)",
}


class Recordings(dict):
    """Each function's successful request (and the scheduler's run), recorded when first asked for."""

    def __init__(self, bench: scenarios.Bench) -> None:
        super().__init__()
        self.bench = bench

    def __missing__(self, name: str) -> scenarios.Recording:
        with contextlib.redirect_stdout(io.StringIO()):
            if name == scenarios.SCHEDULER:
                recording = scenarios.record_scheduler(self.bench)
            else:
                recording = scenarios.record(self.bench, name)
        self[name] = recording
        return recording


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def spread(median: float, values: list[float]) -> str:
    """A ratio's median over runs, and its lowest and highest run."""
    if len(values) == 1:
        return f"{median:.2f}"
    return f"{median:.2f} ({min(values):.2f}–{max(values):.2f})"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


class Report:
    def __init__(self) -> None:
        self.sections: list[str] = []

    def add(self, title: str, body: str) -> None:
        if "| FAIL |" in body:
            body = body.strip() + '\n\nEach FAIL above is explained in "Goals: where they stand", below the tables.'
        text = f"## {title}\n\n{body.strip()}\n"
        print(text, flush=True)
        self.sections.append(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--repetitions", type=int, default=int(os.environ.get("BENCH_REPS", "9")), help="cold starts per run (9)"
    )
    parser.add_argument(
        "--cold-runs", type=int, default=int(os.environ.get("BENCH_COLD_RUNS", "3")), help="cold start runs (3)"
    )
    parser.add_argument(
        "--functions", type=lambda text: set(text.split(",")), help="cold start: only these functions (a quick look)"
    )
    parser.add_argument("--warm-requests", type=int, default=1000)
    parser.add_argument("--layer", type=Path, help="a layer already built for this machine (its python/ directory)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="sections to run, comma-separated")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    started = time.monotonic()
    report = Report()

    with tempfile.TemporaryDirectory(prefix="bench-") as scratch_dir:
        scratch = Path(scratch_dir)
        if only & STACK_SECTIONS:
            print("Building the layer for this machine and recording the requests against moto ...", flush=True)
            host_layer = args.layer or layer.build(layer.host_platform(), scratch / "layer-host")
            function_layers = layer.build_function_layers(layer.host_platform(), scratch)
            env = timing.Environment(host_layer, layer.runtime(scratch / "runtime"), function_layers=function_layers)
            with contextlib.redirect_stdout(io.StringIO()):
                bench = scenarios.Bench()
                recordings = Recordings(bench)
                bare_calls = scenarios.record_bare(bench)

        if "cold" in only:
            report.add("1. Cold start", cold_section(env, recordings, bare_calls, args))
        if "warm" in only:
            report.add("2. Warm request", warm_section(env, recordings, bare_calls, args))
        if "costs" in only:
            with contextlib.redirect_stdout(io.StringIO()):
                measured = costs.measure_all(bench)
                per_due = scheduler.per_due_item(bench)
            report.add("3. DynamoDB round trips and capacity", costs_section(measured, per_due))
        if "scheduler" in only:
            with contextlib.redirect_stdout(io.StringIO()):
                runs = scheduler.scaling(bench)
            report.add("4. Scheduler scaling", scaling_section(runs))
        if "size" in only:
            report.add("5. Deployment size", size_section(scratch))
        if "memory" in only:
            report.add("6. Memory", memory_section(env, recordings))
        if "hours" in only:
            report.add("7. Hours engine", hours_section())
        if "feeds" in only:
            report.add("8. Feed calendars", feeds.INTRO + "\n\n" + table(feeds.HEADER, feeds.measure()))
        if "skills" in only:
            report.add("9. Shift status of every skill", skills_section())
        if "recurrence" in only:
            report.add("10. Shift status of the costliest objects", recurrence_section())

    elapsed = time.monotonic() - started
    write(args.output, report, elapsed, every_section=only >= set(SECTIONS))
    print(
        f"Wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output} "
        f"in {elapsed:.0f} s",
        flush=True,
    )
    return 0


PUT_ROW = "UpdateSpecialOccasionsFunction, a successful PUT"
# The public holiday functions' successful requests (bench/scenarios.py): the holidays library, from
# its own layer, imported and asked; rows of their own, also when --functions names the function.
HOLIDAY_ROWS = {
    name: f"{name}, {what} (FR, next year)"
    for name, what in (
        ("ListHolidaysFunction", "a successful preview"),
        ("CreateOfficeHoursHolidayExceptionsFunction", "a successful import"),
        ("CreateSpecialOccasionHolidaysFunction", "a successful create"),
    )
}
TRACED_ROW = "UpdateSpecialOccasionsFunction, a successful PUT, tracing on"


def cold_section(env, recordings, bare_calls, args) -> str:
    functions = scenarios.api_functions()
    if args.functions:
        functions = [name for name in functions if name in args.functions]
    with contextlib.redirect_stdout(io.StringIO()):
        refused = {name: scenarios.record_unauthenticated(recordings.bench, name) for name in functions}
    jobs = {name: timing.job(env, name, recording) for name, recording in refused.items()}
    put = recordings["UpdateSpecialOccasionsFunction"]
    extra = {timing.STACK_NAME: timing.job(env, timing.STACK_NAME, put, bare_calls)}
    if not args.functions:
        extra[scenarios.SCHEDULER] = timing.job(env, scenarios.SCHEDULER, recordings[scenarios.SCHEDULER])
        extra[PUT_ROW] = timing.job(env, put.function, put)
        traced_env = timing.Environment(env.layer, env.runtime, tracing=True, function_layers=env.function_layers)
        extra[TRACED_ROW] = timing.job(traced_env, put.function, put)
    for name, label in HOLIDAY_ROWS.items():
        if not args.functions or name in args.functions:
            extra[label] = timing.job(env, name, recordings[name])
    bare = timing.job(env, timing.BARE_NAME, put, bare_calls)
    results = timing.cold_starts({**jobs, **extra}, bare, args.repetitions, args.cold_runs, progress=print)
    rows = []
    for name, result in results.items():
        rows.append(
            [
                name,
                spread(result.ratio, result.ratios),
                spread(result.cpu_ratio, result.cpu_ratios),
                ms(result.total),
                ms(result.init),
                ms(result.first),
                ms(result.cpu),
                str(result.calls),
                str(result.uncompiled),
                verdict(result.ratio <= COLD_GOAL) if name in jobs else "",
            ]
        )
    passed = sum(1 for name in jobs if results[name].ratio <= COLD_GOAL)
    everywhere = sum(1 for name in jobs if max(results[name].ratios) <= COLD_GOAL)
    header = [
        "function",
        "× bare: median (range)",
        "CPU × bare: median (range)",
        "total ms",
        "init ms",
        "first request ms",
        "CPU ms",
        "DynamoDB calls",
        "compiled at start",
        "≤ 1.3×",
    ]
    runs = args.cold_runs
    return (
        f"Every API function of template.yaml: {runs} run{'s' if runs != 1 else ''} of {args.repetitions} cold "
        "starts each. A cold start is a fresh interpreter with the function's code and the built layer on the path "
        "(Lambda's order): it imports the handler, makes its DynamoDB client and answers one request that fails "
        "authentication (a well-formed token that was never minted: one GetItem, nothing found, 401), DynamoDB "
        "answered at the botocore layer (the public feed routes, which take no token: a well-formed secret never "
        "issued, one GetItem, 404). Each cold start is alternated with one of the bare handler's "
        "(bench/bare.py: boto3, one PutItem). *× bare*: in each run, the median of a function's totals (spawn to "
        "answer) over the median of the bare totals alternated with them; the median of the runs, and in brackets "
        "the lowest and the highest run. *CPU × bare*: the same for the CPU time the interpreter used up to the "
        "answer, which the machine's other load disturbs far less than the wall clock. *≤ 1.3×* is judged on "
        "the median of *× bare*. The ms columns are medians over every run (init: spawn to the handler imported). "
        "Tracing off (`POWERTOOLS_TRACE_DISABLED=true`) except where said. Under the functions, not judged: the "
        "bare handler with the libraries every function is built on and none of the layer's code "
        "(bench/stack.py), the scheduler's run with one exception due, and a successful PUT of special occasions "
        "(it validates a body with pydantic), with and without tracing, and a successful request of each public "
        "holiday function (its own layer's holidays library imported and asked). *compiled at start*: modules imported "
        "from the layer without a .pyc."
        f"\n\n{passed} of {len(jobs)} API functions at most 1.3× on the median, {everywhere} in every run.\n\n"
        + table(header, rows)
    )


def warm_section(env, recordings, bare_calls, args) -> str:
    put = recordings["UpdateSpecialOccasionsFunction"]
    settings = {"warmup": 100, "requests": args.warm_requests}
    jobs = {name: timing.job(env, name, recordings[name], mode="warm", **settings) for name in WARM_FUNCTIONS}
    for name in WARM_FUNCTIONS:
        jobs[f"floor {name}"] = timing.job(env, name, recordings[name], mode="warm", floor=True, **settings)
    jobs[timing.BARE_NAME] = timing.job(env, timing.BARE_NAME, put, bare_calls, mode="warm", **settings)
    # PUT special occasions again at the revision it answered: the environment's kept head
    # saves the GetItem (README, "Kept heads").
    kept = dataclasses.replace(put, cold=[call for call in put.cold if call.operation != "GetItem"])
    jobs[KEPT_HEAD] = timing.job(env, put.function, put, mode="warm", follow_revision=True, **settings)
    jobs[f"floor {KEPT_HEAD}"] = timing.job(env, put.function, kept, mode="warm", floor=True, **settings)
    results = timing.warm(jobs, rounds=3)
    bare = results[timing.BARE_NAME]
    rows = [[timing.BARE_NAME, "PutItem", f"{bare * 1e6:.0f}", "1.00", ""]]
    for name, label in WARM_FUNCTIONS.items():
        calls = " + ".join(call.operation for call in recordings[name].warm)
        floor = results[f"floor {name}"]
        rows.append(["floor: the same calls, bare", calls, f"{floor * 1e6:.0f}", f"{floor / bare:.2f}", ""])
        ratio = results[name] / bare
        rows.append([label, calls, f"{results[name] * 1e6:.0f}", f"{ratio:.2f}", verdict(ratio <= WARM_GOAL)])
    floor = results[f"floor {KEPT_HEAD}"]
    rows.append(["floor: the same calls, bare", "TransactWriteItems", f"{floor * 1e6:.0f}", f"{floor / bare:.2f}", ""])
    ratio = results[KEPT_HEAD] / bare
    label = "PUT special occasions (1 object), If-Match the revision it last answered"
    kept_us = f"{results[KEPT_HEAD] * 1e6:.0f}"
    rows.append([label, "TransactWriteItems", kept_us, f"{ratio:.2f}", verdict(ratio <= WARM_GOAL)])
    intro = (
        f"One warm environment per run: 100 requests to warm up, then the median of {args.warm_requests}; "
        "the median of 3 runs. DynamoDB answered at the botocore layer with the recorded answers (the token "
        "check is cached after the first request). *floor*: a bare handler (`bench/floor.py`) making exactly "
        "the DynamoDB calls the request needs, with the same parameters, and nothing else: what the design "
        "itself costs."
    )
    return intro + "\n\n" + table(["request", "DynamoDB calls", "µs per request", "× bare", "≤ 2×"], rows)


def costs_section(measured: list[costs.Measured], per_due: scheduler.PerDue) -> str:
    rows = []
    for m in measured:
        documented = m.within_documented
        goal = "" if documented is None else verdict(documented)
        rows.append(
            [
                m.operation.label,
                " + ".join(m.calls),
                f"{m.rcu:g}",
                f"{m.wcu:g}",
                f"{m.index_wcu:g}",
                m.reported,
                goal,
            ]
        )
    due, calls = per_due.due, per_due.calls
    # docs/annual-recurrence.md: one transaction per move; at most 2 x due + schedules items read.
    as_documented = calls.get("TransactWriteItems") == due and per_due.items_read <= 2 * due + per_due.schedules
    rows.append(
        [
            f"scheduler, per due item ({due} due, {per_due.schedules} schedules, 1,000 stored)",
            " + ".join(f"{n / due:g} {name}" for name, n in calls.items()),
            f"{per_due.rcu / due:g}",
            f"{per_due.wcu / due:g}",
            f"{per_due.index_wcu / due:g}",
            "",
            verdict(as_documented),
        ]
    )
    header = ["operation", "round trips", "RCU", "WCU", "index WCU", "moto reports", "as documented"]
    intro = (
        "Against moto in-process, token already checked unless said. RCU/WCU computed from the sizes of the "
        "items each call touched (bench/capacity.py), *index WCU* the writes of AnnualRecurrenceIndex; *moto "
        "reports* is the `ConsumedCapacity` moto answers to `ReturnConsumedCapacity=TOTAL` (a constant per "
        "operation, nothing for transactions). *As documented*: the round trips README.md and docs/ state "
        "(the scheduler: one transaction per move, at most 2 × due + schedules items read)."
    )
    return intro + "\n\n" + table(header, rows)


def scaling_section(runs: list[scheduler.Run]) -> str:
    rows = []
    for run in runs:
        calls = ", ".join(f"{n} {name}" for name, n in run.calls.items())
        rows.append(
            [
                f"{run.stored:,}",
                run.method,
                f"{run.moved}",
                f"{run.items_read:,}",
                f"{run.rcu:g}",
                calls,
                f"{run.seconds:.1f}",
            ]
        )
    header = ["stored", "job", "moved", "items read", "RCU", "requests", "seconds (moto)"]
    intro = (
        f"The daily run of {scheduler.NOW:%Y-%m-%d %H:%M} UTC with {scheduler.DUE} exceptions due among the stored "
        "ones (half of the rest recurring later, half not recurring), in-process against moto (bench/scheduler.py). "
        "*items read*: Query and Scan ScannedCount, GetItem hits. The seconds are moto's: its index Query "
        "walks the whole table, which DynamoDB's does not, so only the items read and the RCU carry over."
    )
    return intro + "\n\n" + table(header, rows)


def size_section(scratch: Path) -> str:
    from local import template

    built = layer.build(layer.ARM64, scratch / "layer-arm64")
    total, files = layer.tree_size(built.parent)
    size = f"{total / 1024 / 1024:.1f} MiB ({total:,} bytes)"
    rows = [["CommonLayer (unzipped)", size, str(files), verdict(total < LAYER_GOAL)]]
    for name, built_layer in layer.build_function_layers(layer.ARM64, scratch).items():
        added, added_files = layer.tree_size(built_layer.parent)
        users = sum(1 for spec in template.functions().values() if name in spec.layers)
        rows.append(
            [f"{name} (unzipped; {users} functions only)", f"{added / 1024 / 1024:.1f} MiB", str(added_files), ""]
        )
    for name, spec in template.functions().items():
        size, count = layer.tree_size(spec.code_dir)
        rows.append([name, f"{size / 1024:.1f} KiB", str(count), ""])
    biggest = ", ".join(f"{name} {size / 1024 / 1024:.1f} MiB" for name, size in layer.largest(built))
    return (
        "The layer built for arm64 (`manylinux2014_aarch64`, the functions' architecture) by the same build "
        "`sam build` runs for it; each function's code is its CodeUri directory, which `sam build` copies as it "
        "is (no requirements of its own).\n\n"
        + table(["artifact", "size", "files", "layer < 15 MB"], rows)
        + f"\n\nLargest in the layer: {biggest}."
    )


def memory_section(env, recordings) -> str:
    rows = []
    notes = []
    first, last = memory.TRACED
    for name, label in WARM_FUNCTIONS.items():
        result = memory.measure(env, name, recordings[name])
        rss, alive = result.rss_kb, result.alive_kb
        # No growth: RSS flat after warm-up, and what stays alive stops growing with more requests.
        flat = result.grown_kb <= 256 and alive[last] - alive[first] <= 64
        rows.append(
            [label]
            + [f"{rss[n] / 1024:.1f}" for n in (1, *memory.CHECKPOINTS)]
            + [f"{result.grown_kb:+d}", f"{alive[first]:+d}", f"{alive[last]:+d}", verdict(flat)]
        )
        top = "; ".join(result.top)
        top = top.replace(str(env.layer), "/opt/python").replace(str(env.runtime), "/var/runtime")
        notes.append(f"- {label}: {top}")
    header = [
        "request",
        "RSS MB after 1",
        "after 100",
        "after 500",
        "after 1,000",
        "RSS KB 100→1,000",
        f"alive KB after {first:,} more",
        f"after {last:,} more",
        "no growth",
    ]
    intro = (
        "One warm environment answering 1,000 requests (RSS from /proc/self/status), then tracemalloc over "
        f"{last:,} more: the memory those requests allocated that is still alive after {first:,} and after "
        f"{last:,} of them. A leak grows with the number of requests; a cache stops. *No growth*: RSS within "
        f"256 KB from the 100th to the 1,000th request, and no more than 64 KB more alive after {last:,} "
        f"requests than after {first:,}."
    )
    return (
        intro
        + "\n\n"
        + table(header, rows)
        + f"\n\ntracemalloc, the lines whose live allocations grew most over the {last:,} requests:\n\n"
        + "\n".join(notes)
    )


def hours_section() -> str:
    return hours.INTRO + "\n\n" + table(hours.HEADER, hours.rows_for_table(hours.measure()))


def skills_section() -> str:
    return skills.INTRO + "\n\n" + table(skills.HEADER, skills.rows_for_table(skills.measure()))


def recurrence_section() -> str:
    rows = recurrence.measure()
    return (
        recurrence.INTRO
        + "\n\n"
        + table(recurrence.HEADER, recurrence.rows_for_table(rows))
        + "\n\n"
        + recurrence.worst(rows)
    )


def write(output: Path, report: Report, elapsed: float, every_section: bool) -> None:
    """The whole file after a full run; after a run of some sections, those sections replaced in the file as it is."""
    notes = (Path(__file__).resolve().parent / "notes.md").read_text()
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    if every_section or not output.exists():
        header = (
            "# Benchmarks\n\n"
            f"Written by `make bench` ({when}, {machine}, {elapsed:.0f} s). Times are this machine's; compare "
            "the ratios. How each figure is measured, the history of fixes and the notes on paper follow the tables.\n"
        )
        output.write_text(header + "\n" + "\n".join(report.sections) + "\n" + notes)
        return
    text = output.read_text()
    text = text[: text.index(notes.split("\n", 1)[0] + "\n")]  # the tables; the notes are written anew
    for section in report.sections:
        title = section.split("\n", 1)[0]
        start = text.find(title + "\n")
        if start < 0:  # a section new to the file: after the others
            text, start = text.rstrip("\n") + "\n\n" + title + "\n", len(text.rstrip("\n")) + 2
        end = text.find("\n## ", start)
        text = text[:start] + section + ("\n" + text[end + 1 :] if end >= 0 else "\n")
        name = title.removeprefix("## ")
        rewritten = f"Section {name} rewritten alone by `python -m bench --only` ({when}, {machine}, {elapsed:.0f} s)."
        text = re.sub(rf"\nSection {re.escape(name)} rewritten alone [^\n]*", "", text)
        text = text.replace("\n\n## ", f"\n{rewritten}\n\n## ", 1)
    output.write_text(text + notes)


if __name__ == "__main__":
    sys.exit(main())
