"""PUT special occasions: update an array of occasions at once, guarded by the collection revision."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.special_occasions import api
from calendar_exceptions.special_occasions.validation import updated_occasions

app = api.resolver()


@app.put(api.COLLECTION)
def update_special_occasions(accountId: str):  # noqa: N803 - the vendor's path parameter name
    account = api.account(app, accountId)
    revision = api.if_match(app, required=True)
    occasions = updated_occasions(app.current_event.body)
    outcome = api.service().update(account, revision, occasions)
    if not outcome.modified:
        return api.respond(304, outcome.revision)
    metrics.add_metric(name="SpecialOccasionsUpdated", unit=MetricUnit.Count, value=len(occasions))
    return api.respond(200, outcome.revision, api.occasions_body(outcome.occasions))


lambda_handler = api_gateway_handler(app)
