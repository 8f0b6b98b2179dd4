"""Properties of the effective hours and status answers, through the service, for arbitrary stored data.

Schedules, exceptions (closed or custom hours, recurring or not), zones and instants are
drawn around 2026 transitions of the zones, as the stored values the repository reads;
the service answers both routes from them. The property the two routes promise together:
`status.open` at T agrees with the effective hours of T's local date, and so does the governing exception.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_exceptions import primitives
from calendar_exceptions.office_hours.hours.reads import StoredHours
from calendar_exceptions.office_hours.hours.service import ScheduleHoursService

SETTINGS = settings(max_examples=120, deadline=None)
ZONES = ["UTC", "Europe/London", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "America/Santiago"]
TRANSITION_DATES = [date(2026, 3, 8), date(2026, 3, 29), date(2026, 4, 5), date(2026, 9, 6), date(2026, 10, 4),
                    date(2026, 10, 25), date(2026, 11, 1)]  # fmt: skip


def interval_list(limit: int, max_intervals: int) -> st.SearchStrategy[list[dict[str, int]]]:
    """Non-overlapping intervals on the 15-minute grid of 0..limit, as stored (they may touch)."""

    def pairs(marks: list[int]) -> list[dict[str, int]]:
        marks = sorted(marks)
        return [{"start_minute": s, "end_minute": e} for s, e in zip(marks[::2], marks[1::2], strict=False) if s < e]

    return st.lists(st.integers(0, limit // 15).map(lambda q: q * 15), max_size=2 * max_intervals).map(pairs)


weekly = st.one_of(
    interval_list(10080, 6),
    st.just([{"start_minute": 0, "end_minute": 10079}]),  # Intercom's 24/7
)


@st.composite
def exceptions(draw) -> list[dict]:
    near = st.builds(
        lambda day, shift, years: date(day.year - years, day.month, day.day) + timedelta(days=shift),
        st.sampled_from(TRANSITION_DATES),
        st.integers(-2, 2),
        st.integers(0, 1),
    )
    dates = draw(st.lists(near, unique=True, max_size=5))
    found = []
    for index, day in enumerate(dates):
        intervals = draw(interval_list(1440, 3))
        exception = {
            "id": str(index + 1),
            "exception_date": day.isoformat(),
            "exception_type": "custom_hours" if intervals else "closed",
            "recurring_annually": draw(st.booleans()),
        }
        if intervals:
            exception["time_intervals"] = intervals
        found.append(exception)
    return found


instants = st.builds(
    lambda day, seconds: int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()) + seconds,
    st.sampled_from(TRANSITION_DATES),
    st.one_of(st.integers(-3 * 86400, 3 * 86400), st.integers(-3 * 86400, 3 * 86400).map(lambda s: s + 365 * 86400)),
)


class Stored:
    """A repository holding one workspace's schedule "1"."""

    def __init__(self, schedule: dict, exceptions: list[dict]) -> None:
        self._stored = StoredHours(schedule, exceptions)

    def stored_hours(self, workspace: str, schedule_id: str) -> StoredHours | None:
        return self._stored if (workspace, schedule_id) == ("ws", "1") else None


@SETTINGS
@given(st.sampled_from(ZONES), weekly, exceptions(), instants)
def test_status_agrees_with_the_effective_hours_of_its_date(zone, intervals, stored_exceptions, at):
    # Given a stored schedule and its exceptions
    schedule = {"id": "1", "time_zone_name": zone, "time_intervals": intervals}
    service = ScheduleHoursService(Stored(schedule, stored_exceptions))
    # When the status at T and the effective hours of T's local date are asked for
    status = service.status("ws", "1", at)
    today = datetime.fromtimestamp(at, primitives.zone(zone)).date()
    [day] = service.effective_hours("ws", "1", today, today, now=at)["days"]
    # Then T is open exactly when it lies in one of that date's intervals, and one exception governs both
    inside = [i for i in day["time_intervals"] if i["start_at"] <= at < i["end_at"]]
    assert status["open"] == bool(inside), (status, day)
    assert status["office_hours_exception_id"] == day["office_hours_exception_id"]
    if inside:
        # the current period ends at the end of that interval, or later when the next one touches it
        assert status["next_close_at"] is None or status["next_close_at"] >= inside[0]["end_at"]
    # And by default the range is the seven dates from T's
    default = service.effective_hours("ws", "1", None, None, now=at)["days"]
    assert [d["date"] for d in default] == [(today + timedelta(days=n)).isoformat() for n in range(7)]
    assert default[0] == day
