"""Pure rules and engines, tested directly: no moto, no handler, no storage.

The tiers: tests/rules (this one: the layer's pure modules, milliseconds each),
tests/in_process (each function's real handler in-process against moto's mock_aws),
tests/http (the local API over HTTP against a moto DynamoDB server, as `make serve` runs it).
"""
