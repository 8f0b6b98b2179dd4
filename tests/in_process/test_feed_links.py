"""Feed links through the handlers: created, listed and revoked with a token; answered publicly without one.

The rules: docs/feeds.md. Time: request_time pins "now" (2026-11-21T12:00Z, a Saturday) where
the answer depends on it.
"""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import pytest

from calendar_exceptions import storage
from calendar_exceptions.feeds.store import MAX_LINKS
from local import template
from tests.builders import SCHEDULES, closed, exceptions_url, schedule, schedule_url
from tests.feeds import fetch, liveperson_link, office_hours_link, path_of

TABLE = template.local_table_name("CalendarTable")
NOW = 1_795_262_400  # 2026-11-21T12:00:00Z
ACCOUNT = "2001"
LP_FEEDS = f"/api/account/{ACCOUNT}/shift-status/feeds"


@pytest.fixture
def schedule_id(api) -> str:
    created = api.call("POST", SCHEDULES, schedule())
    assert created.status == 201, created.text
    assert api.call("POST", exceptions_url(created.body["id"]), closed("2026-12-25")).status == 201
    return created.body["id"]


def lookups(dynamodb) -> list[dict[str, Any]]:
    """Every feed link look-up item of the table."""
    items = dynamodb.scan(TableName=TABLE, ConsistentRead=True)["Items"]
    return [item for item in items if item["pk"]["S"].startswith("FEED#")]


# --- managing links ---------------------------------------------------------------------------------


def test_an_office_hours_link_is_created_with_its_two_urls(api, schedule_id):
    # When a link is created
    reply = api.call("POST", f"{SCHEDULES}/{schedule_id}/feeds", request_time=NOW)
    # Then 201, the vendor-style object, and two absolute URLs carrying one secret of 43 URL-safe characters
    assert reply.status == 201, reply.text
    body = reply.body
    assert list(body) == ["type", "id", "office_hours_schedule_id", "calendar_url", "status_url", "created_at"]
    assert (body["type"], body["id"], body["office_hours_schedule_id"], body["created_at"]) == (
        "office_hours_feed",
        "1",
        schedule_id,
        NOW,
    )
    secret = body["calendar_url"].split("/")[-2]
    assert body["calendar_url"] == f"http://localhost/feeds/{secret}/calendar.ics"
    assert body["status_url"] == f"http://localhost/feeds/{secret}/status"
    assert secret.startswith("cexf_") and len(secret) == 48
    assert all(c.isalnum() or c in "-_" for c in secret[5:])


def test_two_links_have_different_secrets_and_ids(api, schedule_id):
    first, second = office_hours_link(api, schedule_id), office_hours_link(api, schedule_id)
    assert (first["id"], second["id"]) == ("1", "2")
    assert first["calendar_url"] != second["calendar_url"]


def test_the_urls_name_the_host_and_port_the_client_called(api, schedule_id):
    # Given a request to the local API on 127.0.0.1:3000 (its Host header)
    body = office_hours_link(api, schedule_id, headers={"Host": "127.0.0.1:3000"})
    # Then the URLs are on that host and port, plain HTTP (the local API), no stage
    assert body["calendar_url"].startswith("http://127.0.0.1:3000/feeds/cexf_")
    # And on an API Gateway domain they are HTTPS
    deployed = office_hours_link(api, schedule_id, headers={"Host": "abc123.execute-api.eu-west-1.amazonaws.com"})
    assert deployed["status_url"].startswith("https://abc123.execute-api.eu-west-1.amazonaws.com/feeds/cexf_")


def test_lists_never_hold_the_urls_nor_the_secrets(api, schedule_id):
    created = office_hours_link(api, schedule_id, request_time=NOW)
    lp = liveperson_link(api, ACCOUNT, 7)
    # When both APIs list their links
    office_hours = api.call("GET", f"{SCHEDULES}/{schedule_id}/feeds")
    liveperson = api.call("GET", LP_FEEDS, tenant=ACCOUNT)
    # Then each link is listed without its URLs, and no secret is anywhere in the answers
    assert office_hours.body == {
        "type": "office_hours_feed.list",
        "data": [{"type": "office_hours_feed", "id": "1", "office_hours_schedule_id": schedule_id, "created_at": NOW}],
    }
    assert liveperson.body == [{"id": 1, "skillId": 7, "createdAt": lp["createdAt"]}]
    for secret in (created["calendar_url"].split("/")[-2], lp["calendarUrl"].split("/")[-2]):
        assert secret not in office_hours.text + liveperson.text


