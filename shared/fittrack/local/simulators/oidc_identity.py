"""Who signs in at the OIDC simulator: the identity a `login_hint` names.

"ana@example.com|verified=false|sub=1234|hd=example.com|private=true|iss=bare|name=Ana Lima"
(options optional); no hint means DEMO_EMAIL (verified). The subject defaults to a
stable hash of provider and email, so the same email always signs in as the same account.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

DEMO_EMAIL = "demo.social@example.com"
HINT_OPTIONS = ("verified", "sub", "hd", "private", "iss", "name")


@dataclass(frozen=True)
class Identity:
    email: str
    email_verified: bool
    subject: str
    hosted_domain: str | None = None
    private_email: bool | str | None = None  # Apple: "true"/"false", or a real boolean
    bare_issuer: bool = False  # Google's legacy `iss` without https://
    name: tuple[str, str] | None = None  # Apple's first-time `user` name (first, last)


class AuthorizeError(ValueError):
    """The authorization request is unusable."""


def parse_login_hint(provider: str, hint: str | None) -> Identity:
    """ "email|verified=false|sub=..." (options optional) -> the identity to sign in as."""
    email, *options = (hint or DEMO_EMAIL).split("|")
    email = email.strip()
    if "@" not in email:
        raise AuthorizeError(f"login_hint must start with an email address, not {email!r}")
    found: dict[str, str] = {}
    for option in options:
        key, _, value = option.partition("=")
        if key not in HINT_OPTIONS or not value:
            raise AuthorizeError(
                f"unknown login_hint option {option!r}: use {', '.join(HINT_OPTIONS)}"
            )
        found[key] = value
    if found.get("verified", "true") not in ("true", "false"):
        raise AuthorizeError("verified= takes true or false")
    subject = (
        found.get("sub") or hashlib.sha256(f"{provider}:{email.lower()}".encode()).hexdigest()[:24]
    )
    private: bool | str | None = None
    if provider == "apple":
        relay = email.lower().endswith("@privaterelay.appleid.com")
        choices: dict[str, bool | str] = {"bool": True, "true": "true", "false": "false"}
        private = choices.get(found.get("private", ""), "true" if relay else "false")
    first, _, last = found.get("name", "").partition(" ")
    return Identity(
        email,
        found.get("verified", "true") == "true",
        subject,
        hosted_domain=found.get("hd") if provider == "google" else None,
        private_email=private,
        bare_issuer=provider == "google" and found.get("iss") == "bare",
        name=(first, last) if first else None,
    )
