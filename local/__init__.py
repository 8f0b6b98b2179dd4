"""Run the SAM application on this machine without Docker: a local API, a one-shot invoke and local DynamoDB."""
