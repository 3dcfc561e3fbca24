"""Admin member management over real HTTP: search, detail, status changes (sessions
end at once, suspended members earn and buy nothing), premium grant and expiry on a
moving clock, and the member's action history; each change audited with before/after."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from fittrack.local.server import LocalPlatform
from fittrack.repositories import audit, users
from fittrack.services import passwords, points
from tests.api.activity_feed import NOON, TODAY, activity, feed
from tests.api.conftest import Client
from tests.api.drawing_steps import buy, ok, open_drawing
from tests.fixtures.auth import PASSWORD, FakeClock, bearer, emails_to, login
from tests.fixtures.drawings import give
from tests.fixtures.members import Member, MemberFactory, run_job, session_token

USERS = "/api/v1/admin/users"


@pytest.fixture
def admin(member_factory: MemberFactory) -> Member:
    return member_factory(role="admin")


def with_password(local_platform: LocalPlatform, member: Member) -> Member:
    """Let the member sign in over HTTP with PASSWORD."""
    platform = local_platform.platform
    with platform.db.unit_of_work() as uow:
        users.set_password(
            uow,
            member.user_id,
            password_hash=passwords.hash_password(PASSWORD),
            now=platform.clock(),
        )
    return member


def fund(local_platform: LocalPlatform, member: Member, points: int) -> None:
    """Points for the member (the admin adjustment route is another test's subject)."""
    platform = local_platform.platform
    with platform.db.unit_of_work() as uow:
        give(uow, member.user_id, points, platform.clock())


def fresh_admin(local_platform: LocalPlatform, admin: Member) -> Member:
    """The admin with a new access token (after the clock moved past the old one)."""
    token = session_token(local_platform.platform, admin.user_id, role="admin")
    return Member(admin.user_id, admin.email, "admin", token, None, None)


def audit_of(local_platform: LocalPlatform, user_id: uuid.UUID) -> list[audit.AuditEntry]:
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        return [e for e in audit.for_entities(uow, [user_id]) if e.entity_type == "user"]


def set_status(api: Client, admin: Member, member: Member, status: str, reason: str) -> Any:
    return api.request(
        "PUT",
        f"{USERS}/{member.user_id}/status",
        json={"status": status, "reason": reason},
        headers=admin.headers,
    )


def search(api: Client, admin: Member, **params: Any) -> dict[str, Any]:
    return dict(ok(api.get(USERS, params=params, headers=admin.headers)))


# ---- search --------------------------------------------------------------------------------


def test_search_by_prefix_status_role_and_tier_sorted_and_paged(
    api: Client, admin: Member, member_factory: MemberFactory
) -> None:
    tag = uuid.uuid4().hex[:6]
    ann = member_factory(f"ann-{tag}@example.com", display_name=f"Ann {tag}")
    anna = member_factory(
        f"anna-{tag}@example.com", display_name=f"Anna {tag}", fitness_level="advanced"
    )
    bob = member_factory(f"bob-{tag}@example.com", display_name=f"Bob {tag}", status="suspended")
    member_factory(f"zed-{tag}@example.com", role="premium")

    by_email = search(api, admin, email=f"ANN-{tag}", sort="email")
    assert [i["email"] for i in by_email["items"]] == [ann.email]
    # "ann" is a prefix of both ann-… and anna-…; a name prefix is case-insensitive.
    names = search(api, admin, displayName="an", sort="-email")
    found = [i["userId"] for i in names["items"] if tag in i["email"]]
    assert found == [str(anna.user_id), str(ann.user_id)]
    suspended = search(api, admin, status="suspended")
    assert str(bob.user_id) in {i["userId"] for i in suspended["items"]}
    assert all(i["status"] == "suspended" for i in suspended["items"])
    premium = search(api, admin, role="premium")
    assert premium["items"] and all(i["role"] == "premium" for i in premium["items"])
    tier = search(api, admin, tier=ann_tier(api, admin, anna), email=f"anna-{tag}")
    assert [i["userId"] for i in tier["items"]] == [str(anna.user_id)]
    assert search(api, admin, tier="M-18-29-BEG", email=f"anna-{tag}")["items"] == []

    paged = search(api, admin, email="an", limit=1, page=2, sort="email")
    assert [i["userId"] for i in paged["items"]] == [str(anna.user_id)]
    assert paged["pagination"] == {"page": 2, "limit": 1, "totalItems": 2, "totalPages": 2}


def ann_tier(api: Client, admin: Member, member: Member) -> str:
    found = ok(api.get(f"{USERS}/{member.user_id}", headers=admin.headers))
    return str(found["tierCode"])


def test_a_wildcard_is_only_a_character(
    api: Client, admin: Member, member_factory: MemberFactory
) -> None:
    member_factory(f"percent-{uuid.uuid4().hex[:6]}@example.com")
    assert search(api, admin, email="%")["items"] == []
    assert search(api, admin, email="_")["items"] == []


@pytest.mark.parametrize(
    "params",
    [{"page": 10_001}, {"limit": 101}, {"sort": "password"}, {"status": "gone"}, {"bogus": 1}],
)
def test_bad_queries_are_400_problems(api: Client, admin: Member, params: dict[str, Any]) -> None:
    answer = api.get(USERS, params=params, headers=admin.headers)
    assert answer.status_code == 400, answer.text
    assert answer.headers["Content-Type"].startswith("application/problem+json")


# ---- detail ---------------------------------------------------------------------------------


def test_detail_shows_balance_ledger_sessions_and_entries(
    api: Client, admin: Member, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    member = member_factory()
    fund(local_platform, member, 700)
    drawing_id = open_drawing(api, admin)
    ok(buy(api, member, drawing_id, 2), 201)
    found = ok(api.get(f"{USERS}/{member.user_id}", headers=admin.headers))
    assert (found["email"], found["status"], found["pointBalance"]) == (member.email, "active", 500)
    assert found["ledger"] == {
        "adjust": {"entries": 1, "points": 700},
        "spend": {"entries": 1, "points": -200},
    }
    assert len(found["sessions"]) == 1 and found["connections"] == []
    assert found["drawingsEntered"] == 1
    assert found["entries"][0]["drawingId"] == drawing_id
    assert found["entries"][0]["tickets"] == 2
    assert (found["openFlags"], found["flags"], found["prizesWon"], found["wins"]) == (0, [], 0, [])
    missing = api.get(f"{USERS}/{uuid.uuid4()}", headers=admin.headers)
    assert missing.status_code == 404


# ---- status ---------------------------------------------------------------------------------


def test_a_suspended_member_signs_in_but_earns_and_buys_nothing(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform, fake_clock: FakeClock
) -> None:
    fake_clock.now = NOON
    admin = member_factory(role="admin")
    member = with_password(local_platform, member_factory())
    control = member_factory()
    live = login(api, member.email)
    fund(local_platform, member, 500)
    drawing_id = open_drawing(api, admin)

    changed = ok(set_status(api, admin, member, "suspended", "chargeback investigation"))
    assert changed["status"] == "suspended" and changed["sessionsRevoked"] == 2
    # The sessions end at once: the access token from before is refused.
    assert api.get("/api/v1/users/me", headers=bearer(live)).status_code == 401

    again = login(api, member.email)
    assert again["user"]["status"] == "suspended"
    signed_in = Member(member.user_id, member.email, "user", again["accessToken"], None, None)
    refused = buy(api, signed_in, drawing_id, 1)
    assert refused.status_code == 403 and "account_not_active" in refused.text, refused.text
    steps = activity("steps", TODAY, 0, 11 * 60, f"steps-{uuid.uuid4().hex}", steps=12_000)
    assert feed(api, member.user_id, [steps])["pointsAwarded"] == 0
    assert feed(api, control.user_id, [steps])["pointsAwarded"] > 0
    detail = ok(api.get(f"{USERS}/{member.user_id}", headers=admin.headers))
    assert detail["pointBalance"] == 500 and detail["drawingsEntered"] == 0

    # Told in-app and by email, with the reason.
    inbox = ok(api.get("/api/v1/notifications", headers=bearer(again)))["items"]
    assert inbox[0]["kind"] == "account_status" and "chargeback" in inbox[0]["body"]
    assert any(e["template"] == "account_status" for e in emails_to(api, member.email))
    # Recorded: who, when, why, before and after.
    [entry] = audit_of(local_platform, member.user_id)
    assert (entry.action, entry.actor_id) == ("user.suspended", admin.user_id)
    assert entry.before == {"status": "active"}
    assert entry.after is not None and entry.after["status"] == "suspended"

    ok(set_status(api, admin, member, "active", "investigation closed"))
    assert audit_of(local_platform, member.user_id)[-1].action == "user.reinstated"


def test_a_ban_ends_live_sessions_and_sign_in(
    api: Client, admin: Member, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    member = with_password(local_platform, member_factory())
    live = login(api, member.email)
    assert api.get("/api/v1/users/me", headers=bearer(live)).status_code == 200

    ok(set_status(api, admin, member, "banned", "fraud"))
    assert api.get("/api/v1/users/me", headers=bearer(live)).status_code == 401
    assert api.get("/api/v1/users/me", headers=member.headers).status_code == 401
    refresh = api.post("/api/v1/auth/refresh", json={"refreshToken": live["refreshToken"]})
    assert refresh.status_code == 401
    denied = api.post("/api/v1/auth/login", json={"email": member.email, "password": PASSWORD})
    assert denied.status_code == 403 and "banned" in denied.json()["detail"], denied.text
    [entry] = audit_of(local_platform, member.user_id)
    assert (entry.action, entry.before) == ("user.banned", {"status": "active"})


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"status": "deleted", "reason": "x"}, 400),
        ({"status": "banned"}, 400),
        ({"status": "banned", "reason": ""}, 400),
        ({"status": "active", "reason": "already"}, 409),
    ],
)
def test_bad_status_changes_are_refused_and_change_nothing(
    api: Client,
    admin: Member,
    member_factory: MemberFactory,
    local_platform: LocalPlatform,
    body: dict[str, Any],
    status: int,
) -> None:
    member = member_factory()
    answer = api.request(
        "PUT", f"{USERS}/{member.user_id}/status", json=body, headers=admin.headers
    )
    assert answer.status_code == status, answer.text
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    assert audit_of(local_platform, member.user_id) == []
    assert api.get("/api/v1/users/me", headers=member.headers).status_code == 200