def test_a_read_only_token_lists_but_neither_creates_nor_revokes(api, schedule_id):
    link = office_hours_link(api, schedule_id)
    token, _ = api.tokens.mint("acct1", "read")
    read_only = {"Authorization": f"Bearer {token}"}
    assert api.call("POST", f"{SCHEDULES}/{schedule_id}/feeds", headers=read_only).status == 403
    assert api.call("DELETE", f"{SCHEDULES}/{schedule_id}/feeds/{link['id']}", headers=read_only).status == 403
    assert api.call("GET", f"{SCHEDULES}/{schedule_id}/feeds", headers=read_only).status == 200
    assert fetch(api, link["status_url"]).status == 200


def test_an_unknown_schedule_or_link_is_404(api, schedule_id, dynamodb):
    assert api.call("POST", f"{SCHEDULES}/99/feeds").status == 404
    assert api.call("GET", f"{SCHEDULES}/99/feeds").status == 404
    missing = api.call("DELETE", f"{SCHEDULES}/{schedule_id}/feeds/1")
    assert (missing.status, missing.body["errors"][0]["code"]) == (404, "not_found")
    assert api.call("DELETE", f"{SCHEDULES}/{schedule_id}/feeds/01").status == 404
    # And another workspace's schedule is not found either, and gets no link
    assert api.call("POST", f"{SCHEDULES}/{schedule_id}/feeds", tenant="other").status == 404
    assert lookups(dynamodb) == []


def test_a_schedule_has_at_most_twenty_links(api, schedule_id):
    for _ in range(MAX_LINKS):
        office_hours_link(api, schedule_id)
    refused = api.call("POST", f"{SCHEDULES}/{schedule_id}/feeds")
    assert (refused.status, refused.body["errors"][0]["code"]) == (422, "data_invalid")


def test_a_liveperson_link_of_the_account_or_of_a_skill(api):
    account = api.call("POST", LP_FEEDS, {"skillId": None}, tenant=ACCOUNT, request_time=NOW)
    skill = api.call("POST", LP_FEEDS, {"skillId": 12}, tenant=ACCOUNT, query="v=1.0")
    empty = api.call("POST", LP_FEEDS, {}, tenant=ACCOUNT)
    assert (account.status, skill.status, empty.status) == (200, 200, 200)
    assert list(account.body) == ["id", "skillId", "calendarUrl", "statusUrl", "createdAt"]
    assert (account.body["id"], account.body["skillId"], account.body["createdAt"]) == (1, None, NOW * 1000)
    assert (skill.body["id"], skill.body["skillId"], empty.body["skillId"]) == (2, 12, None)
    assert account.body["calendarUrl"].endswith("/calendar.ics")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"skillId": 0}, "skillId"),
        ({"skillId": "12"}, "skillId"),
        ({"skillId": 1.5}, "skillId"),
        ({"skill": 12}, "skill"),
        ([], "body"),
    ],
)
def test_a_bad_liveperson_create_is_400_naming_the_field(api, body, field, dynamodb):
    reply = api.call("POST", LP_FEEDS, body, tenant=ACCOUNT)
    assert reply.status == 400, reply.text
    assert reply.body["type"] == "feeds" and reply.body["internalCode"] == 10
    assert field in reply.body["message"]
    assert lookups(dynamodb) == []


def test_liveperson_routes_keep_the_account_and_version_rules(api):
    assert api.call("GET", "/api/account/other/shift-status/feeds", tenant=ACCOUNT).status == 403
    assert api.call("GET", LP_FEEDS, tenant=ACCOUNT, query="v=2.0").status == 400
    assert api.call("DELETE", f"{LP_FEEDS}/abc", tenant=ACCOUNT).status == 400
    missing = api.call("DELETE", f"{LP_FEEDS}/5", tenant=ACCOUNT)
    assert (missing.status, missing.body["type"], missing.body["internalCode"]) == (404, "feeds", 12)


# --- revocation and the one 404 ------------------------------------------------------------------


def test_a_revoked_link_is_404_on_the_very_next_request(api, schedule_id, dynamodb):
    link = office_hours_link(api, schedule_id)
    assert fetch(api, link["calendar_url"]).status == 200
    # When it is revoked
    revoked = api.call("DELETE", f"{SCHEDULES}/{schedule_id}/feeds/{link['id']}")
    assert revoked.body == {"id": link["id"], "object": "office_hours_feed", "deleted": True}
    # Then both URLs are 404 at once, its look-up is gone, and it is no longer listed
    assert fetch(api, link["calendar_url"]).status == 404
    assert fetch(api, link["status_url"]).status == 404
    assert lookups(dynamodb) == []
    assert api.call("GET", f"{SCHEDULES}/{schedule_id}/feeds").body["data"] == []
    # And revoking it again is 404
    assert api.call("DELETE", f"{SCHEDULES}/{schedule_id}/feeds/{link['id']}").status == 404


