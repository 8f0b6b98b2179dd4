"""GET /feeds/{secret}/status: a feed link's "open now?", with no token (docs/feeds.md).

An office hours feed answers what its schedule's status route answers, a LivePerson feed
what the shift status answers for its skill (`skillId` null: the account level).
"""

import json

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.feeds import liveperson_source, office_hours_source, public
from calendar_exceptions.feeds.links import OFFICE_HOURS
from calendar_exceptions.rest import APPLICATION_JSON

api = public.PublicApi()
app = api.app


@app.get(
    public.STATUS,
    summary="Whether the feed's schedule is open (or its skill on shift) now, with no token",
    description=(
        "The secret in the path is the credential; any Authorization header is ignored. An office hours feed "
        "answers as GET /office_hours_schedules/{id}/status, a LivePerson feed as the shift status (skillId null: "
        "the account level). `at` as on those routes: Unix seconds for office hours, epoch milliseconds for "
        "LivePerson. CORS: any origin. Strong ETag; If-None-Match answers 304. An unknown, malformed or revoked "
        "secret is 404 with one body."
    ),
    parameters=public.PARAMETERS,
    responses=public.responses("FeedStatus", APPLICATION_JSON, "The feed's status at the moment"),
    security=[],
)
def get_feed_status(secret: str):
    link = public.feed_link(app, secret)
    if link.api == OFFICE_HOURS:
        answer = office_hours_source.status(link, public.office_hours_at(app))
    else:
        answer = liveperson_source.status(link, public.liveperson_at(app))
    return public.conditional(app, json.dumps(answer), APPLICATION_JSON, public.STATUS_MAX_AGE)


lambda_handler = api_gateway_handler(api)
