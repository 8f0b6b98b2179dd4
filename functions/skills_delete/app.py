"""DELETE skills: `/{id}` or `/{id1},{id2}`, guarded by the collection revision."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.liveperson.account_config import api, operations
from calendar_exceptions.liveperson.skills.kind import SKILLS as KIND

app = api.resolver(KIND)


@app.delete(
    KIND.item_route,
    summary=f"Delete skills: /{{id}} or /{{id1}},{{id2}} (at most {api.MAX_PER_REQUEST} ids)",
    parameters=[api.IDS, api.VERSION, api.if_match_header(required=True)],
    responses={200: api.DELETED, **api.errors(404, 409)},
)
def delete_skills(accountId: str, id: str):  # noqa: A002, N803 - the vendor's path parameter names
    return operations.delete_objects(app, KIND, id)


lambda_handler = api_gateway_handler(app)
