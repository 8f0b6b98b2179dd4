"""GET one skill, with the collection revision (304 if unchanged)."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.liveperson.account_config import api, operations
from calendar_exceptions.liveperson.skills.kind import SKILLS as KIND

app = api.resolver(KIND)


@app.get(
    KIND.item_route,
    summary="Get one skill",
    parameters=[api.ONE_ID, api.VERSION, api.READ_IF_MATCH],
    responses={
        200: api.objects_response(KIND, "The skill", array=False),
        304: api.UNCHANGED_SINCE,
        **api.errors(404),
    },
)
def get_skill(accountId: str, id: str):  # noqa: A002, N803 - the vendor's path parameter names
    return operations.get_object(app, KIND, id)


lambda_handler = api_gateway_handler(app)
