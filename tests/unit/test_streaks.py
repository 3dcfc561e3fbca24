"""Streaks: 7 consecutive active days (30+ active minutes) pay 250, again every 7th day."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from fittrack.domain import streaks

D0 = date(2026, 3, 2)


def days(*offsets: int) -> list[date]:
    return [D0 + timedelta(days=n) for n in offsets]


def test_an_active_day_needs_30_minutes() -> None:
    assert not streaks.is_active_day(29)
    assert streaks.is_active_day(30)


def test_the_7th_and_14th_day_of_a_run_pay() -> None:
    active = days(*range(20))
    assert streaks.bonus_days(active) == days(6, 13)
    assert [n for n in range(1, 22) if streaks.pays_bonus(n)] == [7, 14, 21]
    assert not streaks.pays_bonus(0)


def test_a_missed_day_starts_the_count_again() -> None:
    active = days(0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13)
    assert streaks.bonus_days(active) == days(13)
    assert streaks.run_length(D0 + timedelta(days=13), set(active)) == 7
    assert streaks.run_length(D0 + timedelta(days=6), set(active)) == 0


def test_run_before_counts_back_from_the_previous_day() -> None:
    desc = sorted(days(0, 1, 2, 4, 5, 9), reverse=True)
    assert streaks.run_before(D0 + timedelta(days=6), desc) == 2
    assert streaks.run_before(D0 + timedelta(days=3), desc) == 3
    assert streaks.run_before(D0 + timedelta(days=8), desc) == 0


def test_current_streak_stays_alive_until_today_ends() -> None:
    active = days(0, 1, 2)
    assert streaks.current_streak(active, D0 + timedelta(days=2)) == 3
    assert streaks.current_streak(active, D0 + timedelta(days=3)) == 3
    assert streaks.current_streak(active, D0 + timedelta(days=4)) == 0
    assert streaks.days_to_next_bonus(3) == 4
    assert streaks.days_to_next_bonus(7) == 7


def test_longest_run() -> None:
    assert streaks.longest_run(days(0, 1, 3, 4, 5, 9)) == 3
    assert streaks.longest_run([]) == 0


@given(st.sets(st.integers(0, 60)))
def test_bonus_days_are_the_multiples_of_7_within_runs(offsets: set[int]) -> None:
    active = set(days(*offsets))
    paid = set(streaks.bonus_days(active))
    for day in active:
        length = streaks.run_length(day, active)
        assert (day in paid) == (length % 7 == 0)
        assert streaks.run_before(day, sorted(active, reverse=True)) == length - 1
    # one bonus per full 7 days of every run, never more
    assert len(paid) == sum(
        streaks.run_length(d, active) // 7 for d in active if d + timedelta(days=1) not in active
    )
