"""Sweepstakes numbers (SQLite, in-process services).

Prints:
  - ticket purchases under 20 concurrent buyers (threads): throughput and p50/p95
    latency of `services.tickets.buy` (eligibility, counter, ledger, block, commit),
    target p95 < 50 ms;
  - a fittrack-draw-v2 draw over 10,000,000 tickets in 1,000,000 blocks (100,000
    members, 10 blocks each, the purchase chain a real sale leaves) with 100 prizes:
    close (snapshot, purchase chain recomputed, Merkle root, storage) target < 3 s;
    one member's inclusion proofs; selection with awards (the beacon round fetched and
    verified, picks, winner rows, fulfillments, notifications) target < 2 s; and the
    public verification document. Wall and CPU seconds of each. A local drand beacon
    simulator serves the round.

    .venv/bin/python scripts/bench_drawings.py [--members 100000] [--blocks-each 10]
        [--prizes 100] [--skip-purchases]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from benchkit import record, sha256_pass_seconds

from fittrack import config
from fittrack.db import ids, migrate
from fittrack.domain import entries, merkle, merkle_frontier
from fittrack.local.simulators.drand import BeaconSimulator
from fittrack.platform import Platform
from fittrack.repositories import drawings, prizes
from fittrack.services import commitments, draws, lifecycle, verification
from fittrack.services import tickets as buying

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
BUYERS, PURCHASES_EACH = 20, 60
TICKETS_EACH_BLOCK = 10
T = TypeVar("T")
_relay: dict[str, str] = {}


@contextmanager
def _beacon() -> Iterator[None]:
    """A local drand beacon that has published every round up to 2100."""
    simulator = BeaconSimulator(
        clock=lambda: datetime(2100, 1, 1, tzinfo=UTC),
        genesis_time=int(datetime(2020, 1, 1, tzinfo=UTC).timestamp()),
    ).start()
    _relay.update(url=simulator.url, chain_hash=simulator.chain_hash)
    try:
        yield
    finally:
        simulator.stop()


def _platform(folder: str) -> Platform:
    settings = config.Settings(
        home=Path(folder),
        database_url=f"sqlite:///{folder}/bench.db",
        beacon_relays=(_relay["url"],),
        beacon_chain_hash=_relay["chain_hash"],
    )
    platform = Platform(settings, clock=lambda: NOW)
    migrate(platform.db)
    return platform


def _members(platform: Platform, count: int, balance: int) -> list[uuid.UUID]:
    made = [ids.new_id() for _ in range(count)]
    with platform.db.unit_of_work() as uow:
        uow.executemany(
            "INSERT INTO users (user_id, email, email_normalized, role, status, date_of_birth,"
            " state_of_residence, email_verified_at, point_balance, created_at, updated_at)"
            " VALUES (:id, :email, :email, 'user', 'active', :dob, 'CA', :at, :balance, :at,"
            " :at)",
            [
                {
                    "id": ids.to_db(u),
                    "email": f"{u.hex}@bench.local",
                    "dob": date(1990, 1, 1),
                    "balance": balance,
                    "at": NOW - timedelta(days=30),
                }
                for u in made
            ],
        )
        uow.executemany(
            "INSERT INTO user_profiles (user_id, display_name, biological_sex, fitness_level,"
            " age_bracket, tier_code, completed_at, created_at, updated_at) VALUES (:id, :name,"
            " 'male', 'advanced', '30-39', 'M-30-39-ADV', :at, :at, :at)",
            [{"id": ids.to_db(u), "name": f"bench-{u.hex[-12:]}", "at": NOW} for u in made],
        )
        if balance:  # the ledger explains the balance, as it must
            uow.executemany(
                "INSERT INTO point_ledger (entry_id, user_id, entry_type, amount, balance_after,"
                " idempotency_key, created_at) VALUES (:e, :u, 'adjust', :b, :b, :k, :at)",
                [
                    {
                        "e": ids.to_db(ids.new_id()),
                        "u": ids.to_db(u),
                        "b": balance,
                        "k": f"bench:{u.hex}",
                        "at": NOW,
                    }
                    for u in made
                ],
            )
    return made


def _drawing(platform: Platform, prize_count: int) -> uuid.UUID:
    drawing_id = ids.new_id()
    with platform.db.unit_of_work() as uow:
        drawings.insert(
            uow,
            drawings.Drawing(
                drawing_id=drawing_id,
                drawing_type="daily",
                status="scheduled",
                name="Bench",
                description=None,
                ticket_cost_points=1,
                opens_at=None,
                sales_close_time=NOW + timedelta(hours=5),
                drawing_time=NOW + timedelta(hours=6),
                eligibility={"user_type": "all", "min_account_age_days": 0},
            ),
            NOW,
        )
        for rank in range(1, prize_count + 1):
            prizes.insert(
                uow,
                prizes.Prize(
                    prize_id=ids.new_id(),
                    drawing_id=drawing_id,
                    rank=rank,
                    name=f"Prize {rank}",
                    description=None,
                    value_usd=Decimal("10.00"),
                    quantity=1,
                    fulfillment_type="digital",
                    sponsor_id=None,
                    image_url=None,
                ),
                NOW,
            )
    lifecycle.open_drawing(platform, drawing_id, None)
    return drawing_id


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000


def purchases() -> None:
    with tempfile.TemporaryDirectory(prefix="fittrack-bench-draw-") as folder:
        platform = _platform(folder)
        buyers = _members(platform, BUYERS, 10_000_000)
        drawing_id = _drawing(platform, 1)
        latencies: list[float] = []
        lock = threading.Lock()
        start = threading.Barrier(BUYERS)

        def run(buyer: uuid.UUID) -> None:
            start.wait()
            mine: list[float] = []
            for n in range(PURCHASES_EACH):
                began = time.perf_counter()
                buying.buy(platform, buyer, drawing_id, 1 + n % 5)
                mine.append(time.perf_counter() - began)
            with lock:
                latencies.extend(mine)

        threads = [threading.Thread(target=run, args=(b,)) for b in buyers]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        platform.close()
    record(
        f"tickets: purchase p95, {BUYERS} concurrent buyers", _pct(latencies, 0.95), "ms", target=50
    )
    record("tickets: purchases per second", len(latencies) / elapsed, "/s", better="higher")
    print(
        f"purchases, {BUYERS} concurrent buyers x {PURCHASES_EACH}: "
        f"{len(latencies) / elapsed:,.0f}/s, p50 {_pct(latencies, 0.5):.1f} ms, "
        f"p95 {_pct(latencies, 0.95):.1f} ms (target p95 < 50 ms)"
    )


def _fill(platform: Platform, drawing_id: uuid.UUID, members: list[uuid.UUID], rounds: int) -> None:
    """`rounds` purchased blocks per member (with their ledger entries, each member's
    owner salt and the purchase chain a real sale leaves), written in bulk."""
    salts = {m: os.urandom(commitments.SALT_BYTES) for m in members}
    owners = {m: hashlib.sha256(salts[m] + m.bytes).digest() for m in members}
    blocks, ledger_rows, spans, first = [], [], [], 1
    for round_ in range(rounds):
        for member in members:
            block_id, entry_id = ids.new_id(), ids.new_id()
            ledger_rows.append(
                {
                    "e": ids.to_db(entry_id),
                    "u": ids.to_db(member),
                    "k": f"tickets:{block_id}",
                    "a": -TICKETS_EACH_BLOCK,
                    "b": 0,
                    "at": NOW,
                    "r": ids.to_db(block_id),
                }
            )
            blocks.append(
                {
                    "id": ids.to_db(block_id),
                    "d": ids.to_db(drawing_id),
                    "u": ids.to_db(member),
                    "f": first,
                    "l": first + TICKETS_EACH_BLOCK - 1,
                    "q": TICKETS_EACH_BLOCK,
                    "p": TICKETS_EACH_BLOCK,
                    "e": ids.to_db(entry_id),
                    "at": NOW + timedelta(microseconds=round_),
                }
            )
            spans.append((first, first + TICKETS_EACH_BLOCK - 1, owners[member]))
            first += TICKETS_EACH_BLOCK
    head, count, frontier, chunks = _chain_and_tree(drawing_id, merkle.leaf_hashes(spans))
    total = first - 1
    with platform.db.unit_of_work() as uow:
        uow.executemany(
            "INSERT INTO drawing_owner_salts (drawing_id, user_id, owner_salt, owner_hash,"
            " created_at) VALUES (:d, :u, :salt, :hash, :at)",
            [
                {
                    "d": ids.to_db(drawing_id),
                    "u": ids.to_db(m),
                    "salt": salts[m].hex(),
                    "hash": owners[m].hex(),
                    "at": NOW,
                }
                for m in members
            ],
        )
        uow.executemany(
            "INSERT INTO point_ledger (entry_id, user_id, entry_type, amount, balance_after,"
            " reference_type, reference_id, idempotency_key, created_at) VALUES (:e, :u,"
            " 'spend', :a, :b, 'ticket_block', :r, :k, :at)",
            ledger_rows,
        )
        uow.executemany(
            "INSERT INTO ticket_blocks (block_id, drawing_id, user_id, first_ticket_number,"
            " last_ticket_number, quantity, points_spent, ledger_entry_id, purchased_at)"
            " VALUES (:id, :d, :u, :f, :l, :q, :p, :e, :at)",
            blocks,
        )
        uow.executemany(
            "INSERT INTO drawing_entry_chunks (drawing_id, chunk_index, merkle_root, chain_head,"
            " created_at) VALUES (:d, :i, :root, :head, :at)",
            [{"d": ids.to_db(drawing_id), "at": NOW, **chunk} for chunk in chunks],
        )
        uow.execute(
            "UPDATE drawings SET total_tickets = :t, next_ticket_number = :n,"
            " entries_head = :h, entry_count = :c, entries_frontier = :f WHERE drawing_id = :d",
            {
                "t": total,
                "n": total + 1,
                "h": head.hex(),
                "c": count,
                "f": frontier or None,
                "d": ids.to_db(drawing_id),
            },
        )


def _chain_and_tree(
    drawing_id: uuid.UUID, leaves: list[bytes]
) -> tuple[bytes, int, str, list[dict[str, object]]]:
    """What the purchases of `leaves` leave behind: the chain's head, the Merkle
    frontier (count and nodes) and a row per full chunk, grown entry by entry."""
    head, marks = entries.final_head_and_marks(drawing_id, leaves, merkle.CHUNK_LEAVES)
    frontier, chunks = merkle_frontier.EMPTY, []
    for leaf in leaves:
        frontier, root = merkle_frontier.append(frontier, leaf)
        if root is not None:
            chunks.append({"i": len(chunks), "root": root.hex(), "head": marks[len(chunks)].hex()})
    return head, frontier.count, frontier.encoded(), chunks


def _timed(stages: list[tuple[str, float, float]], name: str, step: Callable[[], T]) -> T:
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    stages.append((name, time.perf_counter() - wall, time.process_time() - cpu))
    return result


def big_draw(members_count: int, rounds: int, prize_count: int) -> None:
    blocks, tickets = members_count * rounds, members_count * rounds * TICKETS_EACH_BLOCK
    with tempfile.TemporaryDirectory(prefix="fittrack-bench-draw-") as folder:
        platform = _platform(folder)
        members = _members(platform, members_count, 0)
        drawing_id = _drawing(platform, prize_count)
        filled = time.perf_counter()
        _fill(platform, drawing_id, members, rounds)
        print(f"wrote {blocks:,} blocks in {time.perf_counter() - filled:.0f} s (not counted)")
        stages: list[tuple[str, float, float]] = []
        _timed(
            stages,
            "close (snapshot, chain check, Merkle root)",
            lambda: lifecycle.close_drawing(platform, drawing_id, None),
        )
        proof = _timed(
            stages,
            "one member's inclusion proofs",
            lambda: verification.my_proof(platform, drawing_id, members[0]),
        )
        assert proof is not None and len(proof.blocks) == rounds
        winners = _timed(
            stages,
            "selection with awards (beacon check, picks, winners, notifications)",
            lambda: draws.execute(platform, drawing_id),
        )
        assert len(winners) == prize_count
        document = _timed(
            stages,
            "the public verification document",
            lambda: verification.verification(platform, drawing_id, None),
        )
        assert document.snapshot is not None
        platform.close()
    print(
        f"draw over {tickets:,} tickets in {blocks:,} blocks ({members_count:,} members),"
        f" {prize_count} prizes:"
    )
    targets = {"close": 3.0, "selection": 2.0}
    for name, wall, cpu in stages:
        target = next((t for key, t in targets.items() if name.startswith(key)), None)
        aim = f" (target < {target:.0f} s)" if target else ""
        print(f"  {name}: {wall:.2f} s, CPU {cpu:.2f} s{aim}")
        record(f"draw over {tickets:,} tickets: {name}", wall, "s", target=target)
    _close_in_hash_passes(stages[0][2], tickets)


def _close_in_hash_passes(close_cpu: float, tickets: int) -> None:
    """The close against this machine's speed: absolute times differ between machines,
    the number of SHA-256 passes a close costs does not (docs/drawings.md, "Numbers")."""
    unit = sha256_pass_seconds()
    print(
        f"  this machine: 1,000,000 SHA-256 calls from Python take {unit:.2f} s CPU;"
        f" the close costs {close_cpu / unit:.1f} times that"
    )
    record("machine: 1,000,000 SHA-256 calls from Python, CPU", unit, "s")
    record(
        f"draw over {tickets:,} tickets: close CPU / 1,000,000 SHA-256 calls", close_cpu / unit, "x"
    )


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--blocks-each", type=int, default=10)
    parser.add_argument("--prizes", type=int, default=100)
    parser.add_argument("--skip-purchases", action="store_true")
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    with _beacon():
        if not args.skip_purchases:
            purchases()
        big_draw(args.members, args.blocks_each, args.prizes)


if __name__ == "__main__":
    main()
