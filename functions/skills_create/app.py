"""POST skills: create an array of skills (or one object); the server assigns ids."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.liveperson.account_config import api, operations
from calendar_exceptions.liveperson.skills.kind import SKILLS as KIND

app = api.resolver(KIND)


@app.post(
    KIND.collection_route,
    summary="Create skills (an array, or one object); ids are assigned by the server",
    description=(
        "workingHoursId and specialOccasionId, when set, must be the id of a workdays / special occasions object "
        "of the account (400 naming the field otherwise), checked in the write's transaction (docs/skills.md)."
    ),
    parameters=[api.VERSION, api.if_match_header(required=False)],
    request_body=api.objects_request_body("NewSkill", single=True),
    responses={
        200: api.objects_response(KIND, "The created skills; one object when one was sent", single=True),
        **api.errors(409, 413),
    },
)
def create_skills(accountId: str):  # noqa: N803 - the vendor's path parameter name, checked by the middleware
    return operations.create_objects(app, KIND)


lambda_handler = api_gateway_handler(app)
