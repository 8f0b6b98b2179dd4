"""PUT special occasions: update an array of occasions at once, guarded by the collection revision."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.special_occasions import api
from calendar_exceptions.special_occasions.validation import updated_occasions

app = api.resolver()


@app.put(
    api.COLLECTION,
    summary="Update special occasions, all or none, guarded by the collection revision",
    parameters=[api.if_match_header(required=True)],
    request_body=api.occasions_request_body("SpecialOccasion"),
    responses={
        200: api.occasions_response("The updated special occasions, in request order"),
        304: api.NOT_MODIFIED,
        **api.errors(400, 404, 409, 413),
    },
)
def update_special_occasions(accountId: str):  # noqa: N803 - the vendor's path parameter name, checked by the middleware
    account = api.account(app)
    revision = api.if_match(app, required=True)
    occasions = updated_occasions(app.current_event.body)
    outcome = api.service().update(account, revision, occasions)
    if not outcome.modified:
        return api.respond(304, outcome.revision)
    metrics.add_metric(name="SpecialOccasionsUpdated", unit=MetricUnit.Count, value=len(occasions))
    return api.respond(200, outcome.revision, api.occasions_body(outcome.occasions))


lambda_handler = api_gateway_handler(app)
