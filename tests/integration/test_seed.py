"""The dev seed on a fresh FITTRACK_HOME: the demo admin, a few hundred members in
every tier with weeks of activity, boards and a review queue; idempotent."""

from __future__ import annotations

import importlib.util
import re
import uuid
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
from fittrack.local.seed_sweepstakes import CANCELLED, COMPLETED
from fittrack.platform import Platform, set_platform
from fittrack.repositories import users
from fittrack.services import leaderboard_boards, my_prizes, sign_in, verification

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
            "drawings": {
                r["status"]: r["n"]
                for r in uow.query("SELECT status, COUNT(*) AS n FROM drawings GROUP BY status")
            },
            "sponsors": one("SELECT COUNT(*) FROM sponsors"),
            "templates": one("SELECT COUNT(*) FROM drawing_templates"),
            "blocks": one("SELECT COUNT(*) FROM ticket_blocks"),
            "winners": one("SELECT COUNT(*) FROM drawing_winners"),
            "notifications": one("SELECT COUNT(*) FROM notifications"),
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
    signed_in = sign_in.login(
        platform, member_email, password=member_password, device_id=None, user_agent=None, ip=None
    )
    assert signed_in.user.role == "user"


def load_verifier() -> Any:
    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location(
        "verify_drawing", root / "scripts" / "verify_drawing.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def drawing_by_name(platform: Platform, name: str) -> Any:
    with platform.db.unit_of_work(readonly=True) as uow:
        return uow.query_one(
            "SELECT drawing_id, status FROM drawings WHERE name = :name", {"name": name}
        )


def test_the_seed_runs_drawings_in_every_state_and_a_verifiable_draw(platform: Platform) -> None:
    seed_demo(platform)
    first = counts(platform)
    assert first["sponsors"] == 3 and first["templates"] == 3
    assert first["drawings"]["open"] >= 1 and first["drawings"]["scheduled"] >= 3
    assert first["drawings"]["completed"] == 1 and first["drawings"]["cancelled"] == 1
    assert first["winners"] == 4 and first["notifications"] > first["winners"]

    completed = drawing_by_name(platform, COMPLETED)
    drawing_id = uuid.UUID(bytes=bytes(completed["drawing_id"]))
    doc = verification.verification(platform, drawing_id, None)
    status, lines = load_verifier().verify(doc.model_dump(mode="json", by_alias=True))
    assert status == 0, "\n".join(lines)
    assert drawing_by_name(platform, CANCELLED)["status"] == "cancelled"
    with platform.db.unit_of_work(readonly=True) as uow:
        open_daily = uow.query_one(
            "SELECT total_tickets FROM drawings WHERE status = 'open' AND drawing_type = 'daily'"
        )
        types = {
            r["drawing_type"]
            for r in uow.query("SELECT drawing_type FROM drawings WHERE status = 'scheduled'")
        }
    assert open_daily["total_tickets"] > 0 and {"weekly", "monthly"} <= types

    credentials = (platform.settings.home / "demo-credentials.txt").read_text()
    winner_email = re.search(r"demo winner .*\n  email: +(\S+)", credentials)
    assert winner_email, credentials
    with platform.db.unit_of_work(readonly=True) as uow:
        winner = users.find_by_email(uow, winner_email.group(1))
    assert winner is not None
    wins = my_prizes.list_mine(platform, winner.user_id, page=1, limit=20)
    assert any(w.next_action == "confirm_address" for w in wins.items)

    seed_demo(platform)  # idempotent: no second drawing, ticket or notification
    assert counts(platform) == first
    again = (platform.settings.home / "demo-credentials.txt").read_text()
    assert again.count("demo winner") == 1
