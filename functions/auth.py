"""Auth: registration, email verification, sign-in, sessions and passwords."""

from __future__ import annotations

from typing import Any

from fittrack.http import refresh_cookie
from fittrack.http.registry import Routes, function
from fittrack.http.request import Request, Response
from fittrack.schemas.auth import (
    Accepted,
    AuthTokens,
    ChangePasswordRequest,
    CompleteRegistrationRequest,
    EmailRequest,
    LoginRequest,
    RefreshRequest,
    RegisterRequest,
    RegisterResponse,
    ResetPasswordRequest,
    Revoked,
    SessionList,
    TokenRequest,
    VerifyEmailResponse,
)
from fittrack.services import accounts, sessions, sign_in

_SENT = "If an account uses that address, we have sent it an email."


ROUTES = Routes("/auth")


@function(
    "auth.register",
    memory=256,
    http=ROUTES.post("/register"),
    auth="public",
    request=RegisterRequest,
    response=RegisterResponse,
    status=201,
    timeout=15,
    problems=(409,),  # the email has an account
)
def register(req: Request, body: RegisterRequest) -> RegisterResponse:
    """Create a pending account and email a verification link."""
    return accounts.register(req.platform, body)


@function(
    "auth.complete_registration",
    memory=256,
    http=ROUTES.post("/complete-registration"),
    auth="member",
    request=CompleteRegistrationRequest,
    response=VerifyEmailResponse,
)
def complete_registration(req: Request, body: CompleteRegistrationRequest) -> VerifyEmailResponse:
    """Add date of birth, residence and consents to an account made by social sign-in."""
    return accounts.complete_registration(req.platform, req.user, body)


@function(
    "auth.verify_email",
    http=ROUTES.post("/verify-email"),
    auth="public",
    request=TokenRequest,
    response=VerifyEmailResponse,
    problems=(409,),  # an unknown, used or expired token
)
def verify_email(req: Request, body: TokenRequest) -> VerifyEmailResponse:
    """Confirm an email address with the single-use token from the email."""
    return accounts.verify_email(req.platform, body.token)


@function(
    "auth.resend_verification",
    http=ROUTES.post("/resend-verification"),
    auth="public",
    request=EmailRequest,
    response=Accepted,
    status=202,
)
def resend_verification(req: Request, body: EmailRequest) -> Accepted:
    """Send a fresh verification link (the same answer whether or not the email exists)."""
    accounts.resend_verification(req.platform, body.email)
    return Accepted(message=_SENT)


@function(
    "auth.login",
    memory=256,
    http=ROUTES.post("/login"),
    auth="public",
    request=LoginRequest,
    response=AuthTokens,
    timeout=15,
    refresh_cookie="issue",
    problems=(423,),  # locked after repeated failures (docs/auth.md)
)
def login(req: Request, body: LoginRequest) -> Any:
    """Sign in with email and password; one active session per device id."""
    refresh_cookie.check_headers(req)
    tokens = sign_in.login(
        req.platform,
        body.email,
        password=body.password,
        device_id=body.device_id,
        user_agent=req.header("user-agent"),
        ip=req.client_ip,
    )
    return refresh_cookie.answer_tokens(req, tokens)


@function(
    "auth.refresh",
    http=ROUTES.post("/refresh"),
    auth="public",
    request=RefreshRequest,
    response=AuthTokens,
    refresh_cookie="rotate",
)
def refresh(req: Request, body: RefreshRequest) -> Any:
    """Exchange a refresh token (body, or the ft_refresh cookie) for a new pair;
    a reused token revokes its family."""
    refresh_cookie.check_headers(req)
    token = body.refresh_token or refresh_cookie.presented_with_csrf(req)
    tokens = sessions.refresh(req.platform, token, req.client_ip)
    return refresh_cookie.answer_tokens(req, tokens)


@function(
    "auth.logout",
    http=ROUTES.post("/logout"),
    auth="member",
    status=204,
    ended_session_ok=True,
    refresh_cookie="clear",
)
def logout(req: Request) -> Response | None:
    """End the caller's session (and clear the refresh cookie of a browser)."""
    refresh_cookie.check_headers(req)
    if refresh_cookie.presented(req) is not None:
        refresh_cookie.require_csrf(req)
    sessions.logout(req.platform, req.user)
    if not refresh_cookie.wants_cookie(req):
        return None
    return Response(status=204, headers={"Set-Cookie": refresh_cookie.cleared_cookie()})


@function(
    "auth.logout_all",
    http=ROUTES.post("/logout-all"),
    auth="member",
    response=Revoked,
)
def logout_all(req: Request) -> Revoked:
    """End every session of the caller, on every device."""
    return Revoked(revoked=sessions.logout_all(req.platform, req.user))


@function(
    "auth.list_sessions",
    http=ROUTES.get("/sessions"),
    auth="member",
    response=SessionList,
)
def list_sessions(req: Request) -> SessionList:
    """The caller's active sessions, marking the current one."""
    return sessions.list_sessions(req.platform, req.user)


@function(
    "auth.revoke_session",
    http=ROUTES.delete("/sessions/{sessionId}"),
    auth="member",
    status=204,
)
def revoke_session(req: Request) -> None:
    """End one of the caller's sessions (someone else's id is not found)."""
    sessions.revoke_session(req.platform, req.user, req.id("sessionId"))


@function(
    "auth.forgot_password",
    http=ROUTES.post("/forgot-password"),
    auth="public",
    request=EmailRequest,
    response=Accepted,
    status=202,
)
def forgot_password(req: Request, body: EmailRequest) -> Accepted:
    """Email a single-use reset link (the same answer whether or not the email exists)."""
    accounts.forgot_password(req.platform, body.email)
    return Accepted(message=_SENT)


@function(
    "auth.reset_password",
    memory=256,
    http=ROUTES.post("/reset-password"),
    auth="public",
    request=ResetPasswordRequest,
    status=204,
    timeout=15,
    problems=(409,),  # an unknown, used or expired token
)
def reset_password(req: Request, body: ResetPasswordRequest) -> None:
    """Set a new password with an emailed token; every session ends."""
    accounts.reset_password(req.platform, body.token, body.password)


@function(
    "auth.change_password",
    memory=256,
    http=("PUT", "/users/me/password"),
    auth="member",
    request=ChangePasswordRequest,
    status=204,
    timeout=15,
    problems=(423,),  # wrong current passwords count like failed sign-ins
)
def change_password(req: Request, body: ChangePasswordRequest) -> None:
    """Change the caller's password; their other sessions end."""
    accounts.change_password(req.platform, req.user, body.current_password, body.new_password)
