"""Domain errors: what went wrong, independent of which API reports it or how."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a caller is told about; the message is safe to show.

    `code` optionally names the problem more precisely than the error's class (an API
    whose error bodies carry codes uses it; the HTTP status still comes from the class).
    """

    def __init__(self, message: str, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class InvalidInput(DomainError):
    """The request is malformed or breaks a validation rule (400)."""


class Unauthenticated(DomainError):
    """No authenticated caller (401)."""


class Forbidden(DomainError):
    """The caller may not act on this resource (403)."""


class NotFound(DomainError):
    """The resource does not exist for this caller (404)."""


class RevisionConflict(DomainError):
    """The revision the write was based on is not the current one (409)."""


class InUse(DomainError):
    """The object is referenced by others and cannot be removed while they do (409)."""


class Unprocessable(DomainError):
    """Well-formed input that conflicts with stored data or the object's state (422)."""


class PayloadTooLarge(DomainError):
    """The request body is larger than the API accepts (413); refused before it is parsed."""


class ServiceUnavailable(DomainError):
    """Storage is overloaded or failing after retries (503)."""


# An error message quotes at most this many characters of a value the caller sent: a 250 KB
# value must not come back as a 250 KB error body, nor go into a log line whole.
MAX_ECHO = 100


def echo(value: object) -> str:
    """`value` as an error message (and so the "request refused" log line) quotes it: in quotes,
    at most MAX_ECHO characters, and when longer marked as cut with its full length."""
    text = str(value)
    if len(text) <= MAX_ECHO:
        return f"'{text}'"
    return f"'{text[:MAX_ECHO]}…' (cut: {len(text)} characters)"
