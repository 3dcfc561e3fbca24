"""The public side over real HTTP: results, the verification proof and the verifier
command, official rules with free entry, recent winners, the lifecycle job."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fittrack.cli import main
from fittrack.local.server import LocalPlatform
from tests.api.conftest import Client
from tests.api.drawing_steps import (
    DRAWINGS,
    buy,
    close_and_execute,
    fund,
    ok,
    open_drawing,
)
from tests.fixtures.members import MemberFactory, run_job


def test_results_and_the_verifier_confirm_the_draw(
    api: Client,
    member_factory: MemberFactory,
    local_platform: LocalPlatform,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    admin = member_factory(role="admin")
    members = [member_factory() for _ in range(4)]
    drawing_id = open_drawing(api, admin, prizes=2)
    pending = ok(api.get(f"{DRAWINGS}/{drawing_id}/verification"))
    assert (pending["seed"], pending["snapshot"], len(pending["seedCommitment"])) == (
        None,
        None,
        64,
    )
    for n, member in enumerate(members):
        fund(api, admin, member, 1_000)
        ok(buy(api, member, drawing_id, n + 1), 201)
    executed = close_and_execute(api, admin, drawing_id)
    assert executed["drawing"]["status"] == "completed" and executed["drawing"]["seed"]

    public = ok(api.get(f"{DRAWINGS}/{drawing_id}/results"))
    assert (public["drawn"], public["totalEntries"], public["totalEntrants"]) == (True, 10, 4)
    assert public["myParticipation"] is None
    assert [w["rank"] for w in public["winners"]] == [1, 2]
    names = {m.display_name: m for m in members}
    for winner in public["winners"]:
        who = names[winner["displayName"]]
        assert winner["ticketsHeld"] == members.index(who) + 1
    first = names[public["winners"][0]["displayName"]]
    mine = ok(api.get(f"{DRAWINGS}/{drawing_id}/results", headers=first.headers))
    assert mine["myParticipation"] == {
        "tickets": members.index(first) + 1,
        "won": True,
        "prizeName": "Prize 1",
    }

    doc = ok(api.get(f"{DRAWINGS}/{drawing_id}/verification", headers=first.headers))
    assert doc["myEntries"]["blocks"][0]["proof"] is not None
    saved = tmp_path / "proof.json"
    saved.write_text(json.dumps(doc))
    assert main(["verify-drawing", str(saved)]) == 0
    assert "VERIFIED" in capsys.readouterr().out
    url = f"{local_platform.url}{DRAWINGS}/{drawing_id}/verification"
    assert main(["verify-drawing", url]) == 0
    capsys.readouterr()
    doc["winners"][0]["ticketNumber"] = doc["winners"][0]["ticketNumber"] % 10 + 1
    saved.write_text(json.dumps(doc))
    assert main(["verify-drawing", str(saved)]) == 1
    assert "MISMATCH" in capsys.readouterr().out
    saved.write_text(json.dumps(pending))
    assert main(["verify-drawing", str(saved)]) == 2

    recent = ok(api.get("/api/v1/winners/recent", params={"limit": 5}))["winners"]
    assert {w["displayName"] for w in recent} == {w["displayName"] for w in public["winners"]}
    assert {w["prizeName"] for w in recent} == {"Prize 1", "Prize 2"}


def test_official_rules_and_free_entry(api: Client, member_factory: MemberFactory) -> None:
    admin, member = member_factory(role="admin"), member_factory()
    drawing_id = open_drawing(api, admin)
    rules = ok(api.get(f"{DRAWINGS}/{drawing_id}/rules"))
    titles = [s["title"] for s in rules["sections"]]
    assert titles[0] == "No purchase necessary"
    for needed in (
        "Sponsor",
        "Who may enter",
        "Entry period",
        "Prizes",
        "Odds",
        "How winners are selected",
        "Winners",
    ):
        assert needed in titles
    assert rules["totalPrizeValueUsd"] == "50.00"
    assert any("New York" in line for line in rules["eligibility"])
    free = ok(api.post(f"{DRAWINGS}/{drawing_id}/free-entry", headers=member.headers), 201)
    assert (free["ticketNumber"], free["totalUserTickets"]) == (1, 1)
    again = api.post(f"{DRAWINGS}/{drawing_id}/free-entry", headers=member.headers)
    assert again.status_code == 409 and again.json()["type"].endswith("/free-entry-used")
    mine = ok(api.get(f"{DRAWINGS}/{drawing_id}/my-tickets", headers=member.headers))
    assert [(b["entryMethod"], b["pointsSpent"]) for b in mine["blocks"]] == [("free", 0)]


def test_the_lifecycle_job_runs_through_fdk(api: Client, member_factory: MemberFactory) -> None:
    admin = member_factory(role="admin")
    ok(
        api.post(
            "/api/v1/admin/drawing-templates",
            json={
                "name": "Daily",
                "type": "daily",
                "prizes": [
                    {
                        "rank": 1,
                        "name": "Gift card",
                        "valueUsd": "10.00",
                        "fulfillmentType": "digital",
                    }
                ],
            },
            headers=admin.headers,
        ),
        201,
    )
    result = run_job("lifecycle.drawings")
    assert result["created"] >= 1 and result["opened"] >= 1
    listed = ok(api.get(DRAWINGS, params={"status": "open", "type": "daily"}))
    assert listed["drawings"][0]["ticketCostPoints"] == 100
