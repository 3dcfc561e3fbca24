"""The OIDC simulator's discovery documents, shaped as Google's and Apple's."""

from __future__ import annotations

from typing import Any


def discovery(provider: str, issuer: str) -> dict[str, Any]:
    if provider == "apple":
        return _apple_discovery(issuer)
    return _google_discovery(issuer)


def _endpoints(issuer: str) -> dict[str, str]:
    return {
        "issuer": issuer,
        "authorization_endpoint": issuer + "/authorize",
        "token_endpoint": issuer + "/token",
        "jwks_uri": issuer + "/jwks",
    }


def _google_discovery(issuer: str) -> dict[str, Any]:
    return {
        **_endpoints(issuer),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid", "email", "profile"],
        "token_endpoint_auth_methods_supported": [
            "client_secret_basic",
            "client_secret_post",
            "none",
        ],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": ["iss", "aud", "sub", "email", "email_verified", "nonce"],
    }


def _apple_discovery(issuer: str) -> dict[str, Any]:
    """Shaped as https://appleid.apple.com/.well-known/openid-configuration: no PKCE
    methods, only client_secret_post, form_post among the response modes."""
    return {
        **_endpoints(issuer),
        "response_types_supported": ["code", "code id_token"],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid", "email", "name"],
        "token_endpoint_auth_methods_supported": ["client_secret_post"],
        "claims_supported": [
            "aud",
            "email",
            "email_verified",
            "exp",
            "iat",
            "is_private_email",
            "iss",
            "nonce",
            "nonce_supported",
            "real_user_status",
            "sub",
        ],
    }
