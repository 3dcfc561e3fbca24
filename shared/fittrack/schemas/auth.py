"""Auth API models: registration, sign-in, tokens, sessions, passwords.

Request fields are loosely typed on purpose (plain strings, optional booleans):
the services apply the account rules and answer with one field error per field,
named as on the wire.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from fittrack.schemas.base import ApiModel

_MAX = 1024

# A client-chosen device identifier: printable ASCII without spaces, so 128
# characters are also 128 bytes in Oracle's VARCHAR2(128) columns.
DeviceId = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[!-~]+$")]


class AuthUser(ApiModel):
    user_id: str
    email: str
    role: str
    status: str
    point_balance: int


class AuthTokens(ApiModel):
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "Bearer"  # noqa: S105 - the token scheme, not a secret
    user: AuthUser


class RegisterRequest(ApiModel):
    email: str = Field("", max_length=320)
    password: str = Field("", max_length=_MAX, repr=False)
    date_of_birth: str = Field("", max_length=32)
    state_of_residence: str = Field("", max_length=16)
    accepted_terms: bool = False
    accepted_sweepstakes_rules: bool = False


class CompleteRegistrationRequest(ApiModel):
    date_of_birth: str = Field("", max_length=32)
    state_of_residence: str = Field("", max_length=16)
    accepted_terms: bool = False
    accepted_sweepstakes_rules: bool = False


class RegisterResponse(ApiModel):
    user_id: str
    email: str
    status: str


class TokenRequest(ApiModel):
    token: str = Field(min_length=1, max_length=512, repr=False)


class EmailRequest(ApiModel):
    email: str = Field(min_length=1, max_length=320)


class Accepted(ApiModel):
    message: str


class VerifyEmailResponse(ApiModel):
    user_id: str
    status: str
    email_verified: bool = True


class LoginRequest(ApiModel):
    email: str = Field(min_length=1, max_length=320)
    password: str = Field(min_length=1, max_length=_MAX, repr=False)
    device_id: DeviceId | None = None


class RefreshRequest(ApiModel):
    refresh_token: str = Field(min_length=1, max_length=512, repr=False)


class ResetPasswordRequest(ApiModel):
    token: str = Field(min_length=1, max_length=512, repr=False)
    password: str = Field("", max_length=_MAX, repr=False)


class ChangePasswordRequest(ApiModel):
    current_password: str = Field(min_length=1, max_length=_MAX, repr=False)
    new_password: str = Field("", max_length=_MAX, repr=False)


class SessionView(ApiModel):
    session_id: str
    device_id: str
    user_agent: str | None
    ip_address: str | None
    created_at: datetime
    last_seen_at: datetime
    current: bool


class SessionList(ApiModel):
    sessions: list[SessionView]


class Revoked(ApiModel):
    revoked: int
