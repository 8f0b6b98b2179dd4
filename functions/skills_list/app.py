"""GET skills: every skill of the account, with the collection revision (304 if unchanged)."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.liveperson.account_config import api, operations
from calendar_exceptions.liveperson.skills.kind import SKILLS as KIND

app = api.resolver(KIND)


@app.get(
    KIND.collection_route,
    summary="List the account's skills (every field of each)",
    parameters=[api.VERSION, api.READ_IF_MATCH],
    responses={200: api.objects_response(KIND, "The skills"), 304: api.UNCHANGED_SINCE, **api.errors()},
)
def list_skills(accountId: str):  # noqa: N803 - the vendor's path parameter name, checked by the middleware
    return operations.list_objects(app, KIND)


lambda_handler = api_gateway_handler(app)