def test_a_revoked_liveperson_link_is_404_on_the_very_next_request(api, dynamodb):
    link = liveperson_link(api, ACCOUNT)
    assert fetch(api, link["statusUrl"]).status == 200
    assert api.call("DELETE", f"{LP_FEEDS}/{link['id']}", tenant=ACCOUNT).body == {"id": 1, "deleted": True}
    assert fetch(api, link["statusUrl"]).status == 404
    assert api.call("GET", LP_FEEDS, tenant=ACCOUNT).body == []
    assert lookups(dynamodb) == []


def test_deleting_the_schedule_revokes_its_links_in_its_transaction(api, schedule_id, dynamodb):
    links = [office_hours_link(api, schedule_id) for _ in range(3)]
    assert len(lookups(dynamodb)) == 3
    # When the schedule is deleted
    assert api.call("DELETE", schedule_url(schedule_id)).status == 200
    # Then every link is 404, and their look-ups are gone with the schedule
    assert {fetch(api, link["calendar_url"]).status for link in links} == {404}
    assert lookups(dynamodb) == []


def test_every_404_is_the_same_answer(api, schedule_id):
    revoked = office_hours_link(api, schedule_id)
    api.call("DELETE", f"{SCHEDULES}/{schedule_id}/feeds/{revoked['id']}")
    gone_schedule = api.call("POST", SCHEDULES, schedule(name="Gone")).body["id"]
    gone = office_hours_link(api, gone_schedule)
    api.call("DELETE", schedule_url(gone_schedule))
    unknown = "cexf_" + "A" * 43
    answers = {
        (
            reply.status,
            reply.text,
            tuple(sorted((k, v) for k, v in reply.headers.items() if k != "content-length")),
        )
        for path in (
            path_of(revoked["calendar_url"]),
            path_of(revoked["status_url"]),
            path_of(gone["calendar_url"]),
            f"/feeds/{unknown}/calendar.ics",
            f"/feeds/{unknown}/status",
            "/feeds/not-a-secret/status",
            "/feeds/cexf_short/calendar.ics",
            f"/feeds/{unknown}/status?at=not-a-number",
        )
        for reply in [api.call("GET", path, tenant=None)]
    }
    assert answers == {
        (
            404,
            '{"message": "Not Found"}',
            (
                ("access-control-allow-origin", "*"),
                ("access-control-expose-headers", "ETag"),
                ("cache-control", "no-store"),
                ("content-type", "application/json"),
            ),
        )
    }


# --- the public answers ------------------------------------------------------------------------------


def test_the_status_url_answers_what_the_status_route_answers(api, schedule_id):
    link = office_hours_link(api, schedule_id)
    for query in ("", "?at=1798200000"):
        public = fetch(api, link["status_url"] + query, request_time=NOW)
        route = api.call("GET", f"{schedule_url(schedule_id)}/status{query}", request_time=NOW)
        assert public.status == route.status == 200
        assert public.body == route.body


def test_an_authorization_header_is_ignored(api, schedule_id):
    link = office_hours_link(api, schedule_id)
    for authorization in ("Bearer cex_" + "x" * 43, "Basic Zm9vOmJhcg==", "nonsense"):
        reply = fetch(api, link["calendar_url"], headers={"Authorization": authorization})
        assert reply.status == 200, reply.text
    # And a valid token opens no feed that is not there
    assert api.call("GET", "/feeds/cexf_" + "B" * 43 + "/status").status == 404


def test_a_bad_at_is_the_400_of_the_route_the_answer_mirrors(api, schedule_id):
    office_hours = office_hours_link(api, schedule_id)
    liveperson = liveperson_link(api, ACCOUNT)
    intercom = fetch(api, office_hours["status_url"] + "?at=soon")
    assert intercom.status == 400
    assert intercom.body["errors"][0]["code"] == "parameter_invalid" and intercom.body["errors"][0]["field"] == "at"
    twice = fetch(api, office_hours["calendar_url"] + "?at=1&at=1")
    assert (twice.status, twice.body["errors"][0]["field"]) == (400, "at")
    shift = fetch(api, liveperson["statusUrl"] + "?at=-5")
    assert (shift.status, shift.body["type"], shift.body["internalCode"]) == (400, "shiftstatus", 10)
    assert shift.headers["access-control-allow-origin"] == "*"


