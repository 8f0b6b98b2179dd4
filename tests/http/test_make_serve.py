"""`make serve` on a fresh port with its embedded DynamoDB, and `make token` in another shell, as a user runs them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time

import requests

from local import template
from tests.builders import collection


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_make_serve_answers_the_template_routes_and_openapi():
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "AWS_ENDPOINT_URL_DYNAMODB"}
    # A port of its own for the embedded DynamoDB, so a developer's running `make serve` is left alone.
    env["LOCAL_DYNAMODB_PORT"] = str(_free_port())
    process = subprocess.Popen(
        ["make", "-s", "serve", f"PORT={port}"],
        cwd=template.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(base + "/openapi.json", timeout=2)
                break
            except requests.ConnectionError:
                assert process.poll() is None, process.stdout.read()
                assert time.monotonic() < deadline, "make serve did not start"
                time.sleep(0.2)
        # `make token` finds the DynamoDB of the running `make serve` on its port
        minted = subprocess.run(
            ["make", "-s", "token", "TENANT=42"], cwd=template.ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        assert minted.returncode == 0, minted.stderr
        token = minted.stdout.strip().splitlines()[-1]
        assert requests.get(base + collection("42"), timeout=10).status_code == 401
        listed = requests.get(base + collection("42"), headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert listed.status_code == 200
        assert listed.json() == []
        assert listed.headers["ac-revision"] == "0"
        document = requests.get(base + "/openapi.json", timeout=10).json()
        assert document["openapi"].startswith("3.")
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=20)
