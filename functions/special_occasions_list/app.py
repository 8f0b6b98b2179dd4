"""GET special occasions: every occasion of the account, with the collection revision."""

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from calendar_exceptions.observability import logger, metrics, tracer
from calendar_exceptions.special_occasions import api

app = api.resolver()


@app.get(api.COLLECTION)
def list_special_occasions(accountId: str):  # noqa: N803 - the vendor's path parameter name
    outcome = api.service().list(api.account(app, accountId))
    return api.respond(200, outcome.revision, api.occasions_body(outcome.occasions))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
