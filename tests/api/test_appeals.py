"""Appeals over real HTTP (PRD US-055): a suspended member appeals signed in and is
reinstated; a banned member appeals through the public form and its emailed link; the
form names no account; a decision is final, audited and told to the member."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from fittrack import config
from fittrack.local.server import LocalPlatform, start
from fittrack.repositories import audit
from tests.api.conftest import ROOT, Client
from tests.api.drawing_steps import ok
from tests.api.test_admin_users import fresh_admin, set_status, with_password
from tests.fixtures.auth import FakeClock, bearer, emails_to, login
from tests.fixtures.members import Member, MemberFactory

MINE = "/api/v1/users/me/appeals"
PUBLIC = "/api/v1/appeals"
ADMIN = "/api/v1/admin/appeals"
_LINK = re.compile(r"appeal-confirm\?token=([A-Za-z0-9_-]+)")


def suspended_and_signed_in(
    api: Client, admin: Member, member_factory: MemberFactory, local_platform: LocalPlatform
) -> tuple[Member, dict[str, str]]:
    member = with_password(local_platform, member_factory())
    ok(set_status(api, admin, member, "suspended", "chargeback investigation"))
    return member, bearer(login(api, member.email))


def decide(api: Client, admin: Member, appeal_id: str, decision: str, note: str) -> Any:
    return api.post(
        f"{ADMIN}/{appeal_id}/decide",
        json={"decision": decision, "note": note},
        headers=admin.headers,
    )


def confirm_link(api: Client, email: str) -> str:
    bodies = [e["bodyText"] for e in emails_to(api, email) if e["template"] == "appeal_confirm"]
    assert bodies, "no confirmation email"
    found = _LINK.search(bodies[-1])
    assert found, bodies[-1]
    return found.group(1)


def queue(api: Client, admin: Member, **params: Any) -> list[dict[str, Any]]:
    return list(ok(api.get(ADMIN, params=params, headers=admin.headers))["items"])


def test_suspended_member_appeals_and_is_reinstated(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    member, headers = suspended_and_signed_in(api, admin, member_factory, local_platform)

    sent = ok(api.post(MINE, json={"message": "It was my bank's error."}, headers=headers), 201)
    assert sent["status"] == "pending" and sent["channel"] == "member"
    assert [a["appealId"] for a in ok(api.get(MINE, headers=headers))["items"]] == [
        sent["appealId"]
    ]
    pending = queue(api, admin, status="pending")
    mine = [a for a in pending if a["appealId"] == sent["appealId"]]
    assert mine and mine[0]["email"] == member.email and mine[0]["userId"] == str(member.user_id)

    decided = ok(decide(api, admin, sent["appealId"], "reinstate", "bank confirmed the error"))
    assert decided["status"] == "reinstated" and decided["decidedBy"] == str(admin.user_id)

    # The account is active again and the member was told, in-app and by email.
    again = login(api, member.email)
    assert again["user"]["status"] == "active"
    inbox = ok(api.get("/api/v1/notifications", headers=bearer(again)))["items"]
    assert inbox[0]["kind"] == "account_status" and "active" in inbox[0]["title"]
    assert sum(e["template"] == "account_status" for e in emails_to(api, member.email)) == 2
    [mine_now] = ok(api.get(MINE, headers=bearer(again)))["items"]
    assert mine_now["status"] == "reinstated"
    assert mine_now["decisionNote"] == "bank confirmed the error"
    assert sent["appealId"] not in {a["appealId"] for a in queue(api, admin, status="pending")}
    assert sent["appealId"] in {a["appealId"] for a in queue(api, admin, status="reinstated")}

    # Audited with before and after, and in the member's action history.
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        entries = audit.for_entities(uow, [member.user_id])
    [entry] = [e for e in entries if e.action.startswith("appeal.")]
    assert (entry.action, entry.actor_id) == ("appeal.reinstated", admin.user_id)
    assert entry.before is not None and entry.before["status"] == "pending"
    assert entry.after is not None and entry.after["status"] == "reinstated"
    history = ok(api.get(f"/api/v1/admin/users/{member.user_id}/actions", headers=admin.headers))
    kinds = [i["action"] for i in history["items"]]
    assert kinds.index("appeal.reinstated") < kinds.index("appeal.submitted")
    [submitted] = [i for i in history["items"] if i["action"] == "appeal.submitted"]
    assert submitted["actorId"] == str(member.user_id)
    assert submitted["after"] == {"appealId": sent["appealId"], "channel": "member"}
    # And on the member's detail page.
    detail = ok(api.get(f"/api/v1/admin/users/{member.user_id}", headers=admin.headers))
    assert [(a["appealId"], a["status"]) for a in detail["appeals"]] == [
        (sent["appealId"], "reinstated")
    ]


def test_uphold_keeps_the_suspension_and_tells_the_member(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    member, headers = suspended_and_signed_in(api, admin, member_factory, local_platform)
    sent = ok(api.post(MINE, json={"message": "Please look again."}, headers=headers), 201)

    decided = ok(decide(api, admin, sent["appealId"], "uphold", "the chargeback stands"))
    assert decided["status"] == "upheld"
    assert login(api, member.email)["user"]["status"] == "suspended"
    inbox = ok(api.get("/api/v1/notifications", headers=headers))["items"]
    assert inbox[0]["kind"] == "account_status" and "chargeback stands" in inbox[0]["body"]

    # A decided appeal is final; a new appeal may follow.
    again = decide(api, admin, sent["appealId"], "reinstate", "changed my mind")
    assert again.status_code == 409, again.text
    assert login(api, member.email)["user"]["status"] == "suspended"
    ok(api.post(MINE, json={"message": "New evidence attached."}, headers=headers), 201)


def test_reinstating_a_member_already_reinstated_by_hand_closes_the_appeal(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    member, headers = suspended_and_signed_in(api, admin, member_factory, local_platform)
    sent = ok(api.post(MINE, json={"message": "Please."}, headers=headers), 201)
    ok(set_status(api, admin, member, "active", "resolved by phone"))

    decided = ok(decide(api, admin, sent["appealId"], "reinstate", "resolved by phone"))
    assert decided["status"] == "reinstated"
    again = login(api, member.email)
    assert again["user"]["status"] == "active"
    inbox = ok(api.get("/api/v1/notifications", headers=bearer(again)))["items"]
    assert inbox[0]["title"] == "Your appeal was reviewed" and "active" in inbox[0]["body"]


def test_one_open_appeal_and_only_when_suspended(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    _, headers = suspended_and_signed_in(api, admin, member_factory, local_platform)
    ok(api.post(MINE, json={"message": "First."}, headers=headers), 201)
    second = api.post(MINE, json={"message": "Second."}, headers=headers)
    assert second.status_code == 409, second.text
    assert len(ok(api.get(MINE, headers=headers))["items"]) == 1

    active = member_factory()
    refused = api.post(MINE, json={"message": "Nothing to appeal."}, headers=active.headers)
    assert refused.status_code == 409, refused.text
    assert ok(api.get(MINE, headers=active.headers))["items"] == []


def test_banned_member_appeals_through_the_public_form(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    member = with_password(local_platform, member_factory())
    ok(set_status(api, admin, member, "banned", "fraud"))

    answer = ok(api.post(PUBLIC, json={"email": member.email, "message": "Not me."}), 202)
    token = confirm_link(api, member.email)
    # Not in the queue until the link is opened.
    assert member.email not in {a["email"] for a in queue(api, admin)}
    confirmed = ok(api.post(f"{PUBLIC}/confirm", json={"token": token}))
    assert confirmed["status"] == "pending"
    [appeal] = [a for a in queue(api, admin, status="pending") if a["email"] == member.email]
    assert appeal["channel"] == "public" and appeal["message"] == "Not me."

    # The link works once; a second form while one is open sends nothing.
    used = api.post(f"{PUBLIC}/confirm", json={"token": token})
    assert used.status_code == 409, used.text
    before = len(emails_to(api, member.email))
    again = ok(api.post(PUBLIC, json={"email": member.email, "message": "Again."}), 202)
    assert again == answer and len(emails_to(api, member.email)) == before

    ok(decide(api, admin, appeal["appealId"], "reinstate", "identity theft confirmed"))
    assert login(api, member.email)["user"]["status"] == "active"


def test_the_public_form_names_no_account(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    banned = member_factory()
    ok(set_status(api, admin, banned, "banned", "fraud"))
    active = member_factory()
    unknown = f"nobody-{uuid.uuid4().hex[:8]}@example.com"

    answers = [
        api.post(PUBLIC, json={"email": email, "message": "Please."})
        for email in (banned.email, active.email, unknown)
    ]
    assert {a.status_code for a in answers} == {202}
    assert len({a.text for a in answers}) == 1
    assert not [e for e in emails_to(api, active.email) if e["template"] == "appeal_confirm"]
    assert not emails_to(api, unknown)
    assert confirm_link(api, banned.email)


def test_bad_input_and_unknown_ids(api: Client, member_factory: MemberFactory) -> None:
    admin = member_factory(role="admin")
    bogus = api.post(f"{PUBLIC}/confirm", json={"token": "not-a-real-token"})
    assert bogus.status_code == 409, bogus.text
    assert bogus.headers["Content-Type"].startswith("application/problem+json")
    for body in ({"email": "a@example.com"}, {"email": "a@example.com", "message": ""}):
        assert api.post(PUBLIC, json=body).status_code == 400
    assert api.post(MINE, json={"message": "x" * 2001}, headers=admin.headers).status_code == 400
    missing = decide(api, admin, str(uuid.uuid4()), "uphold", "no such appeal")
    assert missing.status_code == 404, missing.text
    wrong = api.post(
        f"{ADMIN}/{uuid.uuid4()}/decide",
        json={"decision": "pardon", "note": "x"},
        headers=admin.headers,
    )
    assert wrong.status_code == 400, wrong.text
    assert (
        api.get(ADMIN, params={"status": "unconfirmed"}, headers=admin.headers).status_code == 400
    )
    assert api.get(MINE).status_code == 401
    assert api.get(ADMIN, headers=member_factory().headers).status_code == 403


def test_an_expired_link_sends_nothing_to_the_queue(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform, fake_clock: FakeClock
) -> None:
    admin = member_factory(role="admin")
    banned = member_factory()
    ok(set_status(api, admin, banned, "banned", "fraud"))
    ok(api.post(PUBLIC, json={"email": banned.email, "message": "Late."}), 202)
    token = confirm_link(api, banned.email)

    fake_clock.now += timedelta(hours=24, seconds=1)
    late = api.post(f"{PUBLIC}/confirm", json={"token": token})
    assert late.status_code == 409 and "invalid_token" in late.text, late.text
    assert banned.email not in {a["email"] for a in queue(api, fresh_admin(local_platform, admin))}


@pytest.fixture
def strict_api(fittrack_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    """A server whose anonymous callers get 3 requests a minute."""
    monkeypatch.setenv("FITTRACK_RATE_LIMITS", "anonymous=3,member=5,admin=8")
    config.reset()
    local = start(ROOT, "127.0.0.1", port=0, seed=False)
    with requests.Session() as session:
        yield Client(local.url, session)
    local.shutdown()


def test_the_public_form_is_rate_limited(strict_api: Client) -> None:
    body = {"email": "someone@example.com", "message": "Please."}
    statuses = [strict_api.post(PUBLIC, json=body).status_code for _ in range(4)]
    assert statuses == [202, 202, 202, 429]
