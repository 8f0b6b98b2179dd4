"""The design's floor: a bare handler making exactly the DynamoDB calls a function makes, nothing else.

The calls (operation and parameters, recorded against moto) are in the JSON file named by
BENCH_FLOOR_CALLS. The client is boto3's default, as in bench/bare.py.
"""

import contextlib
import json
import os

import boto3
from botocore import xform_name
from botocore.exceptions import ClientError

client = boto3.client("dynamodb")
with open(os.environ["BENCH_FLOOR_CALLS"]) as calls_file:
    CALLS = [(getattr(client, xform_name(operation)), params) for operation, params in json.load(calls_file)]


def lambda_handler(event, context):
    for call, params in CALLS:
        with contextlib.suppress(ClientError):
            call(**params)
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": event["body"] or ""}
