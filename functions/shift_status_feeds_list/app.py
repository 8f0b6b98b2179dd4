"""GET /api/account/{accountId}/shift-status/feeds: the account's feed links, without their URLs."""

from calendar_exceptions import openapi
from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.feeds import management
from calendar_exceptions.tenancy import tenant

app = management.liveperson_resolver()


@app.get(
    management.LIVEPERSON_FEEDS,
    summary="The account's feed links (never their URLs, which only the create answers)",
    parameters=[management.VERSION],
    responses={
        200: openapi.json_response("The links, by id", {"type": "array", "items": openapi.schema("LivePersonFeed")}),
        **management.liveperson_errors(),
    },
)
def list_shift_status_feeds(accountId: str):  # noqa: N803 - the vendor's path parameter name
    listed = management.store().liveperson_links(tenant(app))
    return management.respond(200, [management.liveperson_feed(stored) for stored in listed])


lambda_handler = api_gateway_handler(app)
