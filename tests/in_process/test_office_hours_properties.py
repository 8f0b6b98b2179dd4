"""Property: any generated office hours body is accepted and reads back identical, or refused with a 4xx.

The refusal is in Intercom's error.list format and leaves what is stored as it was; never
a 5xx. Each example gets a schedule of its own and, for updates, a custom_hours exception
on 2026-12-24 and a closed one on 2026-12-25 (so that moving a date can collide).
"""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from calendar_exceptions.names import name_key
from tests.builders import (
    HUGE_INTEGER,
    SCHEDULES,
    body_text,
    closed,
    custom_hours,
    exception_answer,
    exception_url,
    exceptions_url,
    schedule,
    schedule_answer,
    schedule_url,
)

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CODES = {"parameter_invalid", "parameter_not_found", "data_invalid", "payload_too_large"}

JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(), st.text(max_size=10), st.just(HUGE_INTEGER)
)


def _mostly(valid, invalid):
    """Valid values three times in four, so that bodies are often accepted and often refused by one field.

    (st.one_of(valid, valid, valid, invalid) would not do: one_of flattens nested one_ofs.)
    """
    return st.integers(0, 3).flatmap(lambda draw: invalid if draw == 3 else valid)


def _intervals(quarters):
    """Intervals on the grid that do not overlap, or anything else an interval array could hold."""
    marks = st.lists(st.integers(0, quarters), unique=True, max_size=8).map(sorted)
    valid = marks.map(
        lambda m: [{"start_minute": a * 15, "end_minute": b * 15} for a, b in zip(m[::2], m[1::2], strict=False)]
    )
    minutes = st.one_of(
        st.integers(0, quarters).map(lambda quarter: quarter * 15), st.integers(-30, quarters * 15 + 30)
    )
    interval = st.fixed_dictionaries(
        {"start_minute": st.one_of(minutes, minutes, JSON_SCALARS), "end_minute": minutes},
        optional={"day": JSON_SCALARS, "day_of_week": JSON_SCALARS},
    )
    return _mostly(valid, st.one_of(st.lists(st.one_of(interval, JSON_SCALARS), max_size=4), JSON_SCALARS))


DATES = _mostly(
    st.one_of(st.dates().map(lambda day: day.isoformat()), st.sampled_from(["0001-01-01", "9999-12-31"])),
    st.one_of(
        st.sampled_from(["2026-02-29", "2026-13-01", "26-12-25", "2026-12-25T00:00:00"]),
        # digits other than ASCII (full-width, Arabic-Indic), and a value far too long to echo whole
        st.sampled_from(["\uff12\uff10\uff12\uff16-12-25", "\u0662\u0660\u0662\u0666-12-25", "2" * 300]),
        JSON_SCALARS,
    ),
)
TYPES = _mostly(
    st.sampled_from(["closed", "custom_hours"]), st.one_of(st.sampled_from(["CLOSED", "open"]), JSON_SCALARS)
)
NAMES = _mostly(
    st.one_of(st.none(), st.text(max_size=255)), st.one_of(st.text(min_size=256, max_size=260), JSON_SCALARS)
)
BOOLEANS = _mostly(st.booleans(), JSON_SCALARS)
ZONES = _mostly(
    st.sampled_from(["Europe/Dublin", "UTC", "Asia/Kathmandu", "America/Argentina/ComodRivadavia"]),
    st.one_of(st.sampled_from(["localtime", "utc", "Mars/Base", ""]), JSON_SCALARS),
)
EXCEPTION_FIELDS = {
    "exception_date": DATES,
    "exception_type": TYPES,
    "name": NAMES,
    "time_intervals": _intervals(96),
    "recurring_annually": BOOLEANS,
}
# Blank: nothing, or only white space and invisible characters (zero-width space, joiners).
BLANK = st.sampled_from(["", " ", "\u200b\u200d", "\u200c\u2060\ufeff"])
SCHEDULE_NAMES = _mostly(st.text(min_size=1, max_size=255), st.one_of(BLANK, NAMES))
TWENTY_FOUR_SEVEN = [{"start_minute": 0, "end_minute": 10079}]
SCHEDULE_FIELDS = {
    "name": SCHEDULE_NAMES,
    "time_zone_name": ZONES,
    "time_intervals": st.one_of(_intervals(672), st.just(TWENTY_FOUR_SEVEN)),
}
_SCHEDULE_NUMBERS = itertools.count(1)


def _bodies(fields, required):
    """Objects with some of `fields` (the `required` ones mostly present), now and then an unknown one or no object."""
    complete = st.fixed_dictionaries(
        {name: fields[name] for name in required}, optional={k: v for k, v in fields.items() if k not in required}
    )
    body = st.one_of(complete, complete, complete, st.fixed_dictionaries({}, optional=fields))
    extra = st.dictionaries(st.text(min_size=1, max_size=8), JSON_SCALARS, min_size=1, max_size=1)
    return _mostly(body, st.one_of(st.tuples(body, extra).map(lambda pair: {**pair[1], **pair[0]}), JSON_SCALARS))


