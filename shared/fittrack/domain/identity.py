"""Who is calling: the identity every use case is told about, whatever the entry point."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Caller:
    """Resolved from the bearer token by the auth guard (or made by a job or a test)."""

    user_id: uuid.UUID
    role: str
    status: str = "active"
    session_id: uuid.UUID | None = None
    # RFC 9470: how and when the caller last authenticated ("otp" after a step-up).
    amr: tuple[str, ...] = ()
    auth_time: datetime | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"
