"""Steps of a sweepstakes over real HTTP, shared by the drawings API tests."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Client
from tests.fixtures.members import Member

ADMIN = "/api/v1/admin/drawings"
DRAWINGS = "/api/v1/drawings"


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def create_drawing(api: Client, admin: Member, **fields: Any) -> dict[str, Any]:
    body = {
        "type": "daily",
        "name": "Nightly 5K",
        "description": "Gift cards",
        "eligibility": {"userType": "all", "minAccountAgeDays": 0},
        **fields,
    }
    return dict(ok(api.post(ADMIN, json=body, headers=admin.headers), 201))


def add_prize(
    api: Client,
    admin: Member,
    drawing_id: str,
    rank: int = 1,
    quantity: int = 1,
    value: str = "50.00",
    kind: str = "digital",
    sponsor_id: str | None = None,
) -> dict[str, Any]:
    body = {
        "rank": rank,
        "name": f"Prize {rank}",
        "description": "A prize",
        "valueUsd": value,
        "quantity": quantity,
        "fulfillmentType": kind,
        "sponsorId": sponsor_id,
    }
    return dict(ok(api.post(f"{ADMIN}/{drawing_id}/prizes", json=body, headers=admin.headers), 201))


def open_drawing(api: Client, admin: Member, prizes: int = 1, **fields: Any) -> str:
    """A drawing with `prizes` ranked prizes, scheduled and opened; its id."""
    drawing_id = create_drawing(api, admin, **fields)["drawingId"]
    for rank in range(1, prizes + 1):
        add_prize(api, admin, drawing_id, rank)
    ok(api.post(f"{ADMIN}/{drawing_id}/schedule", headers=admin.headers))
    opened = ok(api.post(f"{ADMIN}/{drawing_id}/open", headers=admin.headers))
    assert opened["status"] == "open" and len(opened["seedCommitment"]) == 64
    return str(drawing_id)


def fund(api: Client, admin: Member, member: Member, points: int) -> None:
    ok(
        api.post(
            f"/api/v1/admin/users/{member.user_id}/adjust-points",
            json={"amount": points, "reason": "test points"},
            headers=admin.headers,
        ),
        201,
    )


def buy(api: Client, member: Member, drawing_id: str, quantity: int) -> Any:
    return api.post(
        f"{DRAWINGS}/{drawing_id}/tickets", json={"quantity": quantity}, headers=member.headers
    )


def close_and_execute(api: Client, admin: Member, drawing_id: str) -> dict[str, Any]:
    closed = ok(api.post(f"{ADMIN}/{drawing_id}/close", headers=admin.headers))
    assert closed["status"] == "closed" and len(closed["snapshotRoot"]) == 64
    return dict(ok(api.post(f"{ADMIN}/{drawing_id}/execute", headers=admin.headers)))
