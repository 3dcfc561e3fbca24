"""The dev seed on a fresh FITTRACK_HOME: the demo admin, a few hundred members in
every tier with weeks of activity, boards and a review queue; idempotent."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from fittrack import config
from fittrack.db import migrate
from fittrack.domain import leaderboard as rules
from fittrack.domain import tiers
from fittrack.local.seed import DEMO_ADMIN_EMAIL, seed_demo
from fittrack.local.seed_activity import DEMO_DOMAIN, HISTORY_DAYS, MEMBER_COUNT
from fittrack.platform import Platform, set_platform
from fittrack.services import leaderboard_boards, sessions

NOW = datetime(2026, 3, 18, 16, 0, tzinfo=UTC)  # Wednesday, noon in New York


@pytest.fixture
def platform(fittrack_home: Path) -> Iterator[Platform]:
    platform = Platform(config.settings(), clock=lambda: NOW)
    migrate(platform.db)
    yield platform
    platform.close()
    set_platform(None)


def counts(platform: Platform) -> dict[str, Any]:
    with platform.db.unit_of_work(readonly=True) as uow:
        one = uow.scalar
        return {
            "members": one(
                "SELECT COUNT(*) FROM users WHERE email_normalized LIKE :d",
                {"d": f"%@{DEMO_DOMAIN}"},
            ),
            "complete": one("SELECT COUNT(*) FROM user_profiles WHERE completed_at IS NOT NULL"),
            "tiers": {
                r["tier_code"]: r["n"]
                for r in uow.query(
                    "SELECT tier_code, COUNT(*) AS n FROM user_profiles GROUP BY tier_code"
                )
            },
            "activities": one("SELECT COUNT(*) FROM activities"),
            "days": one("SELECT COUNT(DISTINCT program_day) FROM daily_points"),
            "member_days": one("SELECT COUNT(*) FROM daily_points"),
            "ledger": one("SELECT COUNT(*) FROM point_ledger"),
            "ledger_sum": one("SELECT SUM(amount) FROM point_ledger"),
            "balances": one("SELECT SUM(point_balance) FROM users"),
            "flags": {
                r["reason"]: r["n"]
                for r in uow.query("SELECT reason, COUNT(*) AS n FROM review_flags GROUP BY reason")
            },
        }


def test_the_seed_fills_every_tier_with_weeks_of_activity_once(platform: Platform) -> None:
    seed_demo(platform)
    first = counts(platform)
    assert first["members"] == MEMBER_COUNT and first["complete"] == MEMBER_COUNT + 1
    assert set(first["tiers"]) == {t.code for t in tiers.all_tiers()}
    assert min(first["tiers"].values()) >= 3
    assert first["days"] == HISTORY_DAYS and first["member_days"] == MEMBER_COUNT * HISTORY_DAYS
    assert first["activities"] > MEMBER_COUNT * HISTORY_DAYS * 3
    assert first["ledger"] > 0 and first["ledger_sum"] == first["balances"]
    assert first["flags"]["shared_device"] == 3 and first["flags"].get("anomaly", 0) >= 1

    for win in rules.windows(NOW):  # the boards are built
        for scope in leaderboard_boards.scopes():
            key = leaderboard_boards.board_key(win, scope)
            assert leaderboard_boards.is_built(platform.cache, key)
    weekly = leaderboard_boards.board_key(rules.window("weekly", NOW), "F-30-39-INT")
    top = platform.cache.zrevrange(weekly, 0, 0)
    assert rules.points_of(top[0][1], rules.window("weekly", NOW)) > 500

    seed_demo(platform)  # idempotent: nothing new on the same day
    assert counts(platform) == first

    credentials = (platform.settings.home / "demo-credentials.txt").read_text()
    admin_password, member_password = re.findall(r"password: (\S+)", credentials)
    member_email = re.findall(r"email: +(\S+)", credentials)[1]
    assert DEMO_ADMIN_EMAIL in credentials and member_email.endswith(DEMO_DOMAIN)
    signed_in = sessions.login(
        platform, member_email, password=member_password, device_id=None, user_agent=None, ip=None
    )
    assert signed_in.user.role == "user"
