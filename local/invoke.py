"""`make invoke FUNCTION=<logical id> EVENT=<file>`: run one handler with an event file, as `sam local invoke`.

The function's logs go to stderr; its result is printed to stdout as JSON, one line per
event (several EVENT files run in turn, each with its own seed). Storage follows the rules
of `make serve` (see local.dynamodb.local_storage): with nothing running, an embedded
DynamoDB for the duration.

A fixture case of events/ first gets its seed (local.seeds: its tenant afresh, its tokens and
the objects it acts on), so it answers what its name says wherever it runs; against a running
`make serve` the seeded tenant's data is left there to look at. `--no-seed` runs the event as
it is, on the storage as it is (and is the only way against an endpoint that is not local).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

from local import seeds
from local.dynamodb import NoLocalStorage, local_storage
from local.runtime import load_functions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("function", help="logical id of the function in template.yaml")
    parser.add_argument("events", type=Path, nargs="+", help="event JSON files, e.g. events/<function>/success.json")
    parser.add_argument("--no-seed", action="store_true", help="do not load the fixtures' seeds first")
    args = parser.parse_args(argv)

    functions = load_functions()
    if args.function not in functions:
        parser.error(f"no function {args.function!r}; the template has: {', '.join(sorted(functions))}")
    events = [
        (path, json.loads(path.read_text()), None if args.no_seed else seeds.seed_of(path)) for path in args.events
    ]
    from calendar_exceptions import storage

    try:
        if any(seed is not None for _, _, seed in events):
            seeds.require_local(os.environ.get("AWS_ENDPOINT_URL_DYNAMODB"))
        with local_storage():
            for path, event, seed in events:
                with contextlib.redirect_stdout(sys.stderr):
                    if seed is not None:
                        seeds.load(seeds.read(seed), functions, storage.dynamodb_client(), storage.table_name())
                        print(f"{path}: seeded from {seed}", flush=True)
                    result = functions[args.function].invoke(event)
                print(json.dumps(result), flush=True)
    except (NoLocalStorage, seeds.SeedError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
