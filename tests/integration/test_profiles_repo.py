"""Profiles and member data on a real database.

Runs on SQLite always, and on a real Oracle too when FITTRACK_TEST_ORACLE_DSN is set
(with _USER and _PASSWORD); the members made here are removed afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from fittrack.db import Database, UniqueViolation, UnitOfWork, ids
from fittrack.db.binds import placeholders
from fittrack.domain import profiles as rules
from fittrack.repositories import member_data, profiles, users
from tests.fixtures.db import NOW

ORACLE_DSN = os.environ.get("FITTRACK_TEST_ORACLE_DSN")
made: list[uuid.UUID] = []


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
    made.clear()
    yield oracle
    with oracle.unit_of_work() as uow:
        for user_id in made:  # the ledger has no ON DELETE CASCADE; the rest does
            uow.execute("DELETE FROM point_ledger WHERE user_id = :u", {"u": ids.to_db(user_id)})
            uow.execute("DELETE FROM users WHERE user_id = :u", {"u": ids.to_db(user_id)})
            uow.execute("DELETE FROM devices WHERE device_id = :d", {"d": "dev-" + user_id.hex})
    oracle.close()


def new_member(uow: UnitOfWork, dob: date | None = date(1996, 3, 15)) -> uuid.UUID:
    user_id = users.insert(
        uow,
        users.NewUser(
            email=f"{uuid.uuid4().hex}@Example.com",
            password_hash="argon2-hash",
            date_of_birth=dob,
            state_of_residence="CA",
            terms_version="v1",
            rules_version="v1",
            status="active",
        ),
        NOW,
    )
    made.append(user_id)
    return user_id


def unique(name: str) -> str:
    return f"{name} {uuid.uuid4().hex[:8]}"


def complete(name: str, bracket: str = "30-39") -> profiles.Profile:
    return profiles.Profile(
        display_name=name,
        biological_sex="male",
        fitness_level="beginner",
        goals=["endurance"],
        height_inches=70,
        weight_pounds=180,
        age_bracket=bracket,
        tier_code=f"M-{bracket}-BEG",
        completed_at=NOW,
    )


def add_personal_rows(uow: UnitOfWork, user_id: uuid.UUID) -> None:
    """One row in each table holding the member's personal data."""
    uid, session, connection = ids.to_db(user_id), ids.new_id(), ids.new_id()
    p = {"u": uid, "now": NOW, "later": NOW + timedelta(days=30), "d": "dev-" + user_id.hex}

    def execute(sql: str, binds: dict[str, Any]) -> None:
        """Each statement gets the shared values it names (Oracle refuses stray binds)."""
        uow.execute(sql, {k: v for k, v in binds.items() if k.upper() in placeholders(sql)})

    execute(
        "INSERT INTO auth_sessions (session_id, user_id, device_id, user_agent,"
        " ip_address, expires_at) VALUES (:s, :u, 'dev-1', 'UA', '10.0.0.1', :later)",
        {**p, "s": ids.to_db(session)},
    )
    execute(
        "INSERT INTO refresh_tokens (token_id, session_id, user_id, family_id,"
        " token_hash, expires_at) VALUES (:t, :s, :u, :t, :hash, :later)",
        {
            **p,
            "t": ids.to_db(ids.new_id()),
            "s": ids.to_db(session),
            "hash": "refresh-hash-" + user_id.hex,
        },
    )
    execute(
        "INSERT INTO email_tokens (token_id, user_id, purpose, token_hash, expires_at)"
        " VALUES (:t, :u, 'verify_email', :hash, :later)",
        {**p, "t": ids.to_db(ids.new_id()), "hash": "email-hash-" + user_id.hex},
    )
    execute(
        "INSERT INTO social_identities (identity_id, user_id, provider, subject, email)"
        " VALUES (:i, :u, 'google', :sub, 'g@example.com')",
        {**p, "i": ids.to_db(ids.new_id()), "sub": user_id.hex},
    )
    execute("INSERT INTO devices (device_id) VALUES (:d)", {"d": p["d"]})
    execute(
        "INSERT INTO device_sightings (device_id, user_id) VALUES (:d, :u)", {"d": p["d"], "u": uid}
    )
    execute(
        "INSERT INTO tracker_connections (connection_id, user_id, provider,"
        " external_user_id, access_token_enc, refresh_token_enc, is_primary)"
        " VALUES (:c, :u, 'fitbit', 'FB1', :enc, :enc, :yes)",
        {**p, "c": ids.to_db(connection), "enc": b"secret-bytes", "yes": True},
    )
    execute(
        "INSERT INTO activities (activity_id, user_id, connection_id, activity_type,"
        " start_time, end_time, duration_minutes, metrics, source, external_id,"
        " program_day) VALUES (:a, :u, :c, 'steps', :now, :now, 0, :m, 'fitbit', 'x1',"
        " :day)",
        {
            **p,
            "a": ids.to_db(ids.new_id()),
            "c": ids.to_db(connection),
            "m": uow.dialect.json({"steps": 5000}),
            "day": NOW.date(),
        },
    )
    execute(
        "INSERT INTO daily_points (user_id, program_day, steps, active_day)"
        " VALUES (:u, :day, 5000, :yes)",
        {**p, "day": NOW.date(), "yes": True},
    )
    execute(
        "INSERT INTO point_ledger (entry_id, user_id, entry_type, amount, balance_after,"
        " idempotency_key) VALUES (:e, :u, 'earn', 50, 50, :key)",
        {**p, "e": ids.to_db(ids.new_id()), "key": "earn-" + user_id.hex},
    )
    execute(
        "INSERT INTO notifications (notification_id, user_id, kind, title, body)"
        " VALUES (:n, :u, 'system', 'Hi', 'Welcome')",
        {**p, "n": ids.to_db(ids.new_id())},
    )
    execute("INSERT INTO notification_preferences (user_id) VALUES (:u)", p)


