from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from fittrack.domain import profiles, tiers
from fittrack.schemas.users import ProfileUpdate

CODES = {tier.code for tier in tiers.all_tiers()}
adult_dobs = st.dates(min_value=date(1920, 1, 1), max_value=date(2008, 1, 1))
todays = st.dates(min_value=date(2026, 1, 1), max_value=date(2032, 12, 31))


def birthday(dob: date, age: int) -> date:
    """The day someone born on `dob` turns `age` (Feb 29 births: March 1 in common years)."""
    try:
        return dob.replace(year=dob.year + age)
    except ValueError:
        return date(dob.year + age, 3, 1)


@given(
    adult_dobs, todays, st.sampled_from(profiles.SEXES), st.sampled_from(profiles.FITNESS_LEVELS)
)
def test_every_valid_profile_maps_to_exactly_one_of_the_thirty_tiers(
    dob: date, today: date, sex: str, level: str
) -> None:
    standing = profiles.standing(dob, sex, level, today)
    assert standing.tier_code in CODES
    matching = [
        t
        for t in tiers.all_tiers()
        if (t.sex, t.age_bracket, t.fitness_level) == (sex, standing.age_bracket, level)
    ]
    assert [t.code for t in matching] == [standing.tier_code]


@given(
    st.dates(min_value=date(1940, 1, 1), max_value=date(1999, 12, 31)),
    st.sampled_from(sorted(profiles.BRACKET_ENDS.items())),
)
def test_the_bracket_changes_exactly_on_the_birthday(dob: date, leaving: tuple[str, int]) -> None:
    bracket, age = leaving
    day = birthday(dob, age)
    eve = day - timedelta(days=1)
    assert profiles.standing(dob, "male", "advanced", eve).age_bracket == bracket
    moved = profiles.standing(dob, "male", "advanced", day)
    assert moved.age_bracket == tiers.AGE_BRACKETS[tiers.AGE_BRACKETS.index(bracket) + 1]
    assert moved.tier_code == f"M-{moved.age_bracket}-ADV"


@given(adult_dobs, todays)
def test_cutoffs_select_exactly_those_who_left_a_bracket(dob: date, today: date) -> None:
    current = tiers.AGE_BRACKETS.index(tiers.age_bracket(dob, today))
    for bracket, cutoff in profiles.bracket_cutoffs(today).items():
        assert (dob <= cutoff) == (current > tiers.AGE_BRACKETS.index(bracket))


def test_leap_day_cutoff_in_a_common_year() -> None:
    assert profiles.latest_birth_date_for_age(30, date(2028, 2, 29)) == date(1998, 2, 28)
    assert profiles.latest_birth_date_for_age(30, date(2028, 3, 1)) == date(1998, 3, 1)


def test_no_tier_until_sex_and_level_are_known() -> None:
    assert profiles.standing(
        date(1990, 1, 1), None, "beginner", date(2026, 6, 1)
    ) == profiles.Standing("30-39", None)
    with pytest.raises(ValueError):
        profiles.standing(date(2010, 1, 1), "male", "beginner", date(2026, 6, 1))


@pytest.mark.parametrize("name", ["Bo", "x" * 31, "bad!name", "émile", "two  spaces", "a\tb"])
def test_bad_display_names(name: str) -> None:
    assert profiles.display_name_problem(name)


@pytest.mark.parametrize("name", ["Bob", "x" * 30, "Jo_Runner-42", "Ann Lee"])
def test_good_display_names(name: str) -> None:
    assert profiles.display_name_problem(name) is None


def test_timezones_are_iana_names() -> None:
    assert profiles.is_valid_timezone("America/Chicago")
    assert profiles.is_valid_timezone("UTC")
    for bad in ("Mars/Olympus", "localtime", "../etc/passwd", "", "america/chicago"):
        assert not profiles.is_valid_timezone(bad)


def test_goals_are_deduplicated_in_canonical_order() -> None:
    assert profiles.normalize_goals(["stress_relief", "weight_loss", "stress_relief"]) == [
        "weight_loss",
        "stress_relief",
    ]
    with pytest.raises(ValueError):
        profiles.normalize_goals(["flying"])


def test_profile_update_ignores_server_fields_and_is_strict() -> None:
    update = ProfileUpdate.model_validate(
        {
            "displayName": "  Runner  ",
            "biologicalSex": "female",
            "fitnessLevel": "advanced",
            "tierCode": "M-60+-BEG",
            "ageBracket": "60+",
            "role": "admin",
            "pointBalance": 10**6,
        }
    )
    assert update.display_name == "Runner"
    assert not hasattr(update, "tier_code") and not hasattr(update, "role")
    with pytest.raises(ValidationError):
        ProfileUpdate.model_validate(
            {
                "displayName": "Runner",
                "biologicalSex": "female",
                "fitnessLevel": "advanced",
                "openLeaderboard": "yes",
            }
        )
