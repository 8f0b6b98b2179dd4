"""GET one special occasion, with the collection revision."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.errors import InvalidInput
from calendar_exceptions.special_occasions import api

app = api.resolver()


@app.get(
    api.ITEM,
    summary="Get one special occasion",
    parameters=[api.ONE_ID],
    responses={200: api.occasions_response("The special occasion", array=False), **api.errors(400, 404)},
)
def get_special_occasion(accountId: str, id: str):  # noqa: A002, N803 - the vendor's path parameter names
    account = api.account(app)
    ids = api.occasion_ids(id)
    if len(ids) != 1:
        raise InvalidInput("id: GET takes one id", "id")
    outcome = api.service().get(account, ids[0])
    return api.respond(200, outcome.revision, outcome.occasions[0].to_json())


lambda_handler = api_gateway_handler(app)
