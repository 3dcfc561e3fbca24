"""Scheduled runs at both candidate UTC hours act exactly once per New York day."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from fittrack import config
from fittrack.http.jobs import invoke_job
from fittrack.http.registry import FunctionSpec
from fittrack.http.schedule_window import cron_hours, in_declared_hour
from fittrack.platform import Platform


def test_cron_hours() -> None:
    assert cron_hours("30 1 * * *") == {1}
    assert cron_hours("30 1,2,3,4 * * *") == {1, 2, 3, 4}
    assert cron_hours("0 9-11 * * 1") == {9, 10, 11}
    assert cron_hours("0 */6 * * *") == {0, 6, 12, 18}
    assert cron_hours("*/15 * * * *") is None


@pytest.mark.parametrize(
    "day",
    [datetime(2026, 1, 15, tzinfo=UTC), datetime(2026, 7, 15, tzinfo=UTC)],
    ids=["winter", "summer"],
)
def test_of_the_two_utc_candidates_exactly_one_acts(day: datetime) -> None:
    # 01:30 ET is 06:30 UTC in winter (EST) and 05:30 UTC in summer (EDT).
    candidates = [day.replace(hour=5, minute=30), day.replace(hour=6, minute=30)]
    acting = [c for c in candidates if in_declared_hour("30 1 * * *", c)]
    assert acting == [candidates[1] if day.month == 1 else candidates[0]]


def test_both_dst_switch_nights_still_act_once() -> None:
    # 2026-03-08 (spring forward) and 2026-11-01 (fall back), 00:05 ET.
    for day in (datetime(2026, 3, 8, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC)):
        runs = [day + timedelta(hours=h, minutes=5) for h in (4, 5)]
        assert sum(in_declared_hour("5 0 * * *", r) for r in runs) == 1


def _job_platform(now: datetime, environment: str) -> Platform:
    settings = dataclasses.replace(config.Settings(), environment=environment)
    return Platform(settings, clock=lambda: now)


def _spec(calls: list[object]) -> FunctionSpec:
    return FunctionSpec(
        name="unit.nightly",
        handler=lambda job: calls.append(job.payload) or {"ran": True},
        schedule="30 1 * * *",
    )


def test_production_skips_the_off_hour_candidate_and_runs_the_other() -> None:
    calls: list[object] = []
    summer_off = datetime(2026, 7, 15, 6, 30, tzinfo=UTC)  # 02:30 EDT
    summer_on = datetime(2026, 7, 15, 5, 30, tzinfo=UTC)  # 01:30 EDT
    skipped = invoke_job(_spec(calls), b"", _job_platform(summer_off, config.PRODUCTION), None)
    assert skipped["result"] == {"skipped": "off-hour"} and calls == []
    ran = invoke_job(_spec(calls), b"", _job_platform(summer_on, config.PRODUCTION), None)
    assert ran["result"] == {"ran": True} and calls == [None]


def test_an_operator_payload_and_the_local_platform_always_run() -> None:
    calls: list[object] = []
    off_hour = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)
    invoke_job(
        _spec(calls), b'{"day": "2026-07-14"}', _job_platform(off_hour, config.PRODUCTION), None
    )
    invoke_job(_spec(calls), b"", _job_platform(off_hour, config.LOCAL), None)
    assert calls == [{"day": "2026-07-14"}, None]
