"""Buying tickets on a real SQLite file: concurrency (threads and processes), every
refusal, free entries. No race may overdraw a balance, skip or overlap a number."""

from __future__ import annotations

import multiprocessing
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from fittrack import config
from fittrack.db import ids
from fittrack.domain.errors import DomainError, NotFound
from fittrack.http.problems import status_of
from fittrack.platform import Platform
from fittrack.repositories import drawings, ledger, review_flags, tickets
from fittrack.services import tickets as buying
from tests.fixtures.drawings import START, admin, drawing, fresh_platform, member


@pytest.fixture
def platform(fittrack_home: Path) -> Iterator[Platform]:
    yield from fresh_platform()


def attempt(platform: Platform, user: uuid.UUID, drawing_id: uuid.UUID, quantity: int) -> str:
    try:
        buying.buy(platform, user, drawing_id, quantity)
        return "ok"
    except DomainError as refused:
        return refused.code


def assert_consistent(platform: Platform, drawing_id: uuid.UUID) -> list[tickets.Block]:
    """Blocks number 1..total without gaps; each block is paid by its own ledger entry."""
    with platform.db.unit_of_work(readonly=True) as uow:
        found = drawings.get(uow, drawing_id)
        rows = uow.query(
            "SELECT block_id FROM ticket_blocks WHERE drawing_id = :d", {"d": ids.to_db(drawing_id)}
        )
        users = {ids.from_db(u) for _, _, u in tickets.snapshot_rows(uow, drawing_id)}
        blocks = [b for u in users for b in tickets.for_user(uow, drawing_id, u)]
        for user in users:
            assert ledger.ledger_sum(uow, user) == ledger.balances(uow, user)[0]  # type: ignore[index]
    assert found is not None and len(rows) == len([b for b in blocks if not b.free])
    blocks.sort(key=lambda b: b.first_ticket_number)
    expected = 1
    for block in blocks:
        assert block.first_ticket_number == expected
        expected = block.last_ticket_number + 1
    assert found.total_tickets == expected - 1 == sum(b.quantity for b in blocks)
    assert found.next_ticket_number == found.total_tickets + 1
    return blocks


def test_fifty_parallel_purchases_by_one_member_never_overdraw(platform: Platform) -> None:
    drawing_id = drawing(platform, admin(platform))
    buyer = member(platform, balance=1_000)
    with ThreadPoolExecutor(max_workers=50) as pool:
        outcomes = list(pool.map(lambda _: attempt(platform, buyer, drawing_id, 1), range(50)))
    assert outcomes.count("ok") == 10
    assert set(outcomes) == {"ok", "insufficient-points"}
    with platform.db.unit_of_work(readonly=True) as uow:
        assert ledger.balances(uow, buyer) == (0, 0)
        assert ledger.ledger_sum(uow, buyer) == 0
    assert len(assert_consistent(platform, drawing_id)) == 10


def test_many_members_buying_at_once_get_contiguous_blocks(platform: Platform) -> None:
    drawing_id = drawing(platform, admin(platform), cost=10)
    buyers = [member(platform, balance=10_000) for _ in range(12)]
    jobs = [(b, 1 + (n * 7 + i) % 13) for n, b in enumerate(buyers) for i in range(8)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        outcomes = list(pool.map(lambda job: attempt(platform, job[0], drawing_id, job[1]), jobs))
    assert outcomes == ["ok"] * len(jobs)
    blocks = assert_consistent(platform, drawing_id)
    assert len(blocks) == len(jobs)
    with platform.db.unit_of_work(readonly=True) as uow:
        for buyer in buyers:
            spent = sum(q for b, q in jobs if b == buyer) * 10
            assert ledger.balances(uow, buyer) == (10_000 - spent, 0)


def _buy_in_process(args: tuple[str, str, str, str, int]) -> list[str]:
    home, url, user, drawing_id, times = args
    settings = config.Settings(home=Path(home), database_url=url)
    platform = Platform(settings, clock=lambda: START)
    try:
        return [attempt(platform, uuid.UUID(user), uuid.UUID(drawing_id), 2) for _ in range(times)]
    finally:
        platform.close()


def test_purchases_from_several_processes_stay_consistent(platform: Platform) -> None:
    drawing_id = drawing(platform, admin(platform))
    buyers = [member(platform, balance=1_000) for _ in range(4)]  # 5 purchases of 2 each
    home, url = str(platform.settings.home), platform.settings.database_url
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=4, mp_context=context) as pool:
        results = list(
            pool.map(_buy_in_process, [(home, url, str(b), str(drawing_id), 7) for b in buyers])
        )
    for outcomes in results:
        assert outcomes.count("ok") == 5 and outcomes.count("insufficient-points") == 2
    assert len(assert_consistent(platform, drawing_id)) == 20


