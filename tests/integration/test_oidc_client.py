"""The OIDC client (authlib + pyjwt) against the local simulator over real HTTP."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from fittrack.adapters import apple_client_secret, oidc
from fittrack.local.simulators.oidc import DEMO_EMAIL, FORGE_MODES, Identity, OidcSimulator
from tests.fixtures.form_post import FormPostPage

CLIENT = "fittrack-test"
SECRET = "s3cret-for-tests"
REDIRECT = "http://localhost:8080/auth/callback/google"


@pytest.fixture
def sim() -> Iterator[OidcSimulator]:
    simulator = OidcSimulator().start()
    simulator.register_client("google", CLIENT, SECRET)
    yield simulator
    simulator.stop()
    oidc.clear_cache()


@pytest.fixture
def client(sim: OidcSimulator) -> oidc.OidcClient:
    return oidc.OidcClient(
        oidc.ProviderSettings(
            name="google",
            issuer=sim.issuer("google"),
            client_id=CLIENT,
            client_secret=SECRET,
            redirect_uri=REDIRECT,
        )
    )


def now() -> datetime:
    return datetime.now(UTC)


def authorize(client: oidc.OidcClient, hint: str | None = None) -> tuple[str, str, str]:
    """Run the browser leg: the (code, nonce, verifier) the callback would hold."""
    state, nonce, verifier = (
        "st-" + secrets.token_hex(4),
        secrets.token_urlsafe(16),
        secrets.token_urlsafe(48),
    )
    url = client.authorization_url(state, nonce, verifier)
    query = parse_qs(urlsplit(url).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] == [nonce]
    assert query["redirect_uri"] == [REDIRECT] and "openid" in query["scope"][0].split()
    if hint:
        url += "&login_hint=" + requests.utils.quote(hint)
    location = requests.get(url, allow_redirects=False, timeout=5).headers["Location"]
    back = parse_qs(urlsplit(location).query)
    assert back["state"] == [state]
    return back["code"][0], nonce, verifier


def test_full_sign_in_returns_the_identity(client: oidc.OidcClient) -> None:
    code, nonce, verifier = authorize(client, "ana@example.com|sub=abc")
    claims = client.sign_in(code, verifier, nonce, now())
    assert claims == oidc.Claims(subject="abc", email="ana@example.com", email_verified=True)


def test_apple_text_booleans_are_understood(sim: OidcSimulator) -> None:
    apple = oidc.OidcClient(
        oidc.ProviderSettings(
            name="apple",
            issuer=sim.issuer("apple"),
            client_id="app-id",
            client_secret="x",
            redirect_uri="http://localhost:8080/auth/callback/apple",
        )
    )
    for verified in (True, False):
        token = sim.mint_id_token(
            "apple", "app-id", identity=Identity("b@example.com", verified, "s"), nonce="n"
        )
        assert apple.verify_id_token(token, "n", now()).email_verified is verified


def test_a_wrong_verifier_is_refused_by_the_provider(client: oidc.OidcClient) -> None:
    code, nonce, _ = authorize(client)
    with pytest.raises(oidc.CodeRejected):
        client.sign_in(code, secrets.token_urlsafe(48), nonce, now())


def test_a_wrong_client_secret_is_refused(sim: OidcSimulator) -> None:
    wrong = oidc.OidcClient(
        oidc.ProviderSettings(
            name="google",
            issuer=sim.issuer("google"),
            client_id=CLIENT,
            client_secret="not-it",
            redirect_uri=REDIRECT,
        )
    )
    code, nonce, verifier = authorize(wrong)
    with pytest.raises(oidc.CodeRejected):
        wrong.sign_in(code, verifier, nonce, now())


@pytest.mark.parametrize("mode", FORGE_MODES)
def test_forged_id_tokens_are_rejected(
    sim: OidcSimulator, client: oidc.OidcClient, mode: str
) -> None:
    code, nonce, verifier = authorize(client)
    sim.forge_next(mode)
    with pytest.raises(oidc.InvalidIdToken):
        client.sign_in(code, verifier, nonce, now())


def test_tokens_are_checked_against_our_clock(sim: OidcSimulator, client: oidc.OidcClient) -> None:
    token = sim.mint_id_token(
        "google", CLIENT, identity=Identity("c@example.com", True, "s"), nonce="n"
    )
    assert client.verify_id_token(token, "n", now()).subject == "s"
    with pytest.raises(oidc.InvalidIdToken, match="expired"):
        client.verify_id_token(token, "n", now() + timedelta(hours=2))
    with pytest.raises(oidc.InvalidIdToken, match="future"):
        client.verify_id_token(token, "n", now() - timedelta(hours=1))


def test_hs256_token_made_with_the_public_key_is_rejected(
    sim: OidcSimulator, client: oidc.OidcClient
) -> None:
    import jwt

    claims = {
        "iss": sim.issuer("google"),
        "aud": CLIENT,
        "sub": "x",
        "nonce": "n",
        "iat": int(now().timestamp()),
        "exp": int(now().timestamp()) + 600,
    }
    token = jwt.encode(claims, "a-shared-secret-of-thirty-two-bytes!", algorithm="HS256")
    with pytest.raises(oidc.InvalidIdToken):
        client.verify_id_token(token, "n", now())


def test_discovery_is_cached_per_process() -> None:
    other = OidcSimulator().start()
    settings = oidc.ProviderSettings(
        name="google",
        issuer=other.issuer("google"),
        client_id=CLIENT,
        client_secret=SECRET,
        redirect_uri=REDIRECT,
    )
    first = oidc.OidcClient(settings).discovery()
    other.stop()  # nothing answers any more, yet the document is still known
    assert oidc.OidcClient(settings).discovery() is first


def test_discovery_must_name_the_configured_issuer(sim: OidcSimulator) -> None:
    # The same server reached under another name: its document names 127.0.0.1.
    aliased = sim.issuer("google").replace("127.0.0.1", "localhost")
    client = oidc.OidcClient(
        oidc.ProviderSettings(
            name="google",
            issuer=aliased,
            client_id=CLIENT,
            client_secret=SECRET,
            redirect_uri=REDIRECT,
        )
    )
    with pytest.raises(oidc.ProviderUnavailable, match="issuer"):
        client.discovery()


def test_plain_http_to_another_host_is_refused() -> None:
    remote = oidc.OidcClient(
        oidc.ProviderSettings(
            name="google",
            issuer="http://accounts.example.com",
            client_id=CLIENT,
            client_secret=SECRET,
            redirect_uri=REDIRECT,
        )
    )
    with pytest.raises(oidc.ProviderUnavailable, match="HTTPS"):
        remote.discovery()


APPLE_REDIRECT = "http://localhost:8080/auth/callback/apple"


def apple_team(sim: OidcSimulator) -> apple_client_secret.AppleTeamKey:
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    sim.register_apple_team(
        "app.services", team_id="TEAM123456", key_id="KEY1234567", public_key_pem=public.decode()
    )
    return apple_client_secret.AppleTeamKey(
        team_id="TEAM123456", key_id="KEY1234567", private_key_pem=pem
    )


def apple_client(sim: OidcSimulator, secret: str) -> oidc.OidcClient:
    return oidc.OidcClient(
        oidc.ProviderSettings(
            name="apple",
            issuer=sim.issuer("apple"),
            client_id="app.services",
            client_secret=secret,
            redirect_uri=APPLE_REDIRECT,
        )
    )


def apple_code(client: oidc.OidcClient, nonce: str) -> str:
    url = client.authorization_url("st-a", nonce, secrets.token_urlsafe(48))
    query = parse_qs(urlsplit(url).query)
    assert query["response_mode"] == ["form_post"] and "name" in query["scope"][0].split()
    page = requests.get(url, allow_redirects=False, timeout=5)
    return FormPostPage(page.text).fields["code"]


def test_apple_gets_a_minted_es256_secret_in_the_form_body(sim: OidcSimulator) -> None:
    team = apple_team(sim)
    secret = apple_client_secret.client_secret(team, "app.services", now())
    client = apple_client(sim, secret)
    assert client.token_auth_method() == "client_secret_post"
    claims = client.sign_in(apple_code(client, "n-a"), "unused-by-apple", "n-a", now())
    assert claims.email == DEMO_EMAIL and claims.email_verified
    header = jwt.get_unverified_header(secret)
    body = jwt.decode(secret, options={"verify_signature": False})
    assert (header["alg"], header["kid"]) == ("ES256", "KEY1234567")
    assert (body["iss"], body["sub"], body["aud"]) == (
        "TEAM123456",
        "app.services",
        "https://appleid.apple.com",
    )
    assert 0 < body["exp"] - body["iat"] <= 15_777_000


def test_apple_refuses_a_static_client_secret(sim: OidcSimulator) -> None:
    apple_team(sim)
    client = apple_client(sim, "a-static-secret-from-the-store")
    with pytest.raises(oidc.CodeRejected, match="invalid_client"):
        client.sign_in(apple_code(client, "n-b"), "unused", "n-b", now())


def test_the_apple_secret_is_cached_and_minted_again_before_it_expires(
    sim: OidcSimulator,
) -> None:
    apple_client_secret.clear_cache()
    team = apple_team(sim)
    start = now()
    first = apple_client_secret.client_secret(team, "app.services", start)
    assert (
        apple_client_secret.client_secret(team, "app.services", start + timedelta(hours=1)) == first
    )
    near_expiry = start + apple_client_secret.LIFETIME - timedelta(minutes=30)
    renewed = apple_client_secret.client_secret(team, "app.services", near_expiry)
    assert renewed != first
    assert jwt.decode(renewed, options={"verify_signature": False})["iat"] == int(
        near_expiry.timestamp()
    )


def test_google_legacy_issuer_is_accepted_and_nothing_else(
    sim: OidcSimulator, client: oidc.OidcClient
) -> None:
    bare = Identity("l@gmail.com", True, "s", bare_issuer=True)
    token = sim.mint_id_token("google", CLIENT, identity=bare, nonce="n")
    assert client.verify_id_token(token, "n", now()).subject == "s"
    other = jwt.encode(
        {**jwt.decode(token, options={"verify_signature": False}), "iss": "evil.example"},
        "x" * 32,
        algorithm="HS256",
    )
    with pytest.raises(oidc.InvalidIdToken):
        client.verify_id_token(other, "n", now())


def test_google_is_authoritative_only_for_gmail_and_workspace() -> None:
    def claims(email: str, hd: str | None = None, verified: bool = True) -> oidc.Claims:
        return oidc.Claims(subject="s", email=email, email_verified=verified, hosted_domain=hd)

    assert oidc.google_is_authoritative(claims("a@gmail.com"))
    assert oidc.google_is_authoritative(claims("a@corp.example", hd="corp.example"))
    assert not oidc.google_is_authoritative(claims("a@corp.example"))
    assert not oidc.google_is_authoritative(claims("a@gmail.com", verified=False))
