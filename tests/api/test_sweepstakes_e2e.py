"""The sweepstakes end to end over real HTTP: sponsor, drawing and prizes; members buy;
the admin closes and draws; winners confirm; the admin ships and delivers; a forfeited
prize is redrawn; the verifier confirms it all; a cancelled drawing refunds everyone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fittrack.cli import main
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
)
from tests.fixtures.members import Member, MemberFactory

ADDRESS = {
    "name": "Ann Lee",
    "street1": "1 Main St",
    "city": "Springfield",
    "state": "IL",
    "zip": "62701",
}
FULFILLMENTS = "/api/v1/admin/fulfillments"


def my_prizes(api: Client, member: Member) -> list[dict[str, Any]]:
    return list(ok(api.get("/api/v1/users/me/prizes", headers=member.headers))["items"])


def verified(api: Client, drawing_id: str, tmp_path: Path) -> int:
    saved = tmp_path / f"{drawing_id}.json"
    saved.write_text(json.dumps(ok(api.get(f"{DRAWINGS}/{drawing_id}/verification"))))
    return main(["verify-drawing", str(saved)])


def test_a_drawing_from_sponsor_to_delivered_prizes(
    api: Client, member_factory: MemberFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    admin = member_factory(role="admin")
    sponsor = ok(
        api.post(
            "/api/v1/admin/sponsors",
            json={
                "name": "Acme Fitness",
                "contactName": "Ann",
                "contactEmail": "ann@acme.example",
                "websiteUrl": "https://acme.example",
            },
            headers=admin.headers,
        ),
        201,
    )
    drawing_id = create_drawing(api, admin, name="Acme night")["drawingId"]
    add_prize(
        api,
        admin,
        drawing_id,
        rank=1,
        kind="physical",
        value="120.00",
        sponsor_id=sponsor["sponsorId"],
    )
    add_prize(
        api,
        admin,
        drawing_id,
        rank=2,
        kind="digital",
        value="20.00",
        sponsor_id=sponsor["sponsorId"],
    )
    ok(api.post(f"{ADMIN}/{drawing_id}/schedule", headers=admin.headers))
    ok(api.post(f"{ADMIN}/{drawing_id}/open", headers=admin.headers))
    shown = ok(api.get(f"{DRAWINGS}/{drawing_id}"))
    assert shown["prizes"][0]["sponsor"]["name"] == "Acme Fitness"

    members = [member_factory() for _ in range(5)]
    for n, member in enumerate(members):
        fund(api, admin, member, 2_000)
        ok(buy(api, member, drawing_id, n + 2), 201)
    result = close_and_execute(api, admin, drawing_id)["results"]
    by_name = {m.display_name: m for m in members}
    winners = [by_name[w["displayName"]] for w in result["winners"]]
    assert len(set(winners)) == 2

    physical = my_prizes(api, winners[0])[0]
    assert (physical["prizeRank"], physical["nextAction"]) == (1, "confirm_address")
    kinds = [
        n["kind"] for n in ok(api.get("/api/v1/notifications", headers=winners[0].headers))["items"]
    ]
    assert kinds.count("prize_won") == 1
    fid = physical["fulfillmentId"]
    ok(
        api.post(
            f"/api/v1/users/me/prizes/{fid}/address",
            json={"address": ADDRESS},
            headers=winners[0].headers,
        )
    )
    shipped = ok(
        api.post(
            f"{FULFILLMENTS}/{fid}/ship",
            json={"carrier": "UPS", "trackingNumber": "1Z999"},
            headers=admin.headers,
        )
    )
    assert shipped["status"] == "shipped"
    assert (
        ok(api.post(f"{FULFILLMENTS}/{fid}/deliver", headers=admin.headers))["status"]
        == "delivered"
    )

    digital = my_prizes(api, winners[1])[0]
    ok(
        api.post(
            f"{FULFILLMENTS}/{digital['fulfillmentId']}/forfeit",
            json={"reason": "never claimed"},
            headers=admin.headers,
        )
    )
    redrawn = ok(
        api.post(f"{FULFILLMENTS}/{digital['fulfillmentId']}/redraw", headers=admin.headers), 201
    )
    doc = ok(api.get(f"{DRAWINGS}/{drawing_id}/verification"))
    replacement = doc["winners"][-1]
    assert (replacement["drawIndex"], replacement["replacesDrawIndex"]) == (2, 1)
    newcomer = [m for m in members if m not in winners and my_prizes(api, m)]
    assert len(newcomer) == 1
    assert my_prizes(api, newcomer[0])[0]["fulfillmentId"] == redrawn["fulfillmentId"]

    assert verified(api, drawing_id, tmp_path) == 0
    assert "VERIFIED" in capsys.readouterr().out
    results = ok(api.get(f"{DRAWINGS}/{drawing_id}/results"))
    assert [w["status"] for w in results["winners"]] == ["awarded", "forfeited", "awarded"]


def test_a_cancelled_drawing_refunds_everyone(api: Client, member_factory: MemberFactory) -> None:
    admin = member_factory(role="admin")
    drawing_id = create_drawing(api, admin, name="Rained out")["drawingId"]
    add_prize(api, admin, drawing_id)
    ok(api.post(f"{ADMIN}/{drawing_id}/schedule", headers=admin.headers))
    ok(api.post(f"{ADMIN}/{drawing_id}/open", headers=admin.headers))
    members = [member_factory() for _ in range(4)]
    for n, member in enumerate(members):
        fund(api, admin, member, 1_000)
        ok(buy(api, member, drawing_id, n + 1), 201)
        ok(buy(api, member, drawing_id, 1), 201)
    ok(api.post(f"{ADMIN}/{drawing_id}/close", headers=admin.headers))
    ok(
        api.request(
            "DELETE",
            f"{ADMIN}/{drawing_id}",
            json={"reason": "sponsor withdrew"},
            headers=admin.headers,
        )
    )
    for member in members:
        assert ok(api.get("/api/v1/points/balance", headers=member.headers))["balance"] == 1_000
        ledger = ok(
            api.get(
                "/api/v1/points/transactions", params={"type": "refund"}, headers=member.headers
            )
        )["transactions"]
        assert len(ledger) == 2
        kinds = [
            n["kind"] for n in ok(api.get("/api/v1/notifications", headers=member.headers))["items"]
        ]
        assert kinds.count("drawing_cancelled") == 1
    assert ok(api.get(f"{DRAWINGS}/{drawing_id}"))["status"] == "cancelled"
