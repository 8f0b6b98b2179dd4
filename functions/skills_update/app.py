"""PUT skills: update an array of skills at once, guarded by the collection revision."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.liveperson.account_config import api, operations
from calendar_exceptions.liveperson.skills.kind import SKILLS as KIND

app = api.resolver(KIND)


@app.put(
    KIND.collection_route,
    summary="Update skills, all or none, guarded by the collection revision",
    description=(
        "Full objects: an optional field left out is removed (maxWaitTime and canTransfer take their defaults). "
        "A workingHoursId or specialOccasionId a skill takes on must be the id of a workdays / special occasions "
        "object of the account (400 naming the field otherwise), checked in the write's transaction."
    ),
    parameters=[api.VERSION, api.if_match_header(required=True)],
    request_body=api.objects_request_body("Skill"),
    responses={
        200: api.objects_response(KIND, "The updated skills, in request order"),
        304: api.NOT_MODIFIED,
        **api.errors(404, 409, 413),
    },
)
def update_skills(accountId: str):  # noqa: N803 - the vendor's path parameter name, checked by the middleware
    return operations.update_objects(app, KIND)


lambda_handler = api_gateway_handler(app)