def test_an_admin_cannot_change_their_own_status_nor_activate_a_pending_member(
    api: Client, admin: Member, member_factory: MemberFactory
) -> None:
    assert set_status(api, admin, admin, "suspended", "oops").status_code == 409
    pending = member_factory(status="pending", verified=False)
    assert set_status(api, admin, pending, "active", "skip it").status_code == 409
    missing = api.request(
        "PUT",
        f"{USERS}/{uuid.uuid4()}/status",
        json={"status": "banned", "reason": "x"},
        headers=admin.headers,
    )
    assert missing.status_code == 404


# ---- premium ------------------------------------------------------------------------------


def grant(api: Client, admin: Member, member: Member, until: str) -> Any:
    return api.request(
        "PUT", f"{USERS}/{member.user_id}/premium", json={"until": until}, headers=admin.headers
    )


def test_premium_granted_then_expired_by_the_daily_job(
    api: Client,
    admin: Member,
    member_factory: MemberFactory,
    local_platform: LocalPlatform,
    fake_clock: FakeClock,
) -> None:
    member = member_factory()
    until = fake_clock.now + timedelta(days=2)
    granted = ok(grant(api, admin, member, until.isoformat()))
    assert granted["role"] == "premium"
    assert granted["premiumExpiresAt"].startswith(until.strftime("%Y-%m-%dT%H:%M:%S"))
    [entry] = audit_of(local_platform, member.user_id)
    assert entry.action == "user.premium_granted"
    assert entry.before == {"role": "user", "premiumExpiresAt": None}

    fake_clock.advance(timedelta(days=1))
    assert run_job("admin_users.expire_premium") == {"expired": 0}
    admin = fresh_admin(local_platform, admin)
    assert search(api, admin, email=member.email)["items"][0]["role"] == "premium"

    fake_clock.advance(timedelta(days=1, seconds=1))
    assert run_job("admin_users.expire_premium") == {"expired": 1}
    assert run_job("admin_users.expire_premium") == {"expired": 0}
    admin = fresh_admin(local_platform, admin)
    row = search(api, admin, email=member.email)["items"][0]
    assert (row["role"], row.get("premiumExpiresAt")) == ("user", None)
    expired = audit_of(local_platform, member.user_id)[-1]
    assert (expired.action, expired.actor_id) == ("user.premium_expired", None)
    assert expired.before is not None and expired.before["role"] == "premium"

    history = ok(api.get(f"{USERS}/{member.user_id}/actions", headers=admin.headers))
    assert [i["action"] for i in history["items"]] == ["premium.expired", "premium.granted"]
    assert history["items"][1]["actorId"] == str(admin.user_id)
    assert history["items"][0]["actorId"] is None


