"""The lifecycle on a real SQLite file: templates, the every-minute job, cancellation
with refunds (resumed after an interruption)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from fittrack.clock import PROGRAM_TZ
from fittrack.db import ids
from fittrack.domain.errors import Conflict
from fittrack.platform import Platform
from fittrack.repositories import drawings, ledger, tickets
from fittrack.schemas.drawing_admin import TemplateIn, TemplatePrize
from fittrack.services import drawing_templates, draws, lifecycle
from fittrack.services import tickets as buying
from tests.fixtures.drawings import admin, drawing, fresh_platform, member


@pytest.fixture
def platform(fittrack_home: Path) -> Iterator[Platform]:
    yield from fresh_platform()


def status(platform: Platform, drawing_id: uuid.UUID) -> str:
    with platform.db.unit_of_work(readonly=True) as uow:
        found = drawings.get(uow, drawing_id)
    assert found is not None
    return found.status


def notified(platform: Platform, kind: str) -> int:
    with platform.db.unit_of_work(readonly=True) as uow:
        return int(uow.scalar("SELECT COUNT(*) FROM notifications WHERE kind = :k", {"k": kind}))


def test_cancelling_refunds_every_ticket_once(platform: Platform) -> None:
    boss = admin(platform)
    drawing_id = drawing(platform, boss)
    buyers = [member(platform, balance=1_000) for _ in range(3)]
    for n, buyer in enumerate(buyers):
        buying.buy(platform, buyer, drawing_id, n + 1)
        buying.buy(platform, buyer, drawing_id, 1)
    freeloader = member(platform)
    buying.free_entry(platform, freeloader, drawing_id)
    assert lifecycle.cancel_drawing(platform, drawing_id, boss, "sponsor withdrew") == 6
    assert lifecycle.cancel_drawing(platform, drawing_id, boss, "again") == 0
    with platform.db.unit_of_work(readonly=True) as uow:
        for buyer in buyers:
            assert ledger.balances(uow, buyer) == (1_000, 0)
            assert ledger.ledger_sum(uow, buyer) == 1_000
        assert tickets.unrefunded(uow, drawing_id, 100) == []
        refunds = uow.scalar("SELECT COUNT(*) FROM point_ledger WHERE entry_type = 'refund'")
    assert refunds == 6
    assert notified(platform, "drawing_cancelled") == 4
    assert status(platform, drawing_id) == "cancelled"
    with pytest.raises(buying.SalesClosed):
        buying.buy(platform, buyers[0], drawing_id, 1)


def test_interrupted_refunds_are_finished_by_the_job(
    platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    boss = admin(platform)
    drawing_id = drawing(platform, boss)
    buyer = member(platform, balance=1_000)
    for _ in range(5):
        buying.buy(platform, buyer, drawing_id, 1)
    monkeypatch.setattr(lifecycle, "REFUND_BATCH", 2)
    calls = {"n": 0}
    real = ledger.post_entry

    def flaky(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("killed mid-refund")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ledger, "post_entry", flaky)
    with pytest.raises(RuntimeError):
        lifecycle.cancel_drawing(platform, drawing_id, boss, None)
    with platform.db.unit_of_work(readonly=True) as uow:
        assert ledger.balances(uow, buyer) == (700, 0)  # the first batch of 2 was refunded
    assert lifecycle.run(platform)["refunded"] == 3
    with platform.db.unit_of_work(readonly=True) as uow:
        assert ledger.balances(uow, buyer) == (1_000, 0)
        assert ledger.ledger_sum(uow, buyer) == 1_000


def test_a_completed_drawing_cannot_be_cancelled(platform: Platform) -> None:
    boss = admin(platform)
    drawing_id = drawing(platform, boss)
    buying.buy(platform, member(platform, balance=100), drawing_id, 1)
    lifecycle.close_drawing(platform, drawing_id, boss)
    draws.execute(platform, drawing_id)
    with pytest.raises(Conflict, match="completed and cannot be cancelled"):
        lifecycle.cancel_drawing(platform, drawing_id, boss, None)


def test_the_job_runs_a_templates_drawings_through_their_life(platform: Platform) -> None:
    boss = admin(platform)
    clock = platform.clock
    drawing_templates.create(
        platform,
        boss,
        TemplateIn(
            name="Daily Drawing",
            drawing_type="daily",  # type: ignore[arg-type]
            prizes=[
                TemplatePrize(
                    rank=1, name="Gift card", value_usd=Decimal("25.00"), fulfillment_type="digital"
                )
            ],
        ),
    )
    first = lifecycle.run(platform)
    assert (first["created"], first["opened"]) == (2, 1)  # tonight's is open already
    assert lifecycle.run(platform)["created"] == 0
    with platform.db.unit_of_work(readonly=True) as uow:
        made = drawings.list_page(uow, None, drawing_type="daily", offset=0, limit=10)
    tonight, tomorrow = made
    local = tonight.drawing_time.astimezone(PROGRAM_TZ)
    assert (local.hour, local.minute, tonight.ticket_cost_points) == (21, 0, 100)
    assert tonight.sales_close_time == tonight.drawing_time - timedelta(minutes=5)
    assert (tonight.status, tomorrow.status) == ("open", "scheduled")
    assert tomorrow.opens_at == tonight.drawing_time
    buyers = [member(platform, balance=500) for _ in range(3)]
    for buyer in buyers:
        buying.buy(platform, buyer, tonight.drawing_id, 2)
    clock.now = tonight.sales_close_time  # type: ignore[attr-defined]
    assert lifecycle.run(platform)["closed"] == 1
    assert status(platform, tonight.drawing_id) == "closed"
    clock.now = tonight.drawing_time  # type: ignore[attr-defined]
    ran = lifecycle.run(platform)
    assert (ran["drawn"], ran["opened"]) == (1, 1)
    assert status(platform, tonight.drawing_id) == "completed"
    assert status(platform, tomorrow.drawing_id) == "open"
    assert notified(platform, "prize_won") == 1
    with platform.db.unit_of_work(readonly=True) as uow:
        prizes = uow.scalar(
            "SELECT COUNT(*) FROM prizes WHERE drawing_id = :d",
            {"d": ids.to_db(tomorrow.drawing_id)},
        )
    assert prizes == 1


def test_templates_without_prizes_make_drafts_and_deactivated_ones_stop(platform: Platform) -> None:
    boss = admin(platform)
    template = drawing_templates.create(
        platform, boss, TemplateIn(name="Weekly", drawing_type="weekly")
    )  # type: ignore[arg-type]
    assert template.ticket_cost_points == 500
    lifecycle.run(platform)
    with platform.db.unit_of_work(readonly=True) as uow:
        assert [
            d.status
            for d in drawings.list_page(uow, None, drawing_type="weekly", offset=0, limit=10)
        ] == ["draft"]
    drawing_templates.deactivate(platform, boss, template.template_id)
    platform.clock.advance(timedelta(days=8))  # type: ignore[attr-defined]
    assert lifecycle.run(platform)["created"] == 0
