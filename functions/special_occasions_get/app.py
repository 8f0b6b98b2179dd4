"""GET one special occasion, with the collection revision."""

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from calendar_exceptions.errors import InvalidInput
from calendar_exceptions.observability import logger, metrics, tracer
from calendar_exceptions.special_occasions import api

app = api.resolver()


@app.get(api.ITEM)
def get_special_occasion(accountId: str, id: str):  # noqa: A002, N803 - the vendor's path parameter names
    account = api.account(app, accountId)
    ids = api.occasion_ids(id)
    if len(ids) != 1:
        raise InvalidInput("id: GET takes one id", "id")
    outcome = api.service().get(account, ids[0])
    return api.respond(200, outcome.revision, outcome.occasions[0].to_json())


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
