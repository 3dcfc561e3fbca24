"""The local OIDC provider: discovery, JWKS, authorize, token with PKCE S256."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests

from fittrack.local.simulators.oidc import DEMO_EMAIL, OidcSimulator

REDIRECT = "http://localhost:8080/auth/callback/google"
CLIENT = "fittrack-test"


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


def test_discovery_and_jwks_describe_each_provider(sim: OidcSimulator) -> None:
    for provider in ("google", "apple"):
        doc = requests.get(
            f"{sim.issuer(provider)}/.well-known/openid-configuration", timeout=5
        ).json()
        assert doc["issuer"] == sim.issuer(provider)
        assert doc["code_challenge_methods_supported"] == ["S256"]
        keys = requests.get(doc["jwks_uri"], timeout=5).json()["keys"]
        assert keys[0]["kid"] == sim.kid and keys[0]["alg"] == "RS256"
    assert requests.get(f"{sim.url}/facebook/jwks", timeout=5).status_code == 404


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
    code = code_from(authorize(sim, "apple", login_hint="ana@example.com|verified=false|sub=42"))
    token = exchange(sim, code, "apple").json()["id_token"]
    claims = jwt.decode(token, options={"verify_signature": False})
    assert (claims["email"], claims["email_verified"], claims["sub"]) == (
        "ana@example.com",
        "false",
        "42",
    )
    again = exchange(
        sim, code_from(authorize(sim, "apple", login_hint="ana@example.com")), "apple"
    ).json()["id_token"]
    first_sub = jwt.decode(again, options={"verify_signature": False})["sub"]
    repeat = exchange(
        sim, code_from(authorize(sim, "apple", login_hint="ANA@example.com")), "apple"
    ).json()["id_token"]
    assert jwt.decode(repeat, options={"verify_signature": False})["sub"] == first_sub


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
