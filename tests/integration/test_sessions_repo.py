"""Sessions, refresh tokens, email tokens and the users repository's sign-in writes.

Runs on SQLite always, and on a real Oracle too when FITTRACK_TEST_ORACLE_DSN is set
(with _USER and _PASSWORD); Oracle rows are removed afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest

from fittrack.db import Database, UniqueViolation, ids
from fittrack.repositories import email_tokens, users
from fittrack.repositories import sessions as repo
from tests.fixtures.db import NOW

ORACLE_DSN = os.environ.get("FITTRACK_TEST_ORACLE_DSN")
LATER = NOW + timedelta(days=30)


@pytest.fixture(params=["sqlite", "oracle"])
def db(request: pytest.FixtureRequest) -> Iterator[Database]:
    if request.param == "sqlite":
        yield request.getfixturevalue("database")
        return
    if not ORACLE_DSN:
        pytest.skip("FITTRACK_TEST_ORACLE_DSN is not set")
    from fittrack.db import migrate
    from fittrack.db.oracle import OracleConfig, OracleDatabase

    password = os.environ.get("FITTRACK_TEST_ORACLE_PASSWORD", "")
    oracle = OracleDatabase(
        OracleConfig(os.environ.get("FITTRACK_TEST_ORACLE_USER", "fittrack"), ORACLE_DSN),
        password=lambda: password,
    )
    migrate(oracle)
    yield oracle
    oracle.close()


@pytest.fixture
def user_id(db: Database) -> Iterator[uuid.UUID]:
    with db.unit_of_work() as uow:
        new = users.insert(
            uow,
            users.NewUser(
                email=f"repo-{uuid.uuid4().hex}@Example.com",
                password_hash="x",
                date_of_birth=None,
                state_of_residence=None,
                terms_version=None,
                rules_version=None,
            ),
            NOW,
        )
    yield new
    with db.unit_of_work() as uow:
        uow.execute("DELETE FROM users WHERE user_id = :id", {"id": ids.to_db(new)})


def test_one_active_session_per_device(db: Database, user_id: uuid.UUID) -> None:
    with db.unit_of_work() as uow:
        first = repo.insert_session(
            uow,
            user_id,
            device_id="phone",
            user_agent="UA",
            ip_address="198.51.100.7",
            now=NOW,
            expires_at=LATER,
        )
    with pytest.raises(UniqueViolation), db.unit_of_work() as uow:
        repo.insert_session(
            uow,
            user_id,
            device_id="phone",
            user_agent=None,
            ip_address=None,
            now=NOW,
            expires_at=LATER,
        )
    with db.unit_of_work() as uow:
        assert (
            repo.revoke_device_sessions(
                uow, user_id, device_id="phone", now=NOW, reason="replaced_on_device"
            )
            == 1
        )
        second = repo.insert_session(
            uow,
            user_id,
            device_id="phone",
            user_agent=None,
            ip_address=None,
            now=NOW,
            expires_at=LATER,
        )
        old = repo.get_session(uow, first)
        active = repo.list_active(uow, user_id, NOW)
    assert old is not None and old.revoked_reason == "replaced_on_device"
    assert not old.is_active(NOW)
    assert [s.session_id for s in active] == [second]


def test_revoking_sessions_revokes_their_refresh_tokens(db: Database, user_id: uuid.UUID) -> None:
    with db.unit_of_work() as uow:
        keep = repo.insert_session(
            uow,
            user_id,
            device_id="keep",
            user_agent=None,
            ip_address=None,
            now=NOW,
            expires_at=LATER,
        )
        drop = repo.insert_session(
            uow,
            user_id,
            device_id="drop",
            user_agent=None,
            ip_address=None,
            now=NOW,
            expires_at=LATER,
        )
        for sid, name in ((keep, "k"), (drop, "d")):
            repo.insert_refresh_token(
                uow,
                sid,
                user_id=user_id,
                family_id=ids.new_id(),
                parent_token_id=None,
                token_hash=f"hash-{name}-" + uuid.uuid4().hex,
                now=NOW,
                expires_at=LATER,
            )
        assert (
            repo.revoke_user_sessions(uow, user_id, now=NOW, reason="password_changed", keep=keep)
            == 1
        )
        rows = uow.query(
            "SELECT session_id, revoked_at FROM refresh_tokens WHERE user_id = :id",
            {"id": ids.to_db(user_id)},
        )
    revoked = {ids.from_db(r["session_id"]): r["revoked_at"] is not None for r in rows}
    assert revoked == {keep: False, drop: True}
    with db.unit_of_work() as uow:
        assert repo.revoke_user_sessions(uow, user_id, now=NOW, reason="logout_all") == 1
        assert repo.list_active(uow, user_id, NOW) == []


def test_rotation_is_single_use_and_families_revoke_together(
    db: Database, user_id: uuid.UUID
) -> None:
    family = ids.new_id()
    first_hash, second_hash = uuid.uuid4().hex, uuid.uuid4().hex
    with db.unit_of_work() as uow:
        sid = repo.insert_session(
            uow,
            user_id,
            device_id="device",
            user_agent=None,
            ip_address=None,
            now=NOW,
            expires_at=LATER,
        )
        first = repo.insert_refresh_token(
            uow,
            sid,
            user_id=user_id,
            family_id=family,
            parent_token_id=None,
            token_hash=first_hash,
            now=NOW,
            expires_at=LATER,
        )
        assert repo.mark_rotated(uow, first, NOW)
        assert not repo.mark_rotated(uow, first, NOW)
        repo.insert_refresh_token(
            uow,
            sid,
            user_id=user_id,
            family_id=family,
            parent_token_id=first,
            token_hash=second_hash,
            now=NOW,
            expires_at=LATER,
        )
    with db.unit_of_work() as uow:
        token = repo.find_refresh_token(uow, second_hash)
        assert token is not None and token.parent_token_id == first
        assert token.family_id == family and token.rotated_at is None
        assert repo.revoke_family(uow, family, NOW) == [sid]
        assert not repo.mark_rotated(uow, token.token_id, NOW)
        assert repo.find_refresh_token(uow, "unknown") is None


def test_email_tokens_are_single_use(db: Database, user_id: uuid.UUID) -> None:
    token_hash = uuid.uuid4().hex
    with db.unit_of_work() as uow:
        token_id = email_tokens.insert(
            uow,
            user_id,
            purpose="verify_email",
            token_hash=token_hash,
            now=NOW,
            expires_at=NOW + timedelta(hours=24),
        )
        assert email_tokens.find(uow, token_hash, "reset_password") is None
        found = email_tokens.find(uow, token_hash, "verify_email")
        assert found is not None and found.token_id == token_id
        assert found.is_usable(NOW) and not found.is_usable(NOW + timedelta(hours=24))
        assert email_tokens.mark_used(uow, token_id, NOW)
        assert not email_tokens.mark_used(uow, token_id, NOW)
        other = uuid.uuid4().hex
        email_tokens.insert(
            uow,
            user_id,
            purpose="reset_password",
            token_hash=other,
            now=NOW,
            expires_at=NOW + timedelta(hours=1),
        )
        assert email_tokens.retire_unused(uow, user_id, "reset_password", NOW) == 1
        spent = email_tokens.find(uow, other, "reset_password")
    assert spent is not None and not spent.is_usable(NOW)


def test_sign_in_bookkeeping(db: Database, user_id: uuid.UUID) -> None:
    until = NOW + timedelta(minutes=15)
    with db.unit_of_work() as uow:
        users.record_login_failure(
            uow, user_id, failed_count=0, lockout_count=1, locked_until=until, now=NOW
        )
        locked = users.get(uow, user_id)
        users.record_login_success(uow, user_id, NOW, "new-hash")
        users.mark_email_verified(uow, user_id, NOW)
        users.set_role(uow, user_id, "admin", NOW)
        done = users.get(uow, user_id)
        users.set_password(uow, user_id, password_hash="newer-hash", now=NOW)
        reset = users.get(uow, user_id)
    assert locked is not None and (locked.lockout_count, locked.locked_until) == (1, until)
    assert done is not None and done.locked_until is None and done.lockout_count == 0
    assert done.password_hash == "new-hash" and done.last_login_at == NOW
    assert done.is_verified and done.role == "admin"
    assert reset is not None and reset.password_hash == "newer-hash"
