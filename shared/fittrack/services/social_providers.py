"""The social sign-in providers there are, and the OIDC client that talks to each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fittrack.adapters import oidc
from fittrack.domain.errors import NotFound, ServiceUnavailable

if TYPE_CHECKING:
    from fittrack.platform import Platform

PROVIDERS = ("google", "apple")
DISPLAY = {"google": "Google", "apple": "Apple"}


def known(name: str) -> str:
    """The provider's name, if it is one we sign in with."""
    if name not in PROVIDERS:
        raise NotFound(f"There is no sign-in provider {name!r}; use google or apple.")
    return name


def client(platform: Platform, provider: str) -> oidc.OidcClient:
    try:
        return oidc.OidcClient(
            oidc.provider_settings(provider, platform.settings, platform.secrets, platform.clock())
        )
    except oidc.ProviderUnavailable as missing:
        raise ServiceUnavailable(str(missing)) from None
