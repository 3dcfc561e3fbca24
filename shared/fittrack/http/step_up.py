"""Step-up authentication (RFC 9470) for the routes declared `step_up=True`.

Checked in one place, by the auth guard after the role check, so no handler can
forget it: the access token must carry `amr` "otp" with an `auth_time` no older
than `domain.mfa.STEP_UP_MAX_AGE`. Otherwise 401 with the RFC 9470 challenge.
"""

from __future__ import annotations

from fittrack.domain import mfa
from fittrack.domain.errors import DomainError, ErrorKind
from fittrack.domain.identity import Caller
from fittrack.http.request import Request

MAX_AGE_SECONDS = int(mfa.STEP_UP_MAX_AGE.total_seconds())
CHALLENGE = (
    'Bearer error="insufficient_user_authentication", '
    'error_description="A recent one-time code is required", '
    f'max_age="{MAX_AGE_SECONDS}"'
)


class StepUpRequired(DomainError):
    kind = ErrorKind.UNAUTHENTICATED
    code = "insufficient-user-authentication"
    title = "Step-up authentication required"
    challenge = CHALLENGE  # the WWW-Authenticate header (fittrack.http.problems)

    def __init__(self) -> None:
        super().__init__(
            f"Confirm a code from your authenticator (POST /auth/mfa/verify) at most "
            f"{MAX_AGE_SECONDS // 60} minutes before this action.",
            maxAgeSeconds=MAX_AGE_SECONDS,
        )


def enforce(req: Request, caller: Caller) -> None:
    if req.function.step_up and not mfa.stepped_up(caller, req.platform.clock()):
        raise StepUpRequired()
