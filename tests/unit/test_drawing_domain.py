"""Drawing rules: the recurring schedule in ET, the state machine, eligibility."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from fittrack.clock import PROGRAM_TZ
from fittrack.domain import drawings as rules
from fittrack.domain import eligibility

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # Wednesday 10:00 EST


def et(moment: datetime) -> tuple[date, int, int]:
    local = moment.astimezone(PROGRAM_TZ)
    return local.date(), local.hour, local.minute


@pytest.mark.parametrize(
    ("kind", "day"),
    [
        ("daily", date(2026, 11, 25)),
        ("weekly", date(2026, 11, 29)),
        ("monthly", date(2026, 11, 30)),
        ("annual", date(2026, 12, 31)),
    ],
)
def test_next_drawing_is_at_nine_pm_eastern_on_the_spec_day(kind: str, day: date) -> None:
    moment = rules.next_drawing_time(kind, NOW)
    assert et(moment) == (day, 21, 0)
    assert rules.sales_close_time(moment) == moment - timedelta(minutes=5)


def test_after_sales_close_the_next_occurrence_is_chosen() -> None:
    tonight = rules.next_drawing_time("daily", NOW)
    assert rules.next_drawing_time("daily", tonight - timedelta(minutes=5)) == tonight + timedelta(
        days=1
    )
    assert rules.next_drawing_time("daily", tonight - timedelta(minutes=6)) == tonight


def test_daylight_saving_keeps_nine_pm_local() -> None:
    summer = rules.next_drawing_time("daily", datetime(2026, 7, 1, 12, tzinfo=UTC))
    winter = rules.next_drawing_time("daily", datetime(2026, 12, 1, 12, tzinfo=UTC))
    assert (summer.hour, winter.hour) == (1, 2)  # 21:00 EDT = 01:00Z, EST = 02:00Z


def test_monthly_uses_the_last_day_including_leap_february() -> None:
    moment = rules.next_drawing_time("monthly", datetime(2028, 2, 10, tzinfo=UTC))
    assert et(moment)[0] == date(2028, 2, 29)


def test_occurrences_open_at_the_previous_drawing_time() -> None:
    weekly = rules.occurrence("weekly", date(2026, 11, 29))
    assert et(weekly.opens_at) == (date(2026, 11, 22), 21, 0)
    monthly = rules.occurrence("monthly", date(2026, 12, 31))
    assert et(monthly.opens_at) == (date(2026, 11, 30), 21, 0)
    assert weekly.period_key == "2026-11-29"


def test_upcoming_includes_the_next_one_once_it_opens_within_a_day() -> None:
    assert [o.period_key for o in rules.upcoming("daily", NOW)] == ["2026-11-25", "2026-11-26"]
    assert [o.period_key for o in rules.upcoming("annual", NOW)] == ["2026-12-31"]
    assert [o.period_key for o in rules.upcoming("weekly", NOW)] == ["2026-11-29"]


def test_state_machine() -> None:
    assert rules.transition("schedule", "draft") == "scheduled"
    assert rules.transition("execute", "closed") == "completed"
    for status in ("draft", "scheduled", "open", "closed"):
        assert rules.transition("cancel", status) == "cancelled"
    with pytest.raises(rules.IllegalDrawingTransition, match="completed and cannot be cancelled"):
        rules.transition("cancel", "completed")
    with pytest.raises(rules.IllegalDrawingTransition):
        rules.transition("execute", "open")


MEMBER = eligibility.Member(
    role="user",
    status="active",
    deleted=False,
    email_verified=True,
    profile_complete=True,
    state="CA",
    created_at=NOW - timedelta(days=30),
    premium_expires_at=None,
    flagged=False,
)
RULES = eligibility.Rules()


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"status": "suspended"}, "account_not_active"),
        ({"deleted": True}, "account_not_active"),
        ({"role": "admin"}, "staff"),
        ({"email_verified": False}, "email_not_verified"),
        ({"profile_complete": False}, "profile_incomplete"),
        ({"state": "NY"}, "state_not_eligible"),
        ({"state": None}, "state_not_eligible"),
        ({"flagged": True}, "flagged_for_review"),
        ({"created_at": NOW - timedelta(days=6)}, "min_account_age"),
    ],
)
def test_each_rule_is_named_when_it_fails(change: dict, rule: str) -> None:
    assert eligibility.check(MEMBER, RULES, NOW) is None
    refusal = eligibility.check(replace(MEMBER, **change), RULES, NOW)
    assert refusal is not None and refusal.rule == rule


def test_premium_pools_need_a_current_premium_membership() -> None:
    premium_only = eligibility.Rules(user_type="premium", min_account_age_days=0)
    assert eligibility.check(MEMBER, premium_only, NOW).rule == "premium_only"  # type: ignore[union-attr]
    current = replace(MEMBER, role="premium", premium_expires_at=NOW + timedelta(days=1))
    assert eligibility.check(current, premium_only, NOW) is None
    lapsed = replace(current, premium_expires_at=NOW - timedelta(seconds=1))
    assert eligibility.check(lapsed, premium_only, NOW).rule == "premium_only"  # type: ignore[union-attr]


def test_rules_round_trip_and_refuse_nonsense() -> None:
    parsed = eligibility.Rules.from_json({"user_type": "premium", "min_account_age_days": 0})
    assert parsed.to_json() == {"user_type": "premium", "min_account_age_days": 0}
    assert eligibility.Rules.from_json(None) == eligibility.Rules("all", 7)
    with pytest.raises(ValueError):
        eligibility.Rules.from_json({"user_type": "vip"})
