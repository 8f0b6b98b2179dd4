"""The two hours routes' operations (effective hours, status), as their handlers run them: one call per handler.

Their answers hold for the moment asked about and for data that may change at any time, so
they are never cached (`api.NO_STORE`; docs/office-hours.md, "Caching").
"""

from __future__ import annotations

from calendar_exceptions.office_hours import api
from calendar_exceptions.office_hours.hours.service import requested_date, requested_instant
from calendar_exceptions.rest import Response, RestResolver


def effective_hours(app: RestResolver, path_schedule_id: str) -> Response:
    schedule_id = api.schedule_id(path_schedule_id)
    first = requested_date(app.current_event.query_value("from"), "from")
    last = requested_date(app.current_event.query_value("to"), "to")
    answer = api.hours_service().effective_hours(api.workspace(app), schedule_id, first, last, api.request_time(app))
    return api.respond(200, answer, api.NO_STORE)


def status(app: RestResolver, path_schedule_id: str) -> Response:
    schedule_id = api.schedule_id(path_schedule_id)
    at = requested_instant(app.current_event.query_value("at"))
    answer = api.hours_service().status(api.workspace(app), schedule_id, api.request_time(app) if at is None else at)
    return api.respond(200, answer, api.NO_STORE)