def test_etag_and_if_none_match(api, schedule_id):
    link = office_hours_link(api, schedule_id)
    first = fetch(api, link["calendar_url"], request_time=NOW)
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    # The same calendar again: the same strong ETag; If-None-Match with it (or W/ it, or *) is 304 with no body
    assert fetch(api, link["calendar_url"], request_time=NOW).headers["etag"] == etag
    for sent in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = fetch(api, link["calendar_url"], request_time=NOW, headers={"If-None-Match": sent})
        assert (again.status, again.text, again.headers["etag"]) == (304, "", etag)
        assert again.headers["access-control-allow-origin"] == "*"
    # When the schedule's hours change, the ETag changes and the old one is answered 200
    assert api.call("POST", exceptions_url(schedule_id), closed("2026-12-28", name="Bank holiday")).status == 201
    changed = fetch(api, link["calendar_url"], request_time=NOW, headers={"If-None-Match": etag})
    assert changed.status == 200 and changed.headers["etag"] != etag
    # And the status has its own ETag and 304
    status = fetch(api, link["status_url"] + "?at=1798200000")
    assert (
        fetch(api, link["status_url"] + "?at=1798200000", headers={"If-None-Match": status.headers["etag"]}).status
        == 304
    )


def test_cors_and_a_short_cache_on_the_public_answers(api, schedule_id):
    link = office_hours_link(api, schedule_id)
    calendar = fetch(api, link["calendar_url"])
    status = fetch(api, link["status_url"])
    assert calendar.headers["content-type"] == "text/calendar; charset=utf-8"
    assert calendar.text.startswith("BEGIN:VCALENDAR\r\n")
    for reply, seconds in ((calendar, 300), (status, 60)):
        assert reply.headers["access-control-allow-origin"] == "*"
        assert reply.headers["cache-control"] == f"private, max-age={seconds}"


def test_a_feed_answers_in_three_round_trips(api, schedule_id):
    office_hours = office_hours_link(api, schedule_id)
    liveperson = liveperson_link(api, ACCOUNT)
    calls: list[str] = []
    storage.dynamodb_client().meta.events.register("before-call.dynamodb", lambda model, **_: calls.append(model.name))
    expected = {
        office_hours["calendar_url"]: ["GetItem", "GetItem", "Query"],
        office_hours["status_url"]: ["GetItem", "GetItem", "Query"],
        liveperson["calendarUrl"]: ["GetItem", "BatchGetItem"],  # no defaults yet: nothing more to read
        liveperson["statusUrl"]: ["GetItem", "BatchGetItem"],
    }
    for url, names in expected.items():
        calls.clear()
        assert fetch(api, url).status == 200
        assert calls == names, url
    # With both defaults: the look-up, the heads, the two objects
    workdays = "/api/account/2001/configuration/ac-common/workinghours"
    occasions = "/api/account/2001/configuration/ac-common/specialoccasion"
    from tests.builders import occasion, workday

    assert api.call("POST", workdays, workday(isDefault=True), tenant=ACCOUNT).status == 200
    assert api.call("POST", occasions, occasion(isDefault=True), tenant=ACCOUNT).status == 200
    for url in (liveperson["calendarUrl"], liveperson["statusUrl"]):
        calls.clear()
        assert fetch(api, url).status == 200
        assert calls == ["GetItem", "BatchGetItem", "BatchGetItem"]


def test_no_secret_in_any_log_line(api, schedule_id, monkeypatch, capfd):
    from calendar_exceptions.observability import logger

    stream = io.StringIO()
    monkeypatch.setattr(logger.registered_handler, "stream", stream)
    level = logger.log_level
    logger.setLevel(logging.DEBUG)
    try:
        link = office_hours_link(api, schedule_id)
        lp = liveperson_link(api, ACCOUNT)
        secrets = {link["calendar_url"].split("/")[-2], lp["calendarUrl"].split("/")[-2]}
        for url in (link["calendar_url"], link["status_url"], lp["calendarUrl"], lp["statusUrl"]):
            fetch(api, url)
            fetch(api, url + "?at=bad")
        api.call("DELETE", f"{SCHEDULES}/{schedule_id}/feeds/{link['id']}")
        fetch(api, link["status_url"])
        api.call("GET", f"{SCHEDULES}/{schedule_id}/feeds")
    finally:
        logger.setLevel(level)
    captured = capfd.readouterr()
    lines = stream.getvalue().splitlines()
    # Then the log lines name the feed ids, never a secret, nor does anything else the functions wrote
    assert any(json.loads(line).get("feed_id") == link["id"] for line in lines)
    for secret in secrets:
        assert secret not in stream.getvalue() + captured.out + captured.err
