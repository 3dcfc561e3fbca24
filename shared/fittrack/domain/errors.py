"""What can go wrong, said without HTTP: a kind, a stable code, a message, the fields.

The one mapping from kinds to status codes and problem documents is
`fittrack.http.problems`; nothing below the entry points knows about statuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ErrorKind(StrEnum):
    INVALID = "invalid"  # the request cannot be carried out as asked
    VALIDATION = "validation"  # named fields are wrong
    UNAUTHENTICATED = "unauthenticated"  # who is asking is unknown or no longer valid
    FORBIDDEN = "forbidden"  # known, but not allowed
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"  # the current state does not allow it
    LOCKED = "locked"  # allowed again after a wait
    RATE_LIMITED = "rate_limited"
    UNAVAILABLE = "unavailable"  # a dependency is down; try again
    TOO_LARGE = "too_large"  # the request is bigger than we read


@dataclass
class FieldError:
    field: str
    message: str
    code: str = "invalid"

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message, "code": self.code}


class DomainError(Exception):
    """Base of every error a caller may see; subclasses fix kind, code and title."""

    kind = ErrorKind.INVALID
    code = "bad-request"  # stable and machine-readable (the problem type's last segment)
    title = "Bad request"

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.extra = extra
        self.retry_after_seconds: int | None = None  # when trying again makes sense


class ValidationFailed(DomainError):
    kind = ErrorKind.VALIDATION
    code = "validation-error"
    title = "Request validation failed"

    def __init__(self, errors: list[FieldError], detail: str | None = None) -> None:
        super().__init__(detail or "One or more fields are invalid.")
        self.errors = errors


class FieldConflict(ValidationFailed):
    """Well-formed fields that refer to something the current state cannot use (a
    sponsor that does not exist or is not active): 409, the fields named."""

    kind = ErrorKind.CONFLICT
    code = "field-conflict"
    title = "Conflicts with the current state"


class Unauthorized(DomainError):
    kind = ErrorKind.UNAUTHENTICATED
    code = "unauthorized"
    title = "Authentication required"


class Forbidden(DomainError):
    kind = ErrorKind.FORBIDDEN
    code = "forbidden"
    title = "Forbidden"


class NotFound(DomainError):
    kind = ErrorKind.NOT_FOUND
    code = "not-found"
    title = "Not found"


class Conflict(DomainError):
    kind = ErrorKind.CONFLICT
    code = "conflict"
    title = "Conflict"


class Locked(DomainError):
    kind = ErrorKind.LOCKED
    code = "locked"
    title = "Locked"

    def __init__(
        self, detail: str | None = None, *, retry_after_seconds: int, **extra: Any
    ) -> None:
        super().__init__(detail, **extra)
        self.retry_after_seconds = max(1, int(retry_after_seconds))


class TooManyRequests(DomainError):
    kind = ErrorKind.RATE_LIMITED
    code = "rate-limited"
    title = "Too many requests"

    def __init__(self, retry_after_seconds: int, detail: str | None = None) -> None:
        super().__init__(detail or "Slow down and try again later.")
        self.retry_after_seconds = max(1, int(retry_after_seconds))


class PayloadTooLarge(DomainError):
    kind = ErrorKind.TOO_LARGE
    code = "payload-too-large"
    title = "Payload too large"


class ServiceUnavailable(DomainError):
    kind = ErrorKind.UNAVAILABLE
    code = "service-unavailable"
    title = "Service unavailable"
