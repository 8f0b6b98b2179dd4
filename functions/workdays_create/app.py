"""POST workdays: create an array of workdays (or one object); the server assigns ids."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.liveperson.account_config import api, operations
from calendar_exceptions.liveperson.workdays.kind import WORKDAYS as KIND

app = api.resolver(KIND)


@app.post(
    KIND.collection_route,
    summary="Create workdays (an array, or one object); ids are assigned by the server",
    parameters=[api.VERSION, api.if_match_header(required=False)],
    request_body=api.objects_request_body("NewWorkday", single=True),
    responses={
        200: api.objects_response(KIND, "The created workdays; one object when one was sent", single=True),
        **api.errors(409, 413),
    },
)
def create_workdays(accountId: str):  # noqa: N803 - the vendor's path parameter name, checked by the middleware
    return operations.create_objects(app, KIND)


lambda_handler = api_gateway_handler(app)
