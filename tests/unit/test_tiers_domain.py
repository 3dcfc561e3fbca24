from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from fittrack.domain import tiers


def test_thirty_distinct_tiers() -> None:
    codes = [tier.code for tier in tiers.all_tiers()]
    assert len(codes) == 30 == len(set(codes))
    assert "M-18-29-BEG" in codes and "F-40-49-ADV" in codes and "F-60+-INT" in codes


def test_bracket_changes_on_the_birthday_not_before() -> None:
    dob = date(1996, 3, 10)
    assert tiers.age_bracket(dob, date(2026, 3, 9)) == "18-29"
    assert tiers.age_bracket(dob, date(2026, 3, 10)) == "30-39"


def test_leap_day_birthdays_age_on_march_first() -> None:
    dob = date(2008, 2, 29)
    assert tiers.age_on(dob, date(2026, 2, 28)) == 17
    assert tiers.age_on(dob, date(2026, 3, 1)) == 18


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2008, 1, 1)),
    st.integers(min_value=0, max_value=365 * 3),
)
def test_bracket_matches_age(dob: date, offset: int) -> None:
    today = date(2026, 11, 25) + timedelta(days=offset)
    age = tiers.age_on(dob, today)
    bracket = tiers.age_bracket(dob, today)
    if age >= 60:
        assert bracket == "60+"
    else:
        low, high = (int(x) for x in bracket.split("-"))
        assert low <= age <= high


@given(
    st.sampled_from(list(tiers.SEXES)),
    st.sampled_from(tiers.AGE_BRACKETS),
    st.sampled_from(list(tiers.LEVELS)),
)
def test_tier_code_round_trips(sex: str, bracket: str, level: str) -> None:
    tier = tiers.find_tier(tiers.tier_code(sex, bracket, level))
    assert tier is not None
    assert (tier.sex, tier.age_bracket, tier.fitness_level) == (sex, bracket, level)
