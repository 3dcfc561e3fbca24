"""Admin sponsors over real HTTP: CRUD, deactivation (never deletion), audit, access."""

from __future__ import annotations

from typing import Any

from fittrack.local.server import LocalPlatform
from tests.api.conftest import Client
from tests.fixtures.members import MemberFactory

SPONSORS = "/api/v1/admin/sponsors"
ACME = {
    "name": "Acme Fitness",
    "contactName": "Ann Lee",
    "contactEmail": "ann@acme.example",
    "websiteUrl": "https://acme.example",
    "logoUrl": "https://acme.example/logo.png",
}


def _rows(local: LocalPlatform, sql: str) -> list[dict[str, Any]]:
    with local.platform.db.unit_of_work(readonly=True) as uow:
        return uow.query(sql)


def test_admin_creates_reads_updates_and_deactivates_a_sponsor(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    created = api.post(SPONSORS, json=ACME, headers=admin.headers)
    assert created.status_code == 201, created.text
    sponsor = created.json()
    assert sponsor["status"] == "active"
    assert sponsor["contactEmail"] == "ann@acme.example"
    url = f"{SPONSORS}/{sponsor['sponsorId']}"

    assert api.get(url, headers=admin.headers).json()["name"] == "Acme Fitness"
    updated = api.request("PUT", url, json={"name": "Acme Sports"}, headers=admin.headers)
    assert updated.status_code == 200, updated.text
    assert updated.json()["name"] == "Acme Sports"
    assert updated.json()["websiteUrl"] == "https://acme.example"  # untouched

    gone = api.request("DELETE", url, headers=admin.headers)
    assert gone.status_code == 200, gone.text
    assert gone.json()["status"] == "inactive"
    assert api.request("DELETE", url, headers=admin.headers).json()["status"] == "inactive"
    assert api.get(url, headers=admin.headers).json()["status"] == "inactive"  # still there

    actions = [
        r["action"]
        for r in _rows(
            local_platform,
            "SELECT action FROM audit_log WHERE entity_type = 'sponsor' ORDER BY created_at",
        )
    ]
    assert actions == ["sponsor.created", "sponsor.updated", "sponsor.deactivated"]
    assert (
        len(_rows(local_platform, "SELECT action FROM admin_actions WHERE action LIKE 'sponsor.%'"))
        == 3
    )

    back = api.request("PUT", url, json={"status": "active"}, headers=admin.headers)
    assert back.json()["status"] == "active"


def test_list_filters_by_status_and_paginates(api: Client, member_factory: MemberFactory) -> None:
    admin = member_factory(role="admin")
    made = [
        api.post(SPONSORS, json={**ACME, "name": f"Sponsor {n}"}, headers=admin.headers).json()
        for n in range(3)
    ]
    api.request("DELETE", f"{SPONSORS}/{made[0]['sponsorId']}", headers=admin.headers)
    page = api.get(SPONSORS, params={"limit": 2}, headers=admin.headers).json()
    assert page["pagination"] == {"page": 1, "limit": 2, "totalItems": 3, "totalPages": 2}
    assert [s["name"] for s in page["items"]] == ["Sponsor 0", "Sponsor 1"]
    active = api.get(SPONSORS, params={"status": "active"}, headers=admin.headers).json()
    assert [s["name"] for s in active["items"]] == ["Sponsor 1", "Sponsor 2"]


def test_bad_bodies_and_unknown_ids_are_problems(
    api: Client, member_factory: MemberFactory
) -> None:
    admin = member_factory(role="admin")
    bad = api.post(
        SPONSORS, json={**ACME, "websiteUrl": "not a url", "name": ""}, headers=admin.headers
    )
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} == {"name", "websiteUrl"}
    accented = api.post(
        SPONSORS, json={**ACME, "logoUrl": "https://acmé.example/logo.png"}, headers=admin.headers
    )  # URLs are ASCII: percent-encode the rest
    assert [e["field"] for e in accented.json()["errors"]] == ["logoUrl"]
    for path in ("/00000000-0000-0000-0000-000000000000", "/nope"):
        missing = api.get(SPONSORS + path, headers=admin.headers)
        assert missing.status_code == 404
        assert missing.headers["Content-Type"].startswith("application/problem+json")


def test_members_and_anonymous_callers_are_refused(
    api: Client, member_factory: MemberFactory
) -> None:
    member = member_factory()
    assert api.get(SPONSORS, headers=member.headers).status_code == 403
    assert api.post(SPONSORS, json=ACME).status_code == 401
