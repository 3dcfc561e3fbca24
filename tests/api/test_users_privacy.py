"""Export, deletion, the purge job and the birthday tier job, over real HTTP."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from fittrack.db import ids
from fittrack.local.server import LocalPlatform
from tests.api.conftest import Client
from tests.fixtures.members import Member, MemberFactory, run_job, session_token

START = datetime(2026, 3, 14, 17, 0, tzinfo=UTC)  # 13:00 in New York


def controlled_clock(local_platform: LocalPlatform) -> list[datetime]:
    """Replace the platform's clock (before the token service is built); move now[0]."""
    now = [START]
    local_platform.platform.clock = lambda: now[0]
    return now


def add_session_and_ledger(local_platform: LocalPlatform, member: Member) -> None:
    session = ids.new_id()
    with local_platform.platform.db.unit_of_work() as uow:
        keys = {"u": ids.to_db(member.user_id), "s": ids.to_db(session)}
        later = START + timedelta(days=30)
        uow.execute(
            "INSERT INTO auth_sessions (session_id, user_id, device_id, ip_address,"
            " expires_at) VALUES (:s, :u, 'phone', '10.1.2.3', :later)",
            {**keys, "later": later},
        )
        uow.execute(
            "INSERT INTO refresh_tokens (token_id, session_id, user_id, family_id,"
            " token_hash, expires_at) VALUES (:s, :s, :u, :s, :hash, :later)",
            {**keys, "later": later, "hash": "hash-of-" + member.user_id.hex},
        )
        uow.execute(
            "INSERT INTO point_ledger (entry_id, user_id, entry_type, amount,"
            " balance_after, idempotency_key) VALUES (:s, :u, 'earn', 40, 40, :key)",
            {**keys, "key": "earn-" + member.user_id.hex},
        )


def test_export_is_a_download_of_my_rows_only(
    local_platform: LocalPlatform, api: Client, member_factory: MemberFactory
) -> None:
    me, other = member_factory(goals=["endurance"]), member_factory()
    add_session_and_ledger(local_platform, me)
    add_session_and_ledger(local_platform, other)
    answer = api.get("/api/v1/users/me/export", headers=me.headers)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Disposition"] == (
        f'attachment; filename="fittrack-export-{me.user_id}.json"'
    )
    body = answer.json()
    assert body["userId"] == str(me.user_id)
    data = body["data"]
    assert data["users"][0]["email"] == me.email
    assert data["userProfiles"][0]["displayName"] == me.display_name
    assert data["userProfiles"][0]["goals"] == ["endurance"]
    # the fixture's own session (no IP) and the phone's
    assert sorted(str(x["ipAddress"]) for x in data["authSessions"]) == ["10.1.2.3", "None"]
    assert [e["amount"] for e in data["pointLedger"]] == [40]
    assert len(data["refreshTokens"]) == 1 and "tokenHash" not in data["refreshTokens"][0]
    for absent in (
        "passwordHash",
        "hash-of-",
        "tokenHash",
        "accessTokenEnc",
        other.email,
        str(other.user_id),
        other.display_name or "?",
    ):
        assert absent not in answer.text


def test_delete_anonymises_at_once_and_the_token_stops_working(
    local_platform: LocalPlatform, api: Client, member_factory: MemberFactory
) -> None:
    me = member_factory(weight_pounds=200)
    add_session_and_ledger(local_platform, me)
    assert api.request("DELETE", "/api/v1/users/me", headers=me.headers).status_code == 204
    for method, path in (
        ("GET", "/api/v1/users/me"),
        ("GET", "/api/v1/users/me/export"),
        ("DELETE", "/api/v1/users/me"),
    ):
        answer = api.request(method, path, headers=me.headers)
        assert answer.status_code == 401, (method, path)
    put = api.request(
        "PUT",
        "/api/v1/users/me/profile",
        headers=me.headers,
        json={"displayName": "Back Again", "biologicalSex": "male", "fitnessLevel": "advanced"},
    )
    assert put.status_code == 401
    assert api.get(f"/api/v1/users/{me.user_id}/public").status_code == 404
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        row = uow.query_one(
            "SELECT u.email, u.password_hash, u.date_of_birth, u.deleted_at, u.anonymized_at,"
            " p.display_name, p.weight_pounds, p.open_leaderboard FROM users u"
            " JOIN user_profiles p ON p.user_id = u.user_id WHERE u.user_id = :u",
            {"u": ids.to_db(me.user_id)},
        )
        live_tokens = uow.scalar(
            "SELECT COUNT(*) FROM refresh_tokens WHERE user_id = :u AND revoked_at IS NULL",
            {"u": ids.to_db(me.user_id)},
        )
        ledger = uow.scalar(
            "SELECT COUNT(*) FROM point_ledger WHERE user_id = :u", {"u": ids.to_db(me.user_id)}
        )
    assert row is not None and row["email"] == f"deleted-{me.user_id.hex}@deleted.invalid"
    assert (
        row["password_hash"],
        row["date_of_birth"],
        row["display_name"],
        row["weight_pounds"],
        row["open_leaderboard"],
    ) == (None, None, None, None, False)
    assert row["deleted_at"] is not None and row["anonymized_at"] is not None
    assert (live_tokens, ledger) == (0, 1)


