"""The emulator: run the SAM application on this machine without Docker (the template read, the API
Gateway and Lambda runtime, local DynamoDB, `make serve` and `make invoke`). It imports nothing from
`tools/`.
"""