def test_premium_ended_by_an_admin_and_refusals(
    api: Client,
    admin: Member,
    member_factory: MemberFactory,
    local_platform: LocalPlatform,
    fake_clock: FakeClock,
) -> None:
    member = member_factory()
    past = grant(api, admin, member, (fake_clock.now - timedelta(minutes=1)).isoformat())
    assert past.status_code == 400
    assert past.json()["errors"][0]["code"] == "in_past"
    assert grant(api, admin, member, "2027-01-01T00:00:00").status_code == 400  # no offset
    far = grant(api, admin, member, "9999-12-31T23:59:59-23:59")
    assert (far.status_code, far.json()["errors"][0]["code"]) == (400, "too_late")
    late = (fake_clock.now + timedelta(days=5 * 365, seconds=1)).isoformat()
    assert grant(api, admin, member, late).json()["errors"][0]["code"] == "too_late"
    soon = (fake_clock.now + timedelta(days=30)).isoformat()
    assert grant(api, admin, admin, soon).status_code == 409
    assert grant(api, admin, member_factory(status="banned"), soon).status_code == 409
    assert audit_of(local_platform, member.user_id) == []

    ok(grant(api, admin, member, (fake_clock.now + timedelta(days=30)).isoformat()))
    ended = ok(api.request("DELETE", f"{USERS}/{member.user_id}/premium", headers=admin.headers))
    assert (ended["role"], ended.get("premiumExpiresAt")) == ("user", None)
    again = api.request("DELETE", f"{USERS}/{member.user_id}/premium", headers=admin.headers)
    assert again.status_code == 409
    assert [e.action for e in audit_of(local_platform, member.user_id)] == [
        "user.premium_granted",
        "user.premium_ended",
    ]


