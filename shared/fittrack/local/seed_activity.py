"""Demo members and their tracker data, generated deterministically (no I/O).

Every value comes from a random generator seeded by the member's number (and the
program day), so a second run produces the very same members and activities:
re-feeding them pays nothing, and a later run only adds the days since.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from fittrack.clock import PROGRAM_TZ
from fittrack.domain import tiers
from fittrack.domain.activities import Activity
from fittrack.domain.constants import ELIGIBLE_STATES

DEMO_DOMAIN = "demo.fittrack.local"
MEMBER_COUNT = 360
HISTORY_DAYS = 28
CHEATERS = 2  # members with an implausible day yesterday, in the two largest tiers
SHARED_DEVICE = "demo-shared-tablet"

_FIRST = {
    "female": (
        "Maya",
        "Ava",
        "Olivia",
        "Emma",
        "Sofia",
        "Mia",
        "Chloe",
        "Grace",
        "Zoe",
        "Lily",
        "Nora",
        "Hannah",
        "Leah",
        "Ruby",
        "Ivy",
        "Aria",
        "Elena",
        "Priya",
        "Aisha",
        "Naomi",
        "Rosa",
        "Tara",
        "June",
        "Clara",
        "Wendy",
        "Dana",
        "Keiko",
        "Lena",
    ),
    "male": (
        "Liam",
        "Noah",
        "Ethan",
        "Lucas",
        "Mason",
        "Leo",
        "Owen",
        "Caleb",
        "Eli",
        "Jack",
        "Ryan",
        "Omar",
        "Diego",
        "Ravi",
        "Theo",
        "Felix",
        "Hugo",
        "Marcus",
        "Andre",
        "Kenji",
        "Sam",
        "Victor",
        "Wes",
        "Jonah",
        "Carl",
        "Dev",
        "Milo",
        "Ivan",
    ),
}
_LAST = (
    "Rivera",
    "Chen",
    "Patel",
    "Nguyen",
    "Brooks",
    "Kim",
    "Garcia",
    "Walker",
    "Singh",
    "Lopez",
    "Turner",
    "Hughes",
    "Reyes",
    "Foster",
    "Ward",
    "Price",
    "Bennett",
    "Shah",
    "Cole",
    "Diaz",
    "Ellis",
    "Grant",
    "Hayes",
    "Ortiz",
    "Park",
    "Quinn",
    "Stone",
    "Young",
)
_GOALS = ("weight_loss", "muscle_building", "endurance", "general_health", "stress_relief")
_AGES = {
    "18-29": (19, 29),
    "30-39": (31, 39),
    "40-49": (41, 49),
    "50-59": (51, 59),
    "60+": (61, 79),
}
# Tiers are not equally popular: weights by age bracket and fitness level.
_BRACKET_WEIGHT = {"18-29": 1.2, "30-39": 1.4, "40-49": 1.1, "50-59": 0.8, "60+": 0.5}
_LEVEL_WEIGHT = {"beginner": 1.0, "intermediate": 1.3, "advanced": 0.6}
_LEVEL_FACTOR = {"beginner": 0.6, "intermediate": 1.0, "advanced": 1.45}
_WORKOUT_CHANCE = {"beginner": 0.2, "intermediate": 0.4, "advanced": 0.65}


@dataclass(frozen=True, kw_only=True)
class DemoMember:
    number: int
    email: str
    display_name: str
    tier: tiers.Tier
    date_of_birth: date
    state: str
    goals: tuple[str, ...]
    height_inches: int
    weight_pounds: int
    open_leaderboard: bool
    source: str  # the tracker the member "uses"
    vigour: float  # personal activity factor
    cheater: bool = False


def tier_sizes(total: int) -> dict[str, int]:
    """Members per tier: proportional to the weights, at least 3 each (largest remainder)."""
    everything = tiers.all_tiers()
    weights = {
        t.code: _BRACKET_WEIGHT[t.age_bracket] * _LEVEL_WEIGHT[t.fitness_level] for t in everything
    }
    spare = total - 3 * len(everything)
    share = {code: spare * w / sum(weights.values()) for code, w in weights.items()}
    sizes = {code: 3 + int(s) for code, s in share.items()}
    by_remainder = sorted(share, key=lambda c: (-(share[c] - int(share[c])), c))
    for code in by_remainder[: total - sum(sizes.values())]:
        sizes[code] += 1
    return sizes


def plan(today: date, total: int = MEMBER_COUNT) -> list[DemoMember]:
    """The demo members, in a fixed order (their numbers)."""
    sizes = tier_sizes(total)
    cheat_tiers = set(sorted(sizes, key=lambda c: (-sizes[c], c))[:CHEATERS])
    members: list[DemoMember] = []
    names: set[str] = set()
    for tier in tiers.all_tiers():
        for k in range(sizes[tier.code]):
            n = len(members) + 1
            rng = random.Random(f"member-{n}")  # noqa: S311 (demo data, reproducible)
            first, last = rng.choice(_FIRST[tier.sex]), rng.choice(_LAST)
            name = f"{first} {last}"
            if name.lower() in names:
                name = f"{first} {last[0]}. {n}"
            names.add(name.lower())
            low, high = _AGES[tier.age_bracket]
            born = today.replace(month=1, day=1) - timedelta(days=365 * rng.randint(low, high))
            dob = born + timedelta(days=rng.randint(0, 300))
            if tiers.age_bracket(dob, today) != tier.age_bracket:
                dob = date(today.year - low - 1, 1, 15)
            tall = 64 if tier.sex == "female" else 69
            members.append(
                DemoMember(
                    number=n,
                    email=f"{first}.{last}.{n:03d}@{DEMO_DOMAIN}".lower(),
                    display_name=name,
                    tier=tier,
                    date_of_birth=dob,
                    state=rng.choice(sorted(ELIGIBLE_STATES)),
                    goals=tuple(rng.sample(_GOALS, rng.randint(1, 3))),
                    height_inches=tall + rng.randint(-4, 5),
                    weight_pounds=(140 if tier.sex == "female" else 180) + rng.randint(-30, 45),
                    open_leaderboard=rng.random() < 0.35,
                    source="fitbit" if rng.random() < 0.7 else "google_fit",
                    vigour=max(0.4, rng.gauss(1.0, 0.22))
                    * (0.93 if tier.age_bracket == "60+" else 1),
                    cheater=tier.code in cheat_tiers and k == 0,
                )
            )
    return members


def _at(day: date, minutes: float) -> datetime:
    return datetime.combine(day, time.min, PROGRAM_TZ).astimezone(UTC) + timedelta(minutes=minutes)


def day_activities(
    member: DemoMember, day: date, now: datetime, yesterday: date
) -> tuple[list[Activity], datetime]:
    """The member's records for one program day as a tracker would report them by `now`
    (today's totals are partial), and when that day's last sync happened."""
    rng = random.Random(f"day-{member.number}-{day.isoformat()}")  # noqa: S311
    start = _at(day, 0)
    day_end = _at(day, 22 * 60)
    until = max(start, min(day_end, now - timedelta(minutes=1)))
    elapsed = max(0.0, min(1.0, (until - start) / (day_end - start)))
    level = member.tier.fitness_level
    f = _LEVEL_FACTOR[level] * member.vigour * (0.12 if rng.random() < 0.1 else 1.0)  # rest day
    f *= 1.1 if day.weekday() >= 5 else 1.0
    if member.cheater and day == yesterday:
        f = 4.0
    ext = f"demo-{member.number}-{day.isoformat()}"
    src = member.source
    steps = int(max(300, rng.gauss(8_000 * f, 1_500)) * elapsed)
    records = [
        Activity(
            activity_type="steps",
            start_time=start,
            end_time=until,
            duration_minutes=0,
            intensity=None,
            metrics={"steps": steps},
            source=src,
            external_id=f"{ext}-steps",
        )
    ]
    for intensity, mean in (("light", 55), ("moderate", 22), ("vigorous", 9)):
        minutes = int(max(0.0, rng.gauss(mean * f, mean * 0.3)) * elapsed)
        if minutes:
            records.append(
                Activity(
                    activity_type="active_minutes",
                    start_time=start,
                    end_time=until,
                    duration_minutes=minutes,
                    intensity=intensity,
                    metrics={},
                    source=src,
                    external_id=f"{ext}-{intensity}",
                )
            )
    workouts = min(3, sum(rng.random() < _WORKOUT_CHANCE[level] * f for _ in range(2)))
    for w in range(workouts):
        begin = _at(day, rng.randint(6 * 60, 19 * 60))
        length = rng.randint(15, 75)
        if begin + timedelta(minutes=length) <= until:
            records.append(
                Activity(
                    activity_type="workout",
                    start_time=begin,
                    end_time=begin + timedelta(minutes=length),
                    duration_minutes=length,
                    intensity=rng.choice(("moderate", "vigorous")),
                    metrics={"calories": length * rng.randint(6, 11)},
                    source=src,
                    external_id=f"{ext}-workout-{w}",
                )
            )
    synced = min(until + timedelta(minutes=rng.randint(5, 100)), now)
    return records, synced
