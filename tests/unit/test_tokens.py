"""Access tokens: only RS256 tokens signed by our key, for us, in date, are accepted."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from fittrack.adapters.secrets import LocalSecrets
from fittrack.domain.errors import Unauthorized
from fittrack.services.tokens import TokenService

USER = uuid.UUID("01a23571-575f-758a-8104-63ff7072a9fd")
SESSION = uuid.UUID("01a23571-5760-7aba-94f1-ac0900a9715b")

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> list[datetime]:
    return [NOW]


@pytest.fixture
def tokens(fittrack_home: Path, clock: list[datetime]) -> TokenService:
    return TokenService(
        LocalSecrets(fittrack_home), "https://fittrack.test", "fittrack-api", lambda: clock[0]
    )


def claims(**overrides: object) -> dict:
    base = {
        "iss": "https://fittrack.test",
        "aud": "fittrack-api",
        "sub": "u-1",
        "iat": int(NOW.timestamp()),
        "exp": int((NOW + timedelta(hours=1)).timestamp()),
        "role": "admin",
        "status": "active",
    }
    base.update(overrides)
    return base


def test_round_trip_carries_identity_and_kid(tokens: TokenService) -> None:
    issued = tokens.issue_access(USER, "premium", "active", SESSION)
    assert issued.expires_in == 3600
    assert jwt.get_unverified_header(issued.token)["kid"] == tokens.kid
    caller = tokens.verify_access(issued.token)
    assert (caller.user_id, caller.role, caller.status, caller.session_id) == (
        USER,
        "premium",
        "active",
        SESSION,
    )


def test_the_key_persists_across_containers(
    tokens: TokenService, fittrack_home: Path, clock: list[datetime]
) -> None:
    token = tokens.issue_access(USER, "user", "active", None).token
    again = TokenService(
        LocalSecrets(fittrack_home), "https://fittrack.test", "fittrack-api", lambda: clock[0]
    )
    assert again.verify_access(token).user_id == USER


def test_expired_tokens_are_refused(tokens: TokenService, clock: list[datetime]) -> None:
    token = tokens.issue_access(USER, "user", "active", None).token
    clock[0] = NOW + timedelta(hours=1, minutes=1)
    with pytest.raises(Unauthorized, match="expired"):
        tokens.verify_access(token)


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def test_alg_none_is_refused(tokens: TokenService) -> None:
    forged = f"{b64({'alg': 'none', 'kid': tokens.kid})}.{b64(claims())}."
    with pytest.raises(Unauthorized):
        tokens.verify_access(forged)


def test_hs256_signed_with_the_public_key_is_refused(tokens: TokenService) -> None:
    public_pem = tokens._public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = {"alg": "HS256", "kid": tokens.kid}
    # pyjwt refuses to HMAC with a PEM key, so build the token by hand like an attacker would.
    import hashlib
    import hmac

    signing_input = f"{b64(header)}.{b64(claims())}"
    signature = (
        base64.urlsafe_b64encode(
            hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
        )
        .decode()
        .rstrip("=")
    )
    with pytest.raises(Unauthorized):
        tokens.verify_access(f"{signing_input}.{signature}")


def test_a_token_signed_by_another_key_is_refused(tokens: TokenService) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(claims(), other, algorithm="RS256", headers={"kid": tokens.kid})
    with pytest.raises(Unauthorized):
        tokens.verify_access(forged)


@pytest.mark.parametrize(
    "override",
    [
        {"iss": "https://evil.test"},
        {"aud": "someone-else"},
        {"iat": int((NOW + timedelta(hours=2)).timestamp())},
    ],
)
def test_wrong_issuer_audience_or_future_issue_is_refused(
    tokens: TokenService, override: dict
) -> None:
    forged = jwt.encode(
        claims(**override), tokens._private_key, algorithm="RS256", headers={"kid": tokens.kid}
    )
    with pytest.raises(Unauthorized):
        tokens.verify_access(forged)


def test_garbage_is_refused(tokens: TokenService) -> None:
    for junk in ("", "abc", "a.b.c", "Bearer x"):
        with pytest.raises(Unauthorized):
            tokens.verify_access(junk)


def test_jwks_publishes_the_verifying_key(tokens: TokenService) -> None:
    keys = tokens.jwks()["keys"]
    assert [(k["kid"], k["alg"], k["kty"], k["use"]) for k in keys] == [
        (tokens.kid, "RS256", "RSA", "sig")
    ]
    token = tokens.issue_access(USER, "user", "active", None).token
    public = jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(keys[0]))
    decoded = jwt.decode(
        token, public, algorithms=["RS256"], audience="fittrack-api", options={"verify_exp": False}
    )
    assert decoded["sub"] == str(USER)
    assert "d" not in keys[0]  # never the private part


@pytest.mark.parametrize("claim", ["sub", "sid"])
def test_a_token_whose_ids_are_not_uuids_is_refused(tokens: TokenService, claim: str) -> None:
    """A signed token naming a non-UUID subject or session is a 401, never a 500."""
    issued = tokens.issue_access(USER, "user", "active", SESSION).token
    claims = jwt.decode(issued, options={"verify_signature": False})
    claims[claim] = "not-a-uuid"
    forged = jwt.encode(claims, tokens._private_key, algorithm="RS256", headers={"kid": tokens.kid})
    with pytest.raises(Unauthorized):
        tokens.verify_access(forged)


def test_a_token_not_valid_yet_is_refused(tokens: TokenService) -> None:
    """`nbf` in the future (beyond the leeway) is a 401, as RFC 7519 says."""
    issued = tokens.issue_access(USER, "user", "active", SESSION).token
    claims = jwt.decode(issued, options={"verify_signature": False})
    claims["nbf"] = int(claims["iat"]) + 3600
    early = jwt.encode(claims, tokens._private_key, algorithm="RS256", headers={"kid": tokens.kid})
    with pytest.raises(Unauthorized):
        tokens.verify_access(early)


def test_a_step_up_token_carries_amr_and_auth_time(tokens: TokenService) -> None:
    plain = tokens.verify_access(tokens.issue_access(USER, "admin", "active", SESSION).token)
    assert (plain.amr, plain.auth_time) == ((), None)
    issued = tokens.issue_access(USER, "admin", "active", SESSION, amr=("otp",), auth_time=NOW)
    caller = tokens.verify_access(issued.token)
    assert (caller.amr, caller.auth_time, caller.session_id) == (("otp",), NOW, SESSION)


@pytest.mark.parametrize(
    "override", [{"amr": "otp"}, {"amr": [1]}, {"auth_time": "now"}, {"auth_time": True}]
)
def test_malformed_step_up_claims_are_refused(
    tokens: TokenService, override: dict[str, object]
) -> None:
    body = claims(sub=str(USER), sid=str(SESSION), **override)
    forged = jwt.encode(body, tokens._private_key, algorithm="RS256", headers={"kid": tokens.kid})
    with pytest.raises(Unauthorized):
        tokens.verify_access(forged)
