"""POST /office_hours_schedules/{office_hours_schedule_id}/feeds: a new feed link of the schedule (docs/feeds.md)."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.feeds import links, management
from calendar_exceptions.observability import logger, metrics
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.post(
    management.OFFICE_HOURS_FEEDS,
    summary="A new feed link of the schedule: its calendar and status URLs, answered only here",
    description=(
        "An extension of Intercom's office hours API. The two URLs carry the link's secret and need no token: "
        "anyone who has them can read the schedule's hours until the link is revoked (DELETE) or the schedule "
        "deleted. No body is read. At most 20 links per schedule (422)."
    ),
    parameters=api.parameters(api.SCHEDULE_ID),
    responses={201: api.returns("OfficeHoursFeedCreated", "The link, with its URLs"), **api.errors(404, 409, 422)},
)
def create_office_hours_feed(office_hours_schedule_id: str):
    schedule_id = api.schedule_id(office_hours_schedule_id)
    secret = links.new_secret()
    now = int(management.request_time(app))
    link = management.store().create_office_hours(api.workspace(app), schedule_id, links.secret_hash(secret), now)
    logger.info("feed link created", extra={"feed_id": link.feed_id, "office_hours_schedule_id": schedule_id})
    metrics.add_metric(name="FeedLinksCreated", unit=MetricUnit.Count, value=1)
    answer = management.office_hours_feed(link, schedule_id, secret, app.current_event.raw_event)
    return api.respond(201, answer)


lambda_handler = api_gateway_handler(app)
