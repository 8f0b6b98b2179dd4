"""`make token`, `make tokens` and `make revoke`, and the storage rules they share with `make serve`."""

from __future__ import annotations

import os
import subprocess

import pytest

from calendar_exceptions import tenancy
from calendar_exceptions.tokens import TOKEN_FORMAT
from local import template
from local.dynamodb import NoLocalStorage, local_storage
from tests.builders import collection, occasion
from tests.http.conftest import env_with
from tools.tokens import main as tokens_main

TENANT = "9001"


def make(*args: str, endpoint: str | None, **env: str) -> subprocess.CompletedProcess[str]:
    environment = env_with(endpoint, **env) if endpoint else {**os.environ, **env}
    if not endpoint:
        environment.pop("AWS_ENDPOINT_URL_DYNAMODB", None)
    return subprocess.run(
        ["make", "-s", *args],
        cwd=template.ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_make_token_prints_a_token_the_local_api_accepts_and_make_revoke_revokes_it(base_url, http, endpoint):
    # Given a token minted by `make token` into the local API's storage
    minted = make("token", f"TENANT={TENANT}", "NOTE=ci run", endpoint=endpoint)
    assert minted.returncode == 0, minted.stderr
    token = minted.stdout.strip().splitlines()[-1]
    assert TOKEN_FORMAT.fullmatch(token)
    auth = {"Authorization": f"Bearer {token}"}
    # Then it reads and writes the tenant's special occasions, and no other account's
    url = base_url + collection(TENANT)
    assert http.post(url, json=[occasion()], headers=auth).status_code == 200
    assert http.get(url, headers=auth).status_code == 200
    assert http.get(base_url + collection("9002"), headers=auth).status_code == 403

    # When `make tokens` lists the tenant's tokens
    listed = make("tokens", f"TENANT={TENANT}", endpoint=endpoint)
    assert listed.returncode == 0, listed.stderr
    assert token not in listed.stdout and token[4:] not in listed.stdout
    [row] = [line for line in listed.stdout.splitlines() if "ci run" in line]
    token_id = row.split()[0]
    assert "read write" in row

    # And `make revoke` revokes it
    revoked = make("revoke", f"TENANT={TENANT}", f"TOKEN_ID={token_id}", endpoint=endpoint)
    assert revoked.returncode == 0, revoked.stderr
    assert "revoked" in revoked.stdout

    # Then once the look-up cache has expired (cleared here, 60 s when deployed) the token is refused
    tenancy.authenticator().clear()
    refused = http.get(url, headers=auth)
    assert refused.status_code == 401
    assert refused.json()["message"] == "Access token invalid"
    relisted = make("tokens", f"TENANT={TENANT}", endpoint=endpoint)
    [row] = [line for line in relisted.stdout.splitlines() if line.startswith(token_id)]
    assert row.split()[5] != "-"  # revoked at


def test_make_token_scopes_and_expiry(base_url, http, endpoint, capsys):
    assert tokens_main(["mint", "--tenant", TENANT, "--scopes", "read", "--expires-in", "1h"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    auth = {"Authorization": f"Bearer {token}"}
    url = base_url + collection(TENANT)
    assert http.get(url, headers=auth).status_code == 200
    assert http.post(url, json=[occasion()], headers=auth).status_code == 403
    assert tokens_main(["list", "--tenant", TENANT]) == 0
    [row] = capsys.readouterr().out.splitlines()[1:]
    assert row.split()[1] == "read"


@pytest.mark.parametrize(
    "args",
    [
        ["mint", "--tenant", TENANT, "--scopes", "admin"],
        ["mint", "--tenant", TENANT, "--expires-in", "soon"],
        ["revoke", "--tenant", TENANT, "--token-id", "0000000000000000"],
    ],
)
def test_token_command_errors_are_explained(endpoint, capsys, args):
    assert tokens_main(args) == 2
    assert "error: " in capsys.readouterr().err


def test_make_token_needs_a_running_local_dynamodb(monkeypatch, capsys, dynamodb_server):
    # Given no endpoint and nothing listening on the local DynamoDB port
    monkeypatch.delenv("AWS_ENDPOINT_URL_DYNAMODB", raising=False)
    monkeypatch.setenv("LOCAL_DYNAMODB_PORT", "0")
    # Then no token is minted into a store that would vanish
    assert tokens_main(["mint", "--tenant", TENANT]) == 2
    assert "make serve" in capsys.readouterr().err


def test_commands_find_the_dynamodb_of_a_running_make_serve_on_its_port(monkeypatch, dynamodb_server):
    # Given a local DynamoDB listening where `make serve` listens, and no endpoint in the environment
    port = dynamodb_server.endpoint.rsplit(":", 1)[1]
    monkeypatch.delenv("AWS_ENDPOINT_URL_DYNAMODB", raising=False)
    monkeypatch.setenv("LOCAL_DYNAMODB_PORT", port)
    # Then the storage rules use it
    with local_storage(embedded=False) as found:
        assert found == dynamodb_server.endpoint
        assert os.environ["AWS_ENDPOINT_URL_DYNAMODB"] == found
    assert "AWS_ENDPOINT_URL_DYNAMODB" not in os.environ


def test_a_port_taken_by_something_else_is_explained(monkeypatch, base_url):
    monkeypatch.delenv("AWS_ENDPOINT_URL_DYNAMODB", raising=False)
    monkeypatch.setenv("LOCAL_DYNAMODB_PORT", base_url.rsplit(":", 1)[1])  # the local API, not DynamoDB
    with pytest.raises(NoLocalStorage, match="does not answer as DynamoDB"), local_storage():
        pass
