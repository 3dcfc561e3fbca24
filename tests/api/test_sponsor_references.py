"""A prize or template naming a sponsor that does not exist is a 409 problem naming the
field (the body is well formed; the state refuses it), and nothing is written."""

from __future__ import annotations

import uuid

from tests.api.conftest import Client
from tests.api.drawing_steps import ADMIN, create_drawing
from tests.fixtures.members import MemberFactory

TEMPLATES = "/api/v1/admin/drawing-templates"


def _conflict_on(answer: object, field: str) -> None:
    assert answer.status_code == 409, answer.text  # type: ignore[attr-defined]
    problem = answer.json()  # type: ignore[attr-defined]
    assert problem["type"].endswith("/field-conflict")
    assert [e["field"] for e in problem["errors"]] == [field]


def test_a_template_prize_with_an_unknown_sponsor_is_a_conflict(
    api: Client, member_factory: MemberFactory
) -> None:
    admin = member_factory(role="admin")
    before = api.get(TEMPLATES, headers=admin.headers).json()
    prize = {"rank": 1, "name": "A", "valueUsd": "1", "fulfillmentType": "digital"}
    answer = api.post(
        TEMPLATES,
        json={"name": "T", "type": "daily", "prizes": [{**prize, "sponsorId": str(uuid.uuid4())}]},
        headers=admin.headers,
    )
    _conflict_on(answer, "prizes.0.sponsorId")
    assert api.get(TEMPLATES, headers=admin.headers).json() == before


def test_a_drawing_prize_with_an_unknown_sponsor_is_a_conflict(
    api: Client, member_factory: MemberFactory
) -> None:
    admin = member_factory(role="admin")
    drawing_id = create_drawing(api, admin)["drawingId"]
    body = {
        "rank": 1,
        "name": "Prize",
        "valueUsd": "5.00",
        "quantity": 1,
        "fulfillmentType": "digital",
        "sponsorId": str(uuid.uuid4()),
    }
    answer = api.post(f"{ADMIN}/{drawing_id}/prizes", json=body, headers=admin.headers)
    _conflict_on(answer, "sponsorId")
    prizes = api.get(f"{ADMIN}/{drawing_id}", headers=admin.headers).json().get("prizes", [])
    assert prizes == []