# ---- history -------------------------------------------------------------------------------


def test_the_history_lists_status_points_premium_and_flags_newest_first_in_pages(
    api: Client,
    admin: Member,
    member_factory: MemberFactory,
    local_platform: LocalPlatform,
    fake_clock: FakeClock,
) -> None:
    member = member_factory()
    platform = local_platform.platform
    with platform.db.unit_of_work() as uow:
        uow.execute(
            "INSERT INTO review_flags (flag_id, user_id, reason, status, details, created_at)"
            " VALUES (:id, :u, 'manual', 'open', :d, :now)",
            {
                "id": uuid.uuid4().bytes,
                "u": member.user_id.bytes,
                "d": uow.dialect.json({"note": "looks odd"}),
                "now": fake_clock.now,
            },
        )
    steps = [
        # The adjustment route needs an MFA step-up (another test's subject): its service.
        lambda: points.adjust_points(
            platform, admin.user_id, user_id=member.user_id, amount=50, reason="goodwill"
        ),
        lambda: ok(set_status(api, admin, member, "suspended", "checking")),
        lambda: ok(grant(api, admin, member, (fake_clock.now + timedelta(days=9)).isoformat())),
    ]
    for step in steps:
        fake_clock.advance(timedelta(minutes=1))
        step()
    first = ok(api.get(f"{USERS}/{member.user_id}/actions?limit=3", headers=admin.headers))
    assert [i["action"] for i in first["items"]] == [
        "premium.granted",
        "user.status",
        "adjust_points",
    ]
    assert first["items"][1]["reason"] == "checking"
    assert first["items"][1]["before"] == {"status": "active"}
    assert first["pagination"] == {"page": 1, "limit": 3, "totalItems": 4, "totalPages": 2}
    rest = ok(api.get(f"{USERS}/{member.user_id}/actions?limit=3&page=2", headers=admin.headers))
    assert [(i["action"], i["reason"]) for i in rest["items"]] == [("flag.raised", "manual")]
    assert rest["items"][0]["after"]["details"] == {"note": "looks odd"}
    missing = api.get(f"{USERS}/{uuid.uuid4()}/actions", headers=admin.headers)
    assert missing.status_code == 404
