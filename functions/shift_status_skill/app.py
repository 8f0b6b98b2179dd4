"""GET the shift status of a skill: from its own workdays and special occasions objects, else the account's defaults."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.liveperson.shift_status import api

app = api.resolver()


@app.get(
    api.SKILL_STATUS,
    summary="Get the shift status of a skill",
    description=(
        "Whether the skill is on shift at `at` (default: the request's time), when its next shift starts and "
        "when the current or next one ends, in epoch milliseconds; null when not within 400 days (both null: 24/7). "
        "The hours are the skill's own workdays object's (workingHoursId), else the account's default, overridden "
        "on the dates its own special occasions object (specialOccasionId), else the account's default, touches; a "
        "skill id the account does not have answers the account level (docs/shift-status.md). Two strongly "
        "consistent DynamoDB round trips."
    ),
    parameters=[api.SKILL_ID, api.AT],
    responses={200: api.STATUS, **api.errors(400, 404)},
)
def get_shift_status_skill(accountId: str, skillId: str):  # noqa: N803 - the vendor's path parameter names
    return api.skill_status(app, skillId)


lambda_handler = api_gateway_handler(app)