def count(uow: UnitOfWork, table: str, user_id: uuid.UUID) -> int:
    return int(
        uow.scalar(f"SELECT COUNT(*) FROM {table} WHERE user_id = :u", {"u": ids.to_db(user_id)})
    )


def test_save_and_read_back_with_the_account(db: Database) -> None:
    with db.unit_of_work() as uow:
        user_id = new_member(uow)
        assert profiles.get_member(uow, user_id).profile is None  # type: ignore[union-attr]
        first, second = complete(unique("Trail")), complete(unique("Trail"))
        profiles.save(uow, user_id, first, NOW)
        profiles.save(uow, user_id, second, NOW)  # upsert replaces
        member = profiles.get_member(uow, user_id)
    assert member is not None and member.profile == second
    assert member.date_of_birth == date(1996, 3, 15) and member.status == "active"


def test_display_names_are_unique_case_insensitively(db: Database) -> None:
    with db.unit_of_work() as uow:
        first, second = new_member(uow), new_member(uow)
        name = unique("Sam Lee")
        profiles.save(uow, first, complete(name), NOW)
        assert profiles.display_name_taken(uow, name.upper(), second)
        assert not profiles.display_name_taken(uow, name.lower(), first)  # one's own name
    with pytest.raises(UniqueViolation), db.unit_of_work() as uow:
        profiles.save(uow, second, complete(name.swapcase()), NOW)


