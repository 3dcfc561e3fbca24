"""The leaderboard and review SQL in the Oracle dialect parses as Oracle SQL (the
SQLite side runs for real in the integration tests)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlglot

from fittrack.db.dialect import ORACLE
from fittrack.domain import leaderboard as rules
from fittrack.repositories import devices, review_flags
from fittrack.repositories import leaderboards as repo

NOW = datetime(2026, 3, 14, 15, tzinfo=UTC)


class Recorder:
    """Stands in for a unit of work: records statements, answers with no rows."""

    dialect = ORACLE
    readonly = False

    def __init__(self) -> None:
        self.statements: list[str] = []

    def query(self, sql: str, params: Any = None) -> list[dict[str, Any]]:
        self.statements.append(sql)
        return []

    def query_one(self, sql: str, params: Any = None) -> None:
        self.statements.append(sql)

    def scalar(self, sql: str, params: Any = None) -> int:
        self.statements.append(sql)
        return 0

    def execute(self, sql: str, params: Any = None) -> int:
        self.statements.append(sql)
        return 1

    def executemany(self, sql: str, rows: Any) -> int:
        self.statements.append(sql)
        return 1


def recorded() -> list[str]:
    uow: Any = Recorder()
    someone = uuid.uuid4()
    for win in rules.windows(NOW):
        repo.page(uow, win, scope="OPEN", offset=0, limit=10)
        repo.rank_of(uow, win, "M-18-29-BEG", someone)
        repo.standings(uow, win, "F-60+-ADV", someone)
        repo.standings(uow, win, "OPEN", page=repo.Keyset(someone, 10_000))
        repo.ranked_around(uow, win, scope="OPEN", user_id=someone, radius=10)
    repo.all_standings(uow, rules.windows(NOW))
    repo.all_standings(uow, rules.windows(NOW), page=repo.Keyset(None, 10_000))
    repo.all_standings(uow, rules.windows(NOW)[:1], page=repo.Keyset(someone, 10_000))
    repo.count(uow, "OPEN")
    repo.member_scope(uow, someone)
    repo.display_names(uow, [someone.hex, uuid.uuid4().hex])
    review_flags.list_queue(uow, "open", 0, 10)
    review_flags.count_queue(uow, None)
    review_flags.is_flagged(uow, someone)
    review_flags.flags_of(uow, "anomaly", [someone])
    review_flags.daily_points_by_tier(uow, NOW.date())
    review_flags.resolve(uow, someone, status="cleared", admin_id=someone, note="ok", now=NOW)
    review_flags.insert_many(uow, [review_flags.NewFlag(someone, "manual", {})], NOW)
    devices.accounts_by_device(uow, 3)
    devices.record_device(uow, someone, "tablet", NOW)
    devices.mark_flagged(uow, ["tablet"], NOW)
    return uow.statements


@pytest.mark.parametrize("statement", recorded())
def test_statement_parses_as_oracle(statement: str) -> None:
    sqlglot.parse_one(statement, read="oracle")


def test_a_page_of_members_walks_user_profiles_in_key_order() -> None:
    paged = [s for s in recorded() if "ORDER BY p.user_id FETCH FIRST :limit ROWS ONLY" in s]
    assert len(paged) == 4 + 2
    assert all("FROM user_profiles p CROSS JOIN users u" in s for s in paged)


def test_the_oracle_reach_time_is_truncated_with_to_char() -> None:
    statements = recorded()
    assert any("TO_CHAR(b.reached_at, 'YYYY-MM-DD\"T\"HH24:MI:SS')" in s for s in statements)
    assert any("TO_CHAR(b.reached_at, 'YYYY-MM-DD\"T\"HH24')" in s for s in statements)
