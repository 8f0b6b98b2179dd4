"""GET /holidays: one year's public holidays of a country (or subdivision), from the holidays library.

A preview that writes nothing (docs/holidays.md); the holidays layer (template.yaml) ships the library.
"""

from calendar_exceptions.entrypoint import api_gateway_handler
from calendar_exceptions.office_hours import api
from public_holidays import office_hours_routes as routes

app = api.resolver()


@app.get(
    routes.HOLIDAYS,
    summary="One year's public holidays of a country (or subdivision), by date",
    description=(
        "A preview of what POST .../office_hours_exceptions/holidays creates: the public holidays (the holidays "
        "library's default category) of the year, named in the language asked for (default: the country's). "
        "Writes nothing."
    ),
    parameters=api.parameters(*routes.PREVIEW_PARAMETERS),
    responses={200: api.returns("HolidayList", "The year's public holidays, by date"), **api.errors()},
)
def list_holidays():
    return api.respond(200, routes.preview(app))


lambda_handler = api_gateway_handler(app)
