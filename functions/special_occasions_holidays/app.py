"""POST special occasions' holidays: one special occasion made of a country's public holidays.

Created through the collection's own create, answered as a POST of one object (docs/holidays.md);
the holidays layer (template.yaml) ships the library.
"""

from calendar_exceptions import openapi
from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.liveperson.account_config import api
from calendar_exceptions.liveperson.special_occasions.kind import SPECIAL_OCCASIONS as KIND

app = api.resolver(KIND)


@app.post(
    KIND.collection_route + "/holidays",
    summary="Create one special occasion of a country's (or subdivision's) public holidays",
    description=(
        "One non-working whole-day event per public holiday date (start D, end D+1), meta.name the holiday's "
        "name; at most 3 years and 50 events. Created as a POST of one object is: If-Match optional, "
        "isDefault swaps the default."
    ),
    parameters=[api.VERSION, api.if_match_header(required=False)],
    request_body=openapi.json_request_body(openapi.schema("NewHolidayOccasion")),
    responses={200: api.objects_response(KIND, "The created special occasion", array=False), **api.errors(409, 413)},
)
def create_special_occasion_holidays(accountId: str):  # noqa: N803 - the vendor's path parameter name, checked by the middleware
    # The request model, pydantic and the holidays library: imported by the request that parses a body (cold start).
    from public_holidays import special_occasion_route

    return special_occasion_route.create(app, KIND)


lambda_handler = api_gateway_handler(app)
