"""The bare handler plus the libraries every function is built on, and nothing of this project.

Powertools Logger and Metrics around the handler, one strict pydantic model validating the
body, boto3 and one PutItem: what the chosen stack costs at a cold start before any code of
the layer runs. bench/bare.py without these is the bare handler.
"""

import json
import os

import boto3
from aws_lambda_powertools.logging import Logger
from aws_lambda_powertools.metrics import Metrics
from pydantic import BaseModel, ConfigDict

logger = Logger()
metrics = Metrics()
client = boto3.client("dynamodb")


class Stored(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    pk: str
    sk: str
    body: str


@logger.inject_lambda_context
@metrics.log_metrics
def lambda_handler(event, context):
    body = json.loads(event["body"])
    item = Stored(pk="BARE#1", sk="BARE", body=event["body"])
    client.put_item(TableName=os.environ["TABLE_NAME"], Item={k: {"S": v} for k, v in item.model_dump().items()})
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}
