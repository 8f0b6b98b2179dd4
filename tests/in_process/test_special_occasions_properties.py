"""Property: any generated special occasion is accepted and reads back identical, or refused with a 400.

Never a 5xx, never a refusal in another shape, and a refusal leaves the account untouched.
"""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builders import HUGE_INTEGER, body_text, collection

_accounts = itertools.count()

# (Los Angeles and Tokyo: west and east of UTC, for the calendar's edges.)
ZONES = st.sampled_from(
    [
        "Europe/Warsaw",
        "America/New_York",
        "UTC",
        "Pacific/Kiritimati",
        "Mars/Base",
        "",
        "utc",
        "America/Los_Angeles",
        "Asia/Tokyo",
    ]
)
# Numbers in digits other than ASCII: superscript, circled, full-width, Arabic-Indic.
OTHER_DIGITS = st.sampled_from(["\u00b2", "\u00b9", "\u2460", "\uff11\uff12", "\u0661", "\uff12\uff10\uff12\uff16"])
# The calendar's edges: local times whose UTC instant is past year 9999 or before year 1.
EDGES = st.sampled_from(
    ["9999-12-31T23:00:00", "9999-12-31", "0001-01-01T00:00:00", "0001-01-01", "9999-12-31T23:59:59"]
)
DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.replace(microsecond=0).isoformat()),
    st.text(max_size=25),
    EDGES,
    st.tuples(OTHER_DIGITS, EDGES).map(lambda pair: pair[0] + pair[1][len(pair[0]) :]),
)
RRULE_PARTS = st.lists(
    st.tuples(
        st.sampled_from(["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "WKST", "BYSETPOS"]),
        st.one_of(
            st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "MO", "1MO", "-1FR", "SU,SA"]),
            st.integers(-40, 1500).map(str),
            st.dates().map(lambda d: d.strftime("%Y%m%d")),
            st.text(max_size=8),
            OTHER_DIGITS,
            st.sampled_from(["99991231T235959Z", "00010101T000000Z", "99991231"]),
        ),
    ),
    max_size=5,
).map(lambda parts: "RRULE:" + ";".join(f"{k}={v}" for k, v in parts))
JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10), st.just(HUGE_INTEGER))


@st.composite
def events(draw):
    zone = draw(ZONES)
    event = {
        "start": {"dateTime": draw(DATES), "timeZone": zone},
        "end": {"dateTime": draw(DATES), "timeZone": draw(st.one_of(st.just(zone), ZONES))},
    }
    if draw(st.booleans()):
        event["recurrence"] = draw(st.lists(st.one_of(RRULE_PARTS, st.text(max_size=10)), max_size=2))
    if draw(st.booleans()):
        event["meta"] = {"working": draw(st.one_of(st.booleans(), JSON_SCALARS)), "name": draw(st.text(max_size=5))}
    return event


@st.composite
def occasions(draw):
    body = {
        "name": draw(st.one_of(st.text(max_size=55), JSON_SCALARS)),
        "description": draw(st.text(max_size=210)),
        "isDefault": draw(st.one_of(st.booleans(), JSON_SCALARS)),
        "events": draw(st.lists(events(), max_size=3)),
    }
    if draw(st.booleans()):
        body["deleted"] = draw(st.one_of(st.just(False), JSON_SCALARS))
    if draw(st.integers(0, 9)) == 0:
        body[draw(st.text(min_size=1, max_size=8))] = draw(JSON_SCALARS)
    return body


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.lists(occasions(), min_size=1, max_size=3))
def test_generated_occasions_are_stored_identically_or_refused_with_400(api, body):
    account = f"prop{next(_accounts)}"
    url = collection(account)
    reply = api.call("POST", url, raw_body=body_text(body), tenant=account)
    assert reply.status in (200, 400), reply.text
    listed = api.call("GET", url, tenant=account)
    if reply.status == 400:
        assert set(reply.body) == {"type", "internalCode", "message"}
        assert listed.body == [] and listed.revision == "0"
        return
    for sent, stored in zip(body, reply.body, strict=True):
        expected = {"id": stored["id"], "deleted": False, **sent}
        for event in expected["events"]:
            event.setdefault("recurrence", [])
            if "meta" in event:
                event["meta"].setdefault("name", "")
        assert stored == expected
    assert listed.body == reply.body
