"""POST special occasions: create an array of occasions (or one object); the server assigns ids."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.special_occasions import api
from calendar_exceptions.special_occasions.validation import new_occasions

app = api.resolver()


@app.post(
    api.COLLECTION,
    summary="Create special occasions (an array, or one object); ids are assigned by the server",
    parameters=[api.if_match_header(required=False)],
    request_body=api.occasions_request_body("NewSpecialOccasion", single=True),
    responses={
        200: api.occasions_response("The created special occasions; one object when one was sent", single=True),
        **api.errors(400, 409, 413),
    },
)
def create_special_occasions(accountId: str):  # noqa: N803 - the vendor's path parameter name, checked by the middleware
    account = api.account(app)
    revision = api.if_match(app, required=False)
    occasions, single = new_occasions(app.current_event.body)
    outcome = api.service().create(account, revision, occasions)
    metrics.add_metric(name="SpecialOccasionsCreated", unit=MetricUnit.Count, value=len(occasions))
    body = api.occasions_body(outcome.occasions)
    return api.respond(200, outcome.revision, body[0] if single else body)


lambda_handler = api_gateway_handler(app)
