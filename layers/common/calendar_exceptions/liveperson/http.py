"""What every LivePerson route shares, whichever collection it serves: the error body and the path's account.

Special occasions and the shift status (and workdays) answer errors in one body,
`{"type": <the API's name>, "internalCode": ..., "message": ...}`, and refuse a path
account that is not the caller's with 403. Nothing here imports pydantic: read-only
functions import this module too.
"""

from __future__ import annotations

from typing import Any

from calendar_exceptions.errors import DomainError, Forbidden, echo
from calendar_exceptions.rest import RestResolver

# internalCode per status, in the vendor's style ("internalCode":12,"message":"No data found").
INTERNAL_CODES = {400: 10, 401: 20, 403: 21, 404: 12, 409: 13, 413: 15, 422: 14, 500: 1, 503: 2}


class LivePersonErrorFormat:
    """The vendor's error body; `kind` is its `type` ("specialoccasion", "shiftstatus", ...)."""

    def __init__(self, kind: str = "specialoccasion") -> None:
        self.kind = kind

    def body(self, status: int, error: DomainError, request_id: str) -> dict[str, Any]:
        return {"type": self.kind, "internalCode": INTERNAL_CODES.get(status, 1), "message": error.message}


def path_account_is_the_callers(app: RestResolver, caller: str) -> None:
    """After the token (401, 403 for its scope): another account in the path is 403, before anything else."""
    account_id = app.context["_route_args"].get("accountId")
    if account_id is not None and account_id != caller:
        raise Forbidden(f"Not allowed to access account {echo(account_id)}")
