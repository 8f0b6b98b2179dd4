"""POST special occasions: create an array of occasions (or one object); the server assigns ids."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.special_occasions import api
from calendar_exceptions.special_occasions.validation import new_occasions

app = api.resolver()


@app.post(api.COLLECTION)
def create_special_occasions(accountId: str):  # noqa: N803 - the vendor's path parameter name
    account = api.account(app, accountId)
    revision = api.if_match(app, required=False)
    occasions, single = new_occasions(app.current_event.body)
    outcome = api.service().create(account, revision, occasions)
    metrics.add_metric(name="SpecialOccasionsCreated", unit=MetricUnit.Count, value=len(occasions))
    body = api.occasions_body(outcome.occasions)
    return api.respond(200, outcome.revision, body[0] if single else body)


lambda_handler = api_gateway_handler(app)
