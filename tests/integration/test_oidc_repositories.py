"""oauth_states and social_identities repositories on SQLite."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fittrack.db import Database, UniqueViolation
from fittrack.repositories import oauth_states, social_identities
from tests.fixtures.db import NOW, insert_user


def new_state(state: str = "st-1", minutes: int = 10) -> oauth_states.NewOAuthState:
    return oauth_states.NewOAuthState(
        state=state,
        nonce="n-1",
        code_verifier_enc=b"\x01sealed",
        provider="google",
        purpose="login",
        redirect_uri="http://localhost:8080/auth/callback/google",
        expires_at=NOW + timedelta(minutes=minutes),
    )


def test_a_state_reads_back_and_burns_once(database: Database) -> None:
    with database.unit_of_work() as uow:
        oauth_states.insert(uow, new_state(), NOW)
    with database.unit_of_work() as uow:
        found = oauth_states.find(uow, "st-1")
        assert found is not None
        assert (found.nonce, found.code_verifier_enc, found.provider, found.used_at) == (
            "n-1",
            b"\x01sealed",
            "google",
            None,
        )
        assert found.expires_at == NOW + timedelta(minutes=10)
        assert oauth_states.mark_used(uow, found.state_id, NOW)
        assert not oauth_states.mark_used(uow, found.state_id, NOW)
    with database.unit_of_work(readonly=True) as uow:
        again = oauth_states.find(uow, "st-1")
        assert again is not None and again.used_at == NOW
        assert oauth_states.find(uow, "unknown") is None


def test_states_are_unique_and_expired_ones_are_forgotten(database: Database) -> None:
    with database.unit_of_work() as uow:
        oauth_states.insert(uow, new_state("old", minutes=-60), NOW)
        oauth_states.insert(uow, new_state("fresh"), NOW)
    with pytest.raises(UniqueViolation), database.unit_of_work() as uow:
        oauth_states.insert(uow, new_state("fresh"), NOW)
    with database.unit_of_work() as uow:
        assert oauth_states.delete_expired(uow, "login", NOW) == 1
        assert oauth_states.find(uow, "old") is None
        assert oauth_states.find(uow, "fresh") is not None


def test_social_identities_link_one_subject_to_one_member(database: Database) -> None:
    with database.unit_of_work() as uow:
        user_id = insert_user(uow)
        other = insert_user(uow)
        identity_id = social_identities.insert(
            uow, user_id, provider="google", subject="sub-1", email="a@x.com", now=NOW
        )
        social_identities.insert(
            uow,
            user_id,
            provider="apple",
            subject="sub-1",
            email=None,
            now=NOW + timedelta(seconds=1),
        )
    with pytest.raises(UniqueViolation), database.unit_of_work() as uow:
        social_identities.insert(
            uow, other, provider="google", subject="sub-1", email=None, now=NOW
        )
    later = NOW + timedelta(days=1)
    with database.unit_of_work() as uow:
        social_identities.record_login(uow, identity_id, None, later)
        found = social_identities.find(uow, "google", "sub-1")
        assert found is not None and found.user_id == user_id
        assert (found.email, found.last_login_at) == ("a@x.com", later)
        assert [i.provider for i in social_identities.for_user(uow, user_id)] == ["google", "apple"]
        social_identities.delete(uow, identity_id)
        assert social_identities.find(uow, "google", "sub-1") is None
