"""Admin MFA: enrol a TOTP authenticator and step up (RFC 9470) before sensitive actions."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.mfa import MfaCode, MfaConfirmed, MfaEnrollment, StepUpTokens
from fittrack.services import mfa

ROUTES = Routes("/auth/mfa")


@function(
    "mfa.enroll",
    http=ROUTES.post("/enroll"),
    auth="admin",
    response=MfaEnrollment,
    status=201,
)
def enroll(req: Request) -> MfaEnrollment:
    """Start enrolling an authenticator: a new secret and its otpauth URI (409 once active)."""
    enrolment = mfa.enroll(req.platform, req.user)
    return MfaEnrollment(secret=enrolment.secret, otpauth_uri=enrolment.otpauth_uri)


@function(
    "mfa.confirm",
    http=ROUTES.post("/confirm"),
    auth="admin",
    request=MfaCode,
    response=MfaConfirmed,
)
def confirm(req: Request, body: MfaCode) -> MfaConfirmed:
    """Activate the enrolled authenticator with a code from it."""
    return MfaConfirmed(confirmed_at=mfa.confirm(req.platform, req.user, body.code))


@function(
    "mfa.verify",
    http=ROUTES.post("/verify"),
    auth="admin",
    request=MfaCode,
    response=StepUpTokens,
)
def verify(req: Request, body: MfaCode) -> StepUpTokens:
    """Step up: a code gives a new access token for this session with `amr` otp."""
    done = mfa.verify(req.platform, req.user, body.code)
    return StepUpTokens(
        access_token=done.token.token,
        expires_in=done.token.expires_in,
        auth_time=done.auth_time,
        amr=list(done.amr),
    )
