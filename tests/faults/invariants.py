"""What must hold after every fault drill, checked from the database alone.

One checker for every drill: `assert_consistent(db)` runs each rule and fails with
every violation it found (not only the first), so a drill's failure names the damage.

- every member's ledger sums to their balance;
- no point is paid twice: each member-day's `daily:` earn entries add up to the day's
  `total_paid`, each ticket block has exactly its one spend, and a refund only for a
  refunded block;
- every drawing's ticket total equals its blocks plus free entries, numbered 1..total
  without gap or overlap;
- no activity is stored twice (unique by member, source and provider id);
- no winner is awarded twice (one fulfillment each; a member told of one prize per
  drawing at most, since a member wins at most one).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from fittrack.db import Database, UnitOfWork

Rule = Callable[[UnitOfWork], list[str]]


def ledger_sums_to_balance(uow: UnitOfWork) -> list[str]:
    rows = uow.query(
        "SELECT u.user_id, u.point_balance, COALESCE(SUM(l.amount), 0) AS ledger"
        " FROM users u LEFT JOIN point_ledger l ON l.user_id = u.user_id"
        " GROUP BY u.user_id, u.point_balance"
    )
    return [
        f"member {row['user_id'].hex()}: balance {row['point_balance']} but ledger {row['ledger']}"
        for row in rows
        if int(row["point_balance"]) != int(row["ledger"])
    ]


def days_paid_once(uow: UnitOfWork) -> list[str]:
    """The `daily:{user}:{day}:{total}` entries of a member-day sum to its total_paid,
    and the last of them names that total (paying up to a total happens once)."""
    earned: dict[tuple[str, str], list[int]] = defaultdict(list)
    totals: dict[tuple[str, str], list[int]] = defaultdict(list)
    for row in uow.query(
        "SELECT amount, idempotency_key FROM point_ledger"
        " WHERE entry_type = 'earn' AND idempotency_key LIKE 'daily:%'"
    ):
        _, user, day, total = row["idempotency_key"].split(":")
        key = (user.replace("-", ""), day)
        earned[key].append(int(row["amount"]))
        totals[key].append(int(total))
    paid = {
        (row["user_id"].hex(), str(row["program_day"])): int(row["total_paid"])
        for row in uow.query("SELECT user_id, program_day, total_paid FROM daily_points")
    }
    problems = []
    for key in sorted(set(earned) | {k for k, v in paid.items() if v}):
        amounts, recorded = earned.get(key, []), paid.get(key, 0)
        if sum(amounts) != recorded or (amounts and max(totals[key]) != recorded):
            problems.append(
                f"member {key[0]} day {key[1]}: ledger paid {amounts} but total_paid {recorded}"
            )
    return problems


def tickets_paid_once(uow: UnitOfWork) -> list[str]:
    rows = uow.query(
        "SELECT b.block_id, b.points_spent, b.refunded_at, l.amount AS spent,"
        " (SELECT COUNT(*) FROM point_ledger r WHERE r.reference_id = b.block_id"
        "   AND r.entry_type = 'refund') AS refunds,"
        " (SELECT COALESCE(SUM(r.amount), 0) FROM point_ledger r"
        "   WHERE r.reference_id = b.block_id AND r.entry_type = 'refund') AS refunded"
        " FROM ticket_blocks b LEFT JOIN point_ledger l ON l.entry_id = b.ledger_entry_id"
    )
    problems = []
    for row in rows:
        block = row["block_id"].hex()
        if row["spent"] is None or -int(row["spent"]) != int(row["points_spent"]):
            problems.append(f"block {block}: spend {row['spent']} for {row['points_spent']}")
        expected = (1, int(row["points_spent"])) if row["refunded_at"] else (0, 0)
        if (int(row["refunds"]), int(row["refunded"])) != expected:
            problems.append(f"block {block}: {row['refunds']} refunds of {row['refunded']}")
    return problems


def tickets_match_blocks(uow: UnitOfWork) -> list[str]:
    numbered: dict[bytes, list[tuple[int, int]]] = defaultdict(list)
    for row in uow.query(
        "SELECT drawing_id, first_ticket_number, last_ticket_number FROM ticket_blocks"
    ):
        numbered[row["drawing_id"]].append(
            (int(row["first_ticket_number"]), int(row["last_ticket_number"]))
        )
    for row in uow.query("SELECT drawing_id, ticket_number FROM free_entries"):
        numbered[row["drawing_id"]].append((int(row["ticket_number"]), int(row["ticket_number"])))
    problems = []
    for row in uow.query("SELECT drawing_id, total_tickets FROM drawings"):
        ranges = sorted(numbered.get(row["drawing_id"], []))
        expected_first, total = 1, int(row["total_tickets"])
        for first, last in ranges:
            if first != expected_first:
                problems.append(f"drawing {row['drawing_id'].hex()}: ticket {first} after gap")
            expected_first = last + 1
        if expected_first - 1 != total:
            problems.append(
                f"drawing {row['drawing_id'].hex()}: total {total} but blocks end at"
                f" {expected_first - 1}"
            )
    return problems


def activities_unique(uow: UnitOfWork) -> list[str]:
    rows = uow.query(
        "SELECT user_id, source, external_id, COUNT(*) AS copies FROM activities"
        " GROUP BY user_id, source, external_id HAVING COUNT(*) > 1"
    )
    return [
        f"activity {row['source']}:{row['external_id']} stored {row['copies']} times"
        for row in rows
    ]


def winners_awarded_once(uow: UnitOfWork) -> list[str]:
    fulfillments = uow.query(
        "SELECT winner_id, COUNT(*) AS n FROM fulfillments GROUP BY winner_id HAVING COUNT(*) > 1"
    )
    told = uow.query(
        "SELECT user_id, json_extract(data, '$.drawingId') AS drawing, COUNT(*) AS n"
        " FROM notifications WHERE kind = 'prize_won'"
        " GROUP BY user_id, json_extract(data, '$.drawingId') HAVING COUNT(*) > 1"
    )
    return [f"winner {row['winner_id'].hex()}: {row['n']} fulfillments" for row in fulfillments] + [
        f"member {row['user_id'].hex()}: told {row['n']} times of a prize in {row['drawing']}"
        for row in told
    ]


RULES: tuple[Rule, ...] = (
    ledger_sums_to_balance,
    days_paid_once,
    tickets_paid_once,
    tickets_match_blocks,
    activities_unique,
    winners_awarded_once,
)


def violations(db: Database) -> list[str]:
    with db.unit_of_work(readonly=True) as uow:
        return [problem for rule in RULES for problem in rule(uow)]


def assert_consistent(db: Database) -> None:
    found = violations(db)
    assert not found, "invariants broken:\n" + "\n".join(found)