def test_refusals_change_nothing_and_say_why(platform: Platform) -> None:
    boss = admin(platform)
    drawing_id = drawing(platform, boss, cost=100)
    poor = member(platform, balance=150)
    with pytest.raises(DomainError) as refused:
        buying.buy(platform, poor, drawing_id, 2)
    assert (status_of(refused.value), refused.value.extra) == (400, {"balance": 150, "cost": 200})
    cases = [
        (member(platform, 500, state="NY"), "state_not_eligible"),
        (member(platform, 500, verified=False), "email_not_verified"),
        (member(platform, 500, profile=False), "profile_incomplete"),
        (boss, "staff"),
    ]
    flagged = member(platform, 500)
    with platform.db.unit_of_work() as uow:
        review_flags.insert_many(
            uow, [review_flags.NewFlag(flagged, "manual", {})], platform.clock()
        )
    cases.append((flagged, "flagged_for_review"))
    for user, rule in cases:
        with pytest.raises(buying.NotEligible) as not_eligible:
            buying.buy(platform, user, drawing_id, 1)
        assert not_eligible.value.extra["rule"] == rule
    premium_pool = drawing(platform, boss, user_type="premium")
    with pytest.raises(buying.NotEligible, match="premium members only"):
        buying.buy(platform, poor, premium_pool, 1)
    aged_pool = drawing(platform, boss, min_age=60)
    with pytest.raises(buying.NotEligible, match="60 days"):
        buying.buy(platform, poor, aged_pool, 1)
    with pytest.raises(NotFound):
        buying.buy(platform, poor, drawing(platform, boss, status="draft"), 1)
    platform.clock.advance(timedelta(hours=5, minutes=56))  # type: ignore[attr-defined]
    with pytest.raises(buying.SalesClosed):
        buying.buy(platform, poor, drawing_id, 1)
    with platform.db.unit_of_work(readonly=True) as uow:
        assert ledger.balances(uow, poor) == (150, 0)
        assert drawings.get(uow, drawing_id).total_tickets == 0  # type: ignore[union-attr]


def test_a_free_entry_is_one_ticket_once_per_member(platform: Platform) -> None:
    drawing_id = drawing(platform, admin(platform))
    broke, buyer = member(platform), member(platform, balance=300)
    buying.buy(platform, buyer, drawing_id, 2)
    entry = buying.free_entry(platform, broke, drawing_id)
    assert (entry.ticket_number, entry.total_user_tickets) == (3, 1)
    with pytest.raises(buying.FreeEntryUsed):
        buying.free_entry(platform, broke, drawing_id)
    assert buying.free_entry(platform, buyer, drawing_id).ticket_number == 4
    buying.buy(platform, buyer, drawing_id, 1)
    mine = buying.my_tickets(platform, buyer, drawing_id)
    assert [(b.first_ticket_number, b.entry_method) for b in mine.blocks] == [
        (1, "purchase"),
        (4, "free"),
        (5, "purchase"),
    ]
    assert (mine.total_tickets, mine.points_spent) == (4, 300)
    assert_consistent(platform, drawing_id)
    entries = buying.my_entries(platform, buyer, 1, 20)
    assert [(e.tickets, e.points_spent, e.blocks) for e in entries.entries] == [(4, 300, 3)]
