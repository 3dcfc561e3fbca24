"""Prizes of a drawing (admin) and the public prize showcase, over real HTTP."""

from __future__ import annotations

import uuid
from typing import Any

from fittrack.local.server import LocalPlatform
from tests.api.conftest import Client
from tests.fixtures import prize_rows
from tests.fixtures.members import Member, MemberFactory

PRIZE = {
    "rank": 1,
    "name": "Smart watch",
    "description": "A watch",
    "valueUsd": 249.99,
    "quantity": 1,
    "fulfillmentType": "physical",
    "imageUrl": "https://cdn.example/watch.png",
}


def _drawing(local: LocalPlatform, status: str, name: str = "Daily") -> uuid.UUID:
    platform = local.platform
    with platform.db.unit_of_work() as uow:
        return prize_rows.drawing(uow, platform.clock(), status=status, name=name)


def _sponsor(api: Client, admin: Member, name: str = "Acme") -> str:
    made = api.post("/api/v1/admin/sponsors", json={"name": name}, headers=admin.headers)
    assert made.status_code == 201, made.text
    return str(made.json()["sponsorId"])


def _add(api: Client, admin: Member, drawing_id: uuid.UUID, **body: Any) -> Any:
    return api.post(
        f"/api/v1/admin/drawings/{drawing_id}/prizes", json={**PRIZE, **body}, headers=admin.headers
    )


def test_admin_adds_updates_and_removes_prizes_of_a_draft_drawing(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    drawing_id = _drawing(local_platform, "draft")
    sponsor_id = _sponsor(api, admin)
    added = _add(api, admin, drawing_id, sponsorId=sponsor_id)
    assert added.status_code == 201, added.text
    prize = added.json()
    assert prize["valueUsd"] == 249.99
    assert prize["sponsor"]["name"] == "Acme"
    assert prize["drawingId"] == str(drawing_id)

    clash = _add(api, admin, drawing_id, name="Another")
    assert clash.status_code == 409
    second = _add(api, admin, drawing_id, rank=2, fulfillmentType="digital", valueUsd=25)
    assert second.status_code == 201

    url = f"/api/v1/admin/prizes/{prize['prizeId']}"
    changed = api.request("PUT", url, json={"valueUsd": 600, "quantity": 2}, headers=admin.headers)
    assert changed.status_code == 200, changed.text
    assert (changed.json()["valueUsd"], changed.json()["quantity"]) == (600.0, 2)
    assert changed.json()["name"] == "Smart watch"
    assert api.request("PUT", url, json={"rank": 2}, headers=admin.headers).status_code == 409

    assert api.request("DELETE", url, headers=admin.headers).status_code == 204
    assert api.request("DELETE", url, headers=admin.headers).status_code == 404
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        actions = [
            r["action"]
            for r in uow.query(
                "SELECT action FROM audit_log WHERE entity_type = 'prize' ORDER BY created_at"
            )
        ]
    assert actions == ["prize.created", "prize.created", "prize.updated", "prize.deleted"]


def test_prizes_are_frozen_once_a_drawing_opens(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    scheduled = _drawing(local_platform, "scheduled")
    prize = _add(api, admin, scheduled).json()
    with local_platform.platform.db.unit_of_work() as uow:
        uow.execute("UPDATE drawings SET status = 'open' WHERE name = 'Daily'")
    for response in (
        _add(api, admin, scheduled, rank=2),
        api.request(
            "PUT",
            f"/api/v1/admin/prizes/{prize['prizeId']}",
            json={"name": "x"},
            headers=admin.headers,
        ),
        api.request("DELETE", f"/api/v1/admin/prizes/{prize['prizeId']}", headers=admin.headers),
    ):
        assert response.status_code == 409, response.text
        assert response.json()["drawingStatus"] == "open"
    assert _add(api, admin, uuid.uuid4()).status_code == 404


def test_prize_bodies_are_validated(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    drawing_id = _drawing(local_platform, "draft")
    bad = _add(api, admin, drawing_id, rank=0, valueUsd=-1, fulfillmentType="pigeon")
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} == {"rank", "valueUsd", "fulfillmentType"}
    sponsor_id = _sponsor(api, admin)
    api.request("DELETE", f"/api/v1/admin/sponsors/{sponsor_id}", headers=admin.headers)
    inactive = _add(api, admin, drawing_id, sponsorId=sponsor_id)
    assert inactive.status_code == 409  # a well-formed body the state refuses
    assert inactive.json()["errors"][0]["field"] == "sponsorId"
    member = member_factory()
    assert _add(api, member, drawing_id).status_code == 403


def test_the_showcase_is_public_and_lists_upcoming_prizes(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    sponsor_id = _sponsor(api, admin, "Globex")
    upcoming = _drawing(local_platform, "scheduled", "Weekly")
    draft = _drawing(local_platform, "draft", "Secret")
    _add(api, admin, upcoming, sponsorId=sponsor_id)
    _add(api, admin, upcoming, rank=2, name="Gift card", fulfillmentType="digital")
    _add(api, admin, draft, name="Not yet")
    page = api.get("/api/v1/prizes")
    assert page.status_code == 200, page.text
    body = page.json()
    assert body["pagination"]["totalItems"] == 2
    first, second = body["items"]
    assert (first["name"], first["rank"], first["drawingName"]) == ("Smart watch", 1, "Weekly")
    assert first["sponsor"]["name"] == "Globex"
    assert "contactEmail" not in first["sponsor"]
    assert second["sponsor"] is None
