"""One zone rule for both APIs: exactly the IANA names of the pinned tzdata, zones read from it.

The names zoneinfo can also open from the host (`localtime` is whatever the host's clock
is set to; on Lambda not the account's zone), tzdata's `Factory` placeholder and the
`posix/` and `right/` trees are a 400 in each API's own format naming the field, and
nothing is stored.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from importlib import resources

import pytest

from calendar_exceptions import primitives
from calendar_exceptions.liveperson import events
from calendar_exceptions.office_hours import rules as office_hours_rules
from calendar_exceptions.primitives import RuleViolation
from tests.builders import SCHEDULES, collection, occasion, schedule, schedule_url, with_event

NOT_IANA_NAMES = ["localtime", "posixrules", "right/UTC", "posix/Europe/Paris", "Factory"]
OCCASIONS = collection()


def _pinned_tzdata_names() -> list[str]:
    """The names the installed tzdata package lists, read here rather than through the code under test."""
    return resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()


def _in_zone(name: str, body: dict) -> dict:
    return with_event(
        body,
        start={"dateTime": "2026-12-25", "timeZone": name},
        end={"dateTime": "2026-12-26", "timeZone": name},
    )


def _liveperson_400(reply, field: str) -> None:
    assert reply.status == 400, reply.text
    assert set(reply.body) == {"type", "internalCode", "message"}
    assert reply.body["internalCode"] == 10
    assert field in reply.body["message"] and "IANA" in reply.body["message"]


def _intercom_400(reply, field: str) -> None:
    assert reply.status == 400, reply.text
    assert reply.body["type"] == "error.list"
    [error] = reply.body["errors"]
    assert (error["code"], error["field"]) == ("parameter_invalid", field)


@pytest.mark.parametrize("name", NOT_IANA_NAMES)
def test_special_occasions_refuse_a_name_that_is_not_iana_on_post_and_put(api, table_items, name):
    created = api.call("POST", OCCASIONS, [occasion("Stored")])
    assert created.status == 200, created.text
    before = table_items()

    posted = api.call("POST", OCCASIONS, [_in_zone(name, occasion("New"))])
    put = api.call("PUT", OCCASIONS, [{**_in_zone(name, occasion("Stored")), "id": 1}], headers={"If-Match": "1"})

    _liveperson_400(posted, "[0].events[0].start.timeZone")
    _liveperson_400(put, "[0].events[0].start.timeZone")
    assert table_items() == before


@pytest.mark.parametrize("name", NOT_IANA_NAMES)
def test_office_hours_refuse_a_name_that_is_not_iana_on_schedule_create_and_update(api, seeded, table_items, name):
    before = table_items()

    created = api.call("POST", SCHEDULES, schedule(time_zone_name=name))
    updated = api.call("PUT", schedule_url(seeded["schedule"]["id"]), {"time_zone_name": name})

    _intercom_400(created, "time_zone_name")
    _intercom_400(updated, "time_zone_name")
    assert table_items() == before


def test_both_apis_accept_every_name_of_the_pinned_tzdata():
    names = [name for name in _pinned_tzdata_names() if name != "Factory"]
    assert len(names) > 500  # the whole database, not an empty or partial list
    for name in names:
        assert events.zone(name, "start.timeZone").key == name
        office_hours_rules.check_time_zone(name)


@pytest.mark.parametrize("name", NOT_IANA_NAMES)
def test_both_apis_rules_refuse_names_that_are_not_iana(name):
    with pytest.raises(RuleViolation):
        events.zone(name, "start.timeZone")
    with pytest.raises(RuleViolation):
        office_hours_rules.check_time_zone(name)


def test_zones_are_read_from_the_pinned_tzdata_not_the_hosts_files(tmp_path):
    # Given a host whose zone files say Paris is on UTC all year
    utc = resources.files("tzdata.zoneinfo").joinpath("UTC").read_bytes()
    (tmp_path / "Europe").mkdir()
    (tmp_path / "Europe" / "Paris").write_bytes(utc)
    zoneinfo.reset_tzpath(to=[str(tmp_path)])
    primitives.zone.cache_clear()
    try:
        assert zoneinfo.ZoneInfo.no_cache("Europe/Paris").utcoffset(datetime(2026, 7, 1)) == timedelta(0)
        # Then both APIs still use tzdata's Paris: UTC+2 in summer
        paris = events.zone("Europe/Paris", "start.timeZone")
        assert paris.utcoffset(datetime(2026, 7, 1)) == timedelta(hours=2)
        assert primitives.zone("Europe/Paris").utcoffset(datetime(2026, 7, 1)) == timedelta(hours=2)
    finally:
        zoneinfo.reset_tzpath()
        primitives.zone.cache_clear()
