"""DELETE /office_hours_schedules/{office_hours_schedule_id}/feeds/{feed_id}: revoke a feed link."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.feeds import management
from calendar_exceptions.observability import logger, metrics
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.delete(
    management.OFFICE_HOURS_FEED,
    summary="The feed link is revoked: its URLs answer 404 from the next request on",
    parameters=api.parameters(api.SCHEDULE_ID, management.FEED_ID),
    responses={200: api.returns("Deleted", "The link is revoked"), **api.errors(404, 409)},
)
def delete_office_hours_feed(office_hours_schedule_id: str, feed_id: str):
    schedule_id = api.schedule_id(office_hours_schedule_id)
    found = management.feed_id(feed_id)
    management.store().revoke_office_hours(api.workspace(app), schedule_id, found)
    logger.info("feed link revoked", extra={"feed_id": found, "office_hours_schedule_id": schedule_id})
    metrics.add_metric(name="FeedLinksRevoked", unit=MetricUnit.Count, value=1)
    return api.respond(200, api.deleted(management.OFFICE_HOURS_TYPE, found))


lambda_handler = api_gateway_handler(app)
