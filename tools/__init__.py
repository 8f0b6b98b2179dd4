"""Tools for the product: what builds its artifacts from the code (the OpenAPI document, event
fixtures) and the operator commands that work on the local storage of `make serve` as on a
deployed table (tokens, workspaces). `python -m tools.<name>`; they may use `local/`, never the
reverse.
"""
