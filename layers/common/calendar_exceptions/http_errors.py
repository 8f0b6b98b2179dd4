"""The one place where domain errors and storage failures become HTTP responses.

Which status an error gets is decided here for both APIs; each API only supplies the
shape of its error body (LivePerson's `message`/`internalCode`, Intercom's `error.list`).
Storage that is still throttled, failing or unreachable once the SDK's own retries ran
out (storage.py) is a 503 with `Retry-After`, never a 500.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from botocore import exceptions as botocore_errors
from botocore.exceptions import ClientError

from calendar_exceptions.dynamodb import cancellation_reasons, codes
from calendar_exceptions.errors import (
    DomainError,
    Forbidden,
    InUse,
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    RevisionConflict,
    ServiceUnavailable,
    Unauthenticated,
    Unprocessable,
)
from calendar_exceptions.observability import logger
from calendar_exceptions.rest import APPLICATION_JSON, Response, RestResolver
from calendar_exceptions.tenancy import TOKEN_ID, TOKEN_TENANT

STATUS_BY_ERROR: dict[type[DomainError], int] = {
    InvalidInput: 400,
    Unauthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    RevisionConflict: 409,
    InUse: 409,
    PayloadTooLarge: 413,
    Unprocessable: 422,
    ServiceUnavailable: 503,
}

# DynamoDB error codes that mean "overloaded, try later" once the SDK's own retries ran out.
_RETRYABLE_STORAGE_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "InternalServerError",
        "ServiceUnavailable",
    }
)
# TransactWriteItems reports throttling of one of its items as a cancellation reason, not as its error code.
_RETRYABLE_CANCELLATION_REASONS = frozenset(
    {"ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded"}
)
RETRY_AFTER_SECONDS = "1"


class ErrorFormat(Protocol):
    """How one API writes an error body."""

    def body(self, status: int, error: DomainError, request_id: str) -> dict[str, Any]: ...


def status_of(error: DomainError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 500


def storage_overloaded(error: ClientError) -> bool:
    """Whether DynamoDB refused `error`'s request for load or an internal failure: worth retrying later."""
    code = error.response.get("Error", {}).get("Code", "")
    if code == "TransactionCanceledException":
        return bool(set(codes(cancellation_reasons(error))) & _RETRYABLE_CANCELLATION_REASONS)
    return code in _RETRYABLE_STORAGE_CODES


def register_error_handlers(app: RestResolver, error_format: ErrorFormat) -> None:
    """Make `app` answer every error in `error_format`, never with a stack trace."""

    def respond(status: int, error: DomainError, headers: dict[str, str] | None = None) -> Response:
        request_id = _request_id(app)
        return Response(
            status_code=status,
            content_type=APPLICATION_JSON,
            body=json.dumps(error_format.body(status, error, request_id)),
            headers=headers,
        )

    @app.exception_handler(DomainError)
    def handle_domain_error(error: DomainError) -> Response:
        status = status_of(error)
        # error.message quotes what the caller sent at most errors.MAX_ECHO characters long.
        logger.info(
            "request refused",
            extra={
                "status": status,
                "error": error.message,
                "field": error.field,
                "tenant": app.context.get(TOKEN_TENANT),
                "token_id": app.context.get(TOKEN_ID),
            },
        )
        headers = {"Retry-After": RETRY_AFTER_SECONDS} if status == 503 else None
        return respond(status, error, headers)

    def unavailable(reason: str) -> Response:
        logger.warning("storage unavailable", extra={"reason": reason})
        return handle_domain_error(ServiceUnavailable("Service temporarily unavailable, retry later"))

    @app.exception_handler(ClientError)
    def handle_storage_error(error: ClientError) -> Response:
        if storage_overloaded(error):
            return unavailable(error.response.get("Error", {}).get("Code", ""))
        return handle_unexpected(error)

    # Timeouts and refused connections: the request may or may not have been applied, as
    # with any 503; writes are conditional or idempotent, so retrying it is safe.
    @app.exception_handler([botocore_errors.ConnectionError, botocore_errors.HTTPClientError])
    def handle_unreachable_storage(error: Exception) -> Response:
        return unavailable(type(error).__name__)

    @app.exception_handler(Exception)
    def handle_unexpected(error: Exception) -> Response:
        logger.exception("unhandled error", extra={"request_id": _request_id(app)})
        return respond(500, DomainError("Internal server error"))

    @app.not_found
    def handle_no_route(_: Exception) -> Response:
        return respond(404, NotFound("No such resource"))


def _request_id(app: RestResolver) -> str:
    try:
        return app.current_event.request_context.request_id or ""
    except (AttributeError, KeyError, TypeError):
        return ""
