"""`make workspace`: a workspace's default time zone (Intercom 2.17) and default schedule, set by the operator."""

from __future__ import annotations

import pytest

from calendar_exceptions import storage
from tests.builders import SCHEDULES, WORKSPACE_OFFICE_HOURS, interval, schedule_url, team_url
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
    assert f"workspace {TENANT}: default time zone UTC\n" in shown.stdout

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
    assert "default time zone Europe/Dublin\n" in capsys.readouterr().out
    assert create_without_zone(base_url, http, "Kept")["time_zone_name"] == "Europe/Dublin"


def test_setting_the_zone_keeps_the_workspaces_ids(base_url, http, endpoint):
    first = create_without_zone(base_url, http, "First")
    assert workspace_main(["set", "--tenant", TENANT, "--time-zone", "Europe/Dublin"]) == 0
    # The counters are kept: the next id is a later one, not "1" again (not necessarily the very next:
    # the SDK's retry of a counter update whose answer was lost takes another)
    assert int(create_without_zone(base_url, http, "Second")["id"]) > int(first["id"])


# --- the default schedule ------------------------------------------------------------------


def test_make_workspace_sets_shows_and_clears_the_default_schedule_teams_fall_back_to(base_url, http, endpoint):
    # Given a workspace with a schedule and no default
    created = create_without_zone(base_url, http, "Support")
    shown = make("workspace", f"TENANT={TENANT}", endpoint=endpoint)
    assert shown.returncode == 0, shown.stderr
    assert f"workspace {TENANT}: default schedule none\n" in shown.stdout
    assert http.get(base_url + team_url("42"), headers=AUTH).status_code == 404

    # When `make workspace` sets it, the API answers it as the default and teams use it
    set_default = make("workspace", f"TENANT={TENANT}", f"DEFAULT_SCHEDULE={created['id']}", endpoint=endpoint)
    assert set_default.returncode == 0, set_default.stderr
    assert f"workspace {TENANT}: default schedule {created['id']} (Support)\n" in set_default.stdout
    assert "default time zone UTC" in set_default.stdout  # the zone is shown, untouched
    assert http.get(base_url + WORKSPACE_OFFICE_HOURS, headers=AUTH).json() == created
    assert http.get(base_url + team_url("42"), headers=AUTH).json() == created
    # and the schedule is in use: not deleted
    assert http.delete(base_url + schedule_url(created["id"]), headers=AUTH).status_code == 422

    # When it is cleared with `none`, nothing is the default any more
    cleared = make("workspace", f"TENANT={TENANT}", "DEFAULT_SCHEDULE=none", endpoint=endpoint)
    assert cleared.returncode == 0, cleared.stderr
    assert f"workspace {TENANT}: default schedule none\n" in cleared.stdout
    assert http.get(base_url + WORKSPACE_OFFICE_HOURS, headers=AUTH).status_code == 404


def test_the_zone_and_the_default_schedule_are_set_at_once(base_url, http, endpoint):
    created = create_without_zone(base_url, http, "Support")
    both = make(
        "workspace", f"TENANT={TENANT}", "TIME_ZONE=Asia/Tokyo", f"DEFAULT_SCHEDULE={created['id']}", endpoint=endpoint
    )
    assert both.returncode == 0, both.stderr
    assert "default time zone Asia/Tokyo\n" in both.stdout
    assert f"default schedule {created['id']} (Support)\n" in both.stdout


@pytest.mark.parametrize("schedule_id", ["9", "abc", "01", ""])
def test_a_schedule_the_workspace_does_not_have_is_refused_and_nothing_is_written(
    base_url, http, endpoint, capsys, schedule_id
):
    created = create_without_zone(base_url, http, "Support")
    assert workspace_main(["set", "--tenant", TENANT, "--default-schedule", created["id"]]) == 0
    capsys.readouterr()
    assert workspace_main(["set", "--tenant", TENANT, "--default-schedule", schedule_id]) == 2
    assert "error: --default-schedule: schedule" in capsys.readouterr().err
    assert http.get(base_url + WORKSPACE_OFFICE_HOURS, headers=AUTH).json() == created


def test_another_workspaces_schedule_is_refused(base_url, http, endpoint, capsys):
    theirs = http.post(base_url + SCHEDULES, json={"name": "Theirs"}, headers=bearer("ws_other")).json()
    assert workspace_main(["set", "--tenant", TENANT, "--default-schedule", theirs["id"]]) == 2
    assert "not found" in capsys.readouterr().err
    assert http.get(base_url + WORKSPACE_OFFICE_HOURS, headers=AUTH).status_code == 404


def test_set_without_a_setting_is_a_usage_error(endpoint, capsys):
    with pytest.raises(SystemExit) as stopped:
        workspace_main(["set", "--tenant", TENANT])
    assert stopped.value.code == 2
    assert "give --time-zone, --default-schedule or both" in capsys.readouterr().err
