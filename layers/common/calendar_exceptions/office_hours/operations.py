"""The office hours operations, as each of the functions' handlers runs them: one call per handler.

A handler (functions/office_hours_*/app.py) declares its route and calls one of these with its
resolver and path parameters, as the LivePerson handlers call `liveperson/account_config/
operations.py`. Each reads the request (ids, body), calls the service and shapes the answer.
Only the writes that parse a body import `validation` (and with it the models, pydantic), when
they run: the functions that read or delete never do. The hours routes' operations are in
`hours/operations.py` (they import the hours engine).
"""

from __future__ import annotations

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.observability import metrics
from calendar_exceptions.office_hours import api
from calendar_exceptions.rest import Response, RestResolver


def list_schedules(app: RestResolver) -> Response:
    return api.respond(200, api.listed("office_hours_schedule", api.service().schedules(api.workspace(app))))


def get_schedule(app: RestResolver, path_id: str) -> Response:
    return api.respond(200, api.service().schedule(api.workspace(app), api.schedule_id(path_id)))


def create_schedule(app: RestResolver) -> Response:
    from calendar_exceptions.office_hours.validation import new_schedule

    schedule = api.service().create_schedule(api.workspace(app), new_schedule(app.current_event.body))
    _count("OfficeHoursSchedulesCreated")
    return api.respond(201, schedule.to_json())


def update_schedule(app: RestResolver, path_id: str) -> Response:
    from calendar_exceptions.office_hours.validation import schedule_change

    schedule_id = api.schedule_id(path_id)
    change = schedule_change(app.current_event.body)
    schedule = api.service().update_schedule(api.workspace(app), schedule_id, change)
    _count("OfficeHoursSchedulesUpdated")
    return api.respond(200, schedule.to_json())


def delete_schedule(app: RestResolver, path_id: str) -> Response:
    schedule_id = api.schedule_id(path_id)
    api.service().delete_schedule(api.workspace(app), schedule_id)
    _count("OfficeHoursSchedulesDeleted")
    return api.respond(200, api.deleted("office_hours_schedule", schedule_id))


def list_exceptions(app: RestResolver, path_schedule_id: str) -> Response:
    exceptions = api.service().exceptions(api.workspace(app), api.schedule_id(path_schedule_id))
    return api.respond(200, api.listed("office_hours_exception", exceptions))


def get_exception(app: RestResolver, path_schedule_id: str, path_id: str) -> Response:
    schedule_id, exception_id = api.schedule_id(path_schedule_id), api.exception_id(path_id)
    return api.respond(200, api.service().exception(api.workspace(app), schedule_id, exception_id))


def create_exception(app: RestResolver, path_schedule_id: str) -> Response:
    from calendar_exceptions.office_hours.validation import new_exception

    schedule_id = api.schedule_id(path_schedule_id)
    new = new_exception(app.current_event.body)
    exception = api.service().create_exception(api.workspace(app), schedule_id, new)
    _count("OfficeHoursExceptionsCreated")
    return api.respond(201, exception.to_json())


def update_exception(app: RestResolver, path_schedule_id: str, path_id: str) -> Response:
    from calendar_exceptions.office_hours.validation import exception_change

    schedule_id, exception_id = api.schedule_id(path_schedule_id), api.exception_id(path_id)
    change = exception_change(app.current_event.body)
    exception = api.service().update_exception(api.workspace(app), schedule_id, exception_id, change)
    _count("OfficeHoursExceptionsUpdated")
    return api.respond(200, exception.to_json())


def delete_exception(app: RestResolver, path_schedule_id: str, path_id: str) -> Response:
    schedule_id, exception_id = api.schedule_id(path_schedule_id), api.exception_id(path_id)
    api.service().delete_exception(api.workspace(app), schedule_id, exception_id)
    _count("OfficeHoursExceptionsDeleted")
    return api.respond(200, api.deleted("office_hours_exception", exception_id))


def _count(name: str) -> None:
    metrics.add_metric(name=name, unit=MetricUnit.Count, value=1)