def test_a_deleted_members_name_and_email_are_free_again(
    api: Client, member_factory: MemberFactory
) -> None:
    leaving = member_factory(display_name="Gone Girl")
    api.request("DELETE", "/api/v1/users/me", headers=leaving.headers)
    newcomer = member_factory(email=leaving.email)
    answer = api.request(
        "PUT",
        "/api/v1/users/me/profile",
        headers=newcomer.headers,
        json={"displayName": "gone girl", "biologicalSex": "female", "fitnessLevel": "beginner"},
    )
    assert answer.status_code == 200


def test_purge_runs_30_days_after_deletion_and_not_before(
    local_platform: LocalPlatform, api: Client, member_factory: MemberFactory
) -> None:
    now = controlled_clock(local_platform)
    me, stays = member_factory(), member_factory()
    add_session_and_ledger(local_platform, me)
    assert api.request("DELETE", "/api/v1/users/me", headers=me.headers).status_code == 204

    def personal_rows() -> tuple[int, int, object]:
        with local_platform.platform.db.unit_of_work(readonly=True) as uow:
            bound = {"u": ids.to_db(me.user_id)}
            return (
                uow.scalar("SELECT COUNT(*) FROM auth_sessions WHERE user_id = :u", bound),
                uow.scalar("SELECT COUNT(*) FROM user_profiles WHERE user_id = :u", bound),
                uow.scalar("SELECT purged_at FROM users WHERE user_id = :u", bound),
            )

    now[0] = START + timedelta(days=29, hours=23)
    assert run_job("users.purge") == {"purged": 0}
    assert personal_rows()[:2] == (2, 1)  # the member's own session and the phone's
    now[0] = START + timedelta(days=30)
    assert run_job("users.purge") == {"purged": 1}
    assert personal_rows() == (0, 0, now[0])
    assert run_job("users.purge") == {"purged": 0}  # idempotent
    assert api.get(f"/api/v1/users/{stays.user_id}/public").status_code == 200


def test_refresh_tiers_moves_members_on_their_birthday(
    local_platform: LocalPlatform, api: Client, member_factory: MemberFactory
) -> None:
    now = controlled_clock(local_platform)  # March 14 in New York
    turning_40 = member_factory(date_of_birth=date(1986, 3, 15), fitness_level="advanced")
    later = member_factory(date_of_birth=date(1986, 3, 16))
    turning_60 = member_factory(date_of_birth=date(1966, 3, 15), biological_sex="male")

    def tiers() -> list[str]:
        # fresh sessions and tokens: the clock moves by hours
        return [
            api.get(
                "/api/v1/users/me",
                headers={
                    "Authorization": "Bearer " + session_token(local_platform.platform, m.user_id),
                },
            ).json()["profile"]["tierCode"]
            for m in (turning_40, later, turning_60)
        ]

    assert run_job("users.refresh_tiers") == {"updated": 0}
    assert tiers() == ["F-30-39-ADV", "F-30-39-INT", "M-50-59-INT"]
    now[0] = datetime(2026, 3, 15, 4, 5, tzinfo=UTC)  # 00:05 on March 15 in New York
    assert run_job("users.refresh_tiers") == {"updated": 2}
    assert tiers() == ["F-40-49-ADV", "F-30-39-INT", "M-60+-INT"]
    assert run_job("users.refresh_tiers") == {"updated": 0}  # idempotent
