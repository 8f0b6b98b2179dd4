"""GET /office_hours_schedules/{office_hours_schedule_id}/feeds: the schedule's feed links, without their URLs."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.feeds import management
from calendar_exceptions.office_hours import api

app = api.resolver()


@app.get(
    management.OFFICE_HOURS_FEEDS,
    summary="The schedule's feed links (never their URLs, which only the create answers)",
    parameters=api.parameters(api.SCHEDULE_ID),
    responses={200: api.returns("OfficeHoursFeedList", "The links, by id"), **api.errors(404)},
)
def list_office_hours_feeds(office_hours_schedule_id: str):
    schedule_id = api.schedule_id(office_hours_schedule_id)
    listed = management.store().office_hours_links(api.workspace(app), schedule_id)
    answers = [management.office_hours_feed(link, schedule_id) for link in listed]
    return api.respond(200, api.listed(management.OFFICE_HOURS_TYPE, answers))


lambda_handler = api_gateway_handler(app)
