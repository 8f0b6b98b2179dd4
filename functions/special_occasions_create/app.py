"""POST special occasions: create an array of occasions (or one object); the server assigns ids."""

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from calendar_exceptions.observability import logger, metrics, tracer
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


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
