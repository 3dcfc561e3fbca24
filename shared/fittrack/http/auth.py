"""The auth guard: who is calling, and may they call this function."""

from __future__ import annotations

from fittrack.domain.errors import Forbidden, Unauthorized
from fittrack.domain.identity import Caller
from fittrack.http import step_up
from fittrack.http.request import Request


def bearer_token(req: Request) -> str | None:
    value = req.header("authorization")
    if not value:
        return None
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("The Authorization header must be 'Bearer <access token>'.")
    return token.strip()


def resolve_caller(req: Request) -> Caller | None:
    token = bearer_token(req)
    if token is None:
        return None
    return req.platform.verify_access_token(
        token, allow_ended_session=req.function.ended_session_ok
    )


def authorize(req: Request) -> Caller | None:
    """Apply the function's auth level; return the caller (None when anonymous)."""
    level = req.function.auth
    if level == "public":
        return None
    if level == "optional":
        return resolve_caller(req)
    caller = resolve_caller(req)
    if caller is None:
        raise Unauthorized("Sign in to use this endpoint.")
    if level == "admin" and not caller.is_admin:
        raise Forbidden("This endpoint needs the admin role.")
    step_up.enforce(req, caller)
    return caller
