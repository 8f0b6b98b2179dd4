"""GET /feeds/{secret}/calendar.ics: a feed link's hours as an iCalendar document, with no token (docs/feeds.md).

The only function that builds calendars, and so the only one that imports `icalendar`
(FeedsLayer, this function's own layer).
"""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.feeds import liveperson_source, office_hours_source, public
from calendar_exceptions.feeds.calendar import kept_document
from calendar_exceptions.feeds.links import OFFICE_HOURS

api = public.PublicApi()
app = api.app


@app.get(
    public.CALENDAR,
    summary="The feed's hours for a year as an iCalendar document (subscribe to it), with no token",
    description=(
        "From the start of the current local date for 366 dates: the open periods (office hours: the effective "
        "hours; LivePerson: the on-shift periods) as weekly series and single events, and an all-day event for "
        "each date an exception or special occasion governs. `at` moves the moment it is built for, as on the "
        "status routes. The secret in the path is the credential; any Authorization header is ignored. CORS: any "
        "origin. Strong ETag; If-None-Match answers 304. An unknown, malformed or revoked secret is 404 with one body."
    ),
    parameters=public.PARAMETERS,
    responses=public.responses(None, public.CALENDAR_TYPE, "The feed's calendar (RFC 5545)"),
    security=[],
)
def get_feed_calendar(secret: str):
    link = public.feed_link(app, secret)
    if link.api == OFFICE_HOURS:
        key, calendar = office_hours_source.calendar(link, public.office_hours_at(app))
    else:
        key, calendar = liveperson_source.calendar(link, public.liveperson_at(app) // 1000)
    text = kept_document(key, calendar).decode()
    return public.conditional(app, text, public.CALENDAR_TYPE, public.CALENDAR_MAX_AGE)


lambda_handler = api_gateway_handler(api)
