"""Social login over real HTTP: our API, the browser leg to the OIDC simulator, back."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from fittrack.adapters import oidc
from fittrack.adapters.crypto import cipher_from_secrets
from fittrack.local.server import LocalPlatform
from fittrack.local.simulators.oidc import FORGE_MODES, s256
from fittrack.repositories import social_identities, users
from fittrack.services import social_links
from tests.api.conftest import Client
from tests.fixtures.form_post import FormPostPage
from tests.fixtures.members import session_token

SOCIAL = "/api/v1/auth/social"


@pytest.fixture(autouse=True)
def simulated_providers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Whatever the shell says, these tests talk to the local simulator."""
    for name in ("GOOGLE", "APPLE"):
        monkeypatch.delenv(f"FITTRACK_OIDC_{name}_ISSUER", raising=False)
        monkeypatch.delenv(f"FITTRACK_OIDC_{name}_CLIENT_ID", raising=False)
        monkeypatch.delenv(f"FITTRACK_SECRET_OIDC_{name}_CLIENT_SECRET", raising=False)
    yield
    oidc.clear_cache()


@dataclass(frozen=True)
class Answer:
    """The provider's answer to the browser: where it goes next and what it carries,
    the state we issued, and the binding cookie initiate set (Apple)."""

    target: str
    fields: dict[str, str]
    state: str
    binding: str | None


def provider_answer(api: Client, provider: str = "google", hint: str | None = None) -> Answer:
    """initiate, then the provider's page. Google redirects with a query; Apple's page
    POSTs a form (response_mode=form_post) to our form-post route."""
    started = api.post(f"{SOCIAL}/{provider}/initiate")
    assert started.status_code == 200, started.text
    body = started.json()
    jar: SimpleCookie = SimpleCookie(started.headers.get("Set-Cookie", ""))
    binding = jar["ft_signin_bind"].value if "ft_signin_bind" in jar else None
    url = body["authorizationUrl"] + ("&" + urlencode({"login_hint": hint}) if hint else "")
    answered = requests.get(url, allow_redirects=False, timeout=10)
    if provider == "apple":
        assert answered.status_code == 200, answered.text
        form = FormPostPage(answered.text)
        assert form.method == "post"
        return Answer(form.action, form.fields, body["state"], binding)
    assert answered.status_code == 302, answered.text
    location = urlsplit(answered.headers["Location"])
    fields = {k: v[-1] for k, v in parse_qs(location.query).items()}
    return Answer(location._replace(query="").geturl(), fields, body["state"], binding)


def form_post(api: Client, answer: Answer, binding: str | None) -> requests.Response:
    """What the browser does with Apple's page: POST the form cross-site, with only the
    SameSite=None binding cookie (no Lax/Strict cookie travels on it)."""
    assert urlsplit(answer.target).path == f"{SOCIAL}/apple/form-post"
    headers = {"Cookie": f"ft_signin_bind={binding}"} if binding else {}
    return requests.post(
        api.base + urlsplit(answer.target).path,
        data=answer.fields,
        headers=headers,
        allow_redirects=False,
        timeout=10,
    )


def back_in_app(response: requests.Response) -> dict[str, str]:
    """The app's callback route the form post sends the browser to, and its query."""
    assert response.status_code == 303, response.text
    location = urlsplit(response.headers["Location"])
    assert location.path == "/auth/callback/apple"
    return {k: v[-1] for k, v in parse_qs(location.query).items()}


def provider_leg(api: Client, provider: str = "google", hint: str | None = None) -> tuple[str, str]:
    """initiate, then what the browser does: the code and state the provider hands back
    (for Apple, through our form-post route)."""
    answer = provider_answer(api, provider, hint)
    fields = answer.fields
    if provider == "apple":
        fields = back_in_app(form_post(api, answer, answer.binding))
    else:
        assert urlsplit(answer.target).path == f"/auth/callback/{provider}"
    assert fields["state"] == answer.state, fields
    return fields["code"], answer.state


