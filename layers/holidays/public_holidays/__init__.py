"""Public holidays in one request, for both APIs, from the `holidays` library (docs/holidays.md).

This package is the holidays layer's (layers/holidays), with the library: only the public holiday
functions have that layer. It builds on the common layer's `calendar_exceptions`, which never
imports it.
"""
