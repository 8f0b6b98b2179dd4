"""DELETE /api/account/{accountId}/shift-status/feeds/{feedId}: revoke a feed link."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions import openapi
from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.feeds import management
from calendar_exceptions.observability import logger, metrics
from calendar_exceptions.tenancy import tenant

app = management.liveperson_resolver()


@app.delete(
    management.LIVEPERSON_FEED,
    summary="The feed link is revoked: its URLs answer 404 from the next request on",
    parameters=[management.LIVEPERSON_FEED_ID, management.VERSION],
    responses={
        200: openapi.json_response("The link is revoked", openapi.schema("LivePersonFeedDeleted")),
        **management.liveperson_errors(404, 409),
    },
)
def delete_shift_status_feed(accountId: str, feedId: str):  # noqa: N803 - the vendor's path parameter names
    found = management.liveperson_feed_id(feedId)
    management.store().revoke_liveperson(tenant(app), found)
    logger.info("feed link revoked", extra={"feed_id": str(found)})
    metrics.add_metric(name="FeedLinksRevoked", unit=MetricUnit.Count, value=1)
    return management.respond(200, {"id": found, "deleted": True})


lambda_handler = api_gateway_handler(app)
