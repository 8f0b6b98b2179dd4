"""`make invoke FUNCTION=<logical id> EVENT=<file>`: run one handler with an event file, as `sam local invoke`.

The function's logs go to stderr; its result is printed to stdout as JSON. Storage follows
the rules of `make serve` (see local.dynamodb.local_storage).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path

from local.dynamodb import local_storage
from local.runtime import load_functions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("function", help="logical id of the function in template.yaml")
    parser.add_argument("event", type=Path, help="event JSON file, e.g. events/...json")
    args = parser.parse_args(argv)

    functions = load_functions()
    if args.function not in functions:
        parser.error(f"no function {args.function!r}; the template has: {', '.join(sorted(functions))}")
    event = json.loads(args.event.read_text())
    with local_storage(), contextlib.redirect_stdout(sys.stderr):
        result = functions[args.function].invoke(event)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
