"""Public holidays in one request, for both APIs, from the `holidays` library (docs/holidays.md)."""
