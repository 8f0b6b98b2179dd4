"""`make workspace`: the default time zone of a workspace's schedules (Intercom 2.17), set by the operator."""

from __future__ import annotations

import pytest

from calendar_exceptions import storage
from tests.builders import SCHEDULES, interval
from tests.http.conftest import bearer
from tests.http.test_token_commands import make
from tools.workspaces import main as workspace_main

TENANT = "ws_zone"
AUTH = bearer(TENANT)


def create_without_zone(base_url, http, name):
    reply = http.post(base_url + SCHEDULES, json={"name": name, "time_intervals": [interval(540, 1020)]}, headers=AUTH)
    assert reply.status_code == 201, reply.text
    return reply.json()


def test_a_schedule_created_without_a_zone_gets_utc_until_the_operator_sets_the_workspaces_zone(
    base_url, http, endpoint
):
    # Given a workspace whose operator never set a zone: a schedule without one is in UTC
    assert create_without_zone(base_url, http, "Before")["time_zone_name"] == "UTC"
    shown = make("workspace", f"TENANT={TENANT}", endpoint=endpoint)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().endswith("default time zone UTC")

    # When `make workspace` sets it
    set_zone = make("workspace", f"TENANT={TENANT}", "TIME_ZONE=Europe/Dublin", endpoint=endpoint)
    assert set_zone.returncode == 0, set_zone.stderr
    assert "Europe/Dublin" in set_zone.stdout

    # Then schedules created without a zone get it; one that sends a zone keeps its own
    created = create_without_zone(base_url, http, "After")
    assert created["time_zone_name"] == "Europe/Dublin"
    assert http.get(base_url + f"{SCHEDULES}/{created['id']}", headers=AUTH).json() == created
    own = http.post(base_url + SCHEDULES, json={"name": "Own", "time_zone_name": "Asia/Tokyo"}, headers=AUTH)
    assert own.json()["time_zone_name"] == "Asia/Tokyo"
    # And the schedules created before keep theirs, and other workspaces are not concerned
    assert http.get(base_url + SCHEDULES, headers=AUTH).json()["data"][0]["time_zone_name"] == "UTC"
    other = http.post(base_url + SCHEDULES, json={"name": "Theirs"}, headers=bearer("ws_other"))
    assert other.json()["time_zone_name"] == "UTC"


def test_the_command_works_on_a_named_table_as_on_a_deployed_one(base_url, http, endpoint):
    # (the named table is reached through AWS_ENDPOINT_URL_DYNAMODB here, as through AWS when deployed)
    set_zone = make(
        "workspace",
        f"TENANT={TENANT}",
        "TIME_ZONE=America/New_York",
        f"TABLE={storage.table_name()}",
        endpoint=endpoint,
    )
    assert set_zone.returncode == 0, set_zone.stderr
    assert create_without_zone(base_url, http, "Named")["time_zone_name"] == "America/New_York"


@pytest.mark.parametrize("zone", ["Mars/Base", "utc", "localtime", "posix/Europe/Paris", "Factory", ""])
def test_a_zone_that_is_not_an_iana_name_is_refused_and_nothing_is_written(base_url, http, endpoint, capsys, zone):
    assert workspace_main(["set", "--tenant", TENANT, "--time-zone", "Europe/Dublin"]) == 0
    capsys.readouterr()
    assert workspace_main(["set", "--tenant", TENANT, "--time-zone", zone]) == 2
    assert "error: " in capsys.readouterr().err
    assert workspace_main(["show", "--tenant", TENANT]) == 0
    assert capsys.readouterr().out.strip().endswith("default time zone Europe/Dublin")
    assert create_without_zone(base_url, http, "Kept")["time_zone_name"] == "Europe/Dublin"


def test_setting_the_zone_keeps_the_workspaces_ids(base_url, http, endpoint):
    first = create_without_zone(base_url, http, "First")
    assert workspace_main(["set", "--tenant", TENANT, "--time-zone", "Europe/Dublin"]) == 0
    # The counters are kept: the next id is a later one, not "1" again (not necessarily the very next:
    # the SDK's retry of a counter update whose answer was lost takes another)
    assert int(create_without_zone(base_url, http, "Second")["id"]) > int(first["id"])
