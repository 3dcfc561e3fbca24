"""The one mapping from errors to RFC 7807 problem documents and HTTP statuses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fittrack.domain.errors import DomainError, ErrorKind, ValidationFailed
from fittrack.http.step_up import StepUpRequired

PROBLEM_BASE = "https://fittrack.app/problems/"
PROBLEM_CONTENT_TYPE = "application/problem+json"

STATUS_BY_KIND: dict[ErrorKind, int] = {
    ErrorKind.INVALID: 400,
    ErrorKind.VALIDATION: 400,
    ErrorKind.UNAUTHENTICATED: 401,
    ErrorKind.FORBIDDEN: 403,
    ErrorKind.NOT_FOUND: 404,
    ErrorKind.CONFLICT: 409,
    ErrorKind.LOCKED: 423,
    ErrorKind.RATE_LIMITED: 429,
    ErrorKind.UNAVAILABLE: 503,
    ErrorKind.TOO_LARGE: 413,
}


class MethodNotAllowed(DomainError):
    """Raised by the routing layer only: no use case knows about methods."""

    code = "method-not-allowed"
    title = "Method not allowed"

    def __init__(self, allowed: list[str], detail: str | None = None) -> None:
        super().__init__(detail or "This resource does not support that method.")
        self.allowed = sorted(allowed)


def status_of(error: DomainError) -> int:
    if isinstance(error, MethodNotAllowed):
        return 405
    return STATUS_BY_KIND[error.kind]


@dataclass(kw_only=True)
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


def _headers(error: DomainError) -> dict[str, str]:
    headers: dict[str, str] = {}
    if error.retry_after_seconds is not None:
        headers["Retry-After"] = str(error.retry_after_seconds)
    if isinstance(error, MethodNotAllowed):
        headers["Allow"] = ", ".join(error.allowed)
    if isinstance(error, StepUpRequired):
        headers["WWW-Authenticate"] = error.challenge
    return headers


def problem_from_error(error: DomainError, instance: str | None = None) -> Problem:
    extra = dict(error.extra)
    if isinstance(error, ValidationFailed):
        extra["errors"] = [e.as_dict() for e in error.errors]
    return Problem(
        status=status_of(error),
        title=error.title,
        detail=error.detail,
        type=PROBLEM_BASE + error.code,
        instance=instance,
        extra=extra,
        headers=_headers(error),
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
