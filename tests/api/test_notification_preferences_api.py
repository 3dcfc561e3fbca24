"""GET/PUT /users/me/notification-preferences over real HTTP, and the notification
service honouring the choices when it decides whether to email."""

from __future__ import annotations

from fittrack.local.server import LocalPlatform
from fittrack.services import notifications
from tests.api.conftest import Client
from tests.fixtures.auth import emails_to
from tests.fixtures.members import Member, MemberFactory

PREFS = "/api/v1/users/me/notification-preferences"


def _email_flags(body: dict[str, object]) -> dict[str, bool]:
    return {k["kind"]: k["email"] for k in body["kinds"]}  # type: ignore[attr-defined]


def _notify(local: LocalPlatform, who: Member, kind: str) -> None:
    platform = local.platform
    with platform.db.unit_of_work() as uow:
        notifications.notify(
            uow,
            user_id=who.user_id,
            kind=kind,
            title=f"About {kind}",
            body="Hello",
            data=None,
            email=True,
            now=platform.clock(),
            dedupe_key=f"test:{who.user_id}:{kind}",
        )


def test_defaults_are_all_on_and_required_kinds_say_so(
    api: Client, member_factory: MemberFactory
) -> None:
    me = member_factory()
    answer = api.get(PREFS, headers=me.headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert _email_flags(body) == {
        "prize_won": True,
        "forfeit_warning": True,
        "prize_shipped": True,
        "account_status": True,
    }
    assert all(k["inApp"] is True and k["label"] for k in body["kinds"])
    required = {k["kind"] for k in body["kinds"] if k["emailRequired"]}
    assert required == {"prize_won", "forfeit_warning", "account_status"}
    assert body["updatedAt"] is None
    assert api.get(PREFS).status_code == 401
    assert api.request("PUT", PREFS, json={"email": {"prizeShipped": False}}).status_code == 401


def test_a_member_switches_shipped_emails_off_and_the_service_honours_it(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    me, other = member_factory(), member_factory()
    changed = api.request("PUT", PREFS, json={"email": {"prizeShipped": False}}, headers=me.headers)
    assert changed.status_code == 200, changed.text
    assert _email_flags(changed.json())["prize_shipped"] is False
    assert changed.json()["updatedAt"] is not None
    assert _email_flags(api.get(PREFS, headers=me.headers).json())["prize_shipped"] is False
    assert _email_flags(api.get(PREFS, headers=other.headers).json())["prize_shipped"] is True

    for who in (me, other):
        _notify(local_platform, who, "prize_shipped")
        _notify(local_platform, who, "forfeit_warning")
    mine = {m["template"] for m in emails_to(api, me.email)}
    assert mine == {"forfeit_warning"}  # shipped is off; the forfeit warning is required
    assert {m["template"] for m in emails_to(api, other.email)} == {
        "prize_shipped",
        "forfeit_warning",
    }
    inbox = api.get("/api/v1/notifications", headers=me.headers).json()["items"]
    assert {n["kind"] for n in inbox} == {"prize_shipped", "forfeit_warning"}  # in-app: on

    back_on = api.request("PUT", PREFS, json={"email": {"prizeShipped": True}}, headers=me.headers)
    assert _email_flags(back_on.json())["prize_shipped"] is True


def test_required_kinds_cannot_be_switched_off_and_bad_bodies_are_refused(
    api: Client, member_factory: MemberFactory
) -> None:
    me = member_factory()
    refused = api.request(
        "PUT", PREFS, json={"email": {"prizeWon": False, "prizeShipped": False}}, headers=me.headers
    )
    assert refused.status_code == 400, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == ["email.prizeWon"]
    assert _email_flags(api.get(PREFS, headers=me.headers).json())["prize_shipped"] is True
    for bad in ({"email": {"prizeShipped": "no"}}, {}):
        answer = api.request("PUT", PREFS, json=bad, headers=me.headers)
        assert answer.status_code == 400, answer.text
    kept = api.request("PUT", PREFS, json={"email": {"prizeWon": True}}, headers=me.headers)
    assert kept.status_code == 200 and _email_flags(kept.json())["prize_won"] is True
