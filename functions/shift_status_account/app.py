"""GET the shift status of every skill of the account, in ascending skill id."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.liveperson.shift_status import api

app = api.resolver()


@app.get(
    api.ACCOUNT_STATUS,
    summary="Get the shift status of every skill of the account",
    description=(
        "One {skillId, onShift, nextOn, nextOff} per skill, in ascending skillId ([] without skills), each as the "
        "skill route answers it at `at` (default: the request's time). Skills with the same workdays and special "
        "occasions objects share one computation. Two strongly consistent DynamoDB round trips while the skills "
        "use at most 100 distinct objects, defaults included (docs/shift-status.md)."
    ),
    parameters=[api.AT],
    responses={200: api.STATUSES, **api.errors(400, 404)},
)
def get_shift_status(accountId: str):  # noqa: N803 - the vendor's path parameter name, checked by the middleware
    return api.account_status(app)


lambda_handler = api_gateway_handler(app)
