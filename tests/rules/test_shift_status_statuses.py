"""The shift status of many skills (shift_status/statuses.py): shifts.shift_status's answers, computed once per pair.

`statuses.status` first reads the on-shift periods of the week after `at` only, and answers
from them when they decide the status; these properties hold it to shifts.shift_status, the
400-day reading, for arbitrary workdays and occasions, including those the near window cannot
decide (24/7, shifts longer than it, nothing within it).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_exceptions.liveperson.shift_status import statuses
from calendar_exceptions.liveperson.shift_status.shifts import ShiftStatus, shift_status
from calendar_exceptions.liveperson.skills.hours import SkillHours
from tests.builders import OFFICE, occasion_event, shift, stored_occasion, stored_workday

ZONES = ["Europe/Warsaw", "America/New_York", "Asia/Tokyo", "UTC"]
FIRST = date(2026, 3, 2)  # a Monday, four weeks before Warsaw's spring change
RULES = [None, "RRULE:FREQ=YEARLY", "RRULE:FREQ=WEEKLY;COUNT=4", "RRULE:FREQ=DAILY;INTERVAL=9"]


@st.composite
def workdays(draw) -> dict[str, Any] | None:
    if draw(st.integers(0, 6)) == 0:
        return None
    zone = draw(st.sampled_from(ZONES))
    events = []
    for _ in range(draw(st.integers(0, 6))):
        day = FIRST + timedelta(days=draw(st.integers(0, 6)) + 7 * draw(st.integers(0, 2)))
        if draw(st.integers(0, 5)) == 0:
            events.append(shift(day.isoformat(), (day + timedelta(days=1)).isoformat(), zone))  # a whole day
            continue
        start = datetime.combine(day, time()) + timedelta(minutes=5 * draw(st.integers(0, 287)))
        end = start + timedelta(minutes=5 * draw(st.integers(1, 288)))
        events.append(shift(start.isoformat(), end.isoformat(), zone))
    return {**stored_workday(*events), "id": draw(st.integers(1, 3))}


@st.composite
def occasions(draw) -> dict[str, Any] | None:
    if draw(st.integers(0, 3)) == 0:
        return None
    zone = draw(st.sampled_from(ZONES))
    events = []
    for _ in range(draw(st.integers(0, 3))):
        day = FIRST + timedelta(days=draw(st.integers(0, 120)))
        if draw(st.booleans()):
            end_day = day + timedelta(days=draw(st.integers(1, 13)))  # whole days: the end date is exclusive
            start, end = day.isoformat(), end_day.isoformat()
        else:
            begin = datetime.combine(day, time()) + timedelta(minutes=15 * draw(st.integers(0, 95)))
            start, end = begin.isoformat(), (begin + timedelta(minutes=15 * draw(st.integers(1, 200)))).isoformat()
        rule = draw(st.sampled_from(RULES))
        events.append(
            occasion_event(start, end, working=draw(st.sampled_from([True, False, None])), rule=rule, zone=zone)
        )
    return {**stored_occasion(*events), "id": draw(st.integers(1, 3))}


@settings(max_examples=300, deadline=None)
@given(workdays(), occasions(), st.integers(0, 200 * 86_400))
def test_the_status_is_shift_statuss(workday, occasion, seconds):
    at = 1772409600000 + seconds * 1000  # 2026-03-02T00:00Z and up to 200 days later
    assert statuses.status(workday, occasion, at) == shift_status(workday, occasion, at)


def test_the_cases_the_near_window_cannot_decide_are_answered_from_400_days():
    every_day = stored_workday(*(shift(f"2026-03-{2 + i:02d}", f"2026-03-{3 + i:02d}") for i in range(7)))
    at = 1797238800000  # 2026-12-14T09:00Z
    # 24/7: on shift, nothing next
    assert statuses.status(every_day, None, at) == ShiftStatus(True, None, None)
    # No hours at all, and hours only after a closed fortnight
    assert statuses.status(None, None, at) == ShiftStatus(False, None, None)
    closed = stored_occasion(occasion_event("2026-12-14", "2026-12-28", working=False))  # 14th-27th, end exclusive
    assert statuses.status(OFFICE, closed, at) == shift_status(OFFICE, closed, at)
    assert statuses.status(OFFICE, closed, at).next_on == 1798444800000  # Monday 2026-12-28 09:00 Warsaw = 08:00Z


def test_skills_sharing_their_objects_share_one_computation(monkeypatch):
    computed = []
    real = statuses.status
    monkeypatch.setattr(statuses, "status", lambda w, o, at: computed.append((w, o)) or real(w, o, at))
    other = {**OFFICE, "id": 2}
    skills = {
        9: SkillHours(OFFICE, None),
        3: SkillHours(other, None),
        5: SkillHours(OFFICE, None),
        7: SkillHours(None, None),
    }
    answered = statuses.statuses(skills, 1797238800000)
    assert [entry["skillId"] for entry in answered] == [3, 5, 7, 9]
    assert answered[0] == {"skillId": 3, "onShift": True, "nextOn": 1797321600000, "nextOff": 1797264000000}
    assert {k: v for k, v in answered[3].items() if k != "skillId"} == {
        k: v for k, v in answered[0].items() if k != "skillId"
    }
    assert answered[2] == {"skillId": 7, "onShift": False, "nextOn": None, "nextOff": None}
    assert len(computed) == 3
