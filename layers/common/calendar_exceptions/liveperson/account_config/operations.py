"""The five operations of a collection, as each of its functions' handlers runs them.

A handler (functions/<collection>_<operation>/app.py) declares its route and calls one of
these with its collection's Kind; what differs between collections is in the Kind. Only
the writes that parse a body import `validation` (and with it the models, pydantic), when
they first run: the functions that read or delete never do.
"""

from __future__ import annotations

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.errors import InvalidInput
from calendar_exceptions.liveperson.account_config import api
from calendar_exceptions.liveperson.account_config.kind import Kind
from calendar_exceptions.observability import metrics
from calendar_exceptions.rest import Response, RestResolver


def list_objects(app: RestResolver, kind: Kind) -> Response:
    """Every object of the account, or 304 when the read's If-Match is the current revision."""
    outcome = api.service(kind).list(api.account(app))
    if api.client_has(app, outcome.revision):
        return api.respond(304, outcome.revision)
    return api.respond(200, outcome.revision, outcome.objects)


def get_object(app: RestResolver, kind: Kind, path_id: str) -> Response:
    """One object (404 when there is none), or 304 when the read's If-Match is the current revision."""
    ids = api.object_ids(path_id)
    if len(ids) != 1:
        raise InvalidInput("id: GET takes one id", "id")
    outcome = api.service(kind).get(api.account(app), ids[0])
    if api.client_has(app, outcome.revision):
        return api.respond(304, outcome.revision)
    return api.respond(200, outcome.revision, outcome.objects[0])


def create_objects(app: RestResolver, kind: Kind) -> Response:
    from calendar_exceptions.liveperson.account_config.validation import new_objects

    account = api.account(app)
    revision = api.if_match(app, required=False)
    objects, single = new_objects(kind, app.current_event.body)
    outcome = api.service(kind).create(account, revision, objects)
    metrics.add_metric(name=f"{kind.metric}Created", unit=MetricUnit.Count, value=len(objects))
    body = api.objects_body(outcome.objects)
    return api.respond(200, outcome.revision, body[0] if single else body)


def update_objects(app: RestResolver, kind: Kind) -> Response:
    from calendar_exceptions.liveperson.account_config.validation import updated_objects

    account = api.account(app)
    revision = api.if_match(app, required=True)
    objects = updated_objects(kind, app.current_event.body)
    outcome = api.service(kind).update(account, revision, objects)
    if not outcome.modified:
        return api.respond(304, outcome.revision)
    metrics.add_metric(name=f"{kind.metric}Updated", unit=MetricUnit.Count, value=len(objects))
    return api.respond(200, outcome.revision, api.objects_body(outcome.objects))


def delete_objects(app: RestResolver, kind: Kind, path_ids: str) -> Response:
    account = api.account(app)
    revision = api.if_match(app, required=True)
    ids = api.object_ids(path_ids)
    outcome = api.service(kind).delete(account, revision, ids)
    metrics.add_metric(name=f"{kind.metric}Deleted", unit=MetricUnit.Count, value=len(ids))
    return api.respond(200, outcome.revision)
