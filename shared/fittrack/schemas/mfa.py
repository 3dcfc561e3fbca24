"""Admin MFA API models: enrolment, confirmation, step-up (RFC 6238, RFC 9470)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from fittrack.domain.mfa import CODE_PATTERN
from fittrack.schemas.base import ApiModel


class MfaEnrollment(ApiModel):
    secret: str = Field(description="Base32 TOTP secret (RFC 6238, SHA-1, 30 s, 6 digits).")
    otpauth_uri: str = Field(description="otpauth:// URI for an authenticator app's QR code.")


class MfaCode(ApiModel):
    code: str = Field(pattern=CODE_PATTERN, repr=False, description="6-digit code, used once.")


class MfaConfirmed(ApiModel):
    confirmed_at: datetime


class StepUpTokens(ApiModel):
    access_token: str
    expires_in: int
    token_type: str = "Bearer"  # noqa: S105 - the token scheme, not a secret
    auth_time: datetime = Field(description="When the code was verified (the token's auth_time).")
    amr: list[str] = Field(description="Authentication methods (RFC 8176); includes `otp`.")
