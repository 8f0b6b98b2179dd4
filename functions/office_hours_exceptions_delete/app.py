"""DELETE /office_hours_schedules/{office_hours_schedule_id}/office_hours_exceptions/{id}: frees its date."""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api, operations

app = api.resolver()


@app.delete(
    api.EXCEPTION,
    summary="The exception is deleted and its date freed",
    parameters=api.parameters(api.SCHEDULE_ID, api.EXCEPTION_ID),
    responses={200: api.returns("Deleted", "The exception is deleted and its date freed"), **api.errors(404, 409)},
)
def delete_office_hours_exception(office_hours_schedule_id: str, id: str):  # noqa: A002 - the vendor's path parameter
    return operations.delete_exception(app, office_hours_schedule_id, id)


lambda_handler = api_gateway_handler(app)
