"""Prize fulfillment over real HTTP: the winner confirms, the admin ships and delivers,
illegal moves are 409 problems, tax details gate $600+ prizes, members see only theirs."""

from __future__ import annotations

from typing import Any

from fittrack.local.server import LocalPlatform
from fittrack.repositories import review_flags
from tests.api.conftest import Client
from tests.api.drawing_steps import buy, close_and_execute, fund, ok, open_drawing
from tests.api.fulfillment_world import ADDRESS, win
from tests.fixtures.members import Member, MemberFactory

ADMIN = "/api/v1/admin/fulfillments"
MINE = "/api/v1/users/me/prizes"


def _post(api: Client, path: str, who: Member, body: dict[str, Any] | None = None) -> Any:
    return api.post(path, json=body or {}, headers=who.headers)


def _kinds(api: Client, who: Member) -> list[str]:
    return [
        n["kind"] for n in api.get("/api/v1/notifications", headers=who.headers).json()["items"]
    ]


def test_a_physical_prize_from_win_to_delivery(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin, winner = member_factory(role="admin"), member_factory()
    fid = win(local_platform, winner.user_id)["fulfillmentId"]
    mine = api.get(MINE, headers=winner.headers).json()
    assert mine["pagination"]["totalItems"] == 1
    assert mine["items"][0]["nextAction"] == "confirm_address"
    assert mine["items"][0]["status"] == "winner_notified"

    early = _post(api, f"{ADMIN}/{fid}/ship", admin, {"carrier": "UPS", "trackingNumber": "1Z"})
    assert early.status_code == 409
    assert early.json()["currentStatus"] == "winner_notified"
    assert early.json()["type"].endswith("/illegal-transition")

    bad = _post(
        api, f"{MINE}/{fid}/address", winner, {"address": {**ADDRESS, "state": "ZZ", "zip": "123"}}
    )
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} == {"address.state", "address.zip"}
    ok = _post(api, f"{MINE}/{fid}/address", winner, {"address": {**ADDRESS, "zip": "627011234"}})
    assert ok.status_code == 200, ok.text
    assert ok.json()["status"] == "address_confirmed"
    assert ok.json()["shippingAddress"]["zip"] == "62701-1234"

    odd = _post(api, f"{ADMIN}/{fid}/ship", admin, {"carrier": "UPS", "trackingNumber": "1Z–9"})
    assert [e["field"] for e in odd.json()["errors"]] == ["trackingNumber"]  # an en dash
    shipped = _post(api, f"{ADMIN}/{fid}/ship", admin, {"carrier": "UPS", "trackingNumber": "1Z9"})
    assert shipped.status_code == 200, shipped.text
    assert (shipped.json()["status"], shipped.json()["carrier"]) == ("shipped", "UPS")
    assert _post(api, f"{ADMIN}/{fid}/forfeit", admin).status_code == 409
    assert _post(api, f"{MINE}/{fid}/address", winner, {"address": ADDRESS}).status_code == 409
    delivered = _post(api, f"{ADMIN}/{fid}/deliver", admin)
    assert delivered.json()["status"] == "delivered"
    assert _post(api, f"{ADMIN}/{fid}/deliver", admin).status_code == 409
    assert _kinds(api, winner) == ["prize_delivered", "prize_shipped", "prize_won"]

    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        audit = [
            r["action"]
            for r in uow.query(
                "SELECT action FROM audit_log WHERE entity_type = 'fulfillment' ORDER BY created_at"
            )
        ]
        history = [
            r["action"]
            for r in uow.query(
                "SELECT action FROM admin_actions WHERE target_user_id = :u ORDER BY created_at",
                {"u": winner.user_id.bytes},
            )
        ]
    assert audit == [
        "fulfillment.created",
        "fulfillment.address_confirmed",
        "fulfillment.shipped",
        "fulfillment.delivered",
    ]
    assert history == ["fulfillment.shipped", "fulfillment.delivered"]


