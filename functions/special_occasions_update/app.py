"""PUT special occasions: update an array of occasions at once, guarded by the collection revision."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.liveperson.account_config import api, operations
from calendar_exceptions.liveperson.special_occasions.kind import SPECIAL_OCCASIONS as KIND

app = api.resolver(KIND)


@app.put(
    KIND.collection_route,
    summary="Update special occasions, all or none, guarded by the collection revision",
    parameters=[api.VERSION, api.if_match_header(required=True)],
    request_body=api.objects_request_body("SpecialOccasion"),
    responses={
        200: api.objects_response(KIND, "The updated special occasions, in request order"),
        304: api.NOT_MODIFIED,
        **api.errors(404, 409, 413),
    },
)
def update_special_occasions(accountId: str):  # noqa: N803 - the vendor's path parameter name, checked by the middleware
    return operations.update_objects(app, KIND)


lambda_handler = api_gateway_handler(app)
