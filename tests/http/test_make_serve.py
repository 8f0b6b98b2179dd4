"""`make serve` on a fresh port with its embedded DynamoDB, and `make token` in another shell, as a user runs them."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import threading

import requests

from local import template
from tests.builders import collection

# Only against a hang: `make serve` is waited for by what it prints, not by the clock.
HANG_GUARD_SECONDS = 600


def _lines(process: subprocess.Popen[str]) -> queue.Queue[str | None]:
    """The process's output lines as they come; None once it has closed its output."""
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, name="make-serve-output", daemon=True).start()
    return lines


def _wait_for(lines: queue.Queue[str | None], pattern: str, seen: list[str]) -> re.Match[str]:
    while True:
        line = lines.get(timeout=HANG_GUARD_SECONDS)
        assert line is not None, "make serve stopped:\n" + "".join(seen)
        seen.append(line)
        found = re.search(pattern, line)
        if found:
            return found


def test_make_serve_answers_the_template_routes_and_openapi():
    env = {k: v for k, v in os.environ.items() if k != "AWS_ENDPOINT_URL_DYNAMODB"}
    # Port 0 for both: each binds a free port itself and says which (no port chosen here that another
    # process could take first); and a developer's running `make serve` on 8100 is left alone.
    env["LOCAL_DYNAMODB_PORT"] = "0"
    process = subprocess.Popen(
        ["make", "-s", "serve", "PORT=0"],
        cwd=template.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        lines, seen = _lines(process), []
        dynamodb_port = _wait_for(lines, r"export AWS_ENDPOINT_URL_DYNAMODB=http://127\.0\.0\.1:(\d+)", seen).group(1)
        base = _wait_for(lines, r"Local API on (http://127\.0\.0\.1:\d+)", seen).group(1)
        # `make token` in another shell finds the DynamoDB of the running `make serve` on its port
        minted = subprocess.run(
            ["make", "-s", "token", "TENANT=42"],
            cwd=template.ROOT,
            env={**env, "LOCAL_DYNAMODB_PORT": dynamodb_port},
            capture_output=True,
            text=True,
            timeout=HANG_GUARD_SECONDS,
        )
        assert minted.returncode == 0, minted.stderr
        token = minted.stdout.strip().splitlines()[-1]
        assert requests.get(base + collection("42"), timeout=60).status_code == 401
        listed = requests.get(base + collection("42"), headers={"Authorization": f"Bearer {token}"}, timeout=60)
        assert listed.status_code == 200
        assert listed.json() == []
        assert listed.headers["ac-revision"] == "0"
        # and serves the checked-in OpenAPI document
        document = requests.get(base + "/openapi.json", timeout=60).json()
        assert document == json.loads((template.ROOT / "openapi.json").read_text(encoding="utf-8"))
        assert document["openapi"].startswith("3.")
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)
