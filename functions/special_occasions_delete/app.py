"""DELETE special occasions: `/{id}` or `/{id1},{id2}`, guarded by the collection revision."""

from aws_lambda_powertools.metrics import MetricUnit

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.observability import metrics
from calendar_exceptions.special_occasions import api
from calendar_exceptions.special_occasions.validation import MAX_PER_REQUEST

app = api.resolver()


@app.delete(
    api.ITEM,
    summary=f"Delete special occasions: /{{id}} or /{{id1}},{{id2}} (at most {MAX_PER_REQUEST} ids)",
    parameters=[api.IDS, api.if_match_header(required=True)],
    responses={200: api.DELETED, **api.errors(400, 404, 409)},
)
def delete_special_occasions(accountId: str, id: str):  # noqa: A002, N803 - the vendor's path parameter names
    account = api.account(app)
    revision = api.if_match(app, required=True)
    ids = api.occasion_ids(id)
    outcome = api.service().delete(account, revision, ids)
    metrics.add_metric(name="SpecialOccasionsDeleted", unit=MetricUnit.Count, value=len(ids))
    return api.respond(200, outcome.revision)


lambda_handler = api_gateway_handler(app)
