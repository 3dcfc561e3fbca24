"""The audit log over real HTTP: admins filter it and check its hash chain."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fittrack.local.server import LocalPlatform
from tests.api.conftest import Client
from tests.fixtures.members import Member, MemberFactory

AUDIT = "/api/v1/admin/audit"


def _entries(api: Client, admin: Member, **params: Any) -> dict[str, Any]:
    answer = api.get(AUDIT, params=params, headers=admin.headers)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _sponsor(api: Client, admin: Member, name: str) -> str:
    made = api.post("/api/v1/admin/sponsors", json={"name": name}, headers=admin.headers)
    assert made.status_code == 201, made.text
    return str(made.json()["sponsorId"])


def test_every_admin_action_is_listed_with_before_and_after_and_filters_narrow(
    api: Client, member_factory: MemberFactory
) -> None:
    ann, bo = member_factory(role="admin"), member_factory(role="admin")
    first = _sponsor(api, ann, "Acme")
    second = _sponsor(api, bo, "Globex")
    renamed = api.request(
        "PUT", f"/api/v1/admin/sponsors/{first}", json={"name": "Acme Two"}, headers=ann.headers
    )
    assert renamed.status_code == 200, renamed.text

    mine = _entries(api, ann, actorId=str(ann.user_id))
    assert [(e["action"], e["entityId"]) for e in mine["entries"]] == [
        ("sponsor.updated", first),
        ("sponsor.created", first),
    ]
    update = mine["entries"][0]
    assert update["before"]["name"] == "Acme" and update["after"]["name"] == "Acme Two"
    assert mine["pagination"]["totalItems"] == 2

    about_second = _entries(api, ann, entityType="sponsor", entityId=second)
    assert [(e["action"], e["actorId"]) for e in about_second["entries"]] == [
        ("sponsor.created", str(bo.user_id))
    ]
    created = _entries(api, ann, action="sponsor.created", limit=1)
    assert len(created["entries"]) == 1 and created["pagination"]["totalItems"] == 2
    assert created["pagination"]["totalPages"] == 2


def test_the_date_range_is_new_york_days(api: Client, member_factory: MemberFactory) -> None:
    admin = member_factory(role="admin")
    _sponsor(api, admin, "Initech")
    [entry] = _entries(api, admin, action="sponsor.created")["entries"]
    at = datetime.fromisoformat(entry["createdAt"].replace("Z", "+00:00"))
    day = at.astimezone(ZoneInfo("America/New_York")).date()
    on_the_day = {"from": day.isoformat(), "to": day.isoformat(), "action": "sponsor.created"}
    assert [e["auditId"] for e in _entries(api, admin, **on_the_day)["entries"]] == [
        entry["auditId"]
    ]
    after = {"from": (day + timedelta(days=1)).isoformat(), "action": "sponsor.created"}
    before = {"to": (day - timedelta(days=1)).isoformat(), "action": "sponsor.created"}
    assert _entries(api, admin, **after)["entries"] == []
    assert _entries(api, admin, **before)["entries"] == []
    refused = api.get(
        AUDIT, params={"from": "2026-02-02", "to": "2026-02-01"}, headers=admin.headers
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "to"


def test_the_chain_check_passes_and_finds_where_a_changed_entry_breaks_it(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    sponsor = _sponsor(api, admin, "Umbrella")
    check = api.get(f"{AUDIT}/verify", headers=admin.headers)
    assert check.status_code == 200 and check.json()["ok"] is True
    assert check.json()["checked"] >= 1
    seq = _entries(api, admin, entityId=sponsor)["entries"][0]["seq"]
    with local_platform.platform.db.unit_of_work() as uow:  # an insider edits the table itself
        uow.execute("DROP TRIGGER trg_audit_log_no_update", {})
        uow.execute(
            "UPDATE audit_log SET action = 'sponsor.deleted' WHERE seq = :seq", {"seq": seq}
        )
    broken = api.get(f"{AUDIT}/verify", headers=admin.headers).json()
    assert (broken["ok"], broken["firstBadSeq"], broken["problem"]) == (False, seq, "entry changed")


def test_members_may_not_read_the_audit_log(api: Client, member_factory: MemberFactory) -> None:
    member = member_factory()
    assert api.get(AUDIT, headers=member.headers).status_code == 403
    assert api.get(f"{AUDIT}/verify", headers=member.headers).status_code == 403
    assert api.get(AUDIT).status_code == 401
