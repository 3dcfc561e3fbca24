"""The OIDC client (authlib + pyjwt) against the local simulator over real HTTP."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from fittrack.adapters import oidc
from fittrack.local.simulators.oidc import FORGE_MODES, Identity, OidcSimulator

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
