"""The LivePerson route of public holidays: one special occasion made of a country's holidays.

`POST .../ac-common/specialoccasion/holidays` builds one special occasion whose events are
the holidays, one non-working whole-day event per date (`D` to `D+1`, a date-only end being
exclusive), `meta.name` the holiday's name, and creates it through the collection's own
create (account_config.service): the same If-Match (optional), revision, id, unique name and
default swap as a POST of one object, and the same answer (200, the object, `ac-revision`).
Every refusal is a 400 in LivePerson's format naming the field.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions import clock
from calendar_exceptions.errors import InvalidInput
from calendar_exceptions.liveperson import events
from calendar_exceptions.liveperson.account_config import api
from calendar_exceptions.liveperson.account_config.kind import Kind
from calendar_exceptions.liveperson.account_config.models import MAX_EVENTS, MAX_NAME
from calendar_exceptions.names import is_blank
from calendar_exceptions.observability import metrics
from calendar_exceptions.primitives import RuleViolation
from calendar_exceptions.rest import Response, RestResolver
from calendar_exceptions.validation import json_body, validate
from public_holidays import rules
from public_holidays.library import Holiday
from public_holidays.models import NewHolidayOccasion

# The object a single-object POST answers is its first: its fields' errors name `[0].<field>`.
_FIRST = "[0]."


def create(app: RestResolver, kind: Kind) -> Response:
    """Create the special occasion of the holidays the body asks for; answer it as a POST of one object."""
    account = api.account(app)
    revision = api.if_match(app, required=False)
    data = json_body(app.current_event.body)
    if not isinstance(data, dict):
        raise InvalidInput("body: must be a JSON object", field="body")
    sent = validate(NewHolidayOccasion.model_validate, data)
    occasion = validate(kind.new_model.model_validate, _occasion(sent, _this_year(app)))
    try:
        outcome = api.service(kind).create(account, revision, [occasion])
    except InvalidInput as refused:
        # A name another occasion of the account has: the request's `name`, not an array's `[0].name`.
        if refused.field is None or not refused.field.startswith(_FIRST):
            raise
        raise InvalidInput(refused.message.removeprefix(_FIRST), refused.field.removeprefix(_FIRST)) from None
    metrics.add_metric(name=f"{kind.metric}Created", unit=MetricUnit.Count, value=1)
    return api.respond(200, outcome.revision, outcome.objects[0].to_json())


def _occasion(sent: NewHolidayOccasion, this_year: int) -> dict[str, Any]:
    """The special occasion (a POST's object) of the request's holidays."""
    fields = rules.LIVEPERSON
    try:
        query = rules.check(fields, sent.countryCode, sent.subdivisionCode, sent.language, sent.years, this_year)
        events.zone(sent.timeZone, "timeZone")
        holidays = rules.holidays(fields, query, MAX_EVENTS)
    except RuleViolation as violation:
        raise InvalidInput(str(violation), field=violation.field) from None
    name = rules.default_name(query, MAX_NAME) if sent.name is None else sent.name
    if is_blank(name):
        raise InvalidInput("name: must not be blank", "name")
    return {
        "name": name,
        "description": sent.description,
        "isDefault": sent.isDefault,
        "events": [_event(holiday, sent.timeZone) for holiday in holidays],
    }


def _event(holiday: Holiday, time_zone: str) -> dict[str, Any]:
    """A non-working whole day: from the holiday's date to the next (a date-only end is exclusive)."""
    return {
        "start": {"dateTime": holiday.date.isoformat(), "timeZone": time_zone},
        "end": {"dateTime": (holiday.date + timedelta(days=1)).isoformat(), "timeZone": time_zone},
        "meta": {"working": False, "name": holiday.name},
    }


def _this_year(app: RestResolver) -> int:
    """The current year: the request's (API Gateway's requestTimeEpoch, else the layer's clock), in UTC."""
    return rules.current_year(clock.request_time(app.current_event.request_context.request_time_epoch))
