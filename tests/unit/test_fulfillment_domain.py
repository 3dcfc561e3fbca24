"""The fulfillment state machine of SPEC.md section 7, its deadlines and the tax rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from fittrack.domain import fulfillment as rules
from fittrack.domain.errors import Conflict, ErrorKind
from fittrack.http.problems import problem_from_error

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

LEGAL = {
    ("pending", "winner_notified"),
    ("pending", "forfeited"),
    ("winner_notified", "address_confirmed"),
    ("winner_notified", "address_invalid"),
    ("winner_notified", "forfeited"),
    ("address_invalid", "address_confirmed"),
    ("address_invalid", "forfeited"),
    ("address_confirmed", "shipped"),
    ("address_confirmed", "address_invalid"),
    ("address_confirmed", "forfeited"),
    ("shipped", "delivered"),
}


@pytest.mark.parametrize("current", rules.STATUSES)
@pytest.mark.parametrize("target", rules.STATUSES)
def test_exactly_the_spec_arrows_are_legal(current: str, target: str) -> None:
    assert rules.can_transition(current, target) == ((current, target) in LEGAL)


def test_the_happy_path_is_a_chain() -> None:
    path = ["winner_notified", "address_confirmed", "shipped", "delivered"]
    for current, target in zip(path, path[1:], strict=False):
        rules.check_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("delivered", "shipped"),
        ("shipped", "forfeited"),
        ("forfeited", "winner_notified"),
        ("winner_notified", "shipped"),
        ("pending", "address_confirmed"),
        ("delivered", "forfeited"),
    ],
)
def test_illegal_transitions_are_conflicts_naming_the_way_out(current: str, target: str) -> None:
    with pytest.raises(Conflict) as raised:
        rules.check_transition(current, target)
    assert raised.value.kind == ErrorKind.CONFLICT
    assert problem_from_error(raised.value).status == 409
    assert raised.value.extra["currentStatus"] == current
    assert raised.value.extra["allowedTransitions"] == sorted(rules.TRANSITIONS[current])


def test_terminal_states_go_nowhere() -> None:
    assert not rules.TRANSITIONS["delivered"]
    assert not rules.TRANSITIONS["forfeited"]


def test_deadlines_are_7_and_14_days_after_notice() -> None:
    due = rules.deadlines(NOW)
    assert due.warning_due_at == NOW + timedelta(days=7)
    assert due.forfeit_due_at == NOW + timedelta(days=14)


def test_timeout_action_warns_once_then_forfeits() -> None:
    due = rules.deadlines(NOW)

    def act(status: str, now: datetime, warned: datetime | None) -> str | None:
        return rules.timeout_action(
            status,
            now,
            warning_due_at=due.warning_due_at,
            warning_sent_at=warned,
            forfeit_due_at=due.forfeit_due_at,
        )

    assert act("winner_notified", NOW + timedelta(days=6), None) is None
    assert act("winner_notified", NOW + timedelta(days=7), None) == "warn"
    sent = NOW + timedelta(days=7)
    assert act("winner_notified", NOW + timedelta(days=8), sent) is None
    assert act("address_invalid", NOW + timedelta(days=14), sent) == "forfeit"
    # a job that missed the warning day still forfeits on time
    assert act("winner_notified", NOW + timedelta(days=20), None) == "forfeit"


@pytest.mark.parametrize(
    "status", ["pending", "address_confirmed", "shipped", "delivered", "forfeited"]
)
def test_timeouts_leave_confirmed_held_and_finished_prizes_alone(status: str) -> None:
    due = rules.deadlines(NOW)
    assert (
        rules.timeout_action(
            status,
            NOW + timedelta(days=30),
            warning_due_at=due.warning_due_at,
            warning_sent_at=None,
            forfeit_due_at=due.forfeit_due_at,
        )
        is None
    )


def test_tax_details_from_600_dollars() -> None:
    assert not rules.tax_info_required(Decimal("599.99"))
    assert rules.tax_info_required(Decimal("600.00"))
    assert rules.tax_info_required(Decimal("1500"))


def test_shipping_needs_tax_details_at_600_or_more() -> None:
    rules.check_ship("address_confirmed", tax_required=False, tax_received=False)
    rules.check_ship("address_confirmed", tax_required=True, tax_received=True)
    with pytest.raises(Conflict) as raised:
        rules.check_ship("address_confirmed", tax_required=True, tax_received=False)
    assert raised.value.extra["reason"] == "tax_details_missing"
    with pytest.raises(rules.IllegalFulfillmentTransition):
        rules.check_ship("winner_notified", tax_required=False, tax_received=False)
