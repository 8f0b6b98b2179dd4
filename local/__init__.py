"""The emulator: run the SAM application on this machine without Docker (the template read, the API
Gateway and Lambda runtime, local DynamoDB, `make serve`, `make invoke` and the fixtures' seeds of
`make seed`). It imports nothing from `tools/`.
"""
