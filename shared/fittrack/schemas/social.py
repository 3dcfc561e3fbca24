"""Social login API models (Google and Apple over OpenID Connect)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from fittrack.schemas.auth import AuthTokens, DeviceId
from fittrack.schemas.base import ApiModel


class SocialAuthorization(ApiModel):
    """Where to send the member's browser, and the state the callback must bring back."""

    authorization_url: str
    state: str


class SocialCallbackRequest(ApiModel):
    code: str = Field(min_length=1, max_length=2048, repr=False)
    state: str = Field(min_length=1, max_length=256)
    device_id: DeviceId | None = None


class SocialLoginTokens(AuthTokens):
    """The login answer, plus what the app should do next.

    `accountCreated`: this sign-in created the account. `needsRegistrationDetails`:
    the account still lacks date of birth, state of residence or consents, which
    registration asks for; the app should collect them before anything else.
    """

    account_created: bool = False
    needs_registration_details: bool = False


class SocialLinkRequest(ApiModel):
    """The link token a refused social sign-in answered with (`linkToken` in its 409)."""

    link_token: str = Field(min_length=1, max_length=128, repr=False)


class SocialLinked(ApiModel):
    provider: Literal["google", "apple"]
    linked_at: datetime
