"""Drawings over real HTTP: admin lifecycle, purchases and their problems, templates."""

from __future__ import annotations

from tests.api.conftest import Client
from tests.api.drawing_steps import (
    ADMIN,
    DRAWINGS,
    add_prize,
    buy,
    close_and_execute,
    create_drawing,
    fund,
    ok,
    open_drawing,
)
from tests.fixtures.members import MemberFactory


def test_admin_creates_edits_schedules_and_opens_a_drawing(
    api: Client, member_factory: MemberFactory
) -> None:
    admin, member = member_factory(role="admin"), member_factory()
    draft = create_drawing(api, admin, type="weekly", name="Sunday stretch")
    assert (draft["status"], draft["ticketCostPoints"], draft["type"]) == ("draft", 500, "weekly")
    drawing_id = draft["drawingId"]
    assert api.get(f"{DRAWINGS}/{drawing_id}", headers=member.headers).status_code == 404
    edited = ok(
        api.request(
            "PUT", f"{ADMIN}/{drawing_id}", json={"ticketCostPoints": 250}, headers=admin.headers
        )
    )
    assert (edited["ticketCostPoints"], edited["name"]) == (250, "Sunday stretch")
    early = api.post(f"{ADMIN}/{drawing_id}/schedule", headers=admin.headers)
    assert early.status_code == 409 and "prize" in early.json()["detail"]
    add_prize(api, admin, drawing_id)
    assert (
        ok(api.post(f"{ADMIN}/{drawing_id}/schedule", headers=admin.headers))["status"]
        == "scheduled"
    )
    opened = ok(api.post(f"{ADMIN}/{drawing_id}/open", headers=admin.headers))
    assert opened["status"] == "open" and opened["seed"] is None
    frozen = api.request("PUT", f"{ADMIN}/{drawing_id}", json={"name": "x"}, headers=admin.headers)
    assert frozen.status_code == 409
    bad = api.post(
        ADMIN,
        json={"type": "daily", "name": "Past", "drawingTime": "2020-01-01T00:00:00Z"},
        headers=admin.headers,
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "drawingTime"
    assert api.get(ADMIN, headers=member.headers).status_code == 403
    listed = ok(api.get(ADMIN, params={"status": "open"}, headers=admin.headers))
    assert [d["drawingId"] for d in listed["drawings"]] == [drawing_id]


def test_members_buy_tickets_and_see_them(api: Client, member_factory: MemberFactory) -> None:
    admin, member = member_factory(role="admin"), member_factory()
    drawing_id = open_drawing(api, admin, prizes=2)
    fund(api, admin, member, 1_000)
    first = ok(buy(api, member, drawing_id, 3), 201)
    assert first == {
        **first,
        "ticketsPurchased": 3,
        "pointsSpent": 300,
        "newPointBalance": 700,
        "totalUserTickets": 3,
        "firstTicketNumber": 1,
        "lastTicketNumber": 3,
    }
    second = ok(buy(api, member, drawing_id, 2), 201)
    assert (second["firstTicketNumber"], second["totalUserTickets"]) == (4, 5)
    seen = ok(api.get(f"{DRAWINGS}/{drawing_id}", headers=member.headers))
    assert (seen["myTickets"], seen["totalTickets"], seen["odds"]["myChance"]) == (5, 5, 1.0)
    assert [p["rank"] for p in seen["prizes"]] == [1, 2]
    listed = ok(api.get(DRAWINGS, params={"status": "open", "type": "daily"}))
    assert listed["drawings"][0]["myTickets"] is None  # anonymous
    mine = ok(api.get(f"{DRAWINGS}/{drawing_id}/my-tickets", headers=member.headers))
    assert [(b["firstTicketNumber"], b["lastTicketNumber"]) for b in mine["blocks"]] == [
        (1, 3),
        (4, 5),
    ]
    entries = ok(api.get("/api/v1/tickets", headers=member.headers))
    assert entries["entries"][0]["tickets"] == 5 and entries["pagination"]["totalItems"] == 1
    balance = ok(api.get("/api/v1/points/balance", headers=member.headers))["balance"]
    assert balance == 500


def test_purchase_problems(api: Client, member_factory: MemberFactory) -> None:
    admin, member = member_factory(role="admin"), member_factory()
    drawing_id = open_drawing(api, admin)
    fund(api, admin, member, 150)
    invalid = buy(api, member, drawing_id, 0)
    assert invalid.status_code == 400 and invalid.json()["errors"][0]["field"] == "quantity"
    poor = buy(api, member, drawing_id, 2)
    assert poor.status_code == 400
    assert (poor.json()["balance"], poor.json()["cost"]) == (150, 200)
    assert poor.json()["type"].endswith("/insufficient-points")
    ny = member_factory(state="NY")
    refused = buy(api, ny, drawing_id, 1)
    assert refused.status_code == 403 and refused.json()["rule"] == "state_not_eligible"
    unverified = buy(api, member_factory(verified=False), drawing_id, 1)
    assert unverified.json()["rule"] == "email_not_verified"
    assert buy(api, member, "00000000-0000-0000-0000-000000000000", 1).status_code == 404
    assert api.post(f"{DRAWINGS}/{drawing_id}/tickets", json={"quantity": 1}).status_code == 401
    aged = open_drawing(api, admin, eligibility={"userType": "all", "minAccountAgeDays": 7})
    assert buy(api, member, aged, 1).json()["rule"] == "min_account_age"
    premium = open_drawing(api, admin, eligibility={"userType": "premium", "minAccountAgeDays": 0})
    assert buy(api, member, premium, 1).json()["rule"] == "premium_only"
    ok(api.post(f"{ADMIN}/{drawing_id}/close", headers=admin.headers))
    closed = buy(api, member, drawing_id, 1)
    assert closed.status_code == 403 and closed.json()["type"].endswith("/sales-closed")
    assert ok(api.get("/api/v1/points/balance", headers=member.headers))["balance"] == 150


def test_cancelling_refunds_and_completed_drawings_stay(
    api: Client, member_factory: MemberFactory
) -> None:
    admin, member = member_factory(role="admin"), member_factory()
    fund(api, admin, member, 1_000)
    drawing_id = open_drawing(api, admin)
    ok(buy(api, member, drawing_id, 4), 201)
    cancelled = ok(
        api.request(
            "DELETE", f"{ADMIN}/{drawing_id}", json={"reason": "weather"}, headers=admin.headers
        )
    )
    assert (cancelled["status"], cancelled["cancelReason"]) == ("cancelled", "weather")
    assert (
        ok(api.request("DELETE", f"{ADMIN}/{drawing_id}", json={}, headers=admin.headers))["status"]
        == "cancelled"
    )
    assert ok(api.get("/api/v1/points/balance", headers=member.headers))["balance"] == 1_000
    done = open_drawing(api, admin)
    ok(buy(api, member, done, 1), 201)
    close_and_execute(api, admin, done)
    assert (
        api.request("DELETE", f"{ADMIN}/{done}", json={}, headers=admin.headers).status_code == 409
    )
    # the cancel body is required (its reason may be left out, the body may not)
    assert api.request("DELETE", f"{ADMIN}/{done}", headers=admin.headers).status_code == 400
    again = ok(api.post(f"{ADMIN}/{done}/execute", headers=admin.headers))
    assert again["results"]["winners"][0]["winningNumber"] == 1
    trail = ok(api.get(f"{ADMIN}/{done}/audit", headers=admin.headers))["entries"]
    actions = [e["action"] for e in trail]
    for action in (
        "drawing.created",
        "drawing.scheduled",
        "drawing.opened",
        "drawing.closed",
        "drawing.executed",
    ):
        assert action in actions
    seqs = [e["seq"] for e in trail]
    assert seqs == sorted(seqs) and all(len(e["entryHash"]) == 64 for e in trail)


def test_templates_are_managed_by_admins(api: Client, member_factory: MemberFactory) -> None:
    admin = member_factory(role="admin")
    path = "/api/v1/admin/drawing-templates"
    made = ok(
        api.post(
            path,
            json={
                "name": "Monthly Max",
                "type": "monthly",
                "prizes": [
                    {
                        "rank": 1,
                        "name": "Watch",
                        "valueUsd": "199.00",
                        "fulfillmentType": "physical",
                    }
                ],
            },
            headers=admin.headers,
        ),
        201,
    )
    assert (made["ticketCostPoints"], made["isActive"]) == (2000, True)
    assert made["nextDrawingTime"]
    dup = api.post(
        path,
        json={
            "name": "Dup",
            "type": "daily",
            "prizes": [
                {"rank": 1, "name": "A", "valueUsd": "1", "fulfillmentType": "digital"},
                {"rank": 1, "name": "B", "valueUsd": "1", "fulfillmentType": "digital"},
            ],
        },
        headers=admin.headers,
    )
    assert dup.status_code == 400
    template_id = made["templateId"]
    changed = ok(
        api.request(
            "PUT",
            f"{path}/{template_id}",
            json={"name": "Monthly Max", "type": "monthly", "ticketCostPoints": 1500},
            headers=admin.headers,
        )
    )
    assert (changed["ticketCostPoints"], changed["prizes"]) == (1500, [])
    gone = ok(api.request("DELETE", f"{path}/{template_id}", headers=admin.headers))
    assert gone["isActive"] is False
    assert [t["isActive"] for t in ok(api.get(path, headers=admin.headers))["templates"]] == [False]
