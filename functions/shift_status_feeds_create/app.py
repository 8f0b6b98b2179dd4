"""POST /api/account/{accountId}/shift-status/feeds: a new feed link of the account's or a skill's hours."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions import openapi
from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.feeds import links, management
from calendar_exceptions.observability import logger, metrics
from calendar_exceptions.tenancy import tenant

app = management.liveperson_resolver()


@app.post(
    management.LIVEPERSON_FEEDS,
    summary="A new feed link of the shift status: its calendar and status URLs, answered only here",
    description=(
        "Extension (not in the vendor's API). skillId null (or absent): the account level; a skill id: that "
        "skill's hours (today every skill answers the account level, as the shift status does). The URLs carry "
        "the link's secret and need no token. At most 100 links per account (422)."
    ),
    parameters=[management.VERSION],
    request_body=openapi.json_request_body(openapi.schema("NewLivePersonFeed")),
    responses={
        200: openapi.json_response("The link, with its URLs", openapi.schema("LivePersonFeedCreated")),
        **management.liveperson_errors(409, 413, 422),
    },
)
def create_shift_status_feed(accountId: str):  # noqa: N803 - the vendor's path parameter name
    skill_id = management.new_liveperson_feed(app.current_event.body)
    secret = links.new_secret()
    now_ms = round(management.request_time(app) * 1000)
    link = management.store().create_liveperson(tenant(app), skill_id, links.secret_hash(secret), now_ms)
    logger.info("feed link created", extra={"feed_id": link.feed_id, "skill_id": skill_id})
    metrics.add_metric(name="FeedLinksCreated", unit=MetricUnit.Count, value=1)
    stored = {"id": int(link.feed_id), "skillId": skill_id, "createdAt": now_ms}
    return management.respond(200, management.liveperson_feed(stored, secret, app.current_event.raw_event))


lambda_handler = api_gateway_handler(app)
