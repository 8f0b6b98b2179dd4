"""The bare handler the bench compares every function with: boto3, one client, JSON, one PutItem.

What any Python Lambda function behind API Gateway that writes to DynamoDB cannot do
without; no validation, no authentication, no logging, no metrics.
"""

import json
import os

import boto3

client = boto3.client("dynamodb")


def lambda_handler(event, context):
    body = json.loads(event["body"])
    client.put_item(
        TableName=os.environ["TABLE_NAME"],
        Item={"pk": {"S": "BARE#1"}, "sk": {"S": "BARE"}, "body": {"S": event["body"]}},
    )
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}