def test_bracket_candidates_and_moves_are_idempotent(db: Database) -> None:
    today = date(2026, 3, 15)
    with db.unit_of_work() as uow:
        turning_30 = new_member(uow, dob=date(1996, 3, 15))
        tomorrow = new_member(uow, dob=date(1996, 3, 16))
        for user_id in (turning_30, tomorrow):
            profiles.save(uow, user_id, complete(unique("Birthday"), "18-29"), NOW)
        found = profiles.bracket_candidates(uow, rules.bracket_cutoffs(today))
        assert [c.user_id for c in found if c.user_id in made] == [turning_30]
        assert profiles.move_bracket(
            uow,
            turning_30,
            from_bracket="18-29",
            to_bracket="30-39",
            tier_code="M-30-39-BEG",
            now=NOW,
        )
        assert not profiles.move_bracket(
            uow,
            turning_30,
            from_bracket="18-29",
            to_bracket="30-39",
            tier_code="M-30-39-BEG",
            now=NOW,
        )
        again = profiles.bracket_candidates(uow, rules.bracket_cutoffs(today))
        assert [c for c in again if c.user_id in made] == []
        moved = profiles.get_member(uow, turning_30)
    assert moved is not None and moved.profile is not None
    assert (moved.profile.age_bracket, moved.profile.tier_code) == ("30-39", "M-30-39-BEG")


def test_export_holds_own_rows_and_no_secrets(db: Database) -> None:
    with db.unit_of_work() as uow:
        mine, other = new_member(uow), new_member(uow)
        profiles.save(uow, mine, complete(unique("Mine")), NOW)
        add_personal_rows(uow, mine)
        add_personal_rows(uow, other)
        data = member_data.export(uow, mine)
    assert set(data) == set(member_data.EXPORTED)
    for table in (
        "auth_sessions",
        "refresh_tokens",
        "social_identities",
        "activities",
        "point_ledger",
        "notifications",
        "tracker_connections",
        "user_profiles",
    ):
        assert len(data[table]) == 1, table
    assert data["users"][0]["user_id"] == mine
    text = repr(data)
    for secret in ("argon2-hash", "refresh-hash", "email-hash", "secret-bytes", str(other)):
        assert secret not in text


def test_anonymise_then_purge(db: Database) -> None:
    with db.unit_of_work() as uow:
        user_id, other = new_member(uow), new_member(uow)
        profiles.save(uow, user_id, complete(unique("Leaving")), NOW)
        add_personal_rows(uow, user_id)
        add_personal_rows(uow, other)
        assert member_data.anonymise(uow, user_id, NOW)
        assert not member_data.anonymise(uow, user_id, NOW)  # once only
        user = users.get(uow, user_id)
        member = profiles.get_member(uow, user_id)
        assert count(uow, "social_identities", user_id) == 0
        assert (
            uow.scalar(
                "SELECT COUNT(*) FROM refresh_tokens WHERE user_id = :u AND revoked_at IS NULL",
                {"u": ids.to_db(user_id)},
            )
            == 0
        )
        assert (
            uow.scalar(
                "SELECT access_token_enc FROM tracker_connections WHERE user_id = :u",
                {"u": ids.to_db(user_id)},
            )
            is None
        )
        assert user_id not in member_data.purge_due(uow, NOW - timedelta(seconds=1))
        assert user_id in member_data.purge_due(uow, NOW)
        assert member_data.purge(uow, user_id, NOW)
        assert not member_data.purge(uow, user_id, NOW)
        remaining = {t: count(uow, t, user_id) for t in member_data.PURGED}
        assert count(uow, "point_ledger", user_id) == 1  # the ledger stays
        assert count(uow, "auth_sessions", other) == 1  # other members untouched
        purged_at = uow.scalar(
            "SELECT purged_at FROM users WHERE user_id = :u", {"u": ids.to_db(user_id)}
        )
    assert user is not None and user.email == f"deleted-{user_id.hex}@deleted.invalid"
    assert (user.password_hash, user.date_of_birth, user.state_of_residence) == (None,) * 3
    assert member is not None and member.profile is not None
    assert (
        member.profile.display_name,
        member.profile.goals,
        member.profile.weight_pounds,
        member.profile.open_leaderboard,
    ) == (None, [], None, False)
    assert set(remaining.values()) == {0}
    assert purged_at is not None
