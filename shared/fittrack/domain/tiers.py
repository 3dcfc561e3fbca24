"""Competition tiers: (sex, age bracket, fitness level) -> tier code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SEXES = {"male": "M", "female": "F"}
LEVELS = {"beginner": "BEG", "intermediate": "INT", "advanced": "ADV"}
AGE_BRACKETS = ("18-29", "30-39", "40-49", "50-59", "60+")
OPEN = "OPEN"

_SEX_NAMES = {"M": "Men", "F": "Women"}
_LEVEL_NAMES = {"BEG": "Beginner", "INT": "Intermediate", "ADV": "Advanced"}


@dataclass(frozen=True)
class Tier:
    code: str
    sex: str
    age_bracket: str
    fitness_level: str

    @property
    def display_name(self) -> str:
        sex = _SEX_NAMES[SEXES[self.sex]]
        return f"{sex} {self.age_bracket}, {_LEVEL_NAMES[LEVELS[self.fitness_level]]}"


def age_on(date_of_birth: date, today: date) -> int:
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - int(before_birthday)


def age_bracket(date_of_birth: date, today: date) -> str:
    age = age_on(date_of_birth, today)
    if age < 18:
        raise ValueError("members are 18 or older")
    if age >= 60:
        return "60+"
    decade = (age // 10) * 10
    return "18-29" if age < 30 else f"{decade}-{decade + 9}"


def tier_code(sex: str, bracket: str, fitness_level: str) -> str:
    if bracket not in AGE_BRACKETS:
        raise ValueError(f"unknown age bracket {bracket!r}")
    return f"{SEXES[sex]}-{bracket}-{LEVELS[fitness_level]}"


def all_tiers() -> list[Tier]:
    return [
        Tier(tier_code(sex, bracket, level), sex, bracket, level)
        for sex in SEXES
        for bracket in AGE_BRACKETS
        for level in LEVELS
    ]


_BY_CODE = {tier.code: tier for tier in all_tiers()}


def find_tier(code: str) -> Tier | None:
    return _BY_CODE.get(code)