def _schedule(api, *exceptions) -> tuple[str, list[str]]:
    """A new schedule of acct1 with `exceptions`: its id and theirs."""
    created = api.call("POST", SCHEDULES, schedule(f"Support {next(_SCHEDULE_NUMBERS)}"))
    replies = [api.call("POST", exceptions_url(created.body["id"]), body) for body in exceptions]
    assert [reply.status for reply in [created, *replies]] == [201] * (1 + len(replies))
    return created.body["id"], [reply.body["id"] for reply in replies]


def _refused_in_intercom_format(reply, allowed):
    event(f"refused {reply.status}")
    assert reply.status in allowed, reply.text
    assert set(reply.body) == {"type", "request_id", "errors"} and reply.body["type"] == "error.list"
    assert isinstance(reply.body["request_id"], str)
    (error,) = reply.body["errors"]
    assert set(error) == {"code", "message", "field"} and error["code"] in CODES, error


@SETTINGS
@given(body=_bodies(EXCEPTION_FIELDS, required=("exception_date", "exception_type")))
def test_a_generated_exception_is_stored_as_sent_or_refused_in_intercom_format(api, body):
    schedule_id, _ = _schedule(api)
    reply = api.call("POST", exceptions_url(schedule_id), raw_body=body_text(body))
    listed = api.call("GET", exceptions_url(schedule_id)).body["data"]
    if reply.status != 201:
        _refused_in_intercom_format(reply, (400, 422))
        assert listed == []
        return
    event("accepted")
    created = reply.body
    assert created == exception_answer(
        {
            "type": "office_hours_exception",
            "id": created["id"],
            "office_hours_schedule_id": schedule_id,
            "exception_date": body["exception_date"],
            "exception_type": body["exception_type"],
            "name": body.get("name"),
            "time_intervals": body.get("time_intervals") or None,
            "recurring_annually": body.get("recurring_annually", False),
            "created_at": created["created_at"],
            "updated_at": created["created_at"],
        }
    )
    assert listed == [created]
    assert api.call("GET", exception_url(schedule_id, created["id"])).body == created


@SETTINGS
@given(change=_bodies(EXCEPTION_FIELDS, required=()), which=st.sampled_from([0, 1]))
def test_a_generated_exception_update_changes_exactly_the_sent_fields_or_is_refused(api, change, which):
    schedule_id, exception_ids = _schedule(api, custom_hours("2026-12-24"), closed("2026-12-25"))
    exception_id = exception_ids[which]
    before = api.call("GET", exceptions_url(schedule_id)).body["data"]
    reply = api.call("PUT", exception_url(schedule_id, exception_id), raw_body=body_text(change))
    after = api.call("GET", exceptions_url(schedule_id)).body["data"]
    if reply.status != 200:
        _refused_in_intercom_format(reply, (400, 422))
        assert after == before
        return
    event("accepted")
    stored = before[which]
    expected = {**stored, **change, "updated_at": reply.body["updated_at"]}
    if "time_intervals" in change:
        expected["time_intervals"] = change["time_intervals"] or None
    elif change.get("exception_type") == "closed":
        expected["time_intervals"] = None
    assert reply.body == exception_answer(expected)
    assert reply.body["updated_at"] >= stored["updated_at"]
    assert after == [reply.body if e["id"] == exception_id else e for e in before]


@SETTINGS
@given(body=_bodies(SCHEDULE_FIELDS, required=("name",)))
def test_a_generated_schedule_is_stored_as_sent_or_refused_in_intercom_format(api, body):
    before = api.call("GET", SCHEDULES).body["data"]
    reply = api.call("POST", SCHEDULES, raw_body=body_text(body))
    after = api.call("GET", SCHEDULES).body["data"]
    if reply.status != 201:
        _refused_in_intercom_format(reply, (400, 422))
        if reply.status == 422:  # only a name another schedule of the workspace has
            assert reply.body["errors"][0]["field"] == "name"
            assert name_key(body["name"]) in {name_key(s["name"]) for s in before}
        assert after == before
        return
    event("accepted")
    created = reply.body
    assert name_key(body["name"]) not in {name_key(s["name"]) for s in before}
    assert created == schedule_answer(
        {
            "type": "office_hours_schedule",
            "id": created["id"],
            "name": body["name"],
            "time_zone_name": body.get("time_zone_name", "UTC"),
            "time_intervals": body.get("time_intervals", []),
            "created_at": created["created_at"],
            "updated_at": created["created_at"],
        }
    )
    assert after == [*before, created]
    assert api.call("GET", schedule_url(created["id"])).body == created
