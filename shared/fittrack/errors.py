"""Domain errors and their one mapping to RFC 7807 problem details."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PROBLEM_BASE = "https://fittrack.app/problems/"
PROBLEM_CONTENT_TYPE = "application/problem+json"


@dataclass
class FieldError:
    field: str
    message: str
    code: str = "invalid"

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message, "code": self.code}


class DomainError(Exception):
    """Base of every error a caller may see; subclasses fix status and type."""

    status = 400
    slug = "bad-request"
    title = "Bad request"

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.extra = extra
        self.headers: dict[str, str] = {}


class ValidationFailed(DomainError):
    status = 400
    slug = "validation-error"
    title = "Request validation failed"

    def __init__(self, errors: list[FieldError], detail: str | None = None) -> None:
        super().__init__(detail or "One or more fields are invalid.")
        self.errors = errors


class Unauthorized(DomainError):
    status = 401
    slug = "unauthorized"
    title = "Authentication required"


class Forbidden(DomainError):
    status = 403
    slug = "forbidden"
    title = "Forbidden"


class NotFound(DomainError):
    status = 404
    slug = "not-found"
    title = "Not found"


class MethodNotAllowed(DomainError):
    status = 405
    slug = "method-not-allowed"
    title = "Method not allowed"

    def __init__(self, allowed: list[str], detail: str | None = None) -> None:
        super().__init__(detail or "This resource does not support that method.")
        self.headers["Allow"] = ", ".join(sorted(allowed))


class Conflict(DomainError):
    status = 409
    slug = "conflict"
    title = "Conflict"


class Locked(DomainError):
    status = 423
    slug = "locked"
    title = "Locked"


class TooManyRequests(DomainError):
    status = 429
    slug = "rate-limited"
    title = "Too many requests"

    def __init__(self, retry_after_seconds: int, detail: str | None = None) -> None:
        super().__init__(detail or "Slow down and try again later.")
        self.headers["Retry-After"] = str(max(1, int(retry_after_seconds)))


class ServiceUnavailable(DomainError):
    status = 503
    slug = "service-unavailable"
    title = "Service unavailable"


@dataclass
class Problem:
    """An RFC 7807 problem details document."""

    status: int
    title: str
    detail: str
    type: str = "about:blank"
    instance: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.instance:
            doc["instance"] = self.instance
        doc.update(self.extra)
        return doc


def problem_from_error(error: DomainError, instance: str | None = None) -> Problem:
    extra = dict(error.extra)
    if isinstance(error, ValidationFailed):
        extra["errors"] = [e.as_dict() for e in error.errors]
    return Problem(
        status=error.status,
        title=error.title,
        detail=error.detail,
        type=PROBLEM_BASE + error.slug,
        instance=instance,
        extra=extra,
        headers=dict(error.headers),
    )


def internal_problem(instance: str | None, correlation_id: str | None) -> Problem:
    """The generic 500 answer: no internals, only an id to quote to support."""
    return Problem(
        status=500,
        title="Internal server error",
        detail="Something went wrong on our side. Quote the correlation id when reporting it.",
        type=PROBLEM_BASE + "internal-error",
        instance=instance,
        extra={"correlationId": correlation_id} if correlation_id else {},
    )