def callback(
    api: Client, code: str, state: str, provider: str = "google", **extra: Any
) -> requests.Response:
    return api.post(f"{SOCIAL}/{provider}/callback", json={"code": code, "state": state, **extra})


def sign_in(
    api: Client, hint: str | None = None, provider: str = "google", **extra: Any
) -> requests.Response:
    code, state = provider_leg(api, provider, hint)
    return callback(api, code, state, provider, **extra)


def assert_problem(response: requests.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    return response.json()


def existing_member(
    local: LocalPlatform, email: str, *, verified: bool = True, status: str = "active"
) -> str:
    platform = local.platform
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        user_id = users.insert(
            uow,
            users.NewUser(
                email=email,
                password_hash=None,
                date_of_birth=now.date().replace(year=1990),
                state_of_residence="CA",
                terms_version="2026-11",
                rules_version="2026-11",
                status=status,
                email_verified_at=now if verified else None,
            ),
            now,
        )
    return str(user_id)


def linked_user(local: LocalPlatform, provider: str, subject: str) -> str | None:
    with local.platform.db.unit_of_work(readonly=True) as uow:
        identity = social_identities.find(uow, provider, subject)
    return str(identity.user_id) if identity else None


def test_first_sign_in_creates_a_pending_account_whose_tokens_work(
    api: Client, local_platform: LocalPlatform
) -> None:
    response = sign_in(api, "new.member@gmail.com|sub=g-1", deviceId="phone-1")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["tokenType"] == "Bearer" and body["expiresIn"] == 3600 and body["refreshToken"]
    assert body["user"]["email"] == "new.member@gmail.com"
    assert (body["user"]["status"], body["user"]["role"]) == ("pending", "user")
    assert body["accountCreated"] is True and body["needsRegistrationDetails"] is True
    caller = local_platform.platform.tokens.verify_access(body["accessToken"])
    assert str(caller.user_id) == body["user"]["userId"]
    sessions = api.get(
        "/api/v1/auth/sessions", headers={"Authorization": f"Bearer {body['accessToken']}"}
    )
    assert sessions.status_code == 200, sessions.text
    assert [s["deviceId"] for s in sessions.json()["sessions"]] == ["phone-1"]
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        user = users.get(uow, body["user"]["userId"])
    assert user is not None and user.password_hash is None and user.is_verified
    assert user.date_of_birth is None and user.state_of_residence is None
    assert linked_user(local_platform, "google", "g-1") == body["user"]["userId"]

    again = sign_in(api, "new.member@gmail.com|sub=g-1")
    assert again.status_code == 200
    assert again.json()["user"]["userId"] == body["user"]["userId"]
    assert again.json()["accountCreated"] is False


def test_an_unverified_provider_email_creates_an_unverified_account(
    api: Client, local_platform: LocalPlatform
) -> None:
    response = sign_in(api, "fresh@example.com|verified=false", provider="apple")
    assert response.status_code == 200, response.text
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        user = users.get(uow, response.json()["user"]["userId"])
    assert user is not None and user.status == "pending" and not user.is_verified


def test_a_verified_email_links_the_existing_account(
    api: Client, local_platform: LocalPlatform
) -> None:
    user_id = existing_member(local_platform, "Linked.Member@gmail.com")
    response = sign_in(api, "linked.member@GMAIL.com|sub=g-77")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["user"]["userId"] == user_id and body["user"]["status"] == "active"
    assert body["accountCreated"] is False and body["needsRegistrationDetails"] is False
    assert linked_user(local_platform, "google", "g-77") == user_id
    apple = sign_in(api, "linked.member@gmail.com|sub=a-77", provider="apple")
    assert apple.status_code == 200 and apple.json()["user"]["userId"] == user_id


def test_google_links_a_workspace_account_by_its_hosted_domain(
    api: Client, local_platform: LocalPlatform
) -> None:
    user_id = existing_member(local_platform, "ana@corp.example")
    response = sign_in(api, "ana@corp.example|hd=corp.example|sub=g-ws")
    assert response.status_code == 200, response.text
    assert response.json()["user"]["userId"] == user_id
    assert linked_user(local_platform, "google", "g-ws") == user_id


def test_google_does_not_link_an_address_it_does_not_manage(
    api: Client, local_platform: LocalPlatform
) -> None:
    """A Google account made with a third-party address stays 'verified' after its
    owner loses the address; linking on its word would hand over the account."""
    existing_member(local_platform, "owner@lapsed-domain.example")
    problem = assert_problem(sign_in(api, "owner@lapsed-domain.example|sub=g-takeover"), 409)
    assert problem["reason"] == "email_not_authoritative" and "password" in problem["detail"]
    assert linked_user(local_platform, "google", "g-takeover") is None


def test_a_new_account_is_verified_only_where_google_manages_the_address(
    api: Client, local_platform: LocalPlatform
) -> None:
    third_party = sign_in(api, "someone@elsewhere.example|sub=g-3p")
    assert third_party.status_code == 200, third_party.text
    gmail = sign_in(api, "someone@gmail.com|sub=g-gm")
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        unproven = users.get(uow, third_party.json()["user"]["userId"])
        proven = users.get(uow, gmail.json()["user"]["userId"])
    assert unproven is not None and not unproven.is_verified
    assert proven is not None and proven.is_verified


def test_google_legacy_issuer_without_scheme_is_accepted(api: Client) -> None:
    response = sign_in(api, "legacy@gmail.com|iss=bare|sub=g-bare")
    assert response.status_code == 200, response.text


def test_apple_sign_in_mints_a_client_secret_apple_accepts(
    api: Client, local_platform: LocalPlatform
) -> None:
    """The simulator refuses anything but an ES256 JWT from the team key in the form."""
    response = sign_in(api, "apple.member@icloud.com|sub=a-1", provider="apple")
    assert response.status_code == 200, response.text
    assert linked_user(local_platform, "apple", "a-1") == response.json()["user"]["userId"]


@pytest.mark.parametrize("private", ["true", "bool"])
def test_apple_private_relay_accounts_are_marked_and_never_linked_by_email(
    api: Client, local_platform: LocalPlatform, private: str
) -> None:
    relay = f"x{private}@privaterelay.appleid.com"
    created = sign_in(api, f"{relay}|sub=a-relay-{private}|private={private}", provider="apple")
    assert created.status_code == 200, created.text
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        identity = social_identities.find(uow, "apple", f"a-relay-{private}")
    assert identity is not None and identity.private_email is True

    hidden = f"hidden{private}@privaterelay.appleid.com"
    existing_member(local_platform, hidden)
    problem = assert_problem(
        sign_in(api, f"{hidden}|sub=a-other-{private}|private={private}", provider="apple"), 409
    )
    assert problem["reason"] == "private_relay_email"
    assert linked_user(local_platform, "apple", f"a-other-{private}") is None


def test_an_unverified_provider_email_does_not_link(
    api: Client, local_platform: LocalPlatform
) -> None:
    existing_member(local_platform, "careful@example.com")
    problem = assert_problem(sign_in(api, "careful@example.com|verified=false|sub=g-2"), 409)
    assert "password" in problem["detail"] and problem["reason"] == "email_not_verified"
    assert linked_user(local_platform, "google", "g-2") is None


def test_an_account_that_never_confirmed_its_email_is_not_linked(
    api: Client, local_platform: LocalPlatform
) -> None:
    existing_member(local_platform, "squatted@gmail.com", verified=False, status="pending")
    problem = assert_problem(sign_in(api, "squatted@gmail.com|sub=g-3"), 409)
    assert problem["reason"] == "account_email_not_verified"
    assert linked_user(local_platform, "google", "g-3") is None


def test_banned_members_cannot_sign_in(api: Client, local_platform: LocalPlatform) -> None:
    existing_member(local_platform, "banned@example.com", status="banned")
    assert_problem(sign_in(api, "banned@example.com|sub=g-4"), 403)


def test_a_state_works_once(api: Client) -> None:
    code, state = provider_leg(api)
    assert callback(api, code, state).status_code == 200
    problem = assert_problem(callback(api, code, state), 409)
    assert problem["type"].endswith("/invalid-oauth-state")
    code, _ = provider_leg(api)
    assert_problem(callback(api, code, "never-issued"), 409)


def test_a_state_belongs_to_its_provider(api: Client) -> None:
    code, state = provider_leg(api, "google")
    assert_problem(callback(api, code, state, "apple"), 409)


def test_an_expired_state_is_refused(api: Client, local_platform: LocalPlatform) -> None:
    code, state = provider_leg(api)
    past = local_platform.platform.clock() - timedelta(seconds=1)
    with local_platform.platform.db.unit_of_work() as uow:
        uow.execute(
            "UPDATE oauth_states SET expires_at = :past WHERE state = :state",
            {"past": past, "state": state},
        )
    assert "expired" in assert_problem(callback(api, code, state), 409)["detail"]


def test_the_verifier_is_stored_encrypted_and_a_wrong_one_is_refused(
    api: Client, local_platform: LocalPlatform
) -> None:
    started = api.post(f"{SOCIAL}/google/initiate").json()
    query = parse_qs(urlsplit(started["authorizationUrl"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"][0]
    state = started["state"]
    redirected = requests.get(started["authorizationUrl"], allow_redirects=False, timeout=10)
    code = parse_qs(urlsplit(redirected.headers["Location"]).query)["code"][0]
    platform = local_platform.platform
    cipher = cipher_from_secrets(platform.secrets)
    with platform.db.unit_of_work() as uow:
        sealed = bytes(
            uow.scalar(
                "SELECT code_verifier_enc FROM oauth_states WHERE state = :state", {"state": state}
            )
        )
        verifier = cipher.decrypt(sealed, state.encode())
        assert s256(verifier) == query["code_challenge"][0]
        assert verifier.encode() not in sealed
        uow.execute(
            "UPDATE oauth_states SET code_verifier_enc = :blob WHERE state = :state",
            {"blob": cipher.encrypt("x" * 64, state.encode()), "state": state},
        )
    problem = assert_problem(callback(api, code, state), 401)
    assert "refused" in problem["detail"]


@pytest.mark.parametrize("mode", FORGE_MODES)
def test_forged_id_tokens_are_rejected(
    api: Client, local_platform: LocalPlatform, mode: str
) -> None:
    assert local_platform.oidc is not None
    code, state = provider_leg(api, hint=f"forged-{mode}@example.com")
    local_platform.oidc.forge_next(mode)
    problem = assert_problem(callback(api, code, state), 401)
    assert problem["detail"].startswith("Sign-in with Google failed")
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        assert users.find_by_email(uow, f"forged-{mode}@example.com") is None


def test_unknown_providers_are_not_found(api: Client) -> None:
    assert_problem(api.post(f"{SOCIAL}/facebook/initiate"), 404)
    assert_problem(api.post(f"{SOCIAL}/facebook/callback", json={"code": "c", "state": "s"}), 404)


def test_the_callback_body_is_validated(api: Client) -> None:
    problem = assert_problem(api.post(f"{SOCIAL}/google/callback", json={"state": "s"}), 400)
    assert [e["field"] for e in problem["errors"]] == ["code"]


def test_apple_form_post_needs_the_browser_that_started_it(
    api: Client, local_platform: LocalPlatform
) -> None:
    answer = provider_answer(api, "apple", "posted@example.com|sub=a-post")
    for binding in (None, "someone-elses-cookie"):
        assert back_in_app(form_post(api, answer, binding)) == {"error": "invalid_state"}
    forged = Answer(answer.target, {**answer.fields, "state": "never-issued"}, "x", None)
    assert back_in_app(form_post(api, forged, answer.binding)) == {"error": "invalid_state"}
    back = back_in_app(form_post(api, answer, answer.binding))
    assert back == {"code": answer.fields["code"], "state": answer.state}
    assert callback(api, back["code"], back["state"], "apple").status_code == 200
    # The state is burnt: the same form cannot be posted again.
    assert back_in_app(form_post(api, answer, answer.binding)) == {"error": "invalid_state"}


def test_apple_declined_consent_goes_back_to_the_app(api: Client) -> None:
    answer = provider_answer(api, "apple")
    declined = Answer(
        answer.target,
        {"state": answer.state, "error": "user_cancelled_authorize"},
        answer.state,
        answer.binding,
    )
    assert back_in_app(form_post(api, declined, answer.binding)) == {
        "error": "user_cancelled_authorize",
        "state": answer.state,
    }


def test_apple_first_time_name_is_kept_on_the_identity(
    api: Client, local_platform: LocalPlatform
) -> None:
    response = sign_in(api, "named@example.com|sub=a-named|name=Ana Lima", provider="apple")
    assert response.status_code == 200, response.text
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        identity = social_identities.find(uow, "apple", "a-named")
    assert identity is not None and identity.display_name == "Ana Lima"
    again = sign_in(api, "named@example.com|sub=a-named|name=Ana Lima", provider="apple")
    assert again.status_code == 200  # Apple sends no name now; the kept one stays
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        kept = social_identities.find(uow, "apple", "a-named")
    assert kept is not None and kept.display_name == "Ana Lima"


def _link(api: Client, token: str, bearer: str) -> requests.Response:
    return api.post(
        f"{SOCIAL}/link", json={"linkToken": token}, headers={"Authorization": f"Bearer {bearer}"}
    )


def test_a_refused_link_completes_once_the_member_signs_in_to_the_account(
    api: Client, local_platform: LocalPlatform
) -> None:
    """Google cannot vouch for the address; the member's own session can: the link
    token proves the Google account, the session the FitTrack account."""
    owner = existing_member(local_platform, "owner@own-domain.example")
    other = existing_member(local_platform, "someone.else@gmail.com")
    refused = assert_problem(sign_in(api, "owner@own-domain.example|sub=g-later"), 409)
    token = refused["linkToken"]
    assert linked_user(local_platform, "google", "g-later") is None

    platform = local_platform.platform
    stranger = _link(api, token, session_token(platform, uuid.UUID(other)))
    assert assert_problem(stranger, 409)["errors"][0]["field"] == "linkToken"
    assert linked_user(local_platform, "google", "g-later") is None  # and the token lives on

    linked = _link(api, token, session_token(platform, uuid.UUID(owner)))
    assert linked.status_code == 200, linked.text
    assert linked.json()["provider"] == "google"
    assert linked_user(local_platform, "google", "g-later") == owner
    again = sign_in(api, "owner@own-domain.example|sub=g-later")
    assert again.status_code == 200 and again.json()["user"]["userId"] == owner

    replayed = _link(api, token, session_token(platform, uuid.UUID(owner)))
    assert assert_problem(replayed, 409)["type"].endswith("/field-conflict")


def test_a_link_token_expires(api: Client, local_platform: LocalPlatform) -> None:
    owner = existing_member(local_platform, "late@own-domain.example")
    token = assert_problem(sign_in(api, "late@own-domain.example|sub=g-late"), 409)["linkToken"]
    local_platform.platform.cache.delete(social_links._key(token))  # what the TTL does
    answer = _link(api, token, session_token(local_platform.platform, uuid.UUID(owner)))
    assert_problem(answer, 409)
    assert linked_user(local_platform, "google", "g-late") is None


def test_linking_needs_a_signed_in_member(api: Client) -> None:
    assert_problem(api.post(f"{SOCIAL}/link", json={"linkToken": "x"}), 401)