def test_members_see_only_their_own_prizes(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    winner, other = member_factory(), member_factory()
    fid = win(local_platform, winner.user_id)["fulfillmentId"]
    assert api.get(f"{MINE}/{fid}", headers=winner.headers).status_code == 200
    assert api.get(MINE, headers=other.headers).json()["items"] == []
    for response in (
        api.get(f"{MINE}/{fid}", headers=other.headers),
        _post(api, f"{MINE}/{fid}/address", other, {"address": ADDRESS}),
        _post(api, f"{MINE}/{fid}/tax-details", other, {}),
        api.get(f"{MINE}/not-an-id", headers=other.headers),
    ):
        assert response.status_code in (404, 400), response.text
        assert response.headers["Content-Type"].startswith("application/problem+json")
    assert api.get(f"{MINE}/{fid}", headers=other.headers).status_code == 404
    assert api.get(f"{ADMIN}/{fid}", headers=winner.headers).status_code == 403


def test_digital_prizes_take_an_email(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    winner = member_factory()
    fid = win(local_platform, winner.user_id, kind="digital")["fulfillmentId"]
    assert api.get(MINE, headers=winner.headers).json()["items"][0]["nextAction"] == "confirm_email"
    assert _post(api, f"{MINE}/{fid}/address", winner, {"email": "nope"}).status_code == 400
    ok = _post(api, f"{MINE}/{fid}/address", winner, {"email": "me@example.com"})
    assert ok.json()["deliveryEmail"] == "me@example.com"


def test_600_dollar_prizes_need_encrypted_tax_details_before_shipping(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin, winner = member_factory(role="admin"), member_factory()
    fid = win(local_platform, winner.user_id, value="600.00")["fulfillmentId"]
    _post(api, f"{MINE}/{fid}/address", winner, {"address": ADDRESS})
    assert api.get(MINE, headers=winner.headers).json()["items"][0]["nextAction"] == "tax_details"
    blocked = _post(api, f"{ADMIN}/{fid}/ship", admin, {"carrier": "UPS", "trackingNumber": "1"})
    assert blocked.status_code == 409
    assert blocked.json()["reason"] == "tax_details_missing"

    details = {"legalName": "Ann Lee", "taxId": "123-45-6789", "address": ADDRESS}
    bad = _post(api, f"{MINE}/{fid}/tax-details", winner, {**details, "taxId": "000-45-6789"})
    assert bad.status_code == 400
    assert "000-45-6789" not in bad.text
    receipt = _post(api, f"{MINE}/{fid}/tax-details", winner, details)
    assert receipt.status_code == 201, receipt.text
    assert receipt.json()["taxIdLast4"] == "6789"
    assert "123-45-6789" not in receipt.text and "123456789" not in receipt.text

    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        blob = bytes(uow.scalar("SELECT details_encrypted FROM fulfillment_tax_details"))
        logged = " ".join(str(r) for r in uow.query("SELECT before, after FROM audit_log"))
    assert b"123456789" not in blob and b"Ann Lee" not in blob
    assert "123456789" not in logged
    view = api.get(f"{ADMIN}/{fid}", headers=admin.headers).json()
    assert (view["taxInfoReceived"], view["taxIdLast4"]) == (True, "6789")
    assert "123456789" not in str(view)
    assert (
        _post(
            api, f"{ADMIN}/{fid}/ship", admin, {"carrier": "UPS", "trackingNumber": "1"}
        ).status_code
        == 200
    )


def test_small_prizes_refuse_tax_details(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    winner = member_factory()
    fid = win(local_platform, winner.user_id)["fulfillmentId"]
    refused = _post(
        api,
        f"{MINE}/{fid}/tax-details",
        winner,
        {"legalName": "A", "taxId": "123456789", "address": ADDRESS},
    )
    assert refused.status_code == 409


def test_admin_lists_updates_notes_and_flags_a_bad_address(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin, winner = member_factory(role="admin"), member_factory()
    first = win(local_platform, winner.user_id)["fulfillmentId"]
    win(local_platform, member_factory().user_id)
    _post(api, f"{MINE}/{first}/address", winner, {"address": ADDRESS})
    page = api.get(ADMIN, params={"status": "address_confirmed"}, headers=admin.headers).json()
    assert [f["fulfillmentId"] for f in page["items"]] == [first]
    everything = api.get(ADMIN, params={"limit": 1}, headers=admin.headers).json()
    assert everything["pagination"]["totalPages"] == 2
    assert api.get(ADMIN, params={"status": "lost"}, headers=admin.headers).status_code == 400

    noted = api.request(
        "PUT", f"{ADMIN}/{first}", json={"notes": "call first"}, headers=admin.headers
    )
    assert noted.json()["notes"] == "call first"
    invalid = api.request(
        "PUT", f"{ADMIN}/{first}", json={"addressStatus": "invalid"}, headers=admin.headers
    )
    assert invalid.json()["status"] == "address_invalid"
    assert (
        api.get(MINE, headers=winner.headers).json()["items"][0]["nextAction"] == "confirm_address"
    )
    again = _post(api, f"{MINE}/{first}/address", winner, {"address": ADDRESS})
    assert again.json()["status"] == "address_confirmed"


def test_a_ban_forfeits_a_held_win_and_redraws_it_from_the_same_snapshot(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    drawing_id = open_drawing(api, admin, prizes=2)
    members = [member_factory() for _ in range(3)]
    for member in members:
        fund(api, admin, member, 1_000)
        ok(buy(api, member, drawing_id, 2), 201)
    platform = local_platform.platform
    with platform.db.unit_of_work() as uow:  # flagged after buying: their tickets stay in
        flags = review_flags.insert_many(
            uow, [review_flags.NewFlag(m.user_id, "manual", {}) for m in members], platform.clock()
        )
    close_and_execute(api, admin, drawing_id)
    held = {m.user_id: api.get(MINE, headers=m.headers).json()["items"] for m in members}
    winners = [m for m in members if held[m.user_id]]
    (alternate,) = [m for m in members if not held[m.user_id]]
    assert all(held[w.user_id][0]["awaitingReview"] for w in winners)
    banned, flag_id = winners[0], str(flags[members.index(winners[0])])

    ok(
        api.post(
            f"/api/v1/admin/review-queue/{flag_id}/resolve",
            json={"decision": "ban", "note": "bot"},
            headers=admin.headers,
        )
    )
    lost = ok(api.get(f"{ADMIN}/{held[banned.user_id][0]['fulfillmentId']}", headers=admin.headers))
    assert lost["status"] == "forfeited"
    (won,) = api.get(MINE, headers=alternate.headers).json()["items"]
    assert won["status"] == "pending"  # the alternate is under review too
    assert lost["redrawnFulfillmentId"] == won["fulfillmentId"]
    again = _post(api, f"{ADMIN}/{lost['fulfillmentId']}/redraw", admin)
    assert again.status_code == 409
    still_held = _post(api, f"{ADMIN}/{won['fulfillmentId']}/redraw", admin)
    assert (still_held.status_code, still_held.json()["currentStatus"]) == (409, "pending")
