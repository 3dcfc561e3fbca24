"""Only what a wearable recorded earns points: the Google Health simulator holds
typed-in steps and a typed-in run for a member who logs by hand, as the real API does
(dataSourceFamily all-sources vs google-wearables; recordingMethod MANUAL), and the
Google Fit simulator's merged streams hold typed-in points from a `user_input` stream
(DataPoint.originDataSourceId)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
import requests

from fittrack.clock import program_day
from fittrack.domain.points import WORKOUT_MIN_MINUTES
from fittrack.domain.sync import day_start
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


def _synced(local: LocalPlatform, provider: str) -> tuple[uuid.UUID, datetime]:
    """A new member who logs by hand links `provider` and is synced; them and the time."""
    member = new_member(local.platform)
    link(local.platform, member, provider, sim_user=HAND_LOGGER)
    assert drain(local.platform) == {"synced": 1}
    return member, local.platform.clock()


def _day_rows(local: LocalPlatform, member: uuid.UUID) -> dict[date, tuple[int, int]]:
    return {
        day: (steps, bonuses) for day, (steps, bonuses, _) in _day_figures(local, member).items()
    }


def _day_figures(local: LocalPlatform, member: uuid.UUID) -> dict[date, tuple[int, int, int]]:
    """Per program day: steps, workout bonuses, active minutes."""
    with local.platform.db.unit_of_work(readonly=True) as uow:
        rows = uow.query(
            "SELECT program_day, steps, workout_bonuses, active_minutes FROM daily_points"
            " WHERE user_id = :u",
            {"u": member.bytes},
        )
    return {
        date.fromisoformat(str(r["program_day"])[:10]): (
            r["steps"],
            r["workout_bonuses"],
            r["active_minutes"],
        )
        for r in rows
    }


def test_typed_in_steps_and_workouts_are_kept_but_earn_nothing(local: LocalPlatform) -> None:
    platform = local.platform
    member, now = _synced(local, "fitbit")
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
    token = _linked_token(local, "fitbit")
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


def _linked_token(local: LocalPlatform, provider: str) -> str:
    """A new member who logs by hand links `provider`; the access token it was given."""
    platform = local.platform
    member = new_member(platform)
    link(platform, member, provider, sim_user=HAND_LOGGER)
    with platform.db.unit_of_work(readonly=True) as uow:
        found = connections.find(uow, member, provider)
    assert found is not None
    box = tracker_tokens.cipher(platform)
    return tracker_tokens.unseal(box, found.connection_id, "access", found.access_token_enc)


def _stored(local: LocalPlatform, member: uuid.UUID) -> list[tuple[str, str, dict]]:
    with local.platform.db.unit_of_work(readonly=True) as uow:
        rows = uow.query(
            "SELECT external_id, activity_type, metrics FROM activities WHERE user_id = :u",
            {"u": member.bytes},
        )
    return [(r["external_id"], r["activity_type"], _json(r["metrics"])) for r in rows]


def test_google_fit_pays_only_recorded_points(local: LocalPlatform) -> None:
    member, now = _synced(local, "google_fit")
    figures = _day_figures(local, member)
    assert figures
    for day, (steps, bonuses, active) in figures.items():
        hours = sim_data.hourly_so_far(HAND_LOGGER, day, now)
        sessions = [w.end - w.start for w in sim_data.workouts_so_far(HAND_LOGGER, day, now)]
        recorded_minutes = sum(sum(m.values()) for _, _, m in hours)
        assert steps == sum(int(s * 0.97) for _, s, _ in hours)  # not + MANUAL_STEPS
        assert active == max(recorded_minutes, sum(int(s.total_seconds() // 60) for s in sessions))
        qualifying = [s for s in sessions if s.total_seconds() >= WORKOUT_MIN_MINUTES * 60]
        assert bonuses == min(len(qualifying), 3)
    typed_in = {
        key: metrics for key, _, metrics in _stored(local, member) if "recording" in metrics
    }
    typed_days = [d for d in figures if sim_data.manual_steps(HAND_LOGGER, d, now)]
    run_days = [d for d in figures if sim_data.manual_workouts(HAND_LOGGER, d, now)]
    assert typed_days and run_days
    assert typed_in == {
        **{
            f"manual:steps:{d}": {"steps": sim_data.MANUAL_STEPS, "recording": "manual"}
            for d in typed_days
        },
        **{
            f"manual:active_minutes:{d}:moderate": {"minutes": 45, "recording": "manual"}
            for d in run_days
        },
    }


def test_google_fit_datasets_page_back_in_time(local: LocalPlatform) -> None:
    platform = local.platform
    token = _linked_token(local, "google_fit")
    now = platform.clock()
    start = day_start(program_day(now) - timedelta(days=6))
    url = (
        f"{platform.settings.tracker_providers['google_fit'].api_url}/fitness/v1/users/me/"
        "dataSources/derived:com.google.step_count.delta:com.google.android.gms:"
        f"merge_step_deltas/datasets/{int(start.timestamp()) * 10**9}-"
        f"{int(now.timestamp()) * 10**9}"
    )

    def page(**params: object) -> dict:
        answer = requests.get(
            url, params=params, headers={"Authorization": f"Bearer {token}"}, timeout=10
        )
        assert answer.status_code == 200, answer.text
        return answer.json()

    whole = page(limit=100_000)
    assert "nextPageToken" not in whole
    pages, following = [page(limit=40)], None
    while following := pages[-1].get("nextPageToken"):
        pages.append(page(limit=40, pageToken=following))
    assert len(pages) > 2
    ends = [int(p["endTimeNanos"]) for answer in pages for p in answer["point"]]
    assert sorted(ends) == sorted(int(p["endTimeNanos"]) for p in whole["point"])
    newest_first = [max(int(p["endTimeNanos"]) for p in answer["point"]) for answer in pages]
    assert newest_first == sorted(newest_first, reverse=True)
    origins = {p["originDataSourceId"].rsplit(":", 1)[-1] for p in whole["point"]}
    assert "user_input" in origins and len(origins) == 2


def _json(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else json.loads(str(value))
