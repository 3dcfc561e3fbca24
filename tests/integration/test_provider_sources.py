"""Only what a wearable recorded earns points: the Google Health simulator holds
typed-in steps and a typed-in run for a member who logs by hand, as the real API does
(dataSourceFamily all-sources vs google-wearables; recordingMethod MANUAL)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
import requests

from fittrack.clock import program_day
from fittrack.domain.points import WORKOUT_MIN_MINUTES
from fittrack.local.server import LocalPlatform
from fittrack.local.simulators import sim_data
from fittrack.repositories import connections
from fittrack.services import tracker_tokens
from tests.fixtures.trackers import drain, link, new_member, quiet_platform

HAND_LOGGER = "manual.logger@example.com"


@pytest.fixture
def local(fittrack_home: object) -> Iterator[LocalPlatform]:
    platform = quiet_platform()
    yield platform
    platform.shutdown()


def _day_rows(local: LocalPlatform, member: uuid.UUID) -> dict[date, tuple[int, int]]:
    with local.platform.db.unit_of_work(readonly=True) as uow:
        rows = uow.query(
            "SELECT program_day, steps, workout_bonuses FROM daily_points WHERE user_id = :u",
            {"u": member.bytes},
        )
    return {
        date.fromisoformat(str(r["program_day"])[:10]): (r["steps"], r["workout_bonuses"])
        for r in rows
    }


def test_typed_in_steps_and_workouts_are_kept_but_earn_nothing(local: LocalPlatform) -> None:
    platform = local.platform
    member = new_member(platform)
    link(platform, member, "fitbit", sim_user=HAND_LOGGER)
    assert drain(platform) == {"synced": 1}
    now = platform.clock()
    rows = _day_rows(local, member)
    assert rows
    for day, (steps, bonuses) in rows.items():
        recorded_steps, _ = sim_data.totals_so_far(HAND_LOGGER, day, now)
        recorded_workouts = [
            w
            for w in sim_data.workouts_so_far(HAND_LOGGER, day, now)
            if (w.end - w.start).total_seconds() >= WORKOUT_MIN_MINUTES * 60
        ]
        assert steps == recorded_steps  # not + the typed-in MANUAL_STEPS
        assert bonuses == min(len(recorded_workouts), 3)  # the typed-in run pays no bonus
    with platform.db.unit_of_work(readonly=True) as uow:
        stored = uow.query(
            "SELECT metrics FROM activities WHERE user_id = :u AND activity_type = 'workout'",
            {"u": member.bytes},
        )
    manual = [m for m in (_json(r["metrics"]) for r in stored) if m.get("recording")]
    finished_days = [d for d in rows if sim_data.manual_workouts(HAND_LOGGER, d, now)]
    assert [m["recording"] for m in manual] == ["manual"] * len(finished_days)
    assert finished_days and program_day(now) >= max(finished_days)


def test_the_simulator_rolls_typed_in_steps_only_into_all_sources(local: LocalPlatform) -> None:
    platform = local.platform
    member = new_member(platform)
    link(platform, member, "fitbit", sim_user=HAND_LOGGER)
    with platform.db.unit_of_work(readonly=True) as uow:
        found = connections.find(uow, member, "fitbit")
    assert found is not None
    box = tracker_tokens.cipher(platform)
    token = tracker_tokens.unseal(box, found.connection_id, "access", found.access_token_enc)
    url = platform.settings.tracker_providers["fitbit"].api_url
    day = program_day(platform.clock())
    earlier = date.fromordinal(day.toordinal() - 1)

    def steps(family: str | None) -> int:
        body: dict[str, object] = {
            "range": {
                "start": {
                    "date": {"year": earlier.year, "month": earlier.month, "day": earlier.day}
                },
                "end": {"date": {"year": day.year, "month": day.month, "day": day.day}},
            },
            "windowSizeDays": 1,
        }
        if family:
            body["dataSourceFamily"] = f"users/me/dataSourceFamilies/{family}"
        answer = requests.post(
            f"{url}/v4/users/me/dataTypes/steps/dataPoints:dailyRollUp",
            json=body,
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert answer.status_code == 200, answer.text
        return int(answer.json()["rollupDataPoints"][0]["steps"]["countSum"])

    assert steps(None) == steps("all-sources") == steps("google-wearables") + sim_data.MANUAL_STEPS


def _json(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else json.loads(str(value))
