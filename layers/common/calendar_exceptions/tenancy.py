"""The caller's tenant, as the API Gateway authorizer established it.

The tenant is the LivePerson account id and, for office hours, the Intercom workspace.
Handlers trust only this value, never an id from the path or the body.
"""

from __future__ import annotations

from typing import Any

from calendar_exceptions.errors import Unauthenticated


def authenticated_tenant(event: dict[str, Any]) -> str:
    """Return the tenant id the authorizer put in the request context, or raise Unauthenticated."""
    authorizer = (event.get("requestContext") or {}).get("authorizer") or {}
    tenant = authorizer.get("tenantId")
    if not isinstance(tenant, str) or not tenant:
        raise Unauthenticated("Authentication required")
    return tenant
