"""Member profiles: what a valid profile is, and the standing (bracket, tier) it implies.

Pure rules, no I/O. The age bracket comes from the date of birth on the program
day (America/New_York); the tier code from (sex, bracket, fitness level).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from fittrack.domain import tiers

GOALS = ("weight_loss", "muscle_building", "endurance", "general_health", "stress_relief")
SEXES = tuple(tiers.SEXES)
FITNESS_LEVELS = tuple(tiers.LEVELS)
DEFAULT_TIMEZONE = "America/New_York"

DISPLAY_NAME_MIN = 3
DISPLAY_NAME_MAX = 30
_DISPLAY_NAME = re.compile(r"^[A-Za-z0-9 _-]+$")

# Sane ranges: wide enough for every adult, narrow enough to catch unit mix-ups.
HEIGHT_INCHES = (36, 108)
WEIGHT_POUNDS = (50, 1000)

# The birthdays that move a member into the next bracket: the bracket they leave
# and the age that ends it.
BRACKET_ENDS = {"18-29": 30, "30-39": 40, "40-49": 50, "50-59": 60}

_NOT_ZONES = {"localtime", "Factory", "posixrules"}


def display_name_problem(name: str) -> str | None:
    """Why a display name is not acceptable, or None when it is."""
    if not DISPLAY_NAME_MIN <= len(name) <= DISPLAY_NAME_MAX:
        return f"must be {DISPLAY_NAME_MIN} to {DISPLAY_NAME_MAX} characters long"
    if not _DISPLAY_NAME.match(name):
        return "may contain only letters, digits, spaces, '_' and '-'"
    if name != name.strip() or "  " in name:
        return "may not start or end with a space or hold two spaces in a row"
    return None


@cache
def timezones() -> tuple[str, ...]:
    """The IANA zone names members may choose, sorted. Read from the tzdata package (a
    dependency) rather than the host's zoneinfo, so the list, and the contract's enum
    made from it, are the same on every machine."""
    listed = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
    return tuple(sorted(set(listed) - _NOT_ZONES))


def is_valid_timezone(name: str) -> bool:
    """An IANA time zone name the platform knows ('America/Chicago', 'UTC')."""
    return name in _zone_set()


@cache
def _zone_set() -> frozenset[str]:
    return frozenset(timezones())


def normalize_goals(goals: Iterable[str]) -> list[str]:
    """Known goals, each once, in the canonical order; unknown ones raise ValueError."""
    chosen = set(goals)
    unknown = chosen - set(GOALS)
    if unknown:
        raise ValueError(f"unknown goals {sorted(unknown)}; choose from {list(GOALS)}")
    return [goal for goal in GOALS if goal in chosen]


def in_range(value: int | None, bounds: tuple[int, int]) -> bool:
    return value is None or bounds[0] <= value <= bounds[1]


@dataclass(frozen=True)
class Standing:
    """What the server derives for a member: never sent by a client."""

    age_bracket: str
    tier_code: str | None


def standing(
    date_of_birth: date, sex: str | None, fitness_level: str | None, today: date
) -> Standing:
    """The age bracket on `today`, and the tier once sex and fitness level are known.

    Raises ValueError for a member under 18 (registration refuses them).
    """
    bracket = tiers.age_bracket(date_of_birth, today)
    if sex is None or fitness_level is None:
        return Standing(bracket, None)
    return Standing(bracket, tiers.tier_code(sex, bracket, fitness_level))


def is_complete(
    display_name: str | None, sex: str | None, fitness_level: str | None, tier_code: str | None
) -> bool:
    """Complete enough to earn points and enter drawings."""
    return None not in (display_name, sex, fitness_level, tier_code)


def latest_birth_date_for_age(age: int, today: date) -> date:
    """The latest date of birth of someone who is at least `age` on `today`.

    Someone born on February 29 turns a year older on March 1 in common years,
    so on February 29 of a leap year the cut-off in a common year is February 28.
    """
    year = today.year - age
    try:
        return today.replace(year=year)
    except ValueError:  # today is Feb 29 and `year` is a common year
        return date(year, 2, 28)


def bracket_cutoffs(today: date) -> dict[str, date]:
    """For each bracket but the last: members born on or before this date have left it."""
    return {bracket: latest_birth_date_for_age(age, today) for bracket, age in BRACKET_ENDS.items()}
