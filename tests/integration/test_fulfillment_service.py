"""Fulfillment services on a real SQLite database: creation, held wins, timeouts, notices."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from fittrack import config
from fittrack.db import ids, migrate
from fittrack.platform import Platform, set_platform
from fittrack.repositories import fulfillments, review_flags
from fittrack.services import fulfillment, notifications, redraws
from tests.fixtures import prize_rows
from tests.fixtures.db import insert_user

START = datetime(2026, 3, 1, 14, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def platform(fittrack_home: Path, clock: Clock) -> Iterator[Platform]:
    platform = Platform(config.settings(), clock=clock)
    migrate(platform.db)
    yield platform
    platform.close()
    set_platform(None)


def _count(platform: Platform, sql: str, **params: Any) -> int:
    with platform.db.unit_of_work(readonly=True) as uow:
        return int(uow.scalar(sql, params) or 0)


def _win(
    platform: Platform, *, held: bool = False, value: str = "50.00", kind: str = "physical"
) -> tuple[uuid.UUID, uuid.UUID, dict[str, Any]]:
    with platform.db.unit_of_work() as uow:
        user_id = insert_user(uow)
        drawing_id = prize_rows.drawing(uow, START)
        prize_id = prize_rows.prize(uow, drawing_id, START, value=value, kind=kind)
        winner_id = prize_rows.winner(
            uow, drawing_id, prize_id, user_id, 0, START, status="held" if held else "awarded"
        )
        args = {
            "drawing_id": drawing_id,
            "prize_id": prize_id,
            "winner_id": winner_id,
            "user_id": user_id,
            "held": held,
            "now": START,
        }
        fid = fulfillment.create_for_winner(uow, **args)
    return fid, user_id, args


def _get(platform: Platform, fid: uuid.UUID) -> fulfillments.Fulfillment:
    with platform.db.unit_of_work(readonly=True) as uow:
        found = fulfillments.get(uow, fid)
    assert found is not None
    return found


def _kinds(platform: Platform, user_id: uuid.UUID) -> list[str]:
    with platform.db.unit_of_work(readonly=True) as uow:
        rows = uow.query(
            "SELECT kind FROM notifications WHERE user_id = :u ORDER BY created_at",
            {"u": ids.to_db(user_id)},
        )
    return [row["kind"] for row in rows]


def _emails(platform: Platform, user_id: uuid.UUID) -> int:
    return _count(platform, "SELECT COUNT(*) FROM outbox WHERE user_id = :u", u=ids.to_db(user_id))


def test_create_for_winner_is_idempotent_and_notifies_once(platform: Platform) -> None:
    fid, user_id, args = _win(platform)
    for _ in range(2):
        with platform.db.unit_of_work() as uow:
            assert fulfillment.create_for_winner(uow, **args) == fid
    f = _get(platform, fid)
    assert f.status == "winner_notified"
    assert f.forfeit_due_at == START + timedelta(days=14)
    assert _count(platform, "SELECT COUNT(*) FROM fulfillments") == 1
    assert _kinds(platform, user_id) == ["prize_won"]
    assert _emails(platform, user_id) == 1


def test_a_600_dollar_prize_requires_tax_details(platform: Platform) -> None:
    fid, _, _ = _win(platform, value="600.00")
    assert _get(platform, fid).tax_info_required


def test_held_win_waits_for_the_review_then_is_released_once(platform: Platform) -> None:
    fid, user_id, _ = _win(platform, held=True)
    assert _get(platform, fid).status == "pending"
    assert _kinds(platform, user_id) == []
    with platform.db.unit_of_work() as uow:
        review_flags.insert_many(uow, [review_flags.NewFlag(user_id, "manual", {})], START)
        assert fulfillment.release_held(uow, user_id, START) == 0  # still flagged
        uow.execute(
            "UPDATE review_flags SET status = 'cleared', resolved_at = :now", {"now": START}
        )
        assert fulfillment.release_held(uow, user_id, START) == 1
        assert fulfillment.release_held(uow, user_id, START) == 0
    assert _get(platform, fid).status == "winner_notified"
    assert _kinds(platform, user_id) == ["prize_won"]


def test_a_ban_forfeits_held_wins_even_when_no_alternate_can_be_drawn(
    platform: Platform,
) -> None:
    """The drawing here has no seed, so the redraw is refused: the ban still stands and
    the win is forfeited once. (The redraw itself, from the same snapshot, is covered
    end to end in tests/api/test_fulfillment_api.py.)"""
    fid, user_id, _ = _win(platform, held=True)
    with platform.db.unit_of_work() as uow:
        assert redraws.forfeit_held(uow, user_id, START) == 1
        assert redraws.forfeit_held(uow, user_id, START) == 0
    assert _get(platform, fid).status == "forfeited"
    notified = "SELECT COUNT(*) FROM fulfillments WHERE status = 'winner_notified'"
    assert _count(platform, notified) == 0


def test_timeouts_warn_at_7_days_and_forfeit_at_14_idempotently(
    platform: Platform, clock: Clock
) -> None:
    fid, user_id, _ = _win(platform)
    confirmed, _, _ = _win(platform)
    with platform.db.unit_of_work() as uow:
        f = fulfillments.get(uow, confirmed)
        assert f is not None
        fulfillment.transition(
            uow, f, target="address_confirmed", changes={"address_confirmed_at": START}, now=START
        )
    clock.now = START + timedelta(days=6, hours=23)
    assert fulfillment.run_timeouts(platform) == {"warned": 0, "forfeited": 0}
    clock.now = START + timedelta(days=7, hours=1)
    assert fulfillment.run_timeouts(platform) == {"warned": 1, "forfeited": 0}
    assert fulfillment.run_timeouts(platform) == {"warned": 0, "forfeited": 0}
    assert _kinds(platform, user_id) == ["prize_won", "forfeit_warning"]
    clock.now = START + timedelta(days=14, hours=1)
    assert fulfillment.run_timeouts(platform) == {"warned": 0, "forfeited": 1}
    assert fulfillment.run_timeouts(platform) == {"warned": 0, "forfeited": 0}
    assert _get(platform, fid).status == "forfeited"
    assert _get(platform, confirmed).status == "address_confirmed"
    assert _kinds(platform, user_id) == ["prize_won", "forfeit_warning", "prize_forfeited"]
    assert _emails(platform, user_id) == 3


def test_notify_is_idempotent_per_key_and_honours_email_preferences(platform: Platform) -> None:
    with platform.db.unit_of_work() as uow:
        user_id = insert_user(uow)
        uow.execute(
            "INSERT INTO notification_preferences (user_id, prize_emails) VALUES (:u, FALSE)",
            {"u": ids.to_db(user_id)},
        )
        for kind in ("prize_shipped", "prize_shipped", "forfeit_warning"):
            notifications.notify(
                uow,
                user_id=user_id,
                kind=kind,
                title="t",
                body="b",
                data=None,
                email=True,
                now=START,
                dedupe_key=f"k:{kind}",
            )
    assert _kinds(platform, user_id) == ["prize_shipped", "forfeit_warning"]
    assert _emails(platform, user_id) == 1  # the forfeit warning cannot be switched off


def test_unknown_kinds_are_refused(platform: Platform) -> None:
    with platform.db.unit_of_work() as uow, pytest.raises(ValueError):
        notifications.notify(
            uow,
            user_id=insert_user(uow),
            kind="spam",
            title="t",
            body="b",
            data=None,
            email=False,
            now=START,
            dedupe_key="x",
        )
