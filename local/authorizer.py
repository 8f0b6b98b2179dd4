"""The authorizer context the local API puts in each event, standing in for API Gateway's authorizer.

Until token authentication exists, the local API trusts `Authorization: Bearer dev:<tenant>`
and passes `<tenant>` on as the authenticated tenant, the contract the handlers rely on
(`requestContext.authorizer.tenantId`). Any other request reaches the handler with no
authorizer context, and the handler answers 401.
"""

from __future__ import annotations

from typing import Any

DEV_PREFIX = "Bearer dev:"


def authorizer_context(headers: list[tuple[str, str]]) -> dict[str, Any] | None:
    for name, value in headers:
        if name.lower() == "authorization" and value.startswith(DEV_PREFIX) and len(value) > len(DEV_PREFIX):
            return {"tenantId": value[len(DEV_PREFIX) :], "scopes": "read write", "principalId": "local"}
    return None
