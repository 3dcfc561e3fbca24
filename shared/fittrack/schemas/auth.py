"""Auth API models: registration, sign-in, tokens, sessions, passwords.

Request fields are loosely typed on purpose (plain strings, optional booleans):
the services apply the account rules and answer with one field error per field,
named as on the wire.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StrictBool
from pydantic.json_schema import JsonDict

from fittrack.domain.accounts import (
    BIRTH_DATE_PATTERN,
    MINIMUM_AGE_YEARS,
    PASSWORD_MIN_LENGTH,
    PASSWORD_PATTERN,
)
from fittrack.domain.constants import ELIGIBLE_STATES, EXCLUDED_STATES
from fittrack.schemas.base import ApiModel, declared_required, optional_string

_MAX = 1024

# The rules the domain checks on these fields, declared in the contract too, so a
# client generated from it cannot send what the server refuses. The fields keep
# defaults in Python so the domain can answer every problem at once, by field.
_PASSWORD_RULES: JsonDict = {
    "minLength": PASSWORD_MIN_LENGTH,
    "pattern": PASSWORD_PATTERN,
    "description": f"At least {PASSWORD_MIN_LENGTH} characters with an upper-case letter, "
    "a lower-case letter, a digit and a symbol.",
}
_STATE_RULES: JsonDict = {
    "enum": list(sorted(ELIGIBLE_STATES)),
    "description": "A US state or DC (two letters) where the sweepstakes are open; "
    + ", ".join(sorted(EXCLUDED_STATES))
    + " are not eligible and are refused with a field error.",
}
_BIRTH_DATE_RULES: JsonDict = {
    "format": "date",
    "pattern": BIRTH_DATE_PATTERN,
    "description": "18 or older; on or after 1900-01-01.",
}
# A date of birth is judged against today, which the contract cannot know.
_AGE_REFUSALS = {
    ("dateOfBirth", "in_future"): "Not after today.",
    ("dateOfBirth", "under_age"): f"At least {MINIMUM_AGE_YEARS} years before today.",
}


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
    # Absent when the client asked for the cookie transport (docs/auth.md).
    refresh_token: str | None = Field(
        None,
        description="Absent when the request sent X-FitTrack-Token-Transport: cookie; "
        "the token is then in the ft_refresh cookie.",
        json_schema_extra=optional_string,
    )
    expires_in: int
    token_type: str = "Bearer"  # noqa: S105 - the token scheme, not a secret
    user: AuthUser


class RegisterRequest(ApiModel):
    contract_refusals = _AGE_REFUSALS
    model_config = declared_required(
        "email",
        "password",
        "dateOfBirth",
        "stateOfResidence",
        "acceptedTerms",
        "acceptedSweepstakesRules",
    )

    email: str = Field("", max_length=320, json_schema_extra={"format": "email"})
    password: str = Field("", max_length=_MAX, repr=False, json_schema_extra=_PASSWORD_RULES)
    date_of_birth: str = Field("", max_length=32, json_schema_extra=_BIRTH_DATE_RULES)
    state_of_residence: str = Field("", max_length=16, json_schema_extra=_STATE_RULES)
    accepted_terms: StrictBool = Field(False, json_schema_extra={"const": True})
    accepted_sweepstakes_rules: StrictBool = Field(False, json_schema_extra={"const": True})


class CompleteRegistrationRequest(ApiModel):
    contract_refusals = _AGE_REFUSALS
    model_config = declared_required(
        "dateOfBirth", "stateOfResidence", "acceptedTerms", "acceptedSweepstakesRules"
    )

    date_of_birth: str = Field("", max_length=32, json_schema_extra=_BIRTH_DATE_RULES)
    state_of_residence: str = Field("", max_length=16, json_schema_extra=_STATE_RULES)
    accepted_terms: StrictBool = Field(False, json_schema_extra={"const": True})
    accepted_sweepstakes_rules: StrictBool = Field(False, json_schema_extra={"const": True})


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
    refresh_token: str | None = Field(
        None,
        min_length=1,
        max_length=512,
        repr=False,
        description="Required unless the ft_refresh cookie carries the token.",
        json_schema_extra=optional_string,
    )


class ResetPasswordRequest(ApiModel):
    model_config = declared_required("token", "password")

    token: str = Field(min_length=1, max_length=512, repr=False)
    password: str = Field("", max_length=_MAX, repr=False, json_schema_extra=_PASSWORD_RULES)


class ChangePasswordRequest(ApiModel):
    model_config = declared_required("currentPassword", "newPassword")

    current_password: str = Field(min_length=1, max_length=_MAX, repr=False)
    new_password: str = Field("", max_length=_MAX, repr=False, json_schema_extra=_PASSWORD_RULES)


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
