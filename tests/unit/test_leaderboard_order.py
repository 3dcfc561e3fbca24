"""The one leaderboard order, and its sorted-set encoding, against a reference sort.

The reference is written from the rule's wording, independently of the domain's
arithmetic: truncate the reach time to the period's tick (a whole second; a whole
hour for all-time), clamp it into the window, then sort by points desc, reach asc,
active days desc, user id asc. The Redis path (score + member, ZREVRANGE order) and
the domain's own sort must both reproduce it exactly.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fittrack.adapters.cache import MemoryCache
from fittrack.domain import leaderboard as rules

NOW = datetime(2026, 3, 14, 15, 9, 26, 535897, tzinfo=UTC)


def truncated(moment: datetime, win: rules.Window) -> datetime:
    moment = moment.astimezone(UTC)
    if win.period == "alltime":
        return moment.replace(minute=0, second=0, microsecond=0)
    return moment.replace(microsecond=0)


def reference_key(s: rules.Standing, win: rules.Window) -> tuple:
    if s.reached_at is None:
        reach = win.origin
    else:
        reach = min(max(truncated(s.reached_at, win), win.origin), win.latest_tick_start)
    return (-s.points, reach, -s.active_days, s.user_id.bytes)


def reference(standings: list[rules.Standing], win: rules.Window) -> list[uuid.UUID]:
    return [s.user_id for s in sorted(standings, key=lambda s: reference_key(s, win))]


@st.composite
def boards(draw: st.DrawFn) -> tuple[rules.Window, list[rules.Standing]]:
    period = draw(st.sampled_from(rules.PERIODS))
    now = draw(
        st.datetimes(
            min_value=datetime(2026, 1, 2), max_value=datetime(2040, 12, 31), timezones=st.just(UTC)
        )
    )
    win = rules.window(period, now)
    span = (win.reset_at or now) - win.origin
    # Few distinct values make ties (the interesting part) frequent.
    base = draw(
        st.datetimes(
            min_value=(win.origin - timedelta(days=1)).replace(tzinfo=None),
            max_value=(win.origin + span + timedelta(days=1)).replace(tzinfo=None),
            timezones=st.just(UTC),
        )
    )
    reach = st.one_of(
        st.none(),
        st.just(base),
        st.integers(-3_600_000_000, 3_600_000_000).map(
            lambda us: base + timedelta(microseconds=us)
        ),
        st.just(win.origin),
        st.just(win.latest_tick_start),
        st.just(win.latest_tick_start + timedelta(days=400)),
    )
    points = st.one_of(
        st.integers(0, 3), st.sampled_from([0, 10, 440, 1000]), st.integers(0, rules.MAX_POINTS - 1)
    )
    most = win.scale.day_radix - 1
    days = st.integers(0, min(most, 3)) | st.integers(0, most)
    user_ids = draw(st.lists(st.uuids(), min_size=0, max_size=40, unique=True))
    standings = [rules.Standing(uid, draw(points), draw(reach), draw(days)) for uid in user_ids]
    return win, standings


@settings(max_examples=300, deadline=None)
@given(boards())
def test_the_domain_sort_and_the_sorted_set_encoding_give_the_reference_order(board: tuple) -> None:
    win, standings = board
    expected = reference(standings, win)
    for s in standings:  # exact doubles that decode back
        value = rules.score(s, win)
        assert 0 <= value < 2**53 and float(value) == value
        assert rules.points_of(float(value), win) == s.points
        assert rules.user_of(rules.member(s.user_id)) == s.user_id
    assert [s.user_id for s in rules.rank_order(standings, win)] == expected
    # Redis: score descending, then member descending (ZREVRANGE is ZRANGE reversed).
    encoded = sorted(
        ((float(rules.score(s, win)), rules.member(s.user_id)) for s in standings), reverse=True
    )
    assert [rules.user_of(name) for _, name in encoded] == expected
    cache = MemoryCache()  # the same observable ordering as Redis (the integration tests
    mapping: dict[str, float] = {name: value for value, name in encoded}  # use a real one)
    cache.replace_sorted_set("board", {**mapping, rules.SENTINEL: rules.SENTINEL_SCORE})
    names = [name for name, _ in cache.zrevrange("board", 0, -1)]
    assert names[-1] == rules.SENTINEL
    assert [rules.user_of(name) for name in names[:-1]] == expected
    for position, user_id in enumerate(expected[:5]):
        assert cache.zrevrank("board", rules.member(user_id)) == position


@pytest.mark.parametrize("period", rules.PERIODS)
def test_the_largest_values_still_fit_and_larger_ones_are_refused(period: str) -> None:
    win = rules.window(period, NOW)
    top = rules.Standing(uuid.uuid4(), rules.MAX_POINTS - 1, None, win.scale.day_radix - 1)
    assert rules.score(top, win) < 2**53
    with pytest.raises(ValueError):
        rules.score(rules.Standing(uuid.uuid4(), rules.MAX_POINTS, None, 0), win)
    with pytest.raises(ValueError):
        rules.score(rules.Standing(uuid.uuid4(), 1, None, win.scale.day_radix), win)


def test_worked_example_of_the_tie_breaks() -> None:
    win = rules.window("weekly", NOW)
    at = win.origin + timedelta(days=2, hours=9)
    a, b, c, d, e = (uuid.UUID(int=n) for n in range(1, 6))
    standings = [
        rules.Standing(e, 300, at, 2),
        rules.Standing(d, 500, at + timedelta(seconds=1), 1),  # reached 500 a second later
        rules.Standing(c, 500, at, 1),  # same time as b, fewer active days
        rules.Standing(b, 500, at + timedelta(microseconds=900_000), 3),  # same second as a
        rules.Standing(a, 500, at, 3),
    ]
    assert [s.user_id for s in rules.rank_order(standings, win)] == [a, b, c, d, e]


def test_windows_and_their_resets_follow_the_program_calendar() -> None:
    daily, weekly, monthly, alltime = rules.windows(NOW)  # Saturday 2026-03-14, 11:09 EDT
    assert (daily.key, weekly.key, monthly.key, alltime.key) == (
        "2026-03-14",
        "2026-03-09",
        "2026-03",
        "all",
    )
    assert daily.origin == datetime(2026, 3, 14, 4, tzinfo=UTC)  # midnight EDT
    assert weekly.origin == datetime(2026, 3, 9, 4, tzinfo=UTC)  # Monday, EDT since the 8th
    assert daily.reset_at == datetime(2026, 3, 15, 4, tzinfo=UTC)
    assert weekly.reset_at == datetime(2026, 3, 16, 4, tzinfo=UTC)
    assert monthly.reset_at == datetime(2026, 4, 1, 4, tzinfo=UTC)
    assert (monthly.first_day.day, monthly.last_day.day) == (1, 31)
    assert alltime.reset_at is None
