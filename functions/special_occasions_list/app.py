"""GET special occasions: every occasion of the account, with the collection revision."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.special_occasions import api

app = api.resolver()


@app.get(
    api.COLLECTION,
    summary="List the account's special occasions",
    responses={200: api.occasions_response("The special occasions"), **api.errors()},
)
def list_special_occasions(accountId: str):  # noqa: N803 - the vendor's path parameter name, checked by the middleware
    outcome = api.service().list(api.account(app))
    return api.respond(200, outcome.revision, api.occasions_body(outcome.occasions))


lambda_handler = api_gateway_handler(app)
