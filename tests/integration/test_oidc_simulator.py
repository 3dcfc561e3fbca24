"""The local OIDC provider: discovery, JWKS, authorize, token with PKCE S256."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from fittrack.local.simulators.oidc import DEMO_EMAIL, OidcSimulator
from tests.fixtures.form_post import FormPostPage

REDIRECT = "http://localhost:8080/auth/callback/google"
CLIENT = "fittrack-test"
TEAM, KEY_ID = "TEAMID1234", "KEYID12345"
APPLE_KEY = ec.generate_private_key(ec.SECP256R1())


@pytest.fixture
def sim() -> Iterator[OidcSimulator]:
    simulator = OidcSimulator().start()
    yield simulator
    simulator.stop()


def challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


def authorize(sim: OidcSimulator, provider: str = "google", **overrides: str) -> requests.Response:
    params = {
        "response_type": "code",
        "client_id": CLIENT,
        "redirect_uri": REDIRECT,
        "scope": "openid email",
        "state": "st-1",
        "nonce": "n-1",
        "code_challenge": challenge("v" * 50),
        "code_challenge_method": "S256",
    }
    params.update(overrides)
    return requests.get(
        f"{sim.issuer(provider)}/authorize?{urlencode(params)}", allow_redirects=False, timeout=5
    )


def code_from(response: requests.Response) -> str:
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["state"] == ["st-1"]
    return query["code"][0]


def exchange(
    sim: OidcSimulator, code: str, provider: str = "google", **overrides: str
) -> requests.Response:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT,
        "client_id": CLIENT,
        "code_verifier": "v" * 50,
    }
    form.update(overrides)
    return requests.post(f"{sim.issuer(provider)}/token", data=form, timeout=5)


def register_apple(sim: OidcSimulator) -> None:
    public = APPLE_KEY.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    sim.register_apple_team(CLIENT, team_id=TEAM, key_id=KEY_ID, public_key_pem=public.decode())


def apple_secret(key: ec.EllipticCurvePrivateKey = APPLE_KEY, **changes: object) -> str:
    now = int(time.time())
    claims = {"iss": TEAM, "sub": CLIENT, "aud": "https://appleid.apple.com", "iat": now}
    claims |= {"exp": now + 3600}
    headers = {"kid": changes.pop("kid", KEY_ID)}
    claims |= changes
    return jwt.encode(claims, key, algorithm="ES256", headers=headers)


def apple_authorize(sim: OidcSimulator, hint: str | None = None) -> FormPostPage:
    overrides = {"response_mode": "form_post", "scope": "openid email name"}
    response = authorize(sim, "apple", **overrides, **({"login_hint": hint} if hint else {}))
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/html")
    return FormPostPage(response.text)


def apple_exchange(sim: OidcSimulator, code: str, **overrides: str) -> requests.Response:
    return exchange(sim, code, "apple", client_secret=apple_secret(), **overrides)


def test_discovery_and_jwks_describe_each_provider(sim: OidcSimulator) -> None:
    docs = {
        provider: requests.get(
            f"{sim.issuer(provider)}/.well-known/openid-configuration", timeout=5
        ).json()
        for provider in ("google", "apple")
    }
    for provider, doc in docs.items():
        assert doc["issuer"] == sim.issuer(provider)
        keys = requests.get(doc["jwks_uri"], timeout=5).json()["keys"]
        assert keys[0]["kid"] == sim.kid and keys[0]["alg"] == "RS256"
    assert docs["google"]["code_challenge_methods_supported"] == ["S256"]
    # As https://appleid.apple.com/.well-known/openid-configuration: no PKCE listed,
    # only client_secret_post, and form_post among the response modes.
    assert "code_challenge_methods_supported" not in docs["apple"]
    assert docs["apple"]["token_endpoint_auth_methods_supported"] == ["client_secret_post"]
    assert "form_post" in docs["apple"]["response_modes_supported"]
    assert requests.get(f"{sim.url}/facebook/jwks", timeout=5).status_code == 404


def test_apple_demands_form_post_with_the_email_scope(sim: OidcSimulator) -> None:
    refused = authorize(sim, "apple", scope="openid email")
    assert refused.status_code == 302
    assert parse_qs(urlsplit(refused.headers["Location"]).query)["error"] == ["invalid_request"]
    page = apple_authorize(sim, "ana@example.com|name=Ana Lima")
    assert page.action == REDIRECT and page.fields["state"] == "st-1"
    assert set(page.fields) == {"state", "code", "user"}
    assert json.loads(page.fields["user"])["name"] == {"firstName": "Ana", "lastName": "Lima"}
    again = apple_authorize(sim, "ana@example.com|name=Ana Lima")
    assert "user" not in again.fields  # Apple sends the name on the first authorization only


def test_apple_takes_only_an_es256_client_secret_from_the_team_key(sim: OidcSimulator) -> None:
    register_apple(sim)
    other_key = ec.generate_private_key(ec.SECP256R1())
    six_months_and_a_day = int(time.time()) + 15_777_000 + 86_400
    for secret in (
        "a-static-random-string",
        apple_secret(other_key),
        apple_secret(kid="OTHERKEY00"),
        apple_secret(iss="OTHERTEAM0"),
        apple_secret(sub="another.services.id"),
        apple_secret(aud="https://accounts.google.com"),
        apple_secret(exp=int(time.time()) - 10),
        apple_secret(exp=six_months_and_a_day),
    ):
        code = apple_authorize(sim).fields["code"]
        refused = exchange(sim, code, "apple", client_secret=secret)
        assert (refused.status_code, refused.json()) == (400, {"error": "invalid_client"})
    form = {
        "grant_type": "authorization_code",
        "code": apple_authorize(sim).fields["code"],
        "redirect_uri": REDIRECT,
    }
    basic = requests.post(
        f"{sim.issuer('apple')}/token", data=form, auth=(CLIENT, apple_secret()), timeout=5
    )
    assert (basic.status_code, basic.json()) == (400, {"error": "invalid_client"})
    assert apple_exchange(sim, apple_authorize(sim).fields["code"]).status_code == 200


def test_code_exchange_returns_a_signed_id_token(sim: OidcSimulator) -> None:
    response = exchange(sim, code_from(authorize(sim)))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "Bearer" and body["access_token"]
    jwk = jwt.PyJWK(sim.jwks()["keys"][0])
    claims = jwt.decode(
        body["id_token"],
        jwk.key,
        algorithms=["RS256"],
        audience=CLIENT,
        issuer=sim.issuer("google"),
    )
    assert claims["email"] == DEMO_EMAIL and claims["email_verified"] is True
    assert claims["nonce"] == "n-1" and claims["exp"] > claims["iat"]


def test_login_hint_picks_the_identity_and_apple_sends_verified_as_text(sim: OidcSimulator) -> None:
    register_apple(sim)

    def apple_claims(hint: str) -> dict[str, object]:
        token = apple_exchange(sim, apple_authorize(sim, hint).fields["code"]).json()["id_token"]
        return jwt.decode(token, options={"verify_signature": False})

    claims = apple_claims("ana@example.com|verified=false|sub=42")
    assert (claims["email"], claims["email_verified"], claims["sub"]) == (
        "ana@example.com",
        "false",
        "42",
    )
    assert claims["is_private_email"] == "false"
    first_sub = apple_claims("ana@example.com")["sub"]
    assert apple_claims("ANA@example.com")["sub"] == first_sub
    assert apple_claims("r@privaterelay.appleid.com")["is_private_email"] == "true"
    assert apple_claims("r@privaterelay.appleid.com|private=bool")["is_private_email"] is True


def test_google_sends_hd_and_the_legacy_issuer_when_asked(sim: OidcSimulator) -> None:
    hint = "ana@corp.example|hd=corp.example|iss=bare"
    token = exchange(sim, code_from(authorize(sim, login_hint=hint))).json()["id_token"]
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["hd"] == "corp.example"
    assert claims["iss"] == sim.issuer("google").split("://", 1)[1]


def test_wrong_pkce_verifier_is_refused(sim: OidcSimulator) -> None:
    response = exchange(sim, code_from(authorize(sim)), code_verifier="w" * 50)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_missing_verifier_redirect_or_client_mismatch_are_refused(sim: OidcSimulator) -> None:
    for overrides in (
        {"code_verifier": ""},
        {"redirect_uri": REDIRECT + "x"},
        {"client_id": "someone-else"},
    ):
        response = exchange(sim, code_from(authorize(sim)), **overrides)
        assert response.status_code == 400, overrides
        assert response.json()["error"] == "invalid_grant"


def test_codes_are_single_use(sim: OidcSimulator) -> None:
    code = code_from(authorize(sim))
    assert exchange(sim, code).status_code == 200
    second = exchange(sim, code)
    assert second.status_code == 400 and second.json()["error"] == "invalid_grant"


def test_a_code_only_works_at_its_own_provider(sim: OidcSimulator) -> None:
    assert exchange(sim, code_from(authorize(sim, "google")), "apple").status_code == 400


def test_authorize_demands_pkce_s256_and_openid(sim: OidcSimulator) -> None:
    for overrides in (
        {"code_challenge_method": "plain"},
        {"code_challenge": ""},
        {"scope": "email"},
        {"login_hint": "not-an-email"},
    ):
        response = authorize(sim, **overrides)
        assert response.status_code == 302
        query = parse_qs(urlsplit(response.headers["Location"]).query)
        assert query["error"] == ["invalid_request"] and query["state"] == ["st-1"]
    assert authorize(sim, redirect_uri="not-a-url").status_code == 400


def test_registered_clients_must_authenticate(sim: OidcSimulator) -> None:
    secret = secrets.token_urlsafe(16)
    sim.register_client("google", CLIENT, secret)
    refused = exchange(sim, code_from(authorize(sim)), client_secret="wrong")
    assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"
    posted = exchange(sim, code_from(authorize(sim)), client_secret=secret)
    assert posted.status_code == 200
    form = {
        "grant_type": "authorization_code",
        "code": code_from(authorize(sim)),
        "redirect_uri": REDIRECT,
        "code_verifier": "v" * 50,
    }
    basic = requests.post(
        f"{sim.issuer('google')}/token", data=form, auth=(CLIENT, secret), timeout=5
    )
    assert basic.status_code == 200


def test_forge_next_spoils_exactly_one_token(sim: OidcSimulator) -> None:
    sim.forge_next("wrong_audience")
    forged = exchange(sim, code_from(authorize(sim))).json()["id_token"]
    honest = exchange(sim, code_from(authorize(sim))).json()["id_token"]
    assert jwt.decode(forged, options={"verify_signature": False})["aud"] != CLIENT
    assert jwt.decode(honest, options={"verify_signature": False})["aud"] == CLIENT
    with pytest.raises(ValueError):
        sim.forge_next("nonsense")
